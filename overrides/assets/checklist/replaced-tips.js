/* Saved ticks follow a tip that was split or renamed: see README.md in this folder.
   Runs before checklist.js. The page lists every retired item id with the item that took
   it over (data-replaced="old>new ..." on a checklist or a progress placeholder); a saved
   entry (tick, who, note) under a retired id moves to its replacement in every household,
   unless the replacement already has an entry of its own (then both stay, untouched). */
(() => {
  "use strict";
  const KEY = "hervestigers.checklists";
  const holder = document.querySelector("[data-replaced]");
  if (!holder) return;
  const pairs = holder.dataset.replaced.split(/\s+/).filter(Boolean).map((p) => p.split(">"));
  let ls, state;
  try { ls = window.localStorage; state = JSON.parse(ls.getItem(KEY)); } catch (e) { return; }
  // Anything else than the expected shape is left for checklist.js to judge and set aside.
  if (!state || typeof state !== "object" || !Array.isArray(state.households)) return;
  let moved = false;
  for (const h of state.households) {
    const items = h && h.items;
    if (!items || typeof items !== "object" || Array.isArray(items)) continue;
    for (const [from, to] of pairs) {
      if (from in items && to && !(to in items)) {
        items[to] = items[from];
        delete items[from];
        moved = true;
      }
    }
  }
  if (moved) try { ls.setItem(KEY, JSON.stringify(state)); } catch (e) { /* checklist.js reports storage problems */ }
})();
