"""Keyboard flows: the Tab walk (every stop visible and visibly focused), the skip link, search,
checklist, phone menu and language switch without a mouse. Each takes a loaded Playwright page."""
from __future__ import annotations

from dataclasses import dataclass

from site_build.datafiles import DEFAULT_LANGUAGE, LANGUAGES

from .browser import (CHECKLIST_BOX, MENU_BUTTON, SEARCH_BUTTON, SEARCH_QUERIES, SHOWN_SUB_MENUS, search_results,
                      sub_menu_back, sub_menu_opener)
from .seo import counterpart
from .site_pages import SitePage

# and records every focus stop with whether it is visible and looks different focused.
_FOCUS_RECORDER = """
() => {
  const props = ["outline-style", "outline-width", "outline-color", "box-shadow", "background-color",
                 "color", "border-top-color", "border-bottom-color", "text-decoration-line",
                 "text-decoration-thickness"];
  const styleOf = (el) => { const cs = getComputedStyle(el); return props.map((p) => cs.getPropertyValue(p)); };
  const describe = (el) => {
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
    const id = el.id ? "#" + el.id : "";
    const cls = [...el.classList].filter((c) => c !== "focus-visible").slice(0, 2).map((c) => "." + c).join("");
    return `${el.tagName.toLowerCase()}${id}${cls} "${text.slice(0, 40)}"`;
  };
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], [contenteditable]';
  const all = [...document.querySelectorAll(focusable)];
  const names = all.map(describe), base = all.map(styleOf);
  const index = new Map(all.map((el, i) => [el, i]));
  // Controls count even with tabindex="-1": a visible button that Tab skips is out of reach.
  const control = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const expected = all.map((el, i) => i).filter((i) => {
    const el = all[i];
    return !el.disabled && (el.tabIndex >= 0 || el.matches(control)) && !el.closest("[inert], [hidden]") &&
      el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && el.getClientRects().length > 0;
  });
  window.__audit = { stops: [], expected, names };
  if (window.__auditListener) document.removeEventListener("focusin", window.__auditListener, true);
  window.__auditListener = (event) => {
    const el = event.target, i = index.has(el) ? index.get(el) : -1;
    const now = styleOf(el), before = i >= 0 ? base[i] : [];
    const outline = now[0] !== "none" && parseFloat(now[1]) > 0;
    const rect = el.getBoundingClientRect();
    const visible = el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
      rect.width > 0 && rect.height > 0;
    window.__audit.stops.push({ i, el: i >= 0 ? names[i] : describe(el), visible, skip: el.matches(".md-skip"),
                                indicator: outline || now.some((value, k) => value !== before[k]) });
  };
  document.addEventListener("focusin", window.__auditListener, true);
}
"""


# Blurring alone leaves the browser's sequential focus starting point where the focus was;
# focusing a temporary element there moves it.
_START_AT = """(selector) => {
    const start = document.createElement("span");
    start.tabIndex = -1;
    const next = selector && document.querySelector(selector);
    if (next) next.before(start); else { document.body.prepend(start); window.scrollTo(0, 0); }
    start.focus({ preventScroll: true });
    start.addEventListener("blur", () => start.remove(), { once: true });
}"""


def to_top(page) -> None:
    """Put the keyboard's starting point at the top of the page, as after loading it."""
    page.evaluate(_START_AT, None)


def to_just_before(page, selector: str) -> None:
    """Put the keyboard's starting point just before the first element matching ``selector``: the
    next Tab goes to it. For checks of what a control does once reached; the Tab walk checks
    that every control can be reached from the top."""
    page.evaluate(_START_AT, selector)


@dataclass
class TabWalk:
    stops: list  # dicts: el, indicator, visible, skip
    expected: dict  # visible focusable elements: {index: description}


# Tab presses between two looks at the page: the recorder in the page notes every stop, so
# the walk needs no round trip per key press.
TAB_BATCH = 20


