"""Each language gets its own search index, 404 page and search base (overrides/hooks/language_outputs.py)."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urljoin, urlsplit

from site_checks.audits import NOT_INDEXED

CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)

LANG_ROOTS = {"nl": "", "en": "en/"}


def html_lang(path) -> str:
    return re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8")).group(1)


def test_each_language_has_its_own_404_page(built_site):
    assert html_lang(built_site / "404.html") == "nl"
    assert html_lang(built_site / "en" / "404.html") == "en"


def test_search_index_per_language_with_its_own_stemmer(built_site):
    nl = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert nl["config"]["lang"] == ["nl"] and en["config"]["lang"] == ["en"]
    # The index is stemmed (the search worker stems the query words to match).
    assert "stemmer" in nl["config"]["pipeline"] and "stemmer" in en["config"]["pipeline"]
    # Locations are relative to each language's root; no page appears in the other's index.
    assert not any(doc["location"].startswith("en/") for doc in nl["docs"])
    assert not any(doc["location"].startswith("en/") for doc in en["docs"])
    nl_titles = {doc["title"] for doc in nl["docs"] if "#" not in doc["location"]}
    en_titles = {doc["title"] for doc in en["docs"] if "#" not in doc["location"]}
    assert "Voorbereiding" in nl_titles and "Voorbereiding" not in en_titles
    assert "Preparation" in en_titles and "Preparation" not in nl_titles
    # Every built page is findable in its own language.
    # Pages that copy others (the printable whole guide) are not searched: they would repeat every result.
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.glob("**/index.html")
             if p.parent.name not in NOT_INDEXED}
    nl_pages = {p for p in pages if not p.startswith("en")}
    en_pages = {p[3:] for p in pages if p.startswith("en/")} | ({""} if "en" in pages else set())
    assert {d["location"].split("#")[0].rstrip("/") for d in nl["docs"]} >= {p if p != "." else "" for p in nl_pages}
    assert {d["location"].split("#")[0].rstrip("/") for d in en["docs"]} >= en_pages


def test_english_pages_search_from_the_english_root(built_site):
    config = CONFIG_SCRIPT
    en_app = json.loads(config.search((built_site / "en" / "voorbereiding" / "index.html").read_text()).group(1))
    nl_app = json.loads(config.search((built_site / "voorbereiding" / "index.html").read_text()).group(1))
    assert en_app["base"] == "../../en/"
    assert nl_app["base"] == ".."
    en_404 = json.loads(config.search((built_site / "en" / "404.html").read_text()).group(1))
    assert en_404["base"].endswith("/en/")  # the English 404 page searches English too


def test_language_metadata_on_every_page(built_site):
    for path in built_site.glob("**/index.html"):
        rel = path.relative_to(built_site).as_posix()
        lang = "en" if rel.startswith("en/") else "nl"
        text = path.read_text(encoding="utf-8")
        assert html_lang(path) == lang, rel
        assert '<link rel="canonical"' in text, rel
        # hreflang alternates only where the page is indexed (the whole guide is not, on purpose).
        if path.parent.name not in NOT_INDEXED:
            assert 'hreflang="nl"' in text and 'hreflang="en"' in text, rel
        else:
            assert '<link rel="alternate"' not in text, rel


def test_sitemap_lists_both_languages(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/en/voorbereiding/" in sitemap and "/voorbereiding/" in sitemap
    assert 'hreflang="en"' in sitemap


def test_every_page_searches_with_the_stemming_worker_in_front_of_materials(built_site):
    pages = sorted(built_site.glob("**/index.html")) + [built_site / "404.html", built_site / "en" / "404.html"]
    for path in pages:
        app = json.loads(CONFIG_SCRIPT.search(path.read_text(encoding="utf-8")).group(1))
        page_url = "http://site/" + path.relative_to(built_site).as_posix()
        worker = urljoin(page_url, app["search"])
        assert urlsplit(worker).path == "/assets/search/search-worker.js", (path, app["search"])
        material = urlsplit(urljoin(worker, parse_qs(urlsplit(worker).query)["material"][0])).path
        assert material.startswith("/assets/javascripts/workers/search.") and (built_site / material[1:]).is_file(), \
            (path, material)
    assert (built_site / "assets" / "search" / "search-worker.js").is_file()


def test_footnote_back_links_are_named_in_the_page_language(built_site):
    titles = {"nl": [], "en": []}
    for path in built_site.glob("**/index.html"):
        lang = "en" if path.relative_to(built_site).parts[0] == "en" else "nl"
        titles[lang] += re.findall(r'class="footnote-backref"[^>]* title="([^"]*)"', path.read_text(encoding="utf-8"))
    assert titles["nl"] and titles["en"], "no footnotes left on the site to check"
    assert all(re.fullmatch(r"Terug naar voetnoot \d+ in de tekst", t) for t in titles["nl"]), titles["nl"]
    assert all(re.fullmatch(r"Jump back to footnote \d+ in the text", t) for t in titles["en"]), titles["en"]


def test_a_checklist_tip_is_found_on_its_phase_page_only(built_site):
    # The planner lists the tips again by date; a search for a tip's words must lead to where
    # it is written (its phase page), not to a copy that ties with it.
    from site_build import checklists

    for root, lang in (("", "nl"), ("en/", "en")):
        docs = json.loads((built_site / root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        for checklist in checklists.load_all().values():
            for item in checklist.items:
                words = checklists.plain_text(item.text[lang])[:60]
                found = {d["location"].split("/")[0] for d in docs if words in d["text"]}
                assert found == {checklist.id}, f"{lang}: tip '{item.id}' is indexed on {sorted(found)}"
