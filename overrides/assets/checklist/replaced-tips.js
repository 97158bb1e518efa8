/* Saved ticks follow a tip that was split or renamed: see README.md in this folder.
   Runs after store.js and before checklist.js. The page lists every retired item id with the
   item that took it over (data-replaced="old>new ..." on a checklist or a progress placeholder);
   the store moves a saved entry (tick, who, note) under a retired id to its replacement in every
   household, unless the replacement already has an entry of its own. */
(() => {
  "use strict";
  const holder = document.querySelector("[data-replaced]");
  const store = window.hervestigersStore;
  if (!holder || !store) return;
  const pairs = holder.dataset.replaced.split(/\s+/).filter(Boolean).map((pair) => pair.split(">"));
  // Only write when something moves, so merely opening a page never rewrites the saved data.
  const moves = store.snapshot().households.some((h) => pairs.some(([from, to]) => h.items[from] && !h.items[to]));
  if (moves) store.replaceIds(Object.fromEntries(pairs));
})();
