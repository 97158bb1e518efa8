"""The bilingual site as a reader uses it, in headless Chromium."""
from __future__ import annotations

import json
import re

import pytest

PAGES = ["", "overwegingen/", "voorbereiding/", "plaatsing/", "begeleiding/", "integratie/", "begrippen/", "links/"]


@pytest.mark.parametrize("path", PAGES)
def test_language_switch_keeps_the_page(page, site_url, path):
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == "nl"
    page.locator(".md-header [aria-label] .md-select__link[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url(site_url + "en/" + path)
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-select__link[hreflang='nl']").first.dispatch_event("click")
    page.wait_for_url(site_url + path)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.errors == []


def search(page, query: str) -> list[str]:
    page.locator("label[for='__search']").first.click()
    page.locator("input.md-search__input").fill(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    return [a.get_attribute("href") for a in results.all()]


def index_docs(built_site, lang: str) -> list[dict]:
    root = built_site if lang == "nl" else built_site / lang
    return json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def stemmed_only_page(docs, inflected: str, base: str) -> str:
    """A page that says ``base`` but never ``inflected``: only a stemmer can match it."""
    for doc in docs:
        if "#" in doc["location"]:
            continue
        words = set(re.findall(r"\w+", (doc["title"] + " " + doc["text"]).lower()))
        if base in words and inflected not in words:
            return doc["location"]
    pytest.fail(f"no page says '{base}' without '{inflected}'; pick other words for this test")


def test_dutch_search_finds_dutch_pages_only_with_dutch_stemming(page, site_url, built_site):
    expected = stemmed_only_page(index_docs(built_site, "nl"), "gemeenten", "gemeente")
    page.goto(site_url)
    hrefs = search(page, "gemeenten")
    resolved = [page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs]
    assert resolved and all("/en/" not in url for url in resolved)
    assert any(url.split("#")[0] == site_url + expected for url in resolved), (expected, resolved)
    assert page.errors == []


def test_english_search_finds_english_pages_only_with_english_stemming(page, site_url, built_site):
    expected = stemmed_only_page(index_docs(built_site, "en"), "municipalities", "municipality")
    page.goto(site_url + "en/")
    hrefs = search(page, "municipalities")
    resolved = [page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs]
    assert resolved and all(url.startswith(site_url + "en/") for url in resolved)
    assert any(url.split("#")[0] == site_url + "en/" + expected for url in resolved), (expected, resolved)
    assert page.errors == []


def test_page_load_requests_only_the_local_server(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "en/voorbereiding/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert requested
    outside = [url for url in requested if not url.startswith(site_url) and not url.startswith("data:")]
    assert outside == []


def test_unknown_url_shows_the_404_page_in_its_language(page, site_url):
    response = page.goto(site_url + "bestaat-niet/")
    assert response.status == 404 and page.locator("html").get_attribute("lang") == "nl"
    response = page.goto(site_url + "en/does-not-exist/")
    assert response.status == 404 and page.locator("html").get_attribute("lang") == "en"
