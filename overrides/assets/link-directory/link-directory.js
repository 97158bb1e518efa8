/* Link directory filters (docs/links.*.md, rendered by scripts/site_build/links.py; the glossary
   page, rendered by scripts/site_build/glossary.py, uses the same filter with its text field only).
   Without JavaScript the page is a plain, complete list; this script reveals the
   filter form and hides entries that do not match. */
(function () {
  "use strict";

  function normalise(text) {
    // "categorieen" finds "categorieën"; case does not matter.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setup(root) {
    var form = root.querySelector(".link-directory__filters");
    if (!form || root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var text = form.querySelector("input");
    var category = form.querySelector("#link-directory-category");
    var organisation = form.querySelector("#link-directory-organisation");
    var status = form.querySelector("[role=status]");
    var groups = root.querySelectorAll(".link-directory__group");
    var entries = Array.prototype.map.call(root.querySelectorAll(".link-directory__entry"), function (el) {
      return { el: el, text: normalise(el.textContent), category: el.dataset.category, organisation: el.dataset.organisation };
    });
    var timer;

    function count(shown) {
      if (!shown) return root.dataset.countNone;
      return (shown === 1 ? root.dataset.countOne : root.dataset.countOther).replace("{n}", shown);
    }

    function apply(event) {
      var words = normalise(text.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry) {
        // The glossary reuses this filter with the text field only.
        var match = (!category || !category.value || entry.category === category.value) &&
          (!organisation || !organisation.value || entry.organisation === organisation.value) &&
          words.every(function (word) { return entry.text.indexOf(word) !== -1; });
        entry.el.hidden = !match;
        if (match) shown++;
      });
      Array.prototype.forEach.call(groups, function (group) {
        group.hidden = !group.querySelector(".link-directory__entry:not([hidden])");
      });
      // While typing, update the count once typing pauses, so a screen reader is not flooded.
      clearTimeout(timer);
      timer = setTimeout(function () { status.textContent = count(shown); }, event.target === text ? 400 : 0);
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    status.textContent = count(entries.length);
    form.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-link-directory]"), setup);
  }

  // Material's document$ also fires when pages are swapped without a reload.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
