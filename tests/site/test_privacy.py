"""Privacy gates: no request to any host but the site's own, no third-party assets, no cookies.

A reader walks through every page in both languages in one browser profile, service worker on,
with the site built for a sub-path and served below it as a static host serves it, with the
site's own _headers: the checklist, search and a glossary tooltip are used on a phase page in
each language. The network log (pages, the search worker and the service worker) may hold only
the site's own server, and the profile may hold no cookies. The same walk checks:

- the host's security policy: every page is served with it, and nothing is blocked by it
  (scripts/site_build/hosting.py writes it);
- that every request of every page view succeeds (tests/site/test_network.py);
- that a build for a sub-path stays below it: every request and every link of every page (the
  host answers 404 outside the path; tests/overrides/offline/test_hosting.py has the rest of hosting).

One walk for all of these, since each walk costs a page view per page. The built HTML, CSS
and JS are scanned for remote assets; plain <a href> links to other sites are content and allowed.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

import pytest
from helpers import SUB_PATH
from site_checks import audits
from site_checks.hosting import page_policy

# Runs before the page's scripts: every script, style, worker or request the policy blocks is recorded.
RECORD_CSP_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
"""
# Where the reader also uses the checklist, the search and a tooltip (one page per language).
USED_PAGE = "voorbereiding"


@dataclass
class Walk:
    """What one browser profile saw while a reader opened every page in turn."""

    requests: list[str] = field(default_factory=list)  # every URL requested, the workers' too
    failed: list[str] = field(default_factory=list)  # responses of 400 or more, and requests that got none
    policies: dict[str, str | None] = field(default_factory=dict)  # page path -> its Content-Security-Policy
    problems: list[str] = field(default_factory=list)  # blocked by the policy, uncaught errors, features that failed
    cookies: list[dict] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # every link to the site's own server -> a page it is on


def use_checklist_search_and_tooltip(page, lang: str) -> list[str]:
    """What did not work of the three, as the reader would notice it."""
    failed = []
    if not audits.open_search(page, audits.SEARCH_QUERIES[lang], timeout=5_000):
        failed.append("the search found nothing")
    page.keyboard.press("Escape")
    if not audits.use_checklist(page):
        failed.append("no checklist")
    abbr = page.locator("article abbr[tabindex='0']").first
    abbr.focus()
    try:
        page.wait_for_function("el => el.getAttribute('aria-describedby')", arg=abbr.element_handle(), timeout=5000)
        page.locator("#" + abbr.get_attribute("aria-describedby")).wait_for(state="visible", timeout=5000)
    except Exception:  # Playwright's TimeoutError
        failed.append("the tooltip of a term did not show")
    page.wait_for_load_state("networkidle")
    return failed


def walk_every_page(browser, url: str, pages) -> Walk:
    walk = Walk()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    current = [""]
    context.on("request", lambda request: walk.requests.append(request.url))
    context.on("response", lambda r: r.status >= 400 and walk.failed.append(f"{current[0]}: {r.status} {r.url}"))
    context.on("requestfailed", lambda r: walk.failed.append(f"{current[0]}: failed {r.url} ({r.failure})"))
    try:
        own = urllib.parse.urlsplit(url).netloc
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and walk.problems.append(f"{current[0]}: {m.text}"))
        page.on("pageerror", lambda error: walk.problems.append(f"{current[0]}: {error}"))
        for site_page in pages:
            current[0] = site_page.path
            response = page.goto(url + site_page.path, wait_until="networkidle")
            walk.policies[site_page.path] = response.headers.get("content-security-policy")
            if site_page.name == USED_PAGE:
                walk.problems += [f"{site_page.path}: {f}" for f in use_checklist_search_and_tooltip(page, site_page.lang)]
            walk.problems += [f"{site_page.path}: {v}" for v in page.evaluate("window.__csp")]
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                parts = urllib.parse.urlsplit(href)
                if parts.scheme in ("http", "https") and parts.netloc == own:
                    walk.links.setdefault(urllib.parse.urlunsplit(parts._replace(fragment="", query="")), site_page.path)
        walk.cookies = context.cookies()
        walk.failed += [f"{on_page}: link to {link} gives {status}" for link, on_page in walk.links.items()
                        if (status := context.request.get(link).status) != 200]
    finally:
        context.close()
    return walk


@pytest.mark.slow
def test_a_walk_through_every_page_keeps_to_the_site_its_sub_path_and_its_security_policy(browser, sub_path_host):
    # Also tests/site/test_network.py's gate on every page (no request of a page view fails), and the
    # sub-path's: every request and link stays below it (the host has nothing outside it).
    site, url = sub_path_host
    pages = audits.site_pages(site)
    assert {p.lang for p in pages if p.name == USED_PAGE} == set(audits.LANGUAGES)
    walk = walk_every_page(browser, url, pages)
    assert any("search_index.json" in u for u in walk.requests), "the search worker's requests were not seen"
    assert any("service-worker.js" in u for u in walk.requests), "the service worker's requests were not seen"
    outside = sorted(set(audits.outside_requests(walk.requests, url)))
    assert outside == [], "requests to other hosts:\n" + "\n".join(outside)
    assert walk.cookies == []
    policy = page_policy(site)
    assert [path for path, header in walk.policies.items() if header != policy] == [], "pages served without the policy"
    assert walk.problems == [], "\n".join(walk.problems)
    # Before the failing requests: the host answers 404 outside the path, so such a link fails there too.
    outside_path = sorted({f"{on_page}: {link}" for link, on_page in walk.links.items()
                           if not urllib.parse.urlsplit(link).path.startswith(SUB_PATH)})
    assert outside_path == [], f"links that leave {SUB_PATH}:\n" + "\n".join(outside_path)
    assert walk.failed == [], "failing requests and links:\n" + "\n".join(walk.failed)


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
