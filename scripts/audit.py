#!/usr/bin/env python3
"""Audit the site: accessibility, keyboard, privacy, SEO, page weight and build time.

Builds the site fresh (strict, both languages) into a temporary folder, serves it on
127.0.0.1, checks every page in both languages in headless Chromium, and prints a
table (page x language x check) with totals, then the budgets with their figures.
The test suite runs the same checks (scripts/site_checks/audits.py).

Checks per page:
  axe          axe-core, WCAG 2.0/2.1 A and AA rules, page as loaded
  axe:search   the same with the search dialog open and showing results
  axe:list     the same with a checklist in use (ticked, details filled in)
  axe:phone    the same at phone width (360 px, also 400 % zoom) with the menu open
  keys         Tab order: skip link first and working; every visible control
               reachable, visible and visibly focused when it has the focus;
               a checklist item ticks with Space and opens its details with Enter
  keys:search  search by keyboard: Tab to the field, type, arrow down, Enter
  keys:lang    language menu by keyboard lands on the same page in the other language
  keys:phone   at phone width: the Tab walk again, and the menu and search buttons
               work with the keyboard (Enter opens, Escape closes the menu)
  network      the page requests nothing from any host but the site's own
  cookies      no cookies are set (after loading, searching, using a checklist)
  errors       no JavaScript errors
  assets       the page's HTML references no third-party asset (<a href> links are fine)
  seo          unique <title>, meta description in the page's language, canonical URL,
               hreflang alternates (in the page and, absolute, in sitemap.xml)

Budgets (gzip level 9, 1 KB = 1024 bytes): first view of each phase page <= 90 KB:
the document and the stylesheets and scripts it loads, measured in the browser (Material's
search worker, stemmers and index load in the background and are printed on the next
line); the site's own JS + CSS (overrides/assets, the checklists and the planner apart: they have
budgets of their own) <= 12 KB; the arrival planner's own JS + CSS
(assets/planner/: dates.js, planner.js, planner.css, loaded only on its page) <= 6 KB; each
language's search index <= 40 KB. The offline copy the service worker downloads
(site/assets/offline/precache-*.json): <= 400 KB for one language, <= 650 KB for both (shared files
counted once). Checklist main-thread cost: total blocking time of the first Dutch phase
page audited, with and without the checklist scripts, under 4x CPU throttling, as the ratio
of medians over 5 interleaved pairs; target <= 1.2 (site_checks/checklist_tbt.py).

Build time: the project's strict build (both languages) against a plain build with only
Material and mkdocs-static-i18n (no hooks, overrides or own assets) of the same Markdown:
the same configuration otherwise, and the pages as the project's hooks hand them to
Markdown (directives expanded, acronym definitions appended). So the ratio is the cost
of the project's own layer. At 1x and --scale x content (every page copied in a temporary
tree), --runs pairs of builds each, measured before the browser starts. The times shown
are the fastest of each kind; the ratio is the median of the pairs' ratios (the two builds
of a pair run back to back, so a busy spell of the machine slows both). Budget: ratio
<= 1.35 at both scales. `--only build-time` runs just this benchmark; CI does, before the
tests, with --runs 9.

Exit codes: 0 everything passes, 1 a check fails or a budget is exceeded,
2 the site does not build or Chromium is missing.

Examples:
  audit.py                          everything: build time, then the site in Chromium
  audit.py --no-browser             build time and the checks that need no browser
  audit.py --only build-time        the build-time budget alone (exit 1 when over it)
  audit.py --site site --no-build-time --pages index
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
from site_checks import audits, checklist_tbt, offline  # noqa: E402

COLUMNS = [  # (column, check name in the results)
    ("axe", "axe"), ("axe:search", "axe: search open"), ("axe:list", "axe: checklist in use"),
    ("axe:phone", "axe: phone, menu open"),
    ("keys", "keyboard"), ("keys:search", "keyboard: search"), ("keys:lang", "keyboard: language"),
    ("keys:phone", "keyboard: phone"),
    ("network", "network"), ("cookies", "cookies"), ("errors", "page errors"), ("assets", "assets"), ("seo", "seo"),
]
BROWSER_COLUMNS = {"axe", "axe:search", "axe:list", "axe:phone", "keys", "keys:search", "keys:lang", "keys:phone",
                   "network", "cookies", "errors"}


def build(site_dir: Path, site_url: str | None = None) -> str | None:
    """Strict build into ``site_dir`` (for ``site_url``, when given); returns the build output on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO_ROOT / "mkdocs.yml"),
         "-d", str(site_dir)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True,
    )
    return None if result.returncode == 0 else (result.stdout + result.stderr).strip()