def walk_tab_order(page, max_stops: int = 600) -> TabWalk:
    """Press Tab through the whole page (from the top) and record each focus stop."""
    to_top(page)
    page.evaluate(_FOCUS_RECORDER)
    for _ in range(0, max_stops, TAB_BATCH):
        for _ in range(TAB_BATCH):
            page.keyboard.press("Tab")
        # Done when focus has left the page (to the browser) or come round to the first stop again.
        done = page.evaluate("""() => { const s = window.__audit.stops, a = document.activeElement;
            return !a || a === document.body || s.slice(1).some((stop) => stop.i === s[0].i); }""")
        if done:
            break
    data = page.evaluate("() => window.__audit")
    stops = data["stops"]
    # The presses after the walk came round (or left the page and came back) repeat it: cut there.
    again = next((k for k in range(1, len(stops)) if stops[k]["i"] == stops[0]["i"]), None)
    if again is not None:
        stops = stops[:again]
    return TabWalk(stops, {i: data["names"][i] for i in data["expected"]})


# Installed before a batch of Tab presses: once an element matching the selector has the focus,
# the further Tab presses of the batch are cancelled, so the focus stays there.
_TAB_UNTIL = """(selector) => {
  if (window.__tabUntil) window.__tabUntil.stop();
  const state = { reached: false, presses: 0 };
  const onFocus = (event) => { if (event.target.matches(selector)) state.reached = true; };
  const onKey = (event) => {
    if (event.key !== "Tab") return;
    if (state.reached) { event.preventDefault(); event.stopImmediatePropagation(); } else state.presses += 1;
  };
  state.stop = () => { document.removeEventListener("focusin", onFocus, true);
                       window.removeEventListener("keydown", onKey, true); window.__tabUntil = null; };
  document.addEventListener("focusin", onFocus, true);
  window.addEventListener("keydown", onKey, true);
  window.__tabUntil = state;
}"""


def tab_until(page, selector: str, limit: int = 60, batch: int = 10) -> bool:
    """Press Tab (at most ``limit`` times) until an element matching ``selector`` has the focus."""
    page.evaluate(_TAB_UNTIL, selector)
    try:
        pressed = 0
        while pressed < limit:
            for _ in range(min(batch, limit - pressed)):
                page.keyboard.press("Tab")
            pressed += batch
            if page.evaluate("""(s) => window.__tabUntil.reached && !!document.activeElement &&
                                      document.activeElement.matches(s)""", selector):
                return True
        return False
    finally:
        page.evaluate("() => window.__tabUntil && window.__tabUntil.stop()")


def keyboard_problems(page) -> list[str]:
    """Skip link first and working; every focus stop visible and visibly focused; nothing unreachable."""
    problems = []
    walk = walk_tab_order(page)
    stops = walk.stops
    if not stops:
        return ["Tab does not move the focus into the page"]
    if not stops[0]["skip"]:
        problems.append(f"the first Tab stop is {stops[0]['el']}, not the skip link")
    for stop in stops:
        if not stop["visible"]:
            problems.append(f"focus lands on an invisible element: {stop['el']}")
        elif not stop["indicator"]:
            problems.append(f"no visible focus indicator on {stop['el']}")
    reached = {stop["i"] for stop in stops}
    for index, element in walk.expected.items():
        if index not in reached:
            problems.append(f"not reachable with Tab: {element}")
    problems += skip_link_problems(page)
    return list(dict.fromkeys(problems))


