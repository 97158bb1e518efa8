"""Browser helpers: Chromium, axe-core, waiting for the page, the search dialog, using a checklist.

Playwright and axe-core are imported only where needed, so the static audits run without a browser.
"""
from __future__ import annotations

import functools
import os
import shutil

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# And rules axe files under best practice that are errors all the same: an ARIA role the element
# may not have (role="button" on a <label>) leaves assistive technology with a broken control,
# and Lighthouse's accessibility score counts it.
AXE_EXTRA_RULES = ["aria-allowed-role"]
# A word that appears on most pages, so the search dialog shows results.
SEARCH_QUERIES = {"nl": "gemeente", "en": "municipality"}
# The header's menu and search buttons (overrides/partials/header.html), shown on small screens.
MENU_BUTTON = ".md-header button[data-header-toggle='__drawer']"
SEARCH_BUTTON = ".md-header button[data-header-toggle='__search']"
# The open phone menu's sub-menus (and the page's table of contents): the id of each checkbox whose
# opener shows, the button overrides/assets/keyboard/keyboard.js puts before Material's label or the label.
SHOWN_SUB_MENUS = """() => [...document.querySelectorAll(".md-nav--primary .md-nav__toggle")].map((box) => box.id)
    .filter((id) => [...document.querySelectorAll(`.md-nav--primary .md-nav__link:is([data-nav-toggle="${id}"], [for="${id}"])`)]
        .some((opener) => opener.checkVisibility({ visibilityProperty: true })))"""


def sub_menu_opener(toggle_id: str) -> str:
    """The control that opens a sub-menu of the phone menu: keyboard.js's button, else Material's label."""
    return f".md-nav--primary .md-nav__link:is([data-nav-toggle='{toggle_id}'], [for='{toggle_id}'])"


def sub_menu_back(toggle_id: str) -> str:
    """The control at the top of an open sub-menu that goes back (closes it)."""
    return f".md-nav--primary .md-nav__title:is([data-nav-toggle='{toggle_id}'], [for='{toggle_id}'])"


def each_sub_menu_open(page):
    """With the phone menu open: open each sub-menu it shows in turn (a tap), yield its name while it
    is open, close it with its back control after."""
    for toggle_id in page.evaluate(SHOWN_SUB_MENUS):
        opener = page.locator(sub_menu_opener(toggle_id) + " >> visible=true").first
        name = " ".join(opener.inner_text().split())
        opener.click()
        page.wait_for_function("id => document.getElementById(id).checked", arg=toggle_id)
        yield name
        page.locator(sub_menu_back(toggle_id) + " >> visible=true").first.click()
        page.wait_for_function("id => !document.getElementById(id).checked", arg=toggle_id)


# The two ways the site is used: a volunteer's phone held in one hand (touch), an officer's desktop.
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# The phone with a taller screen: the menu's keyboard walk reaches every link without scrolling
# (also what a desktop at 400 % zoom shows).
TALL_PHONE = {**PHONE, "viewport": {"width": 360, "height": 740}}

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's Chromium (Playwright cannot download browsers here), or CHROMIUM_PATH."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@functools.cache
def _axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


# Runs axe when the document already has it; null when axe still has to be injected.
_AXE_RUN = """([context, options]) => window.axe
    ? (context ? axe.run(context, options) : axe.run(options)).then((results) => results.violations)
    : null"""


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations, and those of ``AXE_EXTRA_RULES``, on the loaded
    page (or inside ``selector``).

    axe-core (about 500 KB) is injected once per document, not on every run: a page checked
    in several states costs one injection.
    """
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": True} for rule in AXE_EXTRA_RULES}}
    violations = page.evaluate(_AXE_RUN, [selector, options])
    if violations is None:
        page.evaluate(_axe_script())
        violations = page.evaluate(_AXE_RUN, [selector, options])
    return violations


def describe_violations(violations: list[dict], limit: int = 5) -> list[str]:
    """One readable line per violation and element: rule, impact, element, what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:limit]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}"
                         f" — {summary[:240]}")
        if len(violation["nodes"]) > limit:
            lines.append(f"{violation['id']}: … and {len(violation['nodes']) - limit} more elements")
    return lines


def settle(page) -> None:
    """Wait until Material and the site's scripts have run, and switch off transitions.

    Transitions only delay style changes; without them the focus and contrast checks
    see the final look at once (the same as with prefers-reduced-motion).
    """
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")


def focus_search(page) -> None:
    """Open the search dialog with the keyboard; the focus is then in the search field."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("s")  # Material's shortcut (also "/" and "f")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')",
                           timeout=5_000)


def open_search(page, query: str, timeout: float = 10_000) -> list[str]:
    """Open the search dialog with the keyboard, type ``query``; returns the result links' hrefs ([] if none)."""
    focus_search(page)
    page.keyboard.type(query, delay=20)
    return search_results(page, timeout)


def search_results(page, timeout: float) -> list[str]:
    results = page.locator(".md-search-result__item a")
    try:
        results.first.wait_for(timeout=timeout)
    except Exception:  # Playwright's TimeoutError: no results
        return []
    return [a.get_attribute("href") for a in results.all()]


CHECKLIST_BOX = "[data-checklist] input[type=checkbox]"


def use_checklist(page) -> bool:
    """Tick the first checklist item and fill in its details with the keyboard; False if no checklist."""
    box = page.locator(CHECKLIST_BOX)
    if box.count() == 0:
        return False
    box = box.first
    box.focus()
    if box.is_checked():  # ticked earlier in this browser profile (ticks are shared by both languages)
        page.keyboard.press("Space")
    page.keyboard.press("Space")
    if not box.is_checked():
        raise AssertionError("the first checklist item did not tick with the Space key")
    item = page.locator("[data-checklist] li:has(input[type=checkbox])").first
    more = item.locator(".checklist__more")
    if more.count():
        more.first.focus()
        if more.first.get_attribute("aria-expanded") != "true":  # opened earlier (the keyboard check opens it)
            page.keyboard.press("Enter")
        fields = item.locator(".checklist__fields input, .checklist__fields textarea")
        for index in range(fields.count()):
            fields.nth(index).focus()
            page.keyboard.type("Test", delay=5)
    return True


# Runs in the page: numbers the focusable elements, remembers how each looks unfocused,
