/* Keyboard access to Material's menu and search on small screens: see README.md */
(function () {
  "use strict";
  var search = document.querySelector(".md-search__input");
  var drawer = document.getElementById("__drawer");
  var small = matchMedia("(max-width: 76.234375em)");
  var subMenus = [];
  var header = function (id) { return document.querySelector('.md-header [data-header-toggle="' + id + '"]'); };

  /* Keeps aria-expanded in step with the checkbox and moves the focus where the opened part is. */
  function follow(control, toggle) {
    var sync = function () { control.setAttribute("aria-expanded", toggle.checked); };
    sync();
    toggle.addEventListener("change", function () {
      sync();
      if (toggle.id === "__search") {
        if (!toggle.checked) setTimeout(function () {
          if (document.activeElement === document.body && control.offsetParent) control.focus();
        });
      } else if (document.activeElement === control && control.tagName === "LABEL") {
        var panel = toggle.checked && control.nextElementSibling;
        var next = toggle.checked ? panel && panel.querySelector("label[tabindex='0'], a[href]")
          : document.querySelector('.md-nav__link[for="' + toggle.id + '"]');
        if (next && next !== control) next.focus();
      }
    });
  }

  /* The header's buttons (partials/header.html) flip Material's checkbox, as its labels do. */
  ["__drawer", "__search"].forEach(function (id) {
    var button = header(id), toggle = document.getElementById(id);
    if (!button || !toggle) return;
    follow(button, toggle);
    button.addEventListener("click", function () {
      toggle.click();
      /* In the click itself, so that phones bring up their keyboard. */
      if (id === "__search" && toggle.checked && search) search.focus();
    });
  });

  /* The drawer's sub-menu labels: focusable on small screens, Space presses them too. */
  document.querySelectorAll('.md-nav--primary label[for^="__nav"], .md-nav--primary label[for="__toc"]')
    .forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (!toggle || toggle.type !== "checkbox") return;
      label.setAttribute("role", "button");
      follow(label, toggle);
      label.addEventListener("keydown", function (event) {  /* Material handles Enter */
        if (event.key === " ") { event.preventDefault(); label.click(); }
      });
      subMenus.push(label);
    });
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
