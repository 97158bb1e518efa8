/* What the page scripts share (checklists, planner): building elements, reading the interface
   text the build wrote into the page, and starting on every page view. See README.md here. */
(() => {
  "use strict";

  // el("p", { class: "x", text: "…", onclick: fn, hidden: true }, [child, "text"]): false and
  // null/undefined attributes are left out, true is an empty attribute, "on…" adds a listener.
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== false && v != null) node.setAttribute(k, v === true ? "" : v);
    }
    node.append(...children.filter(Boolean));
    return node;
  }
  const button = (text, onclick, kind) => el("button", { type: "button", class: "md-button" + (kind ? " " + kind : ""), text, onclick });

  // Each "%" of an interface text is filled in turn: a number, a name, a date.
  const fill = (text, ...values) => text.replace(/%/g, () => values.shift());

  /* The interface text the build wrote as JSON (<script type="application/json" id="…">, data only,
     so a strict Content-Security-Policy allows it): T.key is a text, t(key, …values) fills it, data
     is the element's data attributes (facts from the build). Null when the page has none. */
  function texts(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    const T = JSON.parse(node.textContent);
    return { T, t: (key, ...values) => fill(T[key], ...values), data: node.dataset };
  }

  // Material's document$ also fires when pages are swapped without a reload.
  function onPage(init) {
    if (window.document$) window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  window.hervestigersDom = { el, button, fill, texts, onPage };
})();