def cell(problems) -> str:
    if problems is None:
        return "–"
    return "ok" if not problems else f"FAIL {len(problems)}"


def print_table(rows: list[tuple[audits.SitePage, dict]], columns: list[tuple[str, str]]) -> int:
    """Print page x language x check; returns the number of failed cells."""
    width = max([len("page (lang)")] + [len(p.label) for p, _ in rows]) + 2
    widths = [max(len(name), 6) + 2 for name, _ in columns]
    print("page (lang)".ljust(width) + "".join(name.ljust(w) for (name, _), w in zip(columns, widths)))
    print("-" * (width + sum(widths)))
    passed = {name: 0 for name, _ in columns}
    applicable = {name: 0 for name, _ in columns}
    failures = 0
    for page, results in rows:
        line = page.label.ljust(width)
        for (name, key), w in zip(columns, widths):
            problems = results.get(key)
            line += cell(problems).ljust(w)
            if problems is not None:
                applicable[name] += 1
                passed[name] += not problems
                failures += bool(problems)
        print(line)
    print("-" * (width + sum(widths)))
    print("passed".ljust(width) + "".join(
        (f"{passed[name]}/{applicable[name]}" if applicable[name] else "–").ljust(w)
        for (name, _), w in zip(columns, widths)))
    total = sum(applicable.values())
    print(f"\n{total - failures} of {total} checks passed, {failures} failed "
          f"({len(rows)} pages; '–' = not applicable).")
    return failures


def print_problems(rows: list[tuple[audits.SitePage, dict]], columns: list[tuple[str, str]]) -> None:
    for page, results in rows:
        for name, key in columns:
            for problem in results.get(key) or []:
                print(f"  {page.label} [{name}] {problem}")


