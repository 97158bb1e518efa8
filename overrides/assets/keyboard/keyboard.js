/* Keyboard access to Material's menu and search on small screens: see README.md */
(function () {
  "use strict";
  var search = document.querySelector(".md-search__input");
  var drawer = document.getElementById("__drawer");
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
      } else if (document.activeElement === control && control.hasAttribute("data-nav-toggle")) {
        var panel = toggle.checked && toggle.parentElement.querySelector(":scope > .md-nav");
        var next = toggle.checked ? panel && panel.querySelector("[data-nav-toggle], a[href]")
          : document.querySelector('.md-nav--primary .md-nav__link[data-nav-toggle="' + toggle.id + '"]');
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

  /* The drawer's sub-menus, their back arrows and the page's table of contents: Material's
     <label>s cannot be buttons to assistive technology, so a <button> with the label's look goes
     before each and flips the same checkbox; site.css shows it instead of the label where the
     drawer is. Material's label stays for browsers without JavaScript and for its own styles. */
  document.querySelectorAll('.md-nav--primary label[for^="__nav"], .md-nav--primary label[for="__toc"]')
    .forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (!toggle || toggle.type !== "checkbox") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.setAttribute("data-nav-toggle", toggle.id);
      label.childNodes.forEach(function (node) { button.appendChild(node.cloneNode(true)); });
      label.before(button);
      follow(button, toggle);
      button.addEventListener("click", function () { toggle.click(); });
      /* As Material does when its label is clicked: the sub-menu says whether it is open. */
      var nav = label.id && document.querySelector('.md-nav[aria-labelledby="' + label.id + '"]');
      if (nav) toggle.addEventListener("change", function () { nav.setAttribute("aria-expanded", toggle.checked); });
    });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked) { drawer.click(); header("__drawer").focus(); }
  });
})();
