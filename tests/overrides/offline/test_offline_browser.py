"""The offline copy in a real browser (overrides/assets/offline/): a volunteer who read one page
and loses the signal can still open the rest of the guide, tick checklists and search."""
from __future__ import annotations

import json

import pytest
from site_build import ui
from site_checks import audits
from site_checks.offline import PHONE, offline_journey, precache_lists, search_on_phone, wait_until_cached


@pytest.mark.slow
def test_pages_never_visited_open_offline_and_ticks_survive(browser, sub_path_host):
    # Served below a sub-path (as a project site on GitHub Pages is): the service worker's scope, its
    # copy and the pages it answers follow the path. The tests below run at the root.
    site, url = sub_path_host
    offline_journey(browser, url, site)


def test_a_page_not_stored_shows_the_offline_page_in_its_language(browser, site_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        wait_until_cached(page, "nl")
        context.set_offline(True)
        for path, lang in (("niet-bewaard/", "nl"), ("en/not-stored/", "en")):
            page.goto(site_url + path)
            assert page.locator("h1#offline").inner_text() == ui.texts("offline", lang)["title"]
            assert page.evaluate("document.documentElement.lang") == lang
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
def test_offline_page_has_no_axe_violations(tab, site_url, lang):
    tab.goto(site_url + ("" if lang == "nl" else f"{lang}/") + "offline.html")
    assert tab.evaluate("document.documentElement.lang") == lang
    assert audits.axe_violations(tab) == []
    # Its language switch is one link, to the other language's home page.
    hrefs = tab.eval_on_selector_all("a.md-select__link", "links => links.map(a => a.href)")
    assert hrefs == [site_url + ("" if other == "nl" else f"{other}/") for other in audits.LANGUAGES if other != lang]


def test_offline_copy_within_its_budget_and_printed_by_the_audit(built_site):
    from site_checks.offline import BUDGET_OFFLINE_ALL_LANGUAGES_KB, BUDGET_OFFLINE_ONE_LANGUAGE_KB, offline_cache_weights

    weights = offline_cache_weights(built_site)
    assert [w.budget_kb for w in weights] == [BUDGET_OFFLINE_ONE_LANGUAGE_KB] * len(audits.LANGUAGES) + [
        BUDGET_OFFLINE_ALL_LANGUAGES_KB]
    assert all(w.ok for w in weights), [w.line() for w in weights]
    # Both together count shared files once: less than the sum of the languages.
    assert weights[-1].size < sum(w.size for w in weights[:-1])


def test_a_page_loading_a_file_the_build_did_not_write_fails_the_build_clearly(tmp_path):
    from site_build.offline import write_offline_copy

    site = tmp_path / "site"
    (site / "assets" / "offline").mkdir(parents=True)
    (site / "index.html").write_text('<html lang="nl"><link rel="stylesheet" href="assets/gone.css"></html>')
    with pytest.raises(FileNotFoundError, match="assets/gone.css"):
        write_offline_copy(site)
