/* Keyboard access to Material's menu and search on small screens: see README.md */
(function () {
  "use strict";
  var search = document.querySelector(".md-search__input");
  var names = { __drawer: "Menu", __search: search && search.getAttribute("aria-label") };
  var drawer = document.getElementById("__drawer");
  var small = matchMedia("(max-width: 76.234375em)");
  var subMenus = [];
  var header = function (id) { return document.querySelector('.md-header label.md-header__button[for="' + id + '"]'); };

  function button(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || toggle.type !== "checkbox") return;
    var sync = function () { label.setAttribute("aria-expanded", toggle.checked); };
    label.setAttribute("role", "button");
    if (!label.textContent.trim()) label.setAttribute("aria-label", names[toggle.id] || toggle.id);
    sync();
    toggle.addEventListener("change", function () {
      sync();
      if (toggle.id === "__search") {
        if (toggle.checked && document.activeElement === label && search) search.focus();
        if (!toggle.checked) setTimeout(function () {
          if (document.activeElement === document.body && label.offsetParent) label.focus();
        });
      } else if (document.activeElement === label) {
        var panel = toggle.checked && label.nextElementSibling;
        var next = toggle.checked ? panel && panel.querySelector("label[tabindex='0'], a[href]")
          : document.querySelector('.md-nav__link[for="' + toggle.id + '"]');
        if (next && next !== label) next.focus();
      }
    });
    label.addEventListener("keydown", function (event) {  /* Material handles Enter */
      if (event.key === " ") { event.preventDefault(); label.click(); }
    });
    return label;
  }

  ["__drawer", "__search"].forEach(function (id) {
    var label = header(id);
    if (label && button(label)) label.tabIndex = 0;
  });
  document.querySelectorAll('.md-nav--primary label[for^="__nav"], .md-nav--primary label[for="__toc"]')
    .forEach(function (label) { if (button(label)) subMenus.push(label); });
  function update() {
    subMenus.forEach(function (label) {
      if (small.matches) label.tabIndex = 0; else label.removeAttribute("tabindex");
    });
  }
  update();
  small.addEventListener("change", update);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked) { drawer.click(); header("__drawer").focus(); }
  });
})();
