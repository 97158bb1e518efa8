"""The link directory in a real browser: filters on desktop and phone, and the plain list without JavaScript."""
from __future__ import annotations

import re

from site_build import links
from helpers import NO_SERVICE_WORKER

TOTAL = len(links.load().links)


def visible_entries(page) -> list[str]:
    return page.eval_on_selector_all(
        ".link-directory__entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def test_without_javascript_the_list_is_complete_and_the_filters_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "links/")
    assert len(visible_entries(page)) == TOTAL
    assert not page.is_visible(".link-directory__filters")
    context.close()


def test_text_filter_narrows_the_list_and_announces_the_count(tab, site_url):
    tab.goto(site_url + "links/")
    status = tab.locator(".link-directory__count")
    assert tab.is_visible(".link-directory__filters")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{TOTAL} links"
    tab.get_by_label("Zoek op trefwoord").fill("gun ons")
    assert visible_entries(tab) == ["link-pharos-gun-ons-de-tijd"]
    tab.wait_for_function("document.querySelector('.link-directory__count').textContent === '1 link'")
    # Only the group with a match stays visible.
    groups = tab.eval_on_selector_all(".link-directory__group", "els => els.filter(e => !e.hidden).map(e => e.dataset.category)")
    assert groups == ["eerdere-onderzoeken"]
    tab.get_by_label("Zoek op trefwoord").fill("geen-enkele-link-heet-zo")
    assert visible_entries(tab) == []
    tab.wait_for_function("document.querySelector('.link-directory__count').textContent.startsWith('Geen links gevonden')")
    assert tab.errors == []


def test_category_and_organisation_filters_combine(tab, site_url):
    tab.goto(site_url + "links/")
    tab.get_by_label("Categorie").select_option("eerdere-onderzoeken")
    expected = [f"link-{l.id}" for l in links.load().links if l.category == "eerdere-onderzoeken"]
    assert visible_entries(tab) == expected
    tab.get_by_label("Organisatie").select_option("COA")
    assert visible_entries(tab) == ["link-coa-meedoen-2015"]
    tab.get_by_label("Categorie").select_option("")
    coa = [f"link-{l.id}" for l in links.load().links if l.organisation["nl"] == "COA"]
    assert visible_entries(tab) == coa
    assert tab.errors == []


def test_english_directory_on_a_phone(browser, site_url):
    context = browser.new_context(**NO_SERVICE_WORKER, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "en/links/")
    entry = page.locator("#link-pharos-gun-ons-de-tijd")
    assert re.search(r"Pharos · PDF · in Dutch", entry.inner_text())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for label in ("Search by keyword", "Category", "Organisation"):
        control = page.get_by_label(label)
        box = control.bounding_box()
        assert box["height"] >= 40 and box["width"] >= 0.75 * 360, (label, box)  # full width, finger-sized
    page.get_by_label("Search by keyword").fill("handbook")
    assert visible_entries(page) == ["link-coa-handboek-hervestiging"]
    context.close()


def test_assets_load_only_on_the_directory_page(tab, site_url):
    tab.goto(site_url)
    assert tab.locator("script[src*='link-directory']").count() == 0
    tab.goto(site_url + "links/")
    assert tab.locator("script[src*='link-directory']").count() == 1
    assert tab.locator("link[href*='link-directory.css']").count() == 1


def test_no_accessibility_violations_with_the_filters_in_use(tab, site_url):
    from axe_playwright_python.sync_playwright import Axe

    tab.goto(site_url + "en/links/")
    tab.get_by_label("Search by keyword").fill("coa")
    tab.get_by_label("Organisation").select_option("COA")
    tab.wait_for_function("document.querySelector('.link-directory__count').textContent.endsWith('links')")
    result = Axe().run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert result.response["violations"] == [], [(v["id"], v["nodes"][0]["target"]) for v in result.response["violations"]]
