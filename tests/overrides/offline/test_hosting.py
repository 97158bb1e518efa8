"""The built site on a real static host (scripts/site_build/hosting.py): strict security headers
from its own _headers file, and a build for a sub-path that works below that path.

That the headers break nothing (every page served with the policy, nothing blocked, search,
checklists and tooltips working under it) is checked on the walk through every page in
tests/site/test_privacy.py, which serves the site the same way."""
from __future__ import annotations

import re
import urllib.parse

import pytest
from helpers import NO_SERVICE_WORKER, REPO_ROOT, mkdocs_build
from site_build.hosting import inline_scripts, script_hash
from site_checks import audits
from site_checks.hosting import headers_for, page_policy, parse_headers_file, serve_as_host
from site_checks.offline import offline_journey

SUB_PATH = "/hervestiging/"
REQUIRED = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy")


def all_pages(site_dir) -> list[audits.SitePage]:
    return audits.site_pages(site_dir)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("sub-path-site")
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", site, env={"SITE_URL": f"https://example.org{SUB_PATH}"})
    if result.returncode != 0:
        pytest.fail(f"build with a sub-path SITE_URL failed:\n{result.stdout}\n{result.stderr}")
    return site


def test_headers_file_sets_the_security_headers_for_every_file(built_site):
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    for path in ("/", "/en/voorbereiding/", "/assets/javascripts/bundle.js", "/service-worker.js"):
        names = [name for name, _ in headers_for(path, rules)]
        assert all(name in names for name in REQUIRED), (path, names)


def test_policy_allows_only_the_sites_own_origin_and_no_unsafe_inline_script(built_site):
    csp = page_policy(built_site)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if " " in d.strip())
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    for name, sources in directives.items():
        for source in sources.split():
            assert source in ("'self'", "'none'", "data:") or source.startswith("'sha256-"), (name, source)
    # Every inline script of every built page is allowed by its hash.
    hashes = set(re.findall(r"'sha256-[^']+'", directives["script-src"]))
    for page in all_pages(built_site):
        for source in inline_scripts((built_site / page.file).read_text(encoding="utf-8")):
            assert script_hash(source) in hashes, f"{page.file}: inline script not in the policy: {source[:60]}"


def test_english_missing_pages_get_the_english_404_where_the_host_supports_it(built_site):
    assert "/en/*  /en/404.html  404" in (built_site / "_redirects").read_text(encoding="utf-8")
    nginx = (built_site / "_hosting" / "nginx.conf").read_text(encoding="utf-8")
    assert "error_page 404 /en/404.html;" in nginx and "error_page 404 /404.html;" in nginx
    assert nginx.count("Content-Security-Policy") == nginx.count("location ")  # every location repeats them


def test_sub_path_build_names_its_path_in_the_nginx_snippet(sub_path_site):
    nginx = (sub_path_site / "_hosting" / "nginx.conf").read_text(encoding="utf-8")
    assert f"location {SUB_PATH}en/ {{" in nginx and f"error_page 404 {SUB_PATH}en/404.html;" in nginx


def test_sub_path_build_served_below_its_path_passes_the_offline_journey(browser, sub_path_site):
    server, url = serve_as_host(sub_path_site, mount=SUB_PATH)
    try:
        offline_journey(browser, url, sub_path_site)
    finally:
        server.shutdown()


def test_sub_path_build_every_link_and_asset_stays_below_the_path_and_loads(browser, sub_path_site):
    server, url = serve_as_host(sub_path_site, mount=SUB_PATH)
    # The service worker's own requests below the path are the offline journey's (the test above).
    context = browser.new_context(**NO_SERVICE_WORKER)
    failed, outside = [], []
    context.on("response", lambda r: r.status >= 400 and "sitemap.xml" not in r.url and failed.append(f"{r.status} {r.url}"))
    try:
        page = context.new_page()
        links: set[str] = set()
        for site_page in all_pages(sub_path_site):
            response = page.goto(url + site_page.path, wait_until="networkidle")
            assert response.ok, site_page.path
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                parts = urllib.parse.urlsplit(href)
                if parts.netloc == urllib.parse.urlsplit(url).netloc:
                    if parts.path.startswith(SUB_PATH):
                        links.add(urllib.parse.urlunsplit(parts._replace(fragment="", query="")))
                    else:
                        outside.append(f"{site_page.path}: {href}")
        for link in sorted(links):
            assert context.request.get(link).status == 200, link
    finally:
        context.close()
        server.shutdown()
    assert outside == [] and failed == []
