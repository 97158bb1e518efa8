/* The checklists' saved state (localStorage, version 2): see README.md in this folder.
   No interface text here: problems are reported as codes, pages word them in their language. */
(() => {
  "use strict";
  const KEY = "hervestigers.checklists", FORMAT = "hervestigers-checklists", VERSION = 2;
  const ONE = FORMAT + "-household", ALL = FORMAT + "-households";
  const STATUSES = ["todo", "done", "na"];
  // Longest household name, "who" and note; checklist.js limits its fields to the same.
  const LIMITS = { name: 80, who: 100, note: 500 };
  // Version 1 named the first household in the page's language; version 2 leaves it unnamed.
  const V1_DEFAULT_NAMES = ["Huishouden 1", "Household 1"];
  const listeners = [], problems = [];
  let ls = null, canSave = false, state = null;

  const parse = (raw) => { try { return JSON.parse(raw); } catch (e) { return undefined; } };
  const copy = (v) => JSON.parse(JSON.stringify(v));
  const isText = (v, max) => typeof v === "string" && v.length <= max;
  const isMap = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const isId = (id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id);
  const isDate = (v) => typeof v === "string" && /^\d{4}-\d\d-\d\d$/.test(v) && !isNaN(Date.parse(v));
  const optional = (v, test) => v === undefined || test(v);
  const validName = (v) => isText(v, LIMITS.name) && !!v.trim();

  const validEntry = (e, version) => isMap(e) &&
    (version === 1 ? [undefined, true, false].includes(e.done) && !("status" in e) : optional(e.status, (s) => STATUSES.includes(s))) &&
    optional(e.who, (v) => isText(v, LIMITS.who)) && optional(e.note, (v) => isText(v, LIMITS.note));
  const validItems = (items, version) => isMap(items) &&
    Object.entries(items).every(([id, e]) => isId(id) && validEntry(e, version));
  // The planner's `plan` is kept as it is; only its arrival date is checked.
  const validPlan = (p) => isMap(p) && optional(p.arrival, isDate) && JSON.stringify(p).length <= 2000;
  const validHousehold = (h, version) => isMap(h) && validItems(h.items, version) &&
    (version === 1 ? validName(h.name) : optional(h.name, validName) && optional(h.plan, validPlan));
  const validState = (s) => isMap(s) && s.format === FORMAT && [1, VERSION].includes(s.version) &&
    Array.isArray(s.households) && s.households.some((h) => h.id === s.active) &&
    optional(s.exported, (v) => isText(v, 40)) &&
    s.households.every((h, i) => validHousehold(h, s.version) && isText(h.id, 40) &&
      s.households.findIndex((x) => x.id === h.id) === i);

  // Version 1 → 2: `done: true` becomes `status: "done"`; who, note and everything else stay.
  function migrateItems(items) {
    const out = {};
    for (const [id, e] of Object.entries(items)) {
      const { done, ...rest } = e;
      if (done) rest.status = "done";
      if (Object.keys(rest).length) out[id] = rest;
    }
    return out;
  }
  function migrateHousehold(h) {
    const { name, ...rest } = h;
    return Object.assign(rest, V1_DEFAULT_NAMES.includes(name) ? {} : { name }, { items: migrateItems(h.items) });
  }
  // "todo" is the absence of a status, so equal states are stored equally.
  function tidy(h) {
    for (const [id, e] of Object.entries(h.items)) {
      if (e.status === "todo") delete e.status;
      if (!Object.keys(e).length) delete h.items[id];
    }
    return h;
  }
  const upgrade = (s) => s.version === VERSION ? s : Object.assign(s, { version: VERSION, households: s.households.map(migrateHousehold) });

  const newId = () => "h" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const newHousehold = (name) => Object.assign({ id: newId(), items: {} }, name ? { name } : {});
  function fresh() {
    const h = newHousehold();
    return { format: FORMAT, version: VERSION, active: h.id, households: [h] };
  }

  function problem(code, detail) {
    if (!problems.some((p) => p.code === code)) problems.push({ code, detail });
  }
  function notify(source) { listeners.forEach((fn) => fn(state, source)); }
  function save() {
    if (!canSave) return;
    try { ls.setItem(KEY, JSON.stringify(state)); } catch (e) { canSave = false; problem("noSave"); }
  }
  // Every change goes through here: change, save, tell the page(s).
  function change(fn) {
    const result = fn(state);
    state.households.forEach(tidy);
    save();
    notify("page");
    return result;
  }

  function load() {
    if (state) return state;
    let raw = null;
    try { ls = window.localStorage; raw = ls.getItem(KEY); } catch (e) { ls = null; }
    try { ls.setItem(KEY + ".probe", "1"); ls.removeItem(KEY + ".probe"); canSave = true; } catch (e) { problem("noSave"); }
    if (raw === null) return (state = fresh());
    const parsed = parse(raw);
    // Version 1 data is upgraded in memory and saved as version 2 with the first change.
    if (validState(parsed)) return (state = upgrade(parsed));
    state = fresh();
    if (isMap(parsed) && parsed.format === FORMAT && typeof parsed.version === "number" && parsed.version > VERSION) {
      // Saved by a newer version of the site (e.g. an old page from a cache): leave it alone, save nothing.
      canSave = false;
      problem("newer");
      return state;
    }
    if (!canSave) return state; // cannot keep it aside, so leave it where it is
    // Unreadable: kept aside under its own key (never deleted), start clean.
    const aside = KEY + ".unreadable." + new Date().toISOString().replace(/\D/g, "");
    try { ls.setItem(aside, raw); problem("corrupt", aside); save(); } catch (e) { canSave = false; problem("noSave"); }
    return state;
  }

  const household = () => load().households.find((h) => h.id === state.active);
  const entry = (id, h = household()) => h.items[id] || {};
  const status = (id, h) => entry(id, h).status || "todo";

  function setField(id, key, value, h = household()) {
    return change(() => {
      const e = h.items[id] || (h.items[id] = {});
      if (value) e[key] = value; else delete e[key];
    });
  }

  // Import files: one household or all of them, this version or the one before.
  function readImport(text) {
    const data = parse(text);
    if (!isMap(data) || ![ONE, ALL].includes(data.format) || typeof data.version !== "number") return { error: "foreign" };
    if (data.version > VERSION) return { error: "newer" };
    const list = data.format === ONE ? [data.household] : data.households;
    if (data.version < 1 || (data.format === ALL && data.version < 2) || !Array.isArray(list) || !list.length ||
      !list.every((h) => validHousehold(h, data.version))) return { error: "invalid" };
    const households = list.map((h) => {
      h = data.version === 1 ? migrateHousehold(h) : h;
      return tidy(Object.assign({ items: h.items }, h.name ? { name: h.name.trim() } : {}, h.plan ? { plan: h.plan } : {}));
    });
    return { households };
  }

  const untouched = (h) => !h.name && !Object.keys(h.items).length && !h.plan;

  /* Imported households whose name is in use either replace that household's state or
     are added as new ones ("Name (2)"). An untouched first household gives way. */
  function importHouseholds(list, replace, fallbackName) {
    return change((s) => {
      if (s.households.length === 1 && untouched(s.households[0])) s.households = [];
      let last;
      for (const imported of list) {
        const clash = s.households.find((h) => (h.name || "") === (imported.name || ""));
        if (clash && replace) {
          clash.items = copy(imported.items);
          if (imported.plan) clash.plan = copy(imported.plan); else delete clash.plan;
          last = clash;
          continue;
        }
        const base = imported.name || fallbackName;
        let name = imported.name;
        for (let n = 2; s.households.some((h) => (h.name || fallbackName) === (name || fallbackName)); n++) name = base + " (" + n + ")";
        last = Object.assign(newHousehold(name), copy({ items: imported.items }), imported.plan ? { plan: copy(imported.plan) } : {});
        s.households.push(last);
      }
      s.active = last.id;
      return last;
    });
  }

  function exportData(all) {
    const strip = (h) => Object.assign(h.name ? { name: h.name } : {}, { items: h.items }, h.plan ? { plan: h.plan } : {});
    const exported = new Date().toISOString();
    const data = all ? { format: ALL, version: VERSION, exported, households: load().households.map(strip) }
      : { format: ONE, version: VERSION, exported, household: strip(household()) };
    change((s) => { s.exported = exported; });
    return copy(data);
  }

  // Another tab of the site changed the checklists: follow it.
  addEventListener("storage", (e) => {
    if (e.key !== KEY || !state) return;
    const next = parse(e.newValue);
    if (validState(next) && next.version === VERSION) { state = next; notify("other-tab"); }
  });

  window.hervestigersStore = {
    KEY, VERSION, STATUSES, LIMITS,
    load, problems, save,
    state: () => load(),
    canSave: () => canSave,
    household,
    households: () => load().households,
    setActive: (id) => change((s) => { if (s.households.some((h) => h.id === id)) s.active = id; }),
    addHousehold: (name) => change((s) => { const h = newHousehold(name); s.households.push(h); s.active = h.id; return h; }),
    rename: (name) => change(() => { household().name = name; }),
    removeHousehold: (id = state.active) => change((s) => {
      s.households = s.households.filter((h) => h.id !== id);
      if (!s.households.length) s.households.push(newHousehold());
      if (!s.households.some((h) => h.id === s.active)) s.active = s.households[0].id;
    }),
    // Clear the given item ids (or all) of the active household.
    clearItems: (ids) => change(() => {
      const h = household();
      if (ids) ids.forEach((id) => delete h.items[id]); else h.items = {};
    }),
    entry, status,
    setStatus: (id, value, h) => {
      if (!STATUSES.includes(value)) throw new TypeError("unknown status " + value);
      return setField(id, "status", value === "todo" ? "" : value, h);
    },
    setField,
    plan: (h = household()) => h.plan,
    setPlan: (plan, h = household()) => {
      if (plan && !validPlan(plan)) throw new TypeError("invalid plan");
      return change(() => { if (plan) h.plan = copy(plan); else delete h.plan; });
    },
    // Forget the given ids in the active household (tips that left the guide).
    forget: (ids) => change(() => ids.forEach((id) => delete household().items[id])),
    // Tips renamed in the guide ({oldId: newId}): saved state moves over in every household,
    // unless the new id already holds something.
    replaceIds: (map) => change((s) => s.households.forEach((h) => {
      for (const [from, to] of Object.entries(map)) {
        if (h.items[from] && !h.items[to] && isId(to)) { h.items[to] = h.items[from]; delete h.items[from]; }
      }
    })),
    snapshot: () => copy(load()),
    restore: (snapshot) => change((s) => { Object.assign(s, copy(snapshot)); }),
    readImport, importHouseholds, exportData,
    // Imported households whose name is already in use here (an untouched first household does not count).
    clashes: (list) => {
      const hs = load().households;
      return hs.length === 1 && untouched(hs[0]) ? [] : list.filter((i) => hs.some((h) => (h.name || "") === (i.name || "")));
    },
    lastExport: () => load().exported,
    // fn(state, source) after every change; source is "page" or "other-tab". Returns an unsubscribe function.
    subscribe: (fn) => { listeners.push(fn); return () => listeners.splice(listeners.indexOf(fn), 1); }
  };
})();
