"""Check every external link of the site.

(The command line of ``site_checks.link_check``, run as ``scripts/check_links.py``.)

Finds the external URLs in docs/ (Markdown pages, inline links included, and the
link data in docs/data/links.yml), checks each unique URL once and reports a
verdict per URL with the files and lines it is written on:

  ok          works
  redirect    works, but moved permanently (301/308): update the link
  broken      404, 410, refused connection, unknown host, redirect loop, too many redirects
  unverified  could not be confirmed: timeouts, 5xx/429 after retries, 401/403/999, bot walls
  invalid     malformed URL
  skipped     excluded, mailto:/tel: (syntax checked only), schemes that are not fetched

Only broken and invalid fail the run (exit 1). Exit 2: a usage, config or data error.

Examples:
  scripts/check_links.py                         # the whole site
  scripts/check_links.py docs/plaatsing.nl.md    # one page
  scripts/check_links.py --since origin/main     # only links added or changed since main
  scripts/check_links.py --json .cache/link-report.json --markdown report.md

A report written to .cache/link-report.json (or $LINK_REPORT) is picked up by the
next build: the link directory then shows each entry's last check.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from site_build.datafiles import DOCS_DIR, REPO_ROOT, display_path
from site_build.errors import ContentError

from . import sources as url_sources
from .cache import load_cache, save_cache
from .model import DEFAULT_CACHE, DEFAULT_CONFIG, Options, UsageError, group_sources, result_key
from .reports import Progress, annotations, markdown_report, text_report
from .run import check_urls, summarise

def parse_duration(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (examples: 90, 30m, 12h, 1d)")
    unit = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[match.group(2)]
    return float(match.group(1)) * unit


def load_config(path: Path) -> list:
    """Excludes from the config file: [{pattern, reason}], each pattern a regular expression."""
    from site_build.datafiles import load_yaml

    data = load_yaml(path)  # ContentError with file:line on bad YAML
    shown = display_path(path)
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"exclude"}:
        raise ContentError(shown, getattr(data, "line", 1), "the config has one key, 'exclude': a list of {pattern, reason}")
    items = data.get("exclude") or []
    if not isinstance(items, list):
        raise ContentError(shown, data.line_of("exclude"), "'exclude' must be a list of {pattern, reason}")
    excludes = []
    for item in items:
        line = getattr(item, "line", None) or getattr(items, "line", None)
        if not isinstance(item, dict) or not isinstance(item.get("pattern"), str):
            raise ContentError(shown, line, "each exclude needs 'pattern' (a regular expression) and 'reason'")
        if not isinstance(item.get("reason"), str) or not item["reason"].strip():
            raise ContentError(shown, item.line_of("reason"), f"exclude '{item['pattern']}' has no 'reason'",
                               "say why the link is not checked, so it can be reconsidered later")
        try:
            excludes.append((re.compile(item["pattern"]), item["reason"].strip()))
        except re.error as exc:
            raise ContentError(shown, item.line_of("pattern"), f"invalid regular expression: {exc}") from None
    return excludes


def git_show(ref: str, path: Path) -> str | None:
    """A file's content at ``ref``, or None when it did not exist there."""
    import subprocess

    rel = Path(path).resolve().relative_to(REPO_ROOT).as_posix()
    proc = subprocess.run(["git", "-C", str(REPO_ROOT), "show", f"{ref}:{rel}"], capture_output=True)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace")


def only_new(found, files: list[Path], ref: str, include_fragments: bool, roots=None) -> list:
    """The found URLs that were nowhere in the scanned sources at ``ref``: what a pull request
    adds or changes. A link moved from one page to another does not count as new."""
    import subprocess

    git = ["git", "-C", str(REPO_ROOT)]
    probe = subprocess.run([*git, "rev-parse", "--verify", "--quiet", ref + "^{commit}"], capture_output=True)
    if probe.returncode != 0:
        raise UsageError(f"--since {ref}: not a commit in this repository (fetch it first, e.g. git fetch origin main)")
    old_files = {Path(p).resolve() for p in files}
    for root in roots or []:
        try:
            rel = Path(root).resolve().relative_to(REPO_ROOT).as_posix()
        except ValueError:
            continue
        listing = subprocess.run([*git, "ls-tree", "-r", "--name-only", ref, "--", rel], capture_output=True, text=True)
        old_files |= {(REPO_ROOT / name).resolve() for name in listing.stdout.split()
                      if name.endswith(url_sources.SOURCE_SUFFIXES)}
    before = set()
    for path in sorted(old_files):
        text = git_show(ref, path)
        if text is None:
            continue
        try:
            before |= {result_key(f.url, include_fragments) for f in url_sources.urls_in_file(path, text)}
        except ContentError:
            continue  # the old version does not parse: treat all its links as new
    return [f for f in found if result_key(f.url, include_fragments) not in before]