def launch_browser(playwright):
    executable = audits.chromium_path()
    if not executable:
        return None
    return playwright.chromium.launch(executable_path=executable, args=audits.CHROMIUM_FLAGS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--site", type=Path, help="audit this built site instead of building afresh")
    parser.add_argument("--pages", nargs="+", metavar="NAME",
                        help="only these pages, by name (index, voorbereiding, 404, …), in both languages")
    parser.add_argument("--no-browser", action="store_true", help="skip the checks that need Chromium")
    parser.add_argument("--no-build-time", action="store_true", help="skip the build-time benchmark")
    parser.add_argument("--runs", type=int, default=3, help="timed pairs of builds per scale (default 3)")
    parser.add_argument("--scale", type=int, default=10, help="content multiple for the second timing (default 10)")
    parser.add_argument("--only", choices=["build-time"],
                        help="run only this part: build-time = the build-time budget, no site audit")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.scale < 2:
        parser.error("--runs must be at least 1 and --scale at least 2")
    if args.only == "build-time":
        clashing = [name for name, value in (("--site", args.site), ("--pages", args.pages),
                                             ("--no-browser", args.no_browser), ("--no-build-time", args.no_build_time))
                    if value]
        if clashing:
            parser.error(f"--only build-time builds afresh and audits no site: drop {', '.join(clashing)}")

    failed = False
    # The benchmark runs first, on a machine not yet busy with the browser.
    timings = []
    if not args.no_build_time:
        print(f"Timing builds ({args.runs} pairs of project and plain builds at 1x and {args.scale}x content)…",
              flush=True)
        try:
            timings = [audits.time_builds(REPO_ROOT, scale, args.runs) for scale in (1, args.scale)]
        except audits.BuildFailed as exc:
            print(f"audit: {exc}", file=sys.stderr)
            return 2
    if args.only == "build-time":
        print("\nBuild-time budget:")
        for timing in timings:
            print(f"  {timing.line()}")
        over = [t for t in timings if not t.ok]
        print("\nBUILD TIME OVER BUDGET" if over else "\nBuild-time budget passed.")
        return 1 if over else 0

    with tempfile.TemporaryDirectory(prefix="guide-audit-") as tmp:
        site_dir = args.site
        port = 0
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            print("Building the site (strict, both languages)…", flush=True)
            # Built for the port it is served on: the hreflang links are absolute, and Material
            # fetches a sitemap next to each (a different port would be another host).
            port = audits.free_port()
            output = build(site_dir, f"http://127.0.0.1:{port}/")
            if output is not None:
                print(f"audit: the strict build failed:\n{output}", file=sys.stderr)
                return 2
        elif not (site_dir / "index.html").is_file():
            print(f"audit: {site_dir} is not a built site (no index.html)", file=sys.stderr)
            return 2

        pages = audits.site_pages(site_dir)
        if args.pages:
            unknown = set(args.pages) - {p.name for p in pages}
            if unknown:
                print(f"audit: no page named {', '.join(sorted(unknown))}; pages: "
                      f"{', '.join(dict.fromkeys(p.name for p in pages))}", file=sys.stderr)
                return 2
            pages = [p for p in pages if p.name in args.pages]

        results = {page: {} for page in pages}
        seo = audits.seo_problems(site_dir)
        references = audits.third_party_references(site_dir)
        for page in pages:
            results[page]["seo"] = seo.get(page)  # None for 404 pages: not indexed
            results[page]["assets"] = references.pop(page.file, [])
        # CSS, JS and other files are shared by all pages: reported below the table.
        page_files = {p.file for p in audits.site_pages(site_dir)}
        shared = [f"{file}: {problem}" for file, problems in references.items() if file not in page_files
                  for problem in problems]

        weights = [audits.own_assets_weight(site_dir, REPO_ROOT), audits.planner_weight(site_dir),
                   *audits.search_index_weights(site_dir)]
        weights += offline.offline_cache_weights(site_dir)
        columns = COLUMNS
        if args.no_browser:
            columns = [c for c in COLUMNS if c[0] not in BROWSER_COLUMNS]
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                if browser is None:
                    print("audit: Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH;"
                          " --no-browser skips the browser checks", file=sys.stderr)
                    return 2
                server, base_url = audits.serve(site_dir, port)
                try:
                    for page in pages:
                        print(f"  checking {page.label} …", flush=True)
                        results[page].update(audits.audit_page_in_browser(browser, base_url, page))
                    for page in pages:
                        if page.name in audits.PHASE_PAGES:
                            weights += audits.first_view_weight(browser, base_url, site_dir, page)
                    phase = next((p for p in pages if p.name in audits.PHASE_PAGES and p.lang == "nl"), None)
                    if phase:
                        print(f"  timing the checklist's blocking time on {phase.label} …", flush=True)
                        weights.append(checklist_tbt.measure(browser, base_url, phase.path))
                finally:
                    server.shutdown()
                    browser.close()

        rows = list(results.items())
        print()
        failures = print_table(rows, columns)
        if failures:
            print("\nProblems:")
            print_problems(rows, columns)
        if shared:
            print("\nThird-party references in shared files (CSS, JS):")
            for line in shared:
                print(f"  {line}")
        failed |= bool(failures) or bool(shared)

        print("\nBudgets (gzip level 9, 1 KB = 1024 bytes):")
        for weight in weights:
            print(f"  {weight.line()}")
            failed |= not weight.ok
        for timing in timings:
            print(f"  {timing.line()}")
            failed |= not timing.ok
        if args.no_build_time:
            print("  build time: skipped (--no-build-time)")
    print("\nAUDIT FAILED" if failed else "\nAudit passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
