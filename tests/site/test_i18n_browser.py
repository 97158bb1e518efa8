"""The bilingual site as a reader uses it, in headless Chromium."""
from __future__ import annotations

import json
import re

import pytest
from site_checks.audits import focus_search, settle

PAGES = ["", "overwegingen/", "voorbereiding/", "plaatsing/", "begeleiding/", "integratie/", "begrippen/", "links/"]


@pytest.mark.parametrize("path", PAGES)
def test_language_switch_keeps_the_page(tab, site_url, path):
    tab.goto(site_url + path)
    assert tab.locator("html").get_attribute("lang") == "nl"
    tab.locator(".md-header [aria-label] .md-select__link[hreflang='en']").first.dispatch_event("click")
    tab.wait_for_url(site_url + "en/" + path)
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.locator(".md-select__link[hreflang='nl']").first.dispatch_event("click")
    tab.wait_for_url(site_url + path)
    assert tab.locator("html").get_attribute("lang") == "nl"
    assert tab.errors == []


def search(page, query: str) -> list[str]:
    """The result links for ``query``, searched as one whole query.

    Typed letter by letter, Material would search every prefix on the way, and the results
    on screen could still be an earlier prefix's. So: open the search with the keyboard,
    put the whole query in at once, and let a key release (what Material listens for) send it.
    """
    focus_search(page)
    page.fill(".md-search__input", query)
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    # Material renders ten results, then four more each time the list is scrolled to its end:
    # scroll until every result it counts is there, for the checks.
    meta = page.locator(".md-search-result__meta").inner_text()
    total = int(re.search(r"\d+", meta).group()) if re.search(r"\d+", meta) else 1
    for _ in range(3 * total):
        if results.count() >= total:
            break
        page.evaluate("() => { document.querySelector('.md-search__scrollwrap').scrollTop = 0; }")
        page.wait_for_timeout(50)
        results.last.scroll_into_view_if_needed()
        page.wait_for_timeout(100)
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert hrefs, f"no search results for {query!r}"
    return hrefs


def index_docs(built_site, lang: str) -> list[dict]:
    root = built_site if lang == "nl" else built_site / lang
    return json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def stemmed_only_page(docs, pairs) -> tuple[str, str, str]:
    """(inflected, base, location): a page that says the base form but never the query's inflected form.

    Only a stemmer can match it. Among the candidate word pairs, take the one found on
    the fewest pages, so the page is among the first results Material renders.
    """
    words: dict[str, set] = {}  # a page's words, from its own entry and its sections' entries
    for doc in docs:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
        words.setdefault(doc["location"].split("#")[0], set()).update(re.findall(r"\w+", text))
    best = None
    for inflected, base in pairs:
        matching = [loc for loc, ws in words.items() if base in ws or inflected in ws]
        stemmed_only = [loc for loc, ws in words.items() if base in ws and inflected not in ws]
        if stemmed_only and (best is None or len(matching) < best[0]):
            best = (len(matching), inflected, base, stemmed_only[0])
    if best is None:
        pytest.fail(f"no page uses only the base form of any of {pairs}; pick other words for this test")
    return best[1:]


# Not ("scholen", "school") or ("gezinnen", "gezin"): the Dutch Snowball stemmer keeps
# vowel-shortening and consonant-doubling plurals apart ("gezinnen" stems to "gezinn").
DUTCH_PAIRS = [("gemeenten", "gemeente"), ("woningen", "woning"),
               ("organisaties", "organisatie"), ("huisartsen", "huisarts")]
ENGLISH_PAIRS = [("municipalities", "municipality"), ("families", "family"), ("homes", "home"),
                 ("organisations", "organisation"), ("schools", "school"), ("volunteers", "volunteer")]


def test_dutch_search_finds_dutch_pages_only(tab, site_url):
    tab.goto(site_url)
    settle(tab)
    resolved = [tab.evaluate("h => new URL(h, location.href).href", h) for h in search(tab, "gemeenten")]
    assert resolved and all("/en/" not in url for url in resolved)
    assert tab.errors == []


def test_english_search_finds_english_pages_only(tab, site_url):
    tab.goto(site_url + "en/")
    settle(tab)
    resolved = [tab.evaluate("h => new URL(h, location.href).href", h) for h in search(tab, "municipalities")]
    assert resolved and all(url.startswith(site_url + "en/") for url in resolved)
    assert tab.errors == []


LANGUAGE_PAIRS = pytest.mark.parametrize("lang, pairs", [("nl", DUTCH_PAIRS), ("en", ENGLISH_PAIRS)])


def found(page, root: str, query: str, expected: str) -> bool:
    resolved = [page.evaluate("h => new URL(h, location.href).href", h) for h in search(page, query)]
    return any(url.split("#")[0].split("?")[0] == root + expected for url in resolved)


@LANGUAGE_PAIRS
def test_search_stems_in_the_page_language(tab, site_url, built_site, lang, pairs):
    query, _, expected = stemmed_only_page(index_docs(built_site, lang), pairs)
    root = site_url if lang == "nl" else site_url + "en/"
    tab.goto(root)
    settle(tab)
    assert found(tab, root, query, expected), (query, expected)
    # The page matched through the stem, so no query word is listed as missing from it.
    hit = tab.locator(f".md-search-result__item a[href^='{root + expected}?']").first
    assert hit.count() == 1 and hit.locator(".md-search-result__terms").count() == 0, hit.inner_text()
    assert tab.errors == []


@LANGUAGE_PAIRS
def test_search_still_finds_the_word_as_written_and_half_typed(tab, site_url, built_site, lang, pairs):
    _, base, expected = stemmed_only_page(index_docs(built_site, lang), pairs)
    root = site_url if lang == "nl" else site_url + "en/"
    for query in (base, base[:4]):
        tab.goto(root)
        settle(tab)
        assert found(tab, root, query, expected), (query, expected)
    assert tab.errors == []


# That a page view requests only the local server is checked on every page, on the walk in test_privacy.py.


def test_unknown_url_shows_the_404_page_in_its_language(tab, site_url):
    response = tab.goto(site_url + "bestaat-niet/")
    assert response.status == 404 and tab.locator("html").get_attribute("lang") == "nl"
    response = tab.goto(site_url + "en/does-not-exist/")
    assert response.status == 404 and tab.locator("html").get_attribute("lang") == "en"
