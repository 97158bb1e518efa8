"""Acronym tooltips in a real browser: reachable by keyboard and touch, in the page's language.

The glossary (docs/data/glossary.yml) gives each acronym its expansion per language;
overrides/hooks/abbr_focus.py makes every <abbr> focusable so Material's tooltip opens
on focus (keyboard) and on tap, not only on mouse hover; only the first of each acronym
on a page is a Tab stop.
"""
from __future__ import annotations

import pytest
from site_build import glossary, ui
from helpers import NO_SERVICE_WORKER

pytestmark = pytest.mark.timeout(120)



def tooltip_of(page, abbr):
    """The tooltip Material opened for ``abbr`` (it links them with aria-describedby)."""
    page.wait_for_function("el => el.getAttribute('aria-describedby')", arg=abbr.element_handle(), timeout=5000)
    tooltip = page.locator("#" + abbr.get_attribute("aria-describedby"))
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip


def focus_abbr_and_read_tooltip(page, url: str, acronym: str) -> str:
    page.goto(url)
    abbr = page.locator(f"article abbr:text-is('{acronym}')").first
    assert abbr.get_attribute("tabindex") == "0", f"<abbr>{acronym}</abbr> on {url} is not focusable"
    # Reach it the way a keyboard user does: focus moves there, nothing is hovered.
    abbr.focus()
    assert page.evaluate("document.activeElement.textContent") == acronym
    return tooltip_of(page, abbr).inner_text()


def test_tooltip_on_focus_is_english_on_english_page(tab, site_url):
    text = focus_abbr_and_read_tooltip(tab, site_url + "en/begeleiding/", "COA")
    assert "Central Agency for the Reception of Asylum Seekers" in text
    assert tab.errors == []


def test_tooltip_on_focus_is_dutch_on_dutch_page(tab, site_url):
    text = focus_abbr_and_read_tooltip(tab, site_url + "begeleiding/", "COA")
    assert "Centraal Orgaan opvang asielzoekers" in text
    assert "Central Agency" not in text
    assert tab.errors == []


def test_tab_key_reaches_an_acronym(tab, site_url):
    """With only the keyboard, Tab eventually lands on an acronym and opens its tooltip."""
    tab.goto(site_url + "en/integratie/")
    for _ in range(80):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("80 Tab presses never reached an <abbr> on en/integratie/")
    focused = tab.locator("abbr:focus")
    expansions = {e.abbr: e.expansion["en"] for e in glossary.load() if e.abbr}
    assert tooltip_of(tab, focused).inner_text().split("\n")[0].strip() == expansions[focused.inner_text()]


def test_tap_opens_tooltip_on_touch_device(browser, site_url):
    context = browser.new_context(**NO_SERVICE_WORKER, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + "en/begeleiding/")
        abbr = page.locator("article abbr:text-is('COA')").first
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        assert "Central Agency" in tooltip_of(page, abbr).inner_text()
    finally:
        context.close()


def test_each_acronym_is_one_tab_stop_and_its_repeats_still_open_on_tap(tab, site_url):
    tab.goto(site_url + "voorbereiding/")
    focusable = tab.locator("article abbr[tabindex]").all_inner_texts()
    tab_stops = tab.locator("article abbr[tabindex='0']").all_inner_texts()
    assert len(tab_stops) == len(set(tab_stops)) and set(tab_stops) == set(focusable), tab_stops
    repeats = tab.locator("article abbr[tabindex='-1']")
    assert repeats.count() > 0, "no acronym repeats on voorbereiding/; pick a tab that repeats one"
    # A tap focuses an element with tabindex="-1" (Tab skips it); focus opens the tooltip.
    repeat = repeats.last
    repeat.focus()
    assert tab.evaluate("document.activeElement.tagName") == "ABBR"
    expansions = {e.abbr: e.expansion["nl"] for e in glossary.load() if e.abbr}
    assert tooltip_of(tab, repeat).inner_text().split("\n")[0].strip() == expansions[repeat.inner_text()]
    assert tab.errors == []


# --- on a phone: readable, dismissible, linked to the glossary, and harmless in a checklist ----------
def first_checklist_acronym(page):
    """An acronym inside a checklist item's label (checklist.js wraps the item text in one)."""
    abbr = page.locator("[data-checklist] label abbr[data-glossary]").first
    abbr.wait_for(timeout=5000)
    return abbr


def open_by_tap(page, abbr):
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    return tooltip_of(page, abbr)


def closed(page, tooltip) -> bool:
    page.wait_for_timeout(400)  # Material removes it 250 ms after the acronym loses focus
    return not tooltip.is_visible()


def test_tap_opens_a_readable_tooltip_that_links_to_the_glossary_entry(phone_tab, site_url):
    page = phone_tab
    page.goto(site_url + "en/begeleiding/", wait_until="networkidle")
    abbr = page.locator("article abbr[tabindex='0']").first
    tooltip = open_by_tap(page, abbr)
    size = tooltip.locator(".md-tooltip2__inner").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 14, f"tooltip text is {size}px"
    link = tooltip.locator("a.abbr-tooltip__more")
    assert link.inner_text() == ui.texts("glossary", "en")["tooltip_more"]
    entry = {e.abbr: e.id for e in glossary.load() if e.abbr}[abbr.inner_text()]
    assert link.evaluate("a => a.href") == site_url + f"en/begrippen/#{entry}"
    box = link.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(site_url + f"en/begrippen/#{entry}")
    assert page.errors == []


@pytest.mark.parametrize("how", ["Escape", "tap elsewhere", "scroll"])
def test_tooltip_closes(phone_tab, site_url, how):
    page = phone_tab
    page.goto(site_url + "begeleiding/", wait_until="networkidle")
    abbr = page.locator("article abbr[tabindex='0']").first
    tooltip = open_by_tap(page, abbr)
    if how == "Escape":
        page.keyboard.press("Escape")
    elif how == "tap elsewhere":
        page.locator("article h1").tap()
    else:
        page.wait_for_timeout(400)
        page.evaluate("() => window.scrollBy(0, 300)")
    assert closed(page, tooltip), f"the tooltip stayed open after {how}"
    assert page.errors == []


def test_tap_on_an_acronym_in_a_checklist_item_shows_it_and_leaves_the_item_unticked(phone_tab, site_url):
    page = phone_tab
    for path in ("plaatsing/", "voorbereiding/", "begeleiding/", "integratie/", "overwegingen/"):
        page.goto(site_url + path, wait_until="networkidle")
        if page.locator("[data-checklist] label abbr[data-glossary]").count():
            break
    else:
        pytest.skip("no checklist item contains an acronym")
    abbr = first_checklist_acronym(page)
    box = abbr.locator("xpath=ancestor::li[1]").locator("input[type=checkbox]").first
    before = box.is_checked()
    tooltip = open_by_tap(page, abbr)
    assert tooltip.is_visible()
    assert box.is_checked() == before, "a tap on the acronym ticked the checklist item"
    assert page.errors == []