def build_parser() -> argparse.ArgumentParser:
    defaults = Options()
    parser = argparse.ArgumentParser(
        prog="check_links.py", description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 nothing broken or invalid, 1 something is, 2 usage, config or data error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories to scan (default: docs/)")
    out = parser.add_argument_group("output")
    out.add_argument("--json", type=Path, metavar="FILE", help="write the JSON report here")
    out.add_argument("--markdown", type=Path, metavar="FILE", help="write a Markdown report here (e.g. $GITHUB_STEP_SUMMARY)")
    out.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="progress bar (default: on a terminal, never in CI)")
    out.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    sel = parser.add_argument_group("what to check")
    sel.add_argument("--exclude", action="append", default=[], metavar="REGEX", help="skip URLs matching REGEX (repeatable)")
    sel.add_argument("--config", type=Path, default=DEFAULT_CONFIG, metavar="FILE",
                     help=f"excludes with reasons (default: {display_path(DEFAULT_CONFIG)})")
    sel.add_argument("--include-fragments", action="store_true", help="also check #anchors on HTML pages")
    sel.add_argument("--since", metavar="GIT_REF", help="only URLs that are not in the same files at GIT_REF")
    sel.add_argument("--list", action="store_true", help="list the URLs and where they are written; check nothing")
    net = parser.add_argument_group("requests")
    net.add_argument("--per-host", type=int, default=defaults.per_host, metavar="N", help="concurrent requests per host (%(default)s)")
    net.add_argument("--global", dest="global_limit", type=int, default=defaults.global_limit, metavar="N",
                     help="concurrent requests in all (%(default)s)")
    net.add_argument("--min-interval", type=float, default=defaults.min_interval, metavar="S",
                     help="minimum seconds between request starts to one host (%(default)s)")
    net.add_argument("--timeout", type=float, default=defaults.timeout, metavar="S", help="per request, total and read (%(default)s)")
    net.add_argument("--connect-timeout", type=float, default=defaults.connect_timeout, metavar="S", help="(%(default)s)")
    net.add_argument("--retries", type=int, default=defaults.retries, metavar="N", help="retries of transient failures (%(default)s)")
    net.add_argument("--backoff", type=float, default=defaults.backoff, metavar="S", help="first retry delay, doubled each time (%(default)s)")
    net.add_argument("--max-retry-after", type=float, default=defaults.max_retry_after, metavar="S",
                     help="cap on a server's Retry-After (%(default)s)")
    net.add_argument("--max-time", type=parse_duration, default=defaults.max_time, metavar="DURATION",
                     help="time limit of the whole run (%(default)s s)")
    net.add_argument("--max-redirects", type=int, default=defaults.max_redirects, metavar="N", help="(%(default)s)")
    cache = parser.add_argument_group("cache (successes only)")
    cache.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="FILE", help=f"(default: {display_path(DEFAULT_CACHE)})")
    cache.add_argument("--cache-max-age", type=parse_duration, default=parse_duration("1d"), metavar="DURATION",
                       help="reuse results younger than this (default: 1d)")
    cache.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    return parser


def main(argv=None) -> int:
    started = time.monotonic()
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("per_host", "global_limit", "max_redirects"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.retries < 0 or min(args.timeout, args.connect_timeout, args.max_time) <= 0 or args.min_interval < 0:
        parser.error("timeouts and --max-time must be positive; --retries and --min-interval not negative")
    in_ci = os.environ.get("CI", "").lower() == "true"
    try:
        excludes = []
        if args.config.exists() or args.config != DEFAULT_CONFIG:
            excludes = load_config(args.config)
        for pattern in args.exclude:
            try:
                excludes.append((re.compile(pattern), "--exclude on the command line"))
            except re.error as exc:
                raise UsageError(f"--exclude {pattern!r}: invalid regular expression: {exc}") from None
        files = url_sources.source_files(args.paths or [DOCS_DIR])
        found = []
        for path in files:
            found += url_sources.urls_in_file(path)
        if args.since:
            found = only_new(found, files, args.since, args.include_fragments, roots=args.paths or [DOCS_DIR])
    except (ContentError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.list:
        for url, sources in sorted(group_sources(found, args.include_fragments).items()):
            print(f"{url}\t{', '.join(f'{f}:{n}' for f, n in sources)}")
        return 0
    options = Options(
        per_host=args.per_host, global_limit=args.global_limit, min_interval=args.min_interval,
        timeout=args.timeout, connect_timeout=args.connect_timeout, retries=args.retries, backoff=args.backoff,
        max_retry_after=args.max_retry_after, max_time=args.max_time, max_redirects=args.max_redirects,
        include_fragments=args.include_fragments, excludes=excludes,
    )
    cache = None if args.no_cache else load_cache(args.cache, args.cache_max_age)
    progress = Progress(args.progress if args.progress is not None else (sys.stderr.isatty() and not in_ci))
    stats: dict = {}
    results = check_urls(found, options, cache, on_total=progress.start, on_done=progress.step, stats=stats)
    if cache is not None:
        save_cache(args.cache, cache, results)
    summary = summarise(results, started, len(files), stats)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"results": [r.as_json() for r in results], "summary": summary},
                                        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(markdown_report(results, summary), encoding="utf-8")
    if in_ci:
        for line in annotations(results):
            print(line)
    if not args.quiet or any(r.verdict in ("broken", "invalid") for r in results):
        print(text_report(results, summary))
    return 1 if summary["broken"] or summary["invalid"] else 0
