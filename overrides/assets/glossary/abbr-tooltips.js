/* Acronym tooltips (Material's content.tooltips on <abbr title>) that a reader can use on a
 * phone and dismiss (WCAG 1.4.13): Escape, scrolling away or a tap elsewhere closes them; each
 * links to the acronym's glossary entry; and inside a checklist item (a <label>) a tap on an
 * acronym shows its meaning instead of ticking the item. Material shows the tooltip while the
 * acronym has focus (overrides/hooks/abbr_focus.py makes it focusable), so closing is a blur. */
(function () {
  "use strict";
  var root = document.documentElement;
  var focusedAt = null; // scroll position and time when an acronym took the focus

  function focusedAbbr() {
    var el = document.activeElement;
    return el && el.matches && el.matches("abbr[tabindex]") ? el : null;
  }

  function dismiss() {
    var abbr = focusedAbbr();
    root.classList.add("abbr-tooltips-dismissed"); // also hides a tooltip opened by the mouse
    if (abbr) abbr.blur();
  }

  document.addEventListener("focusin", function (event) {
    if (!event.target.matches || !event.target.matches("abbr")) return;
    root.classList.remove("abbr-tooltips-dismissed");
    focusedAt = { y: window.scrollY, time: Date.now() };
  });
  document.addEventListener("pointerover", function (event) {
    if (event.target.closest && event.target.closest("abbr")) root.classList.remove("abbr-tooltips-dismissed");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (focusedAbbr() || document.querySelector(".md-tooltip2--active"))) {
      dismiss();
    }
  });
  window.addEventListener("scroll", function () {
    if (!focusedAt || !focusedAbbr()) return;
    // Focusing an acronym may scroll it into view: only scrolling away afterwards closes it.
    if (Date.now() - focusedAt.time < 300) focusedAt.y = window.scrollY;
    else if (Math.abs(window.scrollY - focusedAt.y) > 40) dismiss();
  }, { passive: true });
  document.addEventListener("pointerdown", function (event) {
    if (focusedAbbr() && !event.target.closest("abbr, .md-tooltip2")) dismiss();
  });

  // In a checklist item the acronym sits in the item's <label>: a tap there would tick the item.
  document.addEventListener("click", function (event) {
    var abbr = event.target.closest && event.target.closest("label abbr");
    if (!abbr) return;
    event.preventDefault();
    if (abbr.tabIndex < 0 || abbr.hasAttribute("tabindex")) abbr.focus();
  });

  // Each tooltip ends with a link to the acronym's glossary entry (data-glossary, from the build).
  // Material links the acronym to its open tooltip with aria-describedby.
  function addLink(host, tries) {
    var tooltip = document.getElementById(host.getAttribute("aria-describedby"));
    var inner = tooltip && tooltip.querySelector(".md-tooltip2__inner");
    if (!inner) {
      if (tries > 0) requestAnimationFrame(function () { addLink(host, tries - 1); });
      return;
    }
    // The link's text is the page's (main.html writes it from docs/data/ui/glossary.yml).
    var source = document.getElementById("site-text");
    if (!source || inner.querySelector(".abbr-tooltip__more")) return;
    var link = document.createElement("a");
    link.className = "abbr-tooltip__more";
    link.href = host.dataset.glossary;
    link.textContent = JSON.parse(source.textContent).tooltip_more;
    // For tap and mouse: the tooltip closes when the acronym loses focus, so Tab could land on a
    // vanishing link; keyboard users have the glossary page in the menu.
    link.tabIndex = -1;
    inner.append(link);
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      var host = record.target;
      if (host.matches("abbr[data-glossary][aria-describedby]")) addLink(host, 10);
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["aria-describedby"], subtree: true });
})();
