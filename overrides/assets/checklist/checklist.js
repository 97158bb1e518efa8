/* Checklists that remember: the page side (see README.md in this folder).
   Saved state: store.js (window.hervestigersStore). Interface text: docs/data/ui/checklist.yml,
   written into the page by the build as #checklist-text, with the catalog's name and version as
   its data attributes. Shared helpers: overrides/assets/dom/ (window.hervestigersDom). */
(() => {
  "use strict";
  const store = window.hervestigersStore, { el, button, texts, onPage } = window.hervestigersDom, MAX = store.LIMITS;
  const SRC = document.currentScript && document.currentScript.src;
  const UNDO_MS = 8000, REMIND_DAYS = 14;
  let T, t, built, panel, messages, catalog, persisted = null;
  const catalogs = {};
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

  const nameOf = (h = store.household()) => h.name || T.first;
  const count = (ids) => {
    const h = store.household(), statuses = ids.map((id) => store.status(id, h));
    return [statuses.filter((s) => s === "done").length, statuses.filter((s) => s !== "na").length];
  };
  const itemIds = (root) => $$("[data-item-id]", root).map((li) => li.dataset.itemId);
  const listIds = (node) => (node.dataset.items || "").split(/\s+/).filter(Boolean);

  /* Messages: one status region in the household panel, one beside each checklist's actions. */
  function say(text, { error, where = messages, actions = [], lapse } = {}) {
    if (!where) return;
    $$(".checklist-message--status", where).forEach((n) => n.remove());
    const p = el("p", { class: "checklist-message checklist-message--status" + (error ? " checklist-message--error" : "") }, [
      text, ...actions.map(([label, fn, kind]) => [" ", button(label, () => { p.remove(); fn(); }, kind)]).flat()
    ]);
    where.append(p);
    if (lapse) setTimeout(() => p.remove(), lapse);
  }
  // Destructive actions happen at once and can be undone for a few seconds.
  function destructive(message, action, where) {
    const before = store.snapshot();
    action();
    say(message, { where, lapse: UNDO_MS, actions: [[T.undo, () => { store.restore(before); say(T.undone, { where }); }]] });
  }
  function showProblems() {
    if (!messages) return;
    $$(".checklist-message--warning", messages).forEach((n) => n.remove());
    messages.prepend(...store.problems.map((p) =>
      el("p", { class: "checklist-message checklist-message--warning", text: t(p.code, p.detail) })));
  }

  /* Per item, the build wrote the checkbox row, its status and one button (hidden until now);
     the script listens once per list and builds the who/note fields when first opened. */
  function enhance(list) {
    const ids = itemIds(list), where = el("div", { class: "checklist__messages", role: "status" });
    list.classList.add("checklist--js");
    list.addEventListener("change", (e) => {
      const li = e.target.closest("[data-item-id]");
      if (e.target.matches(".checklist__box")) store.setStatus(li.dataset.itemId, e.target.checked ? "done" : "todo");
    });
    list.addEventListener("click", (e) => {
      const more = e.target.closest(".checklist__more");
      if (more) toggle(more.closest("[data-item-id]"));
    });
    list.prepend(el("p", { class: "checklist__status" }, [
      el("span", { class: "checklist__progress", "aria-live": "polite" }), " · ", el("span", { class: "checklist__household" })
    ]));
    list.append(el("div", { class: "checklist__actions" }, [
      button(T.print, () => {
        document.documentElement.classList.add("checklist-printing");
        list.classList.add("checklist--print");
        window.print();
      }, "md-button--primary"),
      el("p", { class: "checklist__danger" }, [button(T.clear, () =>
        destructive(t("cleared", nameOf()), () => store.clearItems(ids), where), "checklist__danger-button")]),
      where
    ]));
  }

  function toggle(li) {
    const id = li.dataset.itemId, box = li.querySelector(".checklist__box").id, more = li.querySelector(".checklist__more");
    let fields = li.querySelector(".checklist__fields");
    if (!fields) {
      let timer;
      const status = el("span", { class: "checklist__saved", "aria-live": "polite" });
      const field = (tag, key, max, label) => [
        el("label", { for: box + "-" + key, text: label }),
        el(tag, { id: box + "-" + key, class: "checklist__" + key, maxlength: max, autocomplete: "off",
          list: tag === "input" ? "checklist-who" : undefined, rows: tag === "textarea" ? 2 : undefined,
          oninput: (e) => {
            store.setField(id, key, e.target.value.trim() && e.target.value);
            status.textContent = "";
            clearTimeout(timer);
            // Told once the typing pauses, and only if it was really saved.
            timer = setTimeout(() => {
              if (!store.canSave()) return;
              status.textContent = T.saved;
              timer = setTimeout(() => { status.textContent = ""; }, 3000);
            }, 600);
          } })
      ];
      fields = el("div", { class: "checklist__fields", id: box + "-more", hidden: true }, [
        ...field("input", "who", MAX.who, T.who), ...field("textarea", "note", MAX.note, T.note),
        el("p", {}, [button(T.markNa, () => store.setStatus(id, store.status(id) === "na" ? "todo" : "na"), "checklist__na"), " ", status])
      ]);
      if (!document.getElementById("checklist-who")) {
        document.body.append(el("datalist", { id: "checklist-who" }, T.whoList.map((value) => el("option", { value }))));
      }
      li.append(fields);
      more.setAttribute("aria-controls", fields.id);
    }
    fields.hidden = !fields.hidden;
    more.setAttribute("aria-expanded", String(!fields.hidden));
    renderItem(li);
  }

  function renderItem(li, h = store.household()) {
    const id = li.dataset.itemId, e = store.entry(id, h), s = e.status || "todo";
    const fields = li.querySelector(".checklist__fields"), meta = li.querySelector(".checklist__meta");
    li.dataset.status = s;
    li.querySelector(".checklist__box").checked = s === "done";
    li.querySelector(".checklist__tag").textContent = T[s];
    meta.textContent = [e.who && T.whoShort + ": " + e.who, e.note && T.note + ": " + e.note].filter(Boolean).join(" · ");
    // The fields show the same, so the line hides while they are open.
    meta.hidden = !meta.textContent || (fields && !fields.hidden);
    if (!fields) return;
    for (const key of ["who", "note"]) {
      const input = fields.querySelector(".checklist__" + key);
      if (input !== document.activeElement) input.value = e[key] || "";
    }
    fields.querySelector(".checklist__na").setAttribute("aria-pressed", String(s === "na"));
  }

  function nameForm(id, label, action, onname) {
    return el("form", { class: "checklist-household__form", onsubmit: (e) => {
      e.preventDefault();
      const input = e.target.elements[0], name = input.value.trim().slice(0, MAX.name);
      if (name) onname(name, input);
    } }, [el("label", { for: id, text: label }), el("input", { id, maxlength: MAX.name, autocomplete: "off" }), " ",
      el("button", { class: "md-button", text: action })]);
  }

  function buildPanel() {
    messages = el("div", { class: "checklist-household__messages", role: "status" });
    panel = el("div", { class: "checklist-household", role: "region", "aria-label": T.households }, [
      messages,
      el("p", { class: "checklist-household__current" }, [
        el("label", { for: "checklist-household", text: T.active }), " ",
        el("select", { id: "checklist-household", onchange: (e) => {
          store.setActive(e.target.value);
          say(t("nowActive", nameOf()));
        } })
      ]),
      el("p", { class: "checklist-household__exported" }),
      el("div", { class: "checklist-household__removed", hidden: true }),
      el("details", { class: "checklist-household__manage", ontoggle: (e) => {
        if (!e.target.querySelector("form")) { e.target.append(...manageContent()); render(); }
      } }, [el("summary", { text: T.manage })])
    ]);
    showProblems();
    return panel;
  }

  // Built when first opened.
  function manageContent() {
    return [
      el("p", { class: "checklist-household__hint", text: T.hint }),
      nameForm("checklist-household-name", T.name, T.save, (name) => store.rename(name)),
      nameForm("checklist-household-new", T.add, T.addBtn, (name, input) => {
        store.addHousehold(name);
        input.value = "";
        say(t("nowActive", name));
      }),
      el("p", { class: "checklist-household__buttons" }, [
        button(T.jsonAll, () => exportJson(true)), button(T.json, () => exportJson(false)), button(T.csv, exportCsv)
      ]),
      el("p", { class: "checklist-household__import" }, [
        // The file picker as a button: the real input stays focusable, its label looks like a button.
        el("input", { type: "file", id: "checklist-import", class: "checklist-household__file", accept: ".json,application/json", onchange: importJson }),
        el("label", { for: "checklist-import", class: "md-button", text: T.imp })
      ]),
      el("div", { class: "checklist-household__danger", role: "group", "aria-label": T.danger }, [
        button(T.clearAll, () => destructive(t("clearedAll", nameOf()), () => store.clearItems()), "checklist__danger-button"),
        button(T.del, () => destructive(t("deleted", nameOf()), () => store.removeHousehold()), "checklist__danger-button")
      ])
    ];
  }

  function download(ext, type, text, all) {
    const slug = (all ? "" : nameOf().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")) || (all ? "households" : "household");
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: "checklist-" + slug + "." + ext });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function exportJson(all) {
    download("json", "application/json", JSON.stringify(store.exportData(all), null, 2), all);
  }

  async function exportCsv() {
    await loadCatalog();
    const h = store.household(), rows = [T.csvHead], seen = new Set();
    const row = (title, id, text) => {
      const e = h.items[id] || {};
      seen.add(id);
      rows.push([title, id, text, T[e.status || "todo"], e.who, e.note]);
    };
    if (catalog) catalog.checklists.forEach((c) => c.items.forEach((i) => row(c.title, i.id, i.text)));
    Object.keys(h.items).filter((id) => !seen.has(id)).forEach((id) => row(catalog ? T.removed : "", id, ""));
    // A leading = + - @ would run as a spreadsheet formula.
    const cell = (v) => '"' + String(v || "").replace(/^[=+\-@\t\r]/, "'$&").replace(/"/g, '""') + '"';
    download("csv", "text/csv;charset=utf-8", "\ufeff" + rows.map((r) => r.map(cell).join(T.sep) + "\r\n").join(""));
  }

  async function importJson(e) {
    const input = e.target, file = input.files[0];
    if (!file) return;
    const text = file.size < 1e6 ? await file.text().catch(() => "") : "";
    input.value = "";
    const result = store.readImport(text);
    if (result.error) return say(result.error === "newer" ? T.newerImport : T.badImport, { error: true });
    const list = result.households, clashes = store.clashes(list);
    const finish = (replace) => {
      const h = store.importHouseholds(list, replace, T.first);
      say(list.length > 1 ? t("importedMany", list.length, nameOf(h)) : t("imported", nameOf(h)));
    };
    if (!clashes.length) return finish(false);
    say(t("clash", clashes.map(nameOf).join("’, ‘")), { actions: [
      [T.replace, () => finish(true)], [T.addNew, () => finish(false)], [T.cancel, () => say(T.nothingChanged)]
    ] });
  }

  // The page always follows the store.
  function render() {
    if (!panel) return;
    const h = store.household();
    for (const list of $$(".checklist--js")) {
      const [done, all] = count(itemIds(list));
      list.querySelector(".checklist__progress").textContent = t("progress", done, all);
      list.querySelector(".checklist__household").textContent = t("household", nameOf(h));
      $$("[data-item-id]", list).forEach((li) => renderItem(li, h));
    }
    let done = 0, all = 0;
    // The summaries under a page's title and on the home page: text and bar.
    for (const node of $$(".checklist-summary, .checklist-progress")) {
      const [n, of] = count(listIds(node));
      if (node.matches(".checklist-progress")) { done += n; all += of; }
      node.hidden = false;
      node.querySelector(".checklist-summary__count").textContent = t(node.matches(".checklist-progress") ? "progress" : "summary", n, of);
      node.querySelector(".checklist-summary__bar > span").style.width = (of ? Math.round(100 * n / of) : 0) + "%";
    }
    const total = document.querySelector(".checklist-progress-total");
    if (total) total.textContent = t("total", done, all);
    // For pages that show the household box only once it is of use (home: overrides/assets/step-by-step/).
    panel.dataset.done = String(done);
    panel.dataset.households = String(store.households().length);

    const select = panel.querySelector("select"), sig = JSON.stringify([h.id, store.households().map(nameOf)]);
    if (select.dataset.sig !== sig) { // rebuild only on change: keeps a focused select steady
      select.dataset.sig = sig;
      select.replaceChildren(...store.households().map((x) => el("option", { value: x.id, text: nameOf(x), selected: x === h })));
    }
    const nameInput = panel.querySelector("#checklist-household-name");
    if (nameInput && nameInput !== document.activeElement) nameInput.value = nameOf(h);
    renderExported();
    showProblems();
    // The catalog is fetched only when this household holds tips from elsewhere.
    const here = new Set([...itemIds(document), ...$$(".checklist-progress").flatMap(listIds)]);
    if (Object.keys(h.items).some((id) => !here.has(id))) loadCatalog();
    renderRemoved(h);
  }

  // When the checklists were last exported; an export is suggested when it is due.
  function renderExported() {
    const last = store.lastExport(), node = panel.querySelector(".checklist-household__exported");
    const filled = store.households().some((h) => Object.keys(h.items).length || h.plan);
    const old = !last || Date.now() - Date.parse(last) > REMIND_DAYS * 864e5;
    const date = last && new Date(last).toLocaleDateString(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" });
    node.textContent = (last ? t("lastExport", date) : T.neverExported) + (filled && (old || persisted === false) ? " " + T.remind : "");
    node.classList.toggle("checklist-household__exported--due", filled && (old || persisted === false));
  }

  // The guide's items in the page language, written at build beside this script; the page names
  // the file and the version this build writes, so a catalog from another build is ignored.
  function loadCatalog() {
    const { catalog: file, catalogVersion: version } = built;
    catalogs[file] = catalogs[file] || fetch(new URL(file, SRC)).then((r) => r.json()).then((data) => {
      if (data && String(data.version) === version && Array.isArray(data.checklists)) { catalog = data; render(); }
    }).catch(() => {}); // offline: no removed-tips report, CSV from this page
    return catalogs[file];
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
        return el("li", { text: [id, e.status && T[e.status], e.who && T.whoShort + ": " + e.who, e.note && T.note + ": " + e.note].filter(Boolean).join(" · ") });
      })),
      button(T.forget, () => store.forget(gone))
    ] : []));
  }

  function init() {
    let anchor = document.querySelector(".checklist[data-checklist], .checklist-progress");
    const page = texts("checklist-text"), spans = $$(".checklist-progress");
    panel = null;
    if (!anchor || !page) return;
    ({ T, t, data: built } = page);
    if (catalog && catalog.lang !== T.lang) catalog = null;
    store.load();
    $$(".checklist[data-checklist]:not(.checklist--js)").forEach(enhance);
    if (spans.length) {
      const last = spans[spans.length - 1];
      (last.closest("ol, ul") || last.parentNode).after(el("p", { class: "checklist-progress-total", "aria-live": "polite" }));
    }
    if (!anchor.classList.contains("checklist")) anchor = anchor.closest("ol, ul") || anchor.parentNode;
    anchor.before(buildPanel());
    render();
    if (navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then((yes) => { persisted = yes; render(); }, () => {});
    }
  }

  store.subscribe(render);
  addEventListener("afterprint", () => {
    document.documentElement.classList.remove("checklist-printing");
    $$(".checklist--print").forEach((n) => n.classList.remove("checklist--print"));
  });

  onPage(init);
})();
