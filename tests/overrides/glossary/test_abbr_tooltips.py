"""Acronym tooltips in a real browser: reachable by keyboard and touch, in the page's language.

The glossary (docs/data/glossary.yml) gives each acronym its expansion per language;
overrides/hooks/abbr_focus.py makes every <abbr> focusable so Material's tooltip opens
on focus (keyboard) and on tap, not only on mouse hover; only the first of each acronym
on a page is a Tab stop.
"""
from __future__ import annotations

import pytest
from site_build import glossary

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


def test_tooltip_on_focus_is_english_on_english_page(page, site_url):
    text = focus_abbr_and_read_tooltip(page, site_url + "en/begeleiding/", "COA")
    assert "Central Agency for the Reception of Asylum Seekers" in text
    assert page.errors == []


def test_tooltip_on_focus_is_dutch_on_dutch_page(page, site_url):
    text = focus_abbr_and_read_tooltip(page, site_url + "begeleiding/", "COA")
    assert "Centraal Orgaan opvang asielzoekers" in text
    assert "Central Agency" not in text
    assert page.errors == []


def test_tab_key_reaches_an_acronym(page, site_url):
    """With only the keyboard, Tab eventually lands on an acronym and opens its tooltip."""
    page.goto(site_url + "en/integratie/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("80 Tab presses never reached an <abbr> on en/integratie/")
    focused = page.locator("abbr:focus")
    expansions = {e.abbr: e.expansion["en"] for e in glossary.load() if e.abbr}
    assert tooltip_of(page, focused).inner_text() == expansions[focused.inner_text()]


def test_tap_opens_tooltip_on_touch_device(browser, site_url):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + "en/begeleiding/")
        abbr = page.locator("article abbr:text-is('COA')").first
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        assert "Central Agency" in tooltip_of(page, abbr).inner_text()
    finally:
        context.close()


def test_each_acronym_is_one_tab_stop_and_its_repeats_still_open_on_tap(page, site_url):
    page.goto(site_url + "voorbereiding/")
    focusable = page.locator("article abbr[tabindex]").all_inner_texts()
    tab_stops = page.locator("article abbr[tabindex='0']").all_inner_texts()
    assert len(tab_stops) == len(set(tab_stops)) and set(tab_stops) == set(focusable), tab_stops
    repeats = page.locator("article abbr[tabindex='-1']")
    assert repeats.count() > 0, "no acronym repeats on voorbereiding/; pick a page that repeats one"
    # A tap focuses an element with tabindex="-1" (Tab skips it); focus opens the tooltip.
    repeat = repeats.last
    repeat.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    expansions = {e.abbr: e.expansion["nl"] for e in glossary.load() if e.abbr}
    assert tooltip_of(page, repeat).inner_text() == expansions[repeat.inner_text()]
    assert page.errors == []
