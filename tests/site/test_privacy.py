"""Privacy gates: no request to any host but the site's own, no third-party assets, no cookies.

Every page in both languages is loaded in Chromium in one browser profile, with the
search and a checklist used along the way; the network log (pages and the search
worker) may hold only the local server, and the profile may hold no cookies.
The built HTML, CSS and JS are scanned for remote assets; plain <a href> links
to other sites are content and allowed.
"""
from __future__ import annotations

from site_checks import audits

PAGES = audits.source_pages()


def test_no_request_leaves_the_site_and_no_cookie_is_set(browser, site_url):
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        for site_page in PAGES:
            page.goto(site_url + site_page.path, wait_until="networkidle")
            if site_page.name == "voorbereiding":
                audits.use_checklist(page)
                audits.open_search(page, audits.SEARCH_QUERIES[site_page.lang], timeout=5_000)
                page.wait_for_load_state("networkidle")
        cookies = context.cookies()
    finally:
        context.close()
    assert any("search_index.json" in url for url in requested), "the search worker's requests were not seen"
    outside = sorted(set(audits.outside_requests(requested, site_url)))
    assert outside == [], "requests to other hosts:\n" + "\n".join(outside)
    assert cookies == []


def test_built_files_reference_no_third_party_assets(built_site):
    found = audits.third_party_references(built_site)
    report = [f"{file}: {problem}" for file, problems in found.items() for problem in problems]
    assert report == [], "third-party assets in the build:\n" + "\n".join(report)


def test_no_google_fonts_or_other_remote_fonts_in_the_build(built_site):
    # Material loads Google Fonts unless `font: false`; the scan above would catch the
    # <link>, this names the usual suspects directly in every built text file.
    suspects = ("fonts.googleapis.com", "fonts.gstatic.com", "googletagmanager", "google-analytics", "cdn.jsdelivr")
    hits = [f"{path.relative_to(built_site)}: {s}" for path in built_site.rglob("*")
            if path.suffix in (".html", ".css", ".js", ".json") and path.is_file()
            for s in suspects if s in path.read_text(encoding="utf-8", errors="replace")]
    assert hits == []
