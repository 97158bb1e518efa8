"""The build ships only the Lunr files the search loads, and no source maps (overrides/hooks/offline.py)."""
from __future__ import annotations

from site_build.unused_assets import LUNR_DIR, needed_lunr_files, never_loaded, search_languages
from site_checks import audits


def test_lunr_files_follow_materials_rule():
    assert needed_lunr_files([["en"]]) == set()
    assert needed_lunr_files([["nl"]]) == {"min/lunr.stemmer.support.min.js", "min/lunr.nl.min.js"}
    assert needed_lunr_files([["nl", "en"]]) == {
        "min/lunr.stemmer.support.min.js", "min/lunr.nl.min.js", "min/lunr.multi.min.js"}
    assert "tinyseg.js" in needed_lunr_files([["ja"]]) and "wordcut.js" in needed_lunr_files([["th"]])


def test_files_left_out_of_the_build_are_those_no_index_needs():
    lunr = LUNR_DIR.as_posix()
    indexes = [["nl"], ["en"]]
    for name in needed_lunr_files(indexes):
        assert not never_loaded(f"{lunr}/{name}", indexes), name
    assert never_loaded(f"{lunr}/min/lunr.de.min.js", indexes) and never_loaded(f"{lunr}/wordcut.js", indexes)
    assert never_loaded("assets/javascripts/bundle.min.js.map", indexes)
    assert not never_loaded("assets/javascripts/bundle.min.js", indexes)
    assert not never_loaded("maps/route.map", indexes)  # a page's own file, not a theme asset


def test_build_keeps_exactly_the_lunr_files_of_its_index_languages(built_site):
    languages = search_languages(built_site)
    # One index per site language, each with its own language.
    assert sorted(lang for langs in languages for lang in langs) == sorted(audits.LANGUAGES)
    lunr = built_site / LUNR_DIR
    present = {f.relative_to(lunr).as_posix() for f in lunr.rglob("*") if f.is_file()}
    assert present == needed_lunr_files(languages)


def test_no_source_maps_and_no_comments_pointing_at_them(built_site):
    assert list(built_site.rglob("*.map")) == []
    pointing = [f.relative_to(built_site).as_posix() for f in (built_site / "assets").rglob("*.js")
                if b"sourceMappingURL=" in f.read_bytes()]
    assert pointing == []


def test_search_works_in_both_languages_and_every_request_succeeds(browser, site_url):
    context = browser.new_context()
    failed = []
    context.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url[len(site_url):]}"))
    context.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    try:
        page = context.new_page()
        for lang, prefix in (("nl", ""), ("en", "en/")):
            page.goto(site_url + prefix + "voorbereiding/", wait_until="networkidle")
            results = audits.open_search(page, audits.SEARCH_QUERIES[lang])
            assert results, f"search in {lang} found nothing"
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    # Material's language switch asks for sitemap.xml beside each page, which another change serves.
    assert [f for f in failed if "sitemap.xml" not in f] == []
