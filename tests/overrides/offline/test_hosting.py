"""The built site on a real static host (scripts/site_build/hosting.py): strict security headers
from its own _headers file break nothing, and a build for a sub-path works below that path."""
from __future__ import annotations

import re
import urllib.parse

import pytest
from helpers import REPO_ROOT, build_or_fail, free_port, mkdocs_build
from site_build.hosting import inline_scripts, script_hash
from site_checks import audits
from site_checks.hosting import headers_for, parse_headers_file, serve_as_host
from site_checks.offline import offline_journey

SUB_PATH = "/hervestiging/"
REQUIRED = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy")
# Runs before the page's scripts: every blocked script, style, worker or request is recorded.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
"""


def all_pages(site_dir) -> list[audits.SitePage]:
    return audits.site_pages(site_dir)


@pytest.fixture(scope="module")
def host_site(tmp_path_factory):
    """(site, port): a build for the address the host serves it on. Its hreflang URLs are absolute, and
    Material fetches the sitemap next to them: from another port that breaks connect-src 'self'."""
    port = free_port()
    site = build_or_fail(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("host-site"), "build for the host",
                         env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    return site, port


@pytest.fixture(scope="module")
def host(host_site):
    site, port = host_site
    server, url = serve_as_host(site, port=port)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("sub-path-site")
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", site, env={"SITE_URL": f"https://example.org{SUB_PATH}"})
    if result.returncode != 0:
        pytest.fail(f"build with a sub-path SITE_URL failed:\n{result.stdout}\n{result.stderr}")
    return site


def policy(site_dir) -> str:
    rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    return dict(headers_for("/index.html", rules))["Content-Security-Policy"]


def test_headers_file_sets_the_security_headers_for_every_file(built_site):
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    for path in ("/", "/en/voorbereiding/", "/assets/javascripts/bundle.js", "/service-worker.js"):
        names = [name for name, _ in headers_for(path, rules)]
        assert all(name in names for name in REQUIRED), (path, names)


def test_policy_allows_only_the_sites_own_origin_and_no_unsafe_inline_script(built_site):
    csp = policy(built_site)
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


def test_every_page_loads_under_the_policy_without_a_violation(browser, host, host_site):
    built_site, _ = host_site
    csp = policy(built_site)
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    problems = []
    try:
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
        current = [""]
        page.on("pageerror", lambda error: problems.append(f"{current[0]}: {error}"))
        for site_page in all_pages(built_site):
            current[0] = site_page.path
            response = page.goto(host + site_page.path, wait_until="networkidle")
            assert response.headers.get("content-security-policy") == csp, site_page.path
            problems += [f"{site_page.path}: {v}" for v in page.evaluate("window.__csp")]
    finally:
        context.close()
    assert problems == []


@pytest.mark.parametrize("lang", audits.LANGUAGES)
def test_search_checklists_and_tooltips_work_under_the_policy(browser, host, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(host + ("" if lang == "nl" else f"{lang}/") + "voorbereiding/", wait_until="networkidle")
        assert audits.open_search(page, audits.SEARCH_QUERIES[lang]), "search found nothing"
        page.keyboard.press("Escape")
        assert audits.use_checklist(page), "no checklist"
        abbr = page.locator("article abbr[tabindex='0']").first
        abbr.focus()
        page.wait_for_function("el => el.getAttribute('aria-describedby')", arg=abbr.element_handle(), timeout=5000)
        page.locator("#" + abbr.get_attribute("aria-describedby")).wait_for(state="visible", timeout=5000)
        assert page.evaluate("window.__csp") == [] and errors == []
    finally:
        context.close()


def test_sub_path_build_served_below_its_path_passes_the_offline_journey(browser, sub_path_site):
    server, url = serve_as_host(sub_path_site, mount=SUB_PATH)
    try:
        offline_journey(browser, url, sub_path_site)
    finally:
        server.shutdown()


def test_sub_path_build_every_link_and_asset_stays_below_the_path_and_loads(browser, sub_path_site):
    server, url = serve_as_host(sub_path_site, mount=SUB_PATH)
    context = browser.new_context()
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
