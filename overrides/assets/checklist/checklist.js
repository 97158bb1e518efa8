/* Checklists that remember: see README.md in this folder. */
(() => {
  "use strict";
  const KEY = "hervestigers.checklists", FORMAT = "hervestigers-checklists", EXPORT = FORMAT + "-household", VERSION = 1;
  const SRC = document.currentScript && document.currentScript.src;
  const TEXT = {
    nl: {
      progress: "% van % gedaan", total: "Totaal: % van % gedaan", household: "Huishouden: %",
      households: "Huishoudens", active: "Actief huishouden", first: "Huishouden 1",
      manage: "Huishoudens beheren, exporteren of importeren",
      hint: "Maak per gezin een huishouden. Gebruik een label, geen persoonsgegevens, bijvoorbeeld ‘Gezin A – aankomst maart’. Alles blijft in deze browser; er gaat niets naar een server.",
      name: "Naam van dit huishouden", save: "Naam opslaan", add: "Nieuw huishouden", addBtn: "Toevoegen",
      clearAll: "Dit huishouden leegmaken", del: "Dit huishouden verwijderen",
      json: "Downloaden als JSON (om over te zetten)", csv: "Downloaden als CSV (spreadsheet)",
      imp: "Huishouden importeren (JSON-bestand)",
      askClearAll: "Alle vinkjes en notities van ‘%’ wissen?",
      askDel: "Huishouden ‘%’ met alle vinkjes en notities verwijderen?",
      askClear: "Alle vinkjes en notities van deze checklist in ‘%’ wissen?",
      nowActive: "‘%’ is nu actief.", imported: "‘%’ is geïmporteerd en nu actief.",
      badImport: "Dit bestand kan niet worden geïmporteerd: het is geen (volledige) JSON-export van deze checklists. Er is niets veranderd.",
      corrupt: "De opgeslagen voortgang kon niet worden gelezen (beschadigd of van een andere versie). De checklists beginnen leeg; de oude gegevens zijn bewaard onder ‘%’.",
      noSave: "Uw voortgang kan in deze browser niet worden bewaard (privévenster of opslag vol). De checklists werken wel zolang u op deze pagina blijft; download ze als JSON om ze te bewaren.",
      removed: "Niet meer in de gids", removedText: "deze tips uit dit huishouden zijn verwijderd of vervangen:",
      forget: "Deze tips vergeten", done: "gedaan", who: "Wie doet het?", note: "Notitie", more: "Wie en notitie",
      whoShort: "Wie", print: "Checklist afdrukken", clear: "Checklist leegmaken",
      csvHead: ["Checklist", "ID", "Tip", "Gedaan", "Wie", "Notitie"], yes: "ja", no: "nee", sep: ";",
      whoList: ["gemeente", "maatschappelijke begeleiding", "vrijwilliger", "COA", "GGD", "huisarts", "school", "woningcorporatie"]
    },
    en: {
      progress: "% of % done", total: "Total: % of % done", household: "Household: %",
      households: "Households", active: "Active household", first: "Household 1",
      manage: "Manage, export or import households",
      hint: "Create a household for each family. Use a label, not personal data, for example ‘Family A – arriving March’. Everything stays in this browser; nothing is sent to a server.",
      name: "Name of this household", save: "Save name", add: "New household", addBtn: "Add",
      clearAll: "Clear this household", del: "Delete this household",
      json: "Download as JSON (to move it)", csv: "Download as CSV (spreadsheet)",
      imp: "Import a household (JSON file)",
      askClearAll: "Clear all ticks and notes of ‘%’?",
      askDel: "Delete household ‘%’ with all its ticks and notes?",
      askClear: "Clear all ticks and notes of this checklist in ‘%’?",
      nowActive: "‘%’ is now active.", imported: "‘%’ has been imported and is now active.",
      badImport: "This file cannot be imported: it is not a (complete) JSON export of these checklists. Nothing has been changed.",
      corrupt: "The saved progress could not be read (damaged, or from another version). The checklists start empty; the old data is kept under ‘%’.",
      noSave: "Your progress cannot be saved in this browser (private window or storage full). The checklists work while you stay on this page; download them as JSON to keep them.",
      removed: "No longer in the guide", removedText: "these tips of this household were removed or replaced:",
      forget: "Forget these tips", done: "done", who: "Who does it?", note: "Note", more: "Who and note",
      whoShort: "Who", print: "Print checklist", clear: "Clear checklist",
      csvHead: ["Checklist", "ID", "Tip", "Done", "Who", "Note"], yes: "yes", no: "no", sep: ",",
      whoList: ["municipality", "social support worker", "volunteer", "COA", "GGD", "GP", "school", "housing association"]
    }
  };
  let lang, T, ls, canSave, state, catalog, panel, messages;
  const catalogs = {};
  const warnings = [];
  const t = (key, ...args) => T[key].replace(/%/g, () => args.shift());
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    node.append(...children.filter(Boolean));
    return node;
  }
  const button = (text, onclick) => el("button", { type: "button", class: "md-button", text, onclick });

  /* Storage: one versioned JSON value (README.md) */
  const parse = (raw) => { try { return JSON.parse(raw); } catch (e) { return null; } };
  const isText = (v, max) => typeof v === "string" && v.length <= max;
  const isMap = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const validItems = (items) => isMap(items) && Object.entries(items).every(([id, e]) =>
    /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && isMap(e) && [undefined, true, false].includes(e.done) &&
    (e.who === undefined || isText(e.who, 100)) && (e.note === undefined || isText(e.note, 500)));
  const validHousehold = (h) => isMap(h) && isText(h.name, 80) && !!h.name.trim() && validItems(h.items);
  const validState = (s) => isMap(s) && s.format === FORMAT && s.version === VERSION && Array.isArray(s.households) &&
    s.households.every((h, i) => validHousehold(h) && isText(h.id, 40) && s.households.findIndex((x) => x.id === h.id) === i) &&
    s.households.some((h) => h.id === s.active);

  const newHousehold = (name) => ({ id: "h" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6), name, items: {} });
  function freshState() {
    const h = newHousehold(T.first);
    return { format: FORMAT, version: VERSION, active: h.id, households: [h] };
  }

  function save() {
    if (canSave) try { ls.setItem(KEY, JSON.stringify(state)); } catch (e) { canSave = false; warn(T.noSave); }
  }
  const update = () => { save(); render(); };

  function load() {
    let raw = null;
    try { ls = window.localStorage; raw = ls.getItem(KEY); } catch (e) { ls = null; }
    try { ls.setItem(KEY + ".probe", "1"); ls.removeItem(KEY + ".probe"); canSave = true; } catch (e) { canSave = false; warn(T.noSave); }
    if (raw === null) return freshState();
    const parsed = parse(raw);
    if (validState(parsed)) return parsed;
    state = freshState();
    if (!canSave) return state; // cannot keep it aside, so leave it where it is
    // Keep unreadable data aside (never delete it), start clean.
    const aside = KEY + ".unreadable." + new Date().toISOString().replace(/\D/g, "");
    try { ls.setItem(aside, raw); warn(t("corrupt", aside)); save(); } catch (e) { canSave = false; warn(T.noSave); }
    return state;
  }

  const household = () => state.households.find((h) => h.id === state.active);
  // The first, unnamed household shows its default name in the page language.
  const isDefault = (h) => h.name === TEXT.nl.first || h.name === TEXT.en.first;
  const nameOf = (h = household()) => isDefault(h) ? T.first : h.name;
  const entry = (id) => household().items[id] || {};
  const countDone = (ids) => ids.filter((id) => entry(id).done).length;

  function setEntry(id, key, value) {
    const items = household().items, e = items[id] || {};
    if (value) e[key] = value; else delete e[key];
    if (Object.keys(e).length) items[id] = e; else delete items[id];
    update();
  }

  function warn(text) {
    if (!warnings.includes(text)) warnings.push(text);
    if (messages) showWarnings();
  }
  function showWarnings() {
    $$(".checklist-message--warning", messages).forEach((n) => n.remove());
    messages.prepend(...warnings.map((w) => el("p", { class: "checklist-message checklist-message--warning", text: w })));
  }
  function say(text, error) {
    $$(".checklist-message--status", messages).forEach((n) => n.remove());
    messages.append(el("p", { class: "checklist-message checklist-message--status" + (error ? " checklist-message--error" : ""), text }));
  }

  const itemIds = (root) => $$("[data-item-id]", root).map((li) => li.dataset.itemId);

  function enhance(list) {
    const ids = itemIds(list);
    list.classList.add("checklist--js");
    for (const li of $$("[data-item-id]", list)) {
      const id = li.dataset.itemId, box = "checklist-" + id;
      const field = (tag, key, max, label) => [
        el("label", { for: box + "-" + key, text: label }),
        el(tag, { id: box + "-" + key, class: "checklist__" + key, maxlength: max, autocomplete: "off",
          list: tag === "input" && "checklist-who", rows: tag === "textarea" && 2,
          oninput: (e) => setEntry(id, key, e.target.value.trim() && e.target.value) })
      ];
      li.append(
        el("input", { type: "checkbox", id: box, class: "checklist__box", onchange: (e) => setEntry(id, "done", e.target.checked) }),
        el("label", { class: "checklist__label", for: box }, [...li.childNodes]),
        el("p", { class: "checklist__meta", hidden: true }),
        el("details", { class: "checklist__more" }, [
          el("summary", { text: T.more }), ...field("input", "who", 100, T.who), ...field("textarea", "note", 500, T.note)
        ])
      );
    }
    list.prepend(el("p", { class: "checklist__status" }, [
      el("span", { class: "checklist__progress", "aria-live": "polite" }), " · ", el("span", { class: "checklist__household" })
    ]));
    list.append(el("p", { class: "checklist__actions" }, [
      button(T.print, () => {
        document.documentElement.classList.add("checklist-printing");
        list.classList.add("checklist--print");
        window.print();
      }), " ",
      button(T.clear, () => {
        if (!confirm(t("askClear", nameOf()))) return;
        ids.forEach((id) => delete household().items[id]);
        update();
      })
    ]));
  }

  function nameForm(id, label, action, onname) {
    return el("form", { class: "checklist-household__form", onsubmit: (e) => {
      e.preventDefault();
      const input = e.target.elements[0], name = input.value.trim().slice(0, 80);
      if (name) onname(name, input);
    } }, [el("label", { for: id, text: label }), el("input", { id, maxlength: 80, autocomplete: "off" }), el("button", { class: "md-button", text: action })]);
  }

  function activate(h, message) {
    state.active = h.id;
    update();
    say(t(message || "nowActive", nameOf(h)));
  }

  function buildPanel() {
    messages = el("div", { class: "checklist-household__messages", role: "status" });
    panel = el("div", { class: "checklist-household", role: "region", "aria-label": T.households }, [
      messages,
      el("p", { class: "checklist-household__current" }, [
        el("label", { for: "checklist-household", text: T.active }), " ",
        el("select", { id: "checklist-household", onchange: (e) => activate(state.households.find((h) => h.id === e.target.value)) })
      ]),
      el("div", { class: "checklist-household__removed", hidden: true }),
      el("details", { class: "checklist-household__manage" }, [
        el("summary", { text: T.manage }),
        el("p", { class: "checklist-household__hint", text: T.hint }),
        nameForm("checklist-household-name", T.name, T.save, (name) => { household().name = name; update(); }),
        nameForm("checklist-household-new", T.add, T.addBtn, (name, input) => {
          const h = newHousehold(name);
          state.households.push(h);
          input.value = "";
          activate(h);
        }),
        el("p", {}, [
          button(T.clearAll, () => {
            if (confirm(t("askClearAll", nameOf()))) { household().items = {}; update(); }
          }), " ",
          button(T.del, () => {
            if (!confirm(t("askDel", nameOf()))) return;
            state.households = state.households.filter((h) => h.id !== state.active);
            if (!state.households.length) state.households.push(newHousehold(T.first));
            activate(state.households[0]);
          })
        ]),
        el("p", {}, [button(T.json, exportJson), " ", button(T.csv, exportCsv)]),
        el("p", {}, [
          el("label", { for: "checklist-import", text: T.imp }), " ",
          el("input", { type: "file", id: "checklist-import", accept: ".json,application/json", onchange: importJson })
        ])
      ]),
      el("datalist", { id: "checklist-who" }, T.whoList.map((value) => el("option", { value })))
    ]);
    showWarnings();
    return panel;
  }

  function download(ext, type, text) {
    const slug = nameOf().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: "checklist-" + (slug || "household") + "." + ext });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function exportJson() {
    const { name, items } = household();
    download("json", "application/json", JSON.stringify({ format: EXPORT, version: VERSION, exported: new Date().toISOString(), household: { name, items } }, null, 2));
  }

  async function exportCsv() {
    await loadCatalog();
    const items = household().items, rows = [T.csvHead], seen = new Set();
    const row = (title, id, text) => {
      const e = items[id] || {};
      seen.add(id);
      rows.push([title, id, text, e.done ? T.yes : T.no, e.who, e.note]);
    };
    if (catalog) catalog.checklists.forEach((c) => c.items.forEach((i) => row(c.title, i.id, i.text)));
    Object.keys(items).filter((id) => !seen.has(id)).forEach((id) => row(catalog ? T.removed : "", id, ""));
    // A leading = + - @ would run as a spreadsheet formula.
    const cell = (v) => '"' + String(v || "").replace(/^[=+\-@\t\r]/, "'$&").replace(/"/g, '""') + '"';
    download("csv", "text/csv;charset=utf-8", "\ufeff" + rows.map((r) => r.map(cell).join(T.sep) + "\r\n").join(""));
  }

  async function importJson(e) {
    const input = e.target, file = input.files[0];
    if (!file) return;
    const data = file.size < 1e6 && parse(await file.text().catch(() => ""));
    input.value = "";
    if (!isMap(data) || data.format !== EXPORT || data.version !== VERSION || !validHousehold(data.household)) return say(T.badImport, true);
    const base = data.household.name.trim(), only = state.households[0];
    let name = base;
    for (let n = 2; state.households.some((h) => h.name === name); n++) name = base + " (" + n + ")";
    const h = newHousehold(name);
    h.items = data.household.items;
    // An untouched default household gives way to the import.
    if (state.households.length === 1 && isDefault(only) && !Object.keys(only.items).length) state.households = [];
    state.households.push(h);
    activate(h, "imported");
  }

  // The page always follows `state`.
  function render() {
    if (!panel) return;
    const h = household(), focused = document.activeElement;
    for (const list of $$(".checklist--js")) {
      const ids = itemIds(list);
      list.querySelector(".checklist__progress").textContent = t("progress", countDone(ids), ids.length);
      list.querySelector(".checklist__household").textContent = t("household", nameOf(h));
      for (const li of $$("[data-item-id]", list)) {
        const e = entry(li.dataset.itemId), meta = li.querySelector(".checklist__meta");
        li.querySelector(".checklist__box").checked = !!e.done;
        for (const key of ["who", "note"]) {
          const input = li.querySelector(".checklist__" + key);
          if (input !== focused) input.value = e[key] || "";
        }
        meta.textContent = [e.who && T.whoShort + ": " + e.who, e.note && T.note + ": " + e.note].filter(Boolean).join(" · ");
        meta.hidden = !meta.textContent;
      }
    }
    let done = 0, all = 0;
    for (const span of $$(".checklist-progress")) {
      const ids = (span.dataset.items || "").split(/\s+/).filter(Boolean), n = countDone(ids);
      span.textContent = t("progress", n, ids.length);
      done += n;
      all += ids.length;
    }
    const total = document.querySelector(".checklist-progress-total");
    if (total) total.textContent = t("total", done, all);
    // For pages that show the household box only once it is of use (home: overrides/assets/step-by-step/).
    panel.dataset.done = String(done);
    panel.dataset.households = String(state.households.length);

    const select = panel.querySelector("select"), sig = JSON.stringify([h.id, state.households.map(nameOf)]);
    if (select.dataset.sig !== sig) { // rebuild only on change: keeps a focused select steady
      select.dataset.sig = sig;
      select.replaceChildren(...state.households.map((x) => el("option", { value: x.id, text: nameOf(x), selected: x === h })));
    }
    const nameInput = panel.querySelector("#checklist-household-name");
    if (nameInput !== focused) nameInput.value = nameOf(h);
    // The catalog is fetched only when this household holds tips from elsewhere.
    const here = new Set([...itemIds(document), ...$$(".checklist-progress").flatMap((s) => (s.dataset.items || "").split(/\s+/))]);
    if (Object.keys(h.items).some((id) => !here.has(id))) loadCatalog();
    renderRemoved(h);
  }

  // The guide's items in the page language (catalog.<lang>.json, written at build).
  function loadCatalog() {
    catalogs[lang] = catalogs[lang] || fetch(new URL("catalog." + lang + ".json", SRC)).then((r) => r.json()).then((data) => {
      if (isMap(data) && data.version === 1 && Array.isArray(data.checklists)) { catalog = data; render(); }
    }).catch(() => {}); // offline: no removed-tips report, CSV from this page
    return catalogs[lang];
  }

  function renderRemoved(h) {
    if (!catalog) return; // without it, no way to tell which ids left the guide
    const box = panel.querySelector(".checklist-household__removed");
    const known = new Set(catalog.checklists.flatMap((c) => c.items.map((i) => i.id)));
    const gone = Object.keys(h.items).filter((id) => !known.has(id));
    box.hidden = !gone.length;
    box.replaceChildren(...(gone.length ? [
      el("p", {}, [el("strong", { text: T.removed }), ": " + T.removedText]),
      el("ul", {}, gone.map((id) => {
        const e = h.items[id];
        return el("li", { text: [id, e.done && T.done, e.who && T.whoShort + ": " + e.who, e.note && T.note + ": " + e.note].filter(Boolean).join(" · ") });
      })),
      button(T.forget, () => { gone.forEach((id) => delete h.items[id]); update(); })
    ] : []));
  }

  function init() {
    let anchor = document.querySelector(".checklist[data-checklist], .checklist-progress");
    const spans = $$(".checklist-progress");
    panel = null;
    if (!anchor) return;
    lang = document.documentElement.lang.startsWith("en") ? "en" : "nl";
    T = TEXT[lang];
    state = state || load();
    $$(".checklist[data-checklist]:not(.checklist--js)").forEach(enhance);
    if (spans.length) {
      const last = spans[spans.length - 1];
      (last.closest("ol, ul") || last.parentNode).after(el("p", { class: "checklist-progress-total", "aria-live": "polite" }));
    }
    if (!anchor.classList.contains("checklist")) anchor = anchor.closest("ol, ul") || anchor.parentNode;
    anchor.before(buildPanel());
    if (catalog && catalog.lang !== lang) catalog = null;
    render();
  }

  // Another tab changed the checklists: follow it.
  addEventListener("storage", (e) => {
    if (e.key !== KEY || !state) return;
    const next = parse(e.newValue);
    if (validState(next)) { state = next; render(); }
  });
  addEventListener("afterprint", () => {
    document.documentElement.classList.remove("checklist-printing");
    $$(".checklist--print").forEach((n) => n.classList.remove("checklist--print"));
  });

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
