"""The offline copy in a real browser (overrides/assets/offline/): a volunteer who read one page
and loses the signal can still open the rest of the guide, tick checklists and search."""
from __future__ import annotations

import json

import pytest
from site_checks import audits
from site_checks.offline import offline_state, precache_lists, wait_until_cached

PHONE = {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True, "locale": "nl-NL"}


def search_on_phone(page, query: str) -> list[str]:
    """Tap the header's search button, type ``query``; the result links ([] if none)."""
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type(query, delay=20)
    return audits._search_results(page, 10_000)


def phase_page(lang_lists: dict, lang: str, visited: str) -> str:
    """A phase page of ``lang`` from the build's list, other than ``visited``."""
    prefix = "" if lang == "nl" else f"{lang}/"
    pages = [prefix + name + "/" for name in audits.PHASE_PAGES]
    return next(p for p in pages if p != visited and p in lang_lists[lang]["urls"])


def offline_journey(browser, site_url: str, site_dir) -> None:
    """Visit one page, go offline, open pages never visited, tick an item, come back online."""
    lists = precache_lists(site_dir)
    first = "voorbereiding/"
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + first)
        wait_until_cached(page, "nl")

        context.set_offline(True)
        never_visited = ["", "en/", phase_page(lists, "nl", first), "links/"]
        for path in never_visited:
            response = page.goto(site_url + path)
            assert response is not None and response.ok, f"{path} did not load offline"
            assert page.locator("h1#offline").count() == 0, f"{path} showed the offline page"
            assert page.locator("article h1").count() == 1, f"{path} has no content offline"
        # The link directory filters offline.
        page.goto(site_url + "links/")
        assert page.locator("[data-link-directory]").count() == 1
        # Search in the page's language works offline.
        page.goto(site_url + phase_page(lists, "nl", first))
        assert search_on_phone(page, audits.SEARCH_QUERIES["nl"]), "search found nothing offline"
        # A tick made offline ...
        page.goto(site_url + phase_page(lists, "nl", first))
        box = page.locator(audits.CHECKLIST_BOX).first
        box.check()
        item_id = box.get_attribute("id")
        context.set_offline(False)
        # ... is still there online, on a fresh load from the network.
        page.reload()
        page.locator(".checklist--js").first.wait_for()
        assert page.locator(f"[id='{item_id}']").is_checked()
        assert errors == []
    finally:
        context.close()


def test_pages_never_visited_open_offline_and_ticks_survive(browser, site_url, built_site):
    offline_journey(browser, site_url, built_site)


def test_a_page_not_stored_shows_the_offline_page_in_its_language(browser, site_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        wait_until_cached(page, "nl")
        context.set_offline(True)
        for path, heading in (("niet-bewaard/", "U bent offline"), ("en/not-stored/", "You are offline")):
            page.goto(site_url + path)
            assert page.locator("h1#offline").inner_text() == heading
            assert page.evaluate("document.documentElement.lang") == ("en" if path.startswith("en/") else "nl")
            # Its stylesheets came from the offline copy too.
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    finally:
        context.close()


def test_the_other_language_is_stored_on_its_first_visit(browser, site_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        state = wait_until_cached(page, "nl")
        assert not any(entry.endswith(" en") for entry in state["found"]), "English was stored before any visit"
        page.goto(site_url + "en/")
        wait_until_cached(page, "en")
        context.set_offline(True)
        page.goto(site_url + "en/links/")
        assert page.locator("h1#offline").count() == 0
        assert search_on_phone(page, audits.SEARCH_QUERIES["en"]), "English search found nothing offline"
    finally:
        context.close()


def test_only_the_sites_own_requests_are_answered_from_the_cache(built_site):
    lists = precache_lists(built_site)
    for data in lists.values():
        assert all("://" not in url and not url.startswith("/") for url in data["urls"]), data["urls"]
    worker = (built_site / "service-worker.js").read_text(encoding="utf-8")
    build = json.loads(worker.split("const BUILD=", 1)[1].split(";", 1)[0].split("\n")[0])
    assert build["version"] == lists["nl"]["version"] == lists["en"]["version"]
    assert build["languages"] == {lang: data["urls"] for lang, data in lists.items()}


@pytest.mark.parametrize("lang", audits.LANGUAGES)
def test_each_language_list_holds_all_its_pages_and_its_search_index(built_site, lang):
    urls = precache_lists(built_site)[lang]["urls"]
    pages = {p.path for p in audits.site_pages(built_site) if p.lang == lang and p.name != "404"}
    assert pages <= set(urls)
    index = ("" if lang == "nl" else f"{lang}/") + "search/search_index.json"
    assert index in urls


@pytest.mark.parametrize("lang", audits.LANGUAGES)
def test_offline_page_has_no_axe_violations(page, site_url, lang):
    page.goto(site_url + ("" if lang == "nl" else f"{lang}/") + "offline.html")
    assert page.evaluate("document.documentElement.lang") == lang
    assert audits.axe_violations(page) == []
    # Its language menu leads to each language's home page.
    hrefs = page.eval_on_selector_all("a.md-select__link", "links => links.map(a => a.href)")
    assert sorted(hrefs) == sorted(site_url + ("" if other == "nl" else f"{other}/") for other in audits.LANGUAGES)
