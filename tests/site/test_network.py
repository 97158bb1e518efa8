"""Every request a page view makes succeeds: no response of 400 or more, in either language.

Material's language switch fetches a sitemap next to each alternate link of a page
(scripts/site_build/sitemaps.py writes them); a missing file there is a 404 and a console
error on every view. Every page's own view is checked on the walk through every page in
tests/site/test_privacy.py (desktop, search index and service worker included: the requests
a page makes do not depend on the screen); here, on a phone (360×640, touch), the 404 pages,
the service worker's offline copy once per language, and the sitemaps and hreflang links in
the built files.
"""
from __future__ import annotations

import re
import urllib.parse

import pytest
from site_checks import audits
from site_checks.browser import PHONE
from site_checks.offline import wait_until_cached

PAGES = audits.source_pages()


def failing_responses(page, url: str) -> list[str]:
    failed: list[str] = []

    def on_response(response):
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def on_request_failed(request):
        failed.append(f"failed {request.url} ({request.failure})")

    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    try:
        page.goto(url, wait_until="networkidle")
        audits.settle(page)
        page.wait_for_load_state("networkidle")
    finally:  # the tab is kept open for the next test
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_request_failed)
    return failed


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_request_of_the_offline_copy_succeeds(browser, site_url, lang):
    # The page gates run without the service worker (tests/helpers.py NO_SERVICE_WORKER), and the walk in
    # test_privacy.py does not wait for its copy; what it fetches after a first view is the same from every
    # page of a language, so it is checked once here, to the end.
    context = browser.new_context(**PHONE, locale="nl-NL")
    failed: list[str] = []
    fetched: list[str] = []
    context.on("response", lambda r: (fetched.append(r.url), r.status >= 400 and failed.append(f"{r.status} {r.url}")))
    context.on("requestfailed", lambda r: failed.append(f"failed {r.url} ({r.failure})"))
    try:
        page = context.new_page()
        page.goto(site_url + ("" if lang == "nl" else f"{lang}/"), wait_until="load")
        wait_until_cached(page, lang)
    finally:
        context.close()
    # Pages other than the one viewed are fetched only by the worker.
    others = {url for url in fetched if url.endswith("/") and url.rstrip("/") != site_url.rstrip("/")}
    assert len(others) >= 5, f"the offline copy's requests were not seen: {sorted(fetched)}"
    assert failed == [], f"{lang}: failing requests of the offline copy:\n" + "\n".join(failed)


@pytest.mark.parametrize("missing", ["bestaat-niet/", "en/does-not-exist/"])
def test_the_404_page_itself_makes_no_failing_request(phone_tab, site_url, missing):
    failed = failing_responses(phone_tab, site_url + missing)
    # The missing page's own 404 is the point; everything it loads must succeed.
    assert [f for f in failed if not f.endswith(" " + site_url + missing)] == []


def test_each_folder_sitemap_lists_only_its_own_urls(built_site):
    # Pages that are not indexed (the whole guide) have no alternates, so no sitemap is fetched for them.
    folders = [index.parent for index in built_site.rglob("index.html")
               if index.parent != built_site and index.parent.name not in audits.NOT_INDEXED]
    assert folders
    for folder in folders:
        sitemap = folder / "sitemap.xml"
        assert sitemap.is_file(), f"no sitemap next to {folder.relative_to(built_site)}/"
        locs = re.findall(r"<loc>\s*(.*?)\s*</loc>", sitemap.read_text(encoding="utf-8"))
        assert locs, sitemap
        under = "/" + folder.relative_to(built_site).as_posix() + "/"
        outside = [loc for loc in locs if under not in urllib.parse.urlsplit(loc).path]
        assert outside == [], f"{sitemap.relative_to(built_site)} lists URLs outside its folder: {outside}"


def test_hreflang_alternates_are_absolute_and_on_the_site_s_own_host(built_site, site_url):
    # Search engines want absolute hreflang URLs; Material fetches a sitemap next to each, so
    # they must also be this site's (the tests build for the test server's address).
    for site_page in [p for p in PAGES if p.name not in audits.NOT_INDEXED]:
        html = (built_site / site_page.file).read_text(encoding="utf-8")
        hrefs = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="[^"]+">', html)
        assert len(hrefs) == 2, site_page.label
        assert all(h.startswith(site_url) for h in hrefs), (site_page.label, hrefs)
