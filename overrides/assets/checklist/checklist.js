/* Checklists that remember (see README.md in this folder): adds checkboxes, progress,
   households, assignees and notes to the plain lists rendered by scripts/guide/checklists.py.
   Everything stays in localStorage; nothing is sent anywhere. */
(function () {
  "use strict";
  var KEY = "hervestigers.checklists";
  var FORMAT = "hervestigers-checklists";
  var EXPORT_FORMAT = FORMAT + "-household";
  var VERSION = 1;
  var script = document.currentScript;
  var CATALOG = script ? new URL("catalog.json", script.src).href : null;

  var TEXT = {
    nl: {
      progress: "% van % gedaan", total: "Totaal: % van % gedaan", household: "Huishouden: %",
      households: "Huishoudens", active: "Actief huishouden", first: "Huishouden 1",
      manage: "Huishoudens beheren, exporteren of importeren",
      hint: "Houdt u checklists bij voor meer gezinnen? Maak per gezin een huishouden. Gebruik een label, geen persoonsgegevens, bijvoorbeeld ‘Gezin A – aankomst maart’. Alles blijft in deze browser op dit apparaat; er gaat niets naar een server.",
      name: "Naam van dit huishouden", save: "Naam opslaan", add: "Nieuw huishouden", addBtn: "Toevoegen",
      clearAll: "Dit huishouden leegmaken", del: "Dit huishouden verwijderen",
      json: "Downloaden als JSON (om over te zetten)", csv: "Downloaden als CSV (spreadsheet)",
      imp: "Huishouden importeren (JSON-bestand)",
      askClearAll: "Alle vinkjes, namen en notities van ‘%’ wissen? Dit kan niet ongedaan worden gemaakt.",
      askDel: "Huishouden ‘%’ met alle vinkjes en notities verwijderen? Dit kan niet ongedaan worden gemaakt.",
      askClear: "Alle vinkjes, namen en notities van deze checklist in ‘%’ wissen?",
      nowActive: "‘%’ is nu het actieve huishouden.", imported: "‘%’ is geïmporteerd en is nu het actieve huishouden.",
      badImport: "Dit bestand kan niet worden geïmporteerd: het is geen JSON-export van deze checklists, of het is beschadigd. Er is niets veranderd.",
      corrupt: "De opgeslagen voortgang in deze browser kon niet worden gelezen (beschadigd of van een andere versie). De checklists beginnen leeg. De oude gegevens zijn apart bewaard onder ‘%’.",
      noSave: "Uw voortgang kan in deze browser niet worden bewaard (bijvoorbeeld in een privévenster, of de opslag is vol). De checklists werken wel zolang u op deze pagina blijft. Download uw voortgang als JSON om die te bewaren.",
      removed: "Niet meer in de gids", removedText: "Dit huishouden bevat onderdelen die niet meer in de gids staan (de tip is verwijderd of vervangen):",
      forget: "Deze onderdelen vergeten", done: "gedaan", who: "Wie doet het?", note: "Notitie", more: "Wie en notitie",
      whoShort: "Wie", print: "Checklist afdrukken", clear: "Checklist leegmaken",
      csvHead: ["Checklist", "ID", "Tip", "Gedaan", "Wie", "Notitie"], yes: "ja", no: "nee", sep: ";",
      whoList: ["gemeente", "maatschappelijke begeleiding", "vrijwilliger", "COA", "GGD", "huisarts", "school", "woningcorporatie"]
    },
    en: {
      progress: "% of % done", total: "Total: % of % done", household: "Household: %",
      households: "Households", active: "Active household", first: "Household 1",
      manage: "Manage, export or import households",
      hint: "Keeping checklists for several families? Create a household for each. Use a label, not personal data, for example ‘Family A – arriving March’. Everything stays in this browser on this device; nothing is sent to a server.",
      name: "Name of this household", save: "Save name", add: "New household", addBtn: "Add",
      clearAll: "Clear this household", del: "Delete this household",
      json: "Download as JSON (to move it)", csv: "Download as CSV (spreadsheet)",
      imp: "Import a household (JSON file)",
      askClearAll: "Clear all ticks, assignees and notes of ‘%’? This cannot be undone.",
      askDel: "Delete household ‘%’ with all its ticks and notes? This cannot be undone.",
      askClear: "Clear all ticks, assignees and notes of this checklist in ‘%’?",
      nowActive: "‘%’ is now the active household.", imported: "‘%’ has been imported and is now the active household.",
      badImport: "This file cannot be imported: it is not a JSON export of these checklists, or it is damaged. Nothing has been changed.",
      corrupt: "The progress saved in this browser could not be read (damaged, or from another version). The checklists start empty. The old data has been kept aside under ‘%’.",
      noSave: "Your progress cannot be saved in this browser (for example in a private window, or storage is full). The checklists still work while you stay on this page. Download your progress as JSON to keep it.",
      removed: "No longer in the guide", removedText: "This household has items that are no longer in the guide (the tip was removed or replaced):",
      forget: "Forget these items", done: "done", who: "Who does it?", note: "Note", more: "Who and note",
      whoShort: "Who", print: "Print checklist", clear: "Clear checklist",
      csvHead: ["Checklist", "ID", "Tip", "Done", "Who", "Note"], yes: "yes", no: "no", sep: ",",
      whoList: ["municipality", "social support worker", "volunteer", "COA", "GGD", "GP", "school", "housing association"]
    }
  };
  var lang, T;

  function t(key) {
    var args = [].slice.call(arguments, 1);
    return T[key].replace(/%/g, function () { return args.shift(); });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") node.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) node.append(c); });
    return node;
  }

  /* ---- Storage: one versioned JSON value; see README.md for the format. ---- */
  var ls = null, canSave = false, warnings = [], state, catalog = null;

  function isText(v, max) { return typeof v === "string" && v.length <= max; }

  function validItems(items) {
    if (!items || typeof items !== "object" || Array.isArray(items)) return false;
    return Object.keys(items).every(function (id) {
      var e = items[id];
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && e && typeof e === "object" &&
        (e.done === undefined || typeof e.done === "boolean") &&
        (e.who === undefined || isText(e.who, 100)) && (e.note === undefined || isText(e.note, 500));
    });
  }

  function validHousehold(h) {
    return h && typeof h === "object" && isText(h.name, 80) && h.name.trim() !== "" && validItems(h.items);
  }

  function validState(s) {
    if (!s || s.format !== FORMAT || s.version !== VERSION || !Array.isArray(s.households) || !s.households.length) return false;
    var ids = {};
    return s.households.every(function (h) {
      var ok = validHousehold(h) && isText(h.id, 40) && !ids[h.id];
      ids[h.id] = 1;
      return ok;
    }) && !!ids[s.active];
  }

  function newHousehold(name) {
    return { id: "h" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6), name: name, items: {} };
  }

  function freshState() {
    var h = newHousehold(T.first);
    return { format: FORMAT, version: VERSION, active: h.id, households: [h] };
  }

  function save() {
    if (!canSave) return;
    try { ls.setItem(KEY, JSON.stringify(state)); } catch (e) { canSave = false; warn(T.noSave); }
  }

  function load() {
    var raw = null, parsed = null;
    try { ls = window.localStorage; raw = ls.getItem(KEY); } catch (e) { ls = null; }
    try { ls.setItem(KEY + ".probe", "1"); ls.removeItem(KEY + ".probe"); canSave = true; } catch (e) { canSave = false; }
    if (!canSave) warn(T.noSave);
    if (raw === null) return freshState();
    try { parsed = JSON.parse(raw); } catch (e) { /* handled below */ }
    if (validState(parsed)) return parsed;
    // Keep the unreadable value aside (never delete a reader's data), then start clean.
    var aside = KEY + ".unreadable." + new Date().toISOString().replace(/[:.]/g, "-");
    try { ls.setItem(aside, raw); } catch (e) { canSave = false; warn(T.noSave); }
    if (canSave) warn(t("corrupt", aside));
    state = freshState();
    save();
    return state;
  }

  function household() {
    return state.households.filter(function (h) { return h.id === state.active; })[0];
  }

  function entry(id) { return household().items[id] || {}; }

  function setEntry(id, key, value) {
    var items = household().items, e = items[id] || {};
    if (value) e[key] = value; else delete e[key];
    if (Object.keys(e).length) items[id] = e; else delete items[id];
    save();
  }

  /* ---- Page ---- */
  var panel, messages;

  function warn(text) {
    if (warnings.indexOf(text) < 0) warnings.push(text);
    if (messages) showWarnings();
  }

  function showWarnings() {
    messages.querySelectorAll(".checklist-message--warning").forEach(function (n) { n.remove(); });
    warnings.forEach(function (w) { messages.append(el("p", { "class": "checklist-message checklist-message--warning", text: w })); });
  }

  function say(text, error) {
    var old = messages.querySelector(".checklist-message--status");
    if (old) old.remove();
    messages.append(el("p", { "class": "checklist-message checklist-message--status" + (error ? " checklist-message--error" : ""), text: text }));
  }

  function itemIds(list) {
    return [].map.call(list.querySelectorAll("[data-item-id]"), function (li) { return li.dataset.itemId; });
  }

  function countDone(ids) {
    return ids.filter(function (id) { return entry(id).done; }).length;
  }

  function enhanceChecklist(list) {
    var ids = itemIds(list);
    list.classList.add("checklist--js");
    list.querySelectorAll("[data-item-id]").forEach(function (li) {
      var id = li.dataset.itemId, box = "checklist-" + id, label = el("label", { "class": "checklist__label", "for": box });
      label.append.apply(label, [].slice.call(li.childNodes));
      li.append(
        el("input", { type: "checkbox", id: box, "class": "checklist__box", onchange: function (e) { setEntry(id, "done", e.target.checked); render(); } }),
        label,
        el("p", { "class": "checklist__meta", hidden: true }),
        el("details", { "class": "checklist__more" }, [
          el("summary", { text: T.more }),
          el("label", { "for": box + "-who", text: T.who }),
          el("input", { id: box + "-who", "class": "checklist__who", list: "checklist-who", maxlength: 100, autocomplete: "off",
            oninput: function (e) { setEntry(id, "who", e.target.value.trim() && e.target.value); render(); } }),
          el("label", { "for": box + "-note", text: T.note }),
          el("textarea", { id: box + "-note", "class": "checklist__note", maxlength: 500, rows: 2,
            oninput: function (e) { setEntry(id, "note", e.target.value.trim() && e.target.value); render(); } })
        ])
      );
    });
    list.prepend(el("p", { "class": "checklist__status" }, [
      el("span", { "class": "checklist__progress", "aria-live": "polite" }), " · ",
      el("span", { "class": "checklist__household" })
    ]));
    list.append(el("p", { "class": "checklist__actions" }, [
      el("button", { type: "button", "class": "md-button", text: T.print, onclick: function () {
        document.documentElement.classList.add("checklist-printing");
        list.classList.add("checklist--print");
        window.print();
      } }), " ",
      el("button", { type: "button", "class": "md-button", text: T.clear, onclick: function () {
        if (!window.confirm(t("askClear", household().name))) return;
        ids.forEach(function (id) { delete household().items[id]; });
        save();
        render();
      } })
    ]));
  }

  function button(text, onclick) {
    return el("button", { type: "button", "class": "md-button", text: text, onclick: onclick });
  }

  function field(id, labelText, btnText, onsubmit) {
    return el("form", { "class": "checklist-household__form", onsubmit: function (e) {
      e.preventDefault();
      var input = e.target.elements[0], name = input.value.trim().slice(0, 80);
      if (name) onsubmit(name, input);
    } }, [
      el("label", { "for": id, text: labelText }),
      el("input", { id: id, maxlength: 80, autocomplete: "off" }),
      el("button", { "class": "md-button", text: btnText })
    ]);
  }

  function buildPanel() {
    messages = el("div", { "class": "checklist-household__messages", role: "status" });
    panel = el("div", { "class": "checklist-household", role: "region", "aria-label": T.households }, [
      messages,
      el("p", { "class": "checklist-household__current" }, [
        el("label", { "for": "checklist-household", text: T.active }), " ",
        el("select", { id: "checklist-household", onchange: function (e) {
          state.active = e.target.value;
          save();
          render();
          say(t("nowActive", household().name));
        } })
      ]),
      el("div", { "class": "checklist-household__removed", hidden: true }),
      el("details", { "class": "checklist-household__manage" }, [
        el("summary", { text: T.manage }),
        el("p", { "class": "checklist-household__hint", text: T.hint }),
        field("checklist-household-name", T.name, T.save, function (name) {
          household().name = name;
          save();
          render();
        }),
        field("checklist-household-new", T.add, T.addBtn, function (name, input) {
          var h = newHousehold(name);
          state.households.push(h);
          state.active = h.id;
          input.value = "";
          save();
          render();
          say(t("nowActive", name));
        }),
        el("p", {}, [
          button(T.clearAll, function () {
            if (!window.confirm(t("askClearAll", household().name))) return;
            household().items = {};
            save();
            render();
          }), " ",
          button(T.del, function () {
            if (!window.confirm(t("askDel", household().name))) return;
            state.households = state.households.filter(function (h) { return h.id !== state.active; });
            if (!state.households.length) state.households.push(newHousehold(T.first));
            state.active = state.households[0].id;
            save();
            render();
            say(t("nowActive", household().name));
          })
        ]),
        el("p", {}, [button(T.json, exportJson), " ", button(T.csv, exportCsv)]),
        el("p", {}, [
          el("label", { "for": "checklist-import", text: T.imp }), " ",
          el("input", { type: "file", id: "checklist-import", accept: ".json,application/json", onchange: importJson })
        ])
      ]),
      el("datalist", { id: "checklist-who" }, T.whoList.map(function (w) { return el("option", { value: w }); }))
    ]);
    showWarnings();
    return panel;
  }

  /* ---- Export and import ---- */
  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function fileName(ext) {
    return "checklist-" + (household().name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "huishouden") + "." + ext;
  }

  function exportJson() {
    var h = household();
    download(fileName("json"), "application/json", JSON.stringify({
      format: EXPORT_FORMAT, version: VERSION, exported: new Date().toISOString(), household: { name: h.name, items: h.items }
    }, null, 2));
  }

  function csvCell(v) {
    v = String(v == null ? "" : v);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v; // keep spreadsheets from running cell text as a formula
    return '"' + v.replace(/"/g, '""') + '"';
  }

  function exportCsv() {
    var rows = [T.csvHead], seen = {}, items = household().items;
    function row(title, id, text) {
      var e = items[id] || {};
      seen[id] = 1;
      rows.push([title, id, text, e.done ? T.yes : T.no, e.who, e.note]);
    }
    if (catalog) {
      catalog.checklists.forEach(function (c) {
        c.items.forEach(function (i) { row(c.title[lang], i.id, i.text[lang]); });
      });
    } else {
      document.querySelectorAll(".checklist").forEach(function (list) {
        list.querySelectorAll(".checklist__label").forEach(function (label) {
          row(list.dataset.title, label.parentNode.dataset.itemId, label.textContent.trim());
        });
      });
    }
    Object.keys(items).forEach(function (id) { if (!seen[id]) row(catalog ? T.removed : "", id, ""); });
    download(fileName("csv"), "text/csv;charset=utf-8", "\ufeff" + rows.map(function (r) {
      return r.map(csvCell).join(T.sep);
    }).join("\r\n") + "\r\n");
  }

  function importJson(e) {
    var input = e.target, file = input.files[0];
    if (!file) return;
    function fail() { say(T.badImport, true); input.value = ""; }
    if (file.size > 1e6) return fail();
    file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (err) { return fail(); }
      if (!data || data.format !== EXPORT_FORMAT || data.version !== VERSION || !validHousehold(data.household)) return fail();
      var name = data.household.name.trim(), names = state.households.map(function (h) { return h.name; });
      for (var n = 2; names.indexOf(name) >= 0; n++) name = data.household.name.trim() + " (" + n + ")";
      var h = newHousehold(name), only = state.households[0];
      h.items = data.household.items;
      // A first visit's empty default household is replaced rather than kept beside the import.
      if (state.households.length === 1 && only.name === T.first && !Object.keys(only.items).length) state.households = [];
      state.households.push(h);
      state.active = h.id;
      input.value = "";
      save();
      render();
      say(t("imported", name));
    }, fail);
  }

  /* ---- Rendering: the DOM always follows `state` ---- */
  function render() {
    if (!panel) return;
    var h = household(), focused = document.activeElement;
    document.querySelectorAll(".checklist--js").forEach(function (list) {
      var ids = itemIds(list);
      list.querySelector(".checklist__progress").textContent = t("progress", countDone(ids), ids.length);
      list.querySelector(".checklist__household").textContent = t("household", h.name);
      list.querySelectorAll("[data-item-id]").forEach(function (li) {
        var e = entry(li.dataset.itemId), meta = li.querySelector(".checklist__meta");
        li.querySelector(".checklist__box").checked = !!e.done;
        li.classList.toggle("checklist__item--done", !!e.done);
        [["who", ".checklist__who"], ["note", ".checklist__note"]].forEach(function (f) {
          var input = li.querySelector(f[1]);
          if (input !== focused) input.value = e[f[0]] || "";
        });
        meta.textContent = [e.who && T.whoShort + ": " + e.who, e.note && T.note + ": " + e.note].filter(Boolean).join(" · ");
        meta.hidden = !meta.textContent;
      });
    });
    var total = 0, all = 0;
    document.querySelectorAll(".checklist-progress").forEach(function (span) {
      var ids = (span.dataset.items || "").split(/\s+/).filter(Boolean), done = countDone(ids);
      span.textContent = t("progress", done, ids.length);
      total += done;
      all += ids.length;
    });
    var totalNode = document.querySelector(".checklist-progress-total");
    if (totalNode) totalNode.textContent = t("total", total, all);

    var select = panel.querySelector("select"), sig = JSON.stringify([state.active, state.households.map(function (x) { return x.name; })]);
    if (select.dataset.sig !== sig) {
      select.dataset.sig = sig;
      select.replaceChildren.apply(select, state.households.map(function (x) {
        return el("option", { value: x.id, text: x.name, selected: x.id === h.id });
      }));
    }
    var nameInput = panel.querySelector("#checklist-household-name");
    if (nameInput !== focused) nameInput.value = h.name;
    renderRemoved(h);
  }

  function renderRemoved(h) {
    var box = panel.querySelector(".checklist-household__removed"), known = {};
    if (!catalog) return;
    catalog.checklists.forEach(function (c) { c.items.forEach(function (i) { known[i.id] = 1; }); });
    var gone = Object.keys(h.items).filter(function (id) { return !known[id]; });
    box.hidden = !gone.length;
    box.replaceChildren();
    if (!gone.length) return;
    box.append(
      el("p", {}, [el("strong", { text: T.removed }), ": " + T.removedText]),
      el("ul", {}, gone.map(function (id) {
        var e = h.items[id];
        return el("li", { text: [id, e.done && T.done, e.who && T.whoShort + ": " + e.who, e.note && T.note + ": " + e.note].filter(Boolean).join(" · ") });
      })),
      button(T.forget, function () {
        gone.forEach(function (id) { delete h.items[id]; });
        save();
        render();
      })
    );
  }

  function init() {
    var lists = document.querySelectorAll(".checklist[data-checklist]:not(.checklist--js)");
    var spans = document.querySelectorAll(".checklist-progress");
    var first = document.querySelector(".checklist[data-checklist], .checklist-progress");
    panel = null;
    if (!first) return;
    lang = (document.documentElement.lang || "nl").slice(0, 2) === "en" ? "en" : "nl";
    T = TEXT[lang];
    if (!state) state = load();
    lists.forEach(enhanceChecklist);
    if (spans.length) {
      var overview = spans[spans.length - 1].closest("ol, ul") || spans[spans.length - 1].parentNode;
      overview.after(el("p", { "class": "checklist-progress-total", "aria-live": "polite" }));
    }
    if (!first.classList.contains("checklist")) first = first.closest("ol, ul") || first.parentNode;
    first.before(buildPanel());
    render();
    if (CATALOG && !catalog) {
      fetch(CATALOG).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (data && data.version === 1 && Array.isArray(data.checklists)) { catalog = data; render(); }
      }, function () { /* offline: no removed-items report, CSV from this page's items */ });
    }
  }

  // Another tab changed the checklists: follow it.
  window.addEventListener("storage", function (e) {
    if (e.key !== KEY || !state) return;
    try { var next = JSON.parse(e.newValue); if (validState(next)) { state = next; render(); } } catch (err) { /* ignore */ }
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("checklist-printing");
    document.querySelectorAll(".checklist--print").forEach(function (n) { n.classList.remove("checklist--print"); });
  });

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
