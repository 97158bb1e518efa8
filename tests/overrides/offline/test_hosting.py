"""The built site on a real static host (scripts/site_build/hosting.py): strict security headers
from its own _headers file, and a build for a sub-path that works below that path.

That the headers break nothing (every page served with the policy, nothing blocked, search,
checklists and tooltips working under it), and that every request and link of every page of a
sub-path build stays below the path and loads, is checked on the walk through every page in
tests/site/test_privacy.py, which serves the sub-path build (tests/conftest.py's sub_path_host)
the same way; the offline journey runs below the path too (test_offline_browser.py)."""
from __future__ import annotations

import re

from helpers import SUB_PATH
from site_build.hosting import inline_scripts, script_hash
from site_checks import audits
from site_checks.hosting import headers_for, page_policy, parse_headers_file

REQUIRED = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy")


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
    for page in audits.site_pages(built_site):
        for source in inline_scripts((built_site / page.file).read_text(encoding="utf-8")):
            assert script_hash(source) in hashes, f"{page.file}: inline script not in the policy: {source[:60]}"


def test_english_missing_pages_get_the_english_404_where_the_host_supports_it(built_site):
    assert "/en/*  /en/404.html  404" in (built_site / "_redirects").read_text(encoding="utf-8")
    nginx = (built_site / "_hosting" / "nginx.conf").read_text(encoding="utf-8")
    assert "error_page 404 /en/404.html;" in nginx and "error_page 404 /404.html;" in nginx
    assert nginx.count("Content-Security-Policy") == nginx.count("location ")  # every location repeats them


def test_sub_path_build_names_its_path_in_the_nginx_snippet(sub_path_host):
    site, _ = sub_path_host
    nginx = (site / "_hosting" / "nginx.conf").read_text(encoding="utf-8")
    assert f"location {SUB_PATH}en/ {{" in nginx and f"error_page 404 {SUB_PATH}en/404.html;" in nginx