def skip_link_problems(page) -> list[str]:
    """The skip link shows when focused and moves the keyboard past the header and navigation."""
    skip = page.locator("a.md-skip")
    if skip.count() == 0:
        return ["no skip link"]
    to_top(page)
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement && document.activeElement.matches('a.md-skip')"):
        return ["the skip link is not the first Tab stop"]
    problems = []
    if page.evaluate("() => getComputedStyle(document.activeElement).opacity") != "1":
        problems.append("the skip link stays invisible when focused")
    target = skip.get_attribute("href") or ""
    if not target.startswith("#") or not page.evaluate("id => !!document.getElementById(id)", target[1:]):
        return problems + [f"the skip link's target {target} does not exist"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # Material reacts to the new #hash 125 ms later (it closes the menu and the search);
    # let that pass so the next check does not see it.
    page.wait_for_timeout(250)
    after = page.evaluate(
        """id => { const t = document.getElementById(id), a = document.activeElement;
                   return !!a && a !== document.body &&
                          !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING || t.contains(a)); }""",
        target[1:],
    )
    if not after:
        problems.append("after the skip link, Tab does not continue in the main content")
    return problems


def keyboard_search_problems(page, base_url: str, lang: str, while_open=None) -> list[str]:
    """Reach the search field with Tab, type, pick a result with the arrow keys and Enter.

    ``while_open(page)`` is called while the dialog shows results (the axe check of that state).
    """
    to_top(page)
    if not tab_until(page, ".md-search__input", 40):
        return ["the search field cannot be reached with Tab"]
    query = SEARCH_QUERIES[lang]
    page.keyboard.type(query, delay=20)
    if not search_results(page, 10_000):
        return [f"typing '{query}' in the search field shows no results"]
    if while_open:
        while_open(page)
    page.keyboard.press("ArrowDown")
    if not page.evaluate("() => !!document.activeElement && !!document.activeElement.closest('.md-search-result')"):
        return ["ArrowDown does not move the focus to the search results"]
    before = page.url
    page.keyboard.press("Enter")
    try:
        page.wait_for_url(lambda url: url != before, timeout=5_000)
    except Exception:
        return ["Enter on a search result does not open it"]
    root = base_url if lang == DEFAULT_LANGUAGE else f"{base_url}{lang}/"
    others = [f"{base_url}{other}/" for other in LANGUAGES if other not in (lang, DEFAULT_LANGUAGE)]
    if lang == DEFAULT_LANGUAGE:
        others = [f"{base_url}{other}/" for other in LANGUAGES if other != DEFAULT_LANGUAGE]
    if not page.url.startswith(root) or any(page.url.startswith(other) for other in others):
        return [f"the search result opened a page in another language: {page.url}"]
    return []


def keyboard_checklist_problems(page) -> list[str]:
    """Tab to the first checklist item, tick and untick it with Space, open its who/note fields with Enter.

    Tab starts just before the item (``keyboard_problems`` walks the whole page from the top)."""
    if page.locator(CHECKLIST_BOX).count() == 0:
        return []
    to_just_before(page, CHECKLIST_BOX)
    if not tab_until(page, CHECKLIST_BOX, 4, batch=2):
        return ["the first checklist item cannot be reached with Tab"]
    box = page.locator(f"{CHECKLIST_BOX}:focus")
    problems = []
    page.keyboard.press("Space")
    if not box.is_checked():
        problems.append("Space does not tick the focused checklist item")
    page.keyboard.press("Space")
    if box.is_checked():
        problems.append("Space does not untick the focused checklist item")
    item = page.locator("[data-checklist] li", has=box)
    more = item.locator(".checklist__more")
    if more.count():
        if not tab_until(page, ".checklist__more", 10, batch=2):
            return problems + ["the item's who/note button cannot be reached with Tab"]
        page.keyboard.press("Enter")
        if more.first.get_attribute("aria-expanded") != "true" or item.locator(".checklist__fields").first.is_hidden():
            problems.append("Enter does not open the item's who/note fields")
    return problems


def keyboard_menu_problems(page) -> list[str]:
    """On a small screen: open the menu with the keyboard (Enter, Space), reach a menu link, open and
    leave its sub-menus (``keyboard_sub_menu_problems``), close it with Escape; open the search with its button (Enter, Space) and come back to it with Escape.
    Needs a narrow viewport (``TALL_PHONE``)."""
    menu = MENU_BUTTON
    if not page.locator(menu).is_visible():
        return ["the menu button is not shown (is the viewport narrow?)"]
    to_top(page)
    if not tab_until(page, menu, 10, batch=5):
        return ["the menu button cannot be reached with Tab"]
    page.keyboard.press("Enter")
    if not page.evaluate("() => document.getElementById('__drawer').checked"):
        return ["Enter on the menu button does not open the menu"]
    problems = []
    if page.locator(menu).get_attribute("aria-expanded") != "true":
        problems.append("the open menu's button does not say aria-expanded=true")
    if not tab_until(page, ".md-nav--primary a.md-nav__link", 20, batch=5):
        problems.append("no menu link can be reached with Tab in the open menu")
    elif not page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
            return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; }"""):
        problems.append("the focused menu link is off-screen")
    problems += keyboard_sub_menu_problems(page)
    page.keyboard.press("Escape")
    if page.evaluate("() => document.getElementById('__drawer').checked"):
        problems.append("Escape does not close the menu")
    elif not page.evaluate(f"() => document.activeElement && document.activeElement.matches(\"{menu}\")"):
        problems.append("after Escape the focus is not back on the menu button")
    else:
        page.keyboard.press("Space")
        if not page.evaluate("() => document.getElementById('__drawer').checked"):
            problems.append("Space on the menu button does not open the menu")
        page.keyboard.press("Escape")
    search = SEARCH_BUTTON
    to_top(page)
    if not tab_until(page, search, 20, batch=5):
        return problems + ["the search button cannot be reached with Tab"]
    for key in ("Enter", "Space"):
        page.keyboard.press(key)
        try:
            page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')",
                                   timeout=3_000)
        except Exception:
            return problems + [f"{key} on the search button does not open the search field"]
        if not page.locator(".md-search__input").is_visible():
            problems.append("the search field has the focus but is not visible")
        if page.locator(search).get_attribute("aria-expanded") != "true":
            problems.append("the open search's button does not say aria-expanded=true")
        page.keyboard.press("Escape")
        page.wait_for_timeout(100)
        if not page.evaluate(f"() => document.activeElement && document.activeElement.matches(\"{search}\")"):
            return problems + ["after Escape in the search field the focus is not back on the search button"]
    return problems


_FOCUS_IN_SUB_MENU = """id => { const panel = document.getElementById(id).parentElement.querySelector(":scope > .md-nav"),
    a = document.activeElement;
    return !!panel && panel.contains(a) && a.checkVisibility({ visibilityProperty: true }); }"""


def keyboard_sub_menu_problems(page) -> list[str]:
    """In the open phone menu, for each sub-menu it shows (and the page's table of contents): Tab
    reaches its button, Enter and Space open it, say so (aria-expanded) and move the focus to its
    back button; that button closes it and brings the focus back."""
    problems = []
    for toggle_id in page.evaluate(SHOWN_SUB_MENUS):
        opener, back = sub_menu_opener(toggle_id), sub_menu_back(toggle_id)
        name = " ".join(page.locator(opener + " >> visible=true").first.inner_text().split())
        checked = f"() => document.getElementById('{toggle_id}').checked"
        focused = f"() => !!document.activeElement && document.activeElement.matches(\"{opener}\")"
        page.locator(MENU_BUTTON).focus()  # Tab from the top of the open menu
        for key in ("Enter", "Space"):  # after going back with Enter, the focus is on the button again
            if not page.evaluate(focused) and not tab_until(page, opener, 30, batch=5):
                return problems + [f"the sub-menu button '{name}' cannot be reached with Tab"]
            page.keyboard.press(key)
            if not page.evaluate(checked):
                problems.append(f"{key} on the sub-menu button '{name}' does not open it")
                continue
            if page.locator(opener).first.get_attribute("aria-expanded") != "true":
                problems.append(f"the open sub-menu '{name}'s button does not say aria-expanded=true")
            if not page.evaluate(_FOCUS_IN_SUB_MENU, toggle_id):
                problems.append(f"opening the sub-menu '{name}' does not move the focus into it")
            if not page.evaluate(f"() => document.activeElement && document.activeElement.matches(\"{back}\")"):
                return problems + [f"the focus is not on the back button of the open sub-menu '{name}'"]
            page.keyboard.press(key)
            if page.evaluate(checked):
                return problems + [f"{key} on the back button of the sub-menu '{name}' does not close it"]
            if not page.evaluate(focused):
                problems.append(f"after going back from the sub-menu '{name}' the focus is not on its button")
    return problems


def keyboard_language_switch_problems(page, base_url: str, site_page: SitePage) -> list[str]:
    """Tab to the language menu, Tab to the other language, Enter: the same page in that language."""
    other = next(lang for lang in LANGUAGES if lang != site_page.lang)
    to_top(page)
    selector = f".md-header .md-select__link[hreflang='{other}']"
    if not tab_until(page, selector, 40):
        return [f"the language menu's link to {other} cannot be reached with Tab"]
    if not page.locator(selector).is_visible():
        return [f"the language menu's link to {other} is focused but not visible"]
    page.keyboard.press("Enter")
    expected = base_url + counterpart(site_page, other)
    try:
        page.wait_for_url(expected, timeout=5_000)
    except Exception:
        return [f"the language switch opened {page.url}, expected {expected}"]
    lang = page.locator("html").get_attribute("lang")
    return [] if lang == other else [f'after the language switch <html lang="{lang}">, expected {other}']
