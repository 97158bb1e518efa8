#!/usr/bin/env python3
"""Build, preview, check and test the site — one entry point for maintainers.

    python3 scripts/docs.py serve      set up .venv, strict build, live preview on http://127.0.0.1:8000/
    python3 scripts/docs.py test       set up .venv (and Chromium), run the whole test suite
    python3 scripts/docs.py test --fast   the tests that need no browser (about a minute)
    python3 scripts/docs.py build      strict build of both languages into site/ for static hosting
    python3 scripts/docs.py check      fast content checks: translations, front matter, data files
    python3 scripts/docs.py new-page   create a page in both languages with front matter

Runs with a bare Python 3.11: it creates .venv from requirements.txt on first use
(and again when requirements.txt changes), then re-runs itself inside it.
Exit codes: 0 success, 1 a check/build/test failed, 2 usage or setup error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
VENV_DIR = REPO_ROOT / ".venv"
REQUIREMENTS = REPO_ROOT / "requirements.txt"
STAMP = VENV_DIR / ".requirements.sha256"
VENV_PYTHON = VENV_DIR / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
# Material prints an end-of-life banner on every build; the README explains what it means for us.
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def _requirements_hash() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def _in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV_DIR.resolve()


def ensure_venv() -> None:
    """Create or update .venv when needed, then continue inside it."""
    if _in_venv():
        return
    wanted = _requirements_hash()
    if not VENV_PYTHON.exists() or not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print(f"Setting up {VENV_DIR.name}/ from {REQUIREMENTS.name} (first run or changed pins)…", flush=True)
        if not VENV_PYTHON.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV_DIR)], check=True)
        pip = [str(VENV_PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run(pip + ["-r", str(REQUIREMENTS)], check=True)
        STAMP.write_text(wanted + "\n")
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


def run(cmd: list[str], **kwargs) -> int:
    env = {**os.environ, **QUIET_ENV, **kwargs.pop("env", {})}
    return subprocess.run(cmd, cwd=REPO_ROOT, env=env, **kwargs).returncode


def content_errors() -> list:
    """All content problems found without building: pages, front matter, data files."""
    from site_build import changes, checklists, glossary, links, pages, planner, terminology, ui
    from site_build.errors import ContentError

    errors = list(pages.parity_errors())
    for by_lang in pages.page_files().values():
        for path in by_lang.values():
            try:
                pages.read_front_matter(path)
            except ContentError as exc:
                errors.append(exc)
    from site_build import app_manifest, whole_guide

    for loader in (checklists.load_all, getattr(glossary, "load", None), getattr(links, "load", None), ui.load_all,
                   terminology.load, planner.item_stages, changes.load,
                   app_manifest.short_names, whole_guide.texts):
        if loader is None:
            continue
        try:
            loader()
        except ContentError as exc:
            errors.append(exc)
    return errors


def cmd_check(args) -> int:
    errors = content_errors()
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return 1
    print("Content checks passed: every page in both languages, front matter complete, data files valid.")
    return 0


def build(site_dir: Path) -> int:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)])


def cmd_build(args) -> int:
    status = build(Path(args.site_dir).resolve())
    if status == 0:
        print(f"Built both languages into {args.site_dir}/ (Dutch at /, English at /en/).")
    else:
        print("Build failed: see the message above (file and line named).", file=sys.stderr)
    return 1 if status else 0


def cmd_serve(args) -> int:
    # Build once strictly first, so a broken page is reported before the preview starts.
    if build(REPO_ROOT / "site"):
        print("Build failed: fix the problem above, then run serve again.", file=sys.stderr)
        return 1
    print(f"Preview: http://{args.dev_addr}/ (English: /en/). Ctrl+C stops.")
    try:
        return run([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", args.dev_addr])
    except KeyboardInterrupt:
        return 0


def ensure_chromium() -> None:
    """Browser tests need Debian's Chromium; install it when we are root and it is missing."""
    if shutil.which("chromium") or shutil.which("chromium-browser") or os.environ.get("CHROMIUM_PATH"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Chromium for the browser tests (apt-get install chromium)…", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if not shutil.which("chromium"):
        print("warning: Chromium not found; browser tests will be skipped (in CI they fail). "
              "Install it with: sudo apt-get install -y chromium", file=sys.stderr)


def cmd_test(args) -> int:
    # The pytest configuration (test paths, import mode, markers, timeout) is in pyproject.toml,
    # so this is the same run as a bare `.venv/bin/python -m pytest`.
    pytest_args = list(args.pytest_args)
    if args.fast:
        pytest_args = ["-m", "not browser", *pytest_args]
    else:
        ensure_chromium()
    status = run([sys.executable, "-m", "pytest", *pytest_args])
    return 0 if status == 0 else 1


PAGE_TEMPLATE = """---
description: {description}
page_changed: {today}  # when this page itself last changed: update it with every change
# source_pages: 5-7     # pages of the January 2020 guide the text comes from (leave out if none)
---

# {title}

"""


def cmd_new_page(args) -> int:
    name = args.name.removesuffix(".md")
    created = []
    for lang, title in (("nl", args.title_nl), ("en", args.title_en)):
        path = REPO_ROOT / "docs" / f"{name}.{lang}.md"
        if path.exists():
            print(f"error: {path.relative_to(REPO_ROOT)} already exists", file=sys.stderr)
            return 2
        description = "TODO: een of twee zinnen over deze pagina." if lang == "nl" else "TODO: one or two sentences about this page."
        path.write_text(PAGE_TEMPLATE.format(title=title, description=description, today=dt.date.today()),
                        encoding="utf-8")
        created.append(str(path.relative_to(REPO_ROOT)))
    print("Created " + " and ".join(created) + f". Add '{name}.md' to nav in mkdocs.yml, "
          f"and its English title to nav_translations.")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="scripts/docs.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="strict build, then live preview")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port for the preview (default %(default)s)")
    s.set_defaults(func=cmd_serve)
    b = sub.add_parser("build", help="strict build of both languages for static hosting")
    b.add_argument("--site-dir", default="site", help="output folder (default %(default)s)")
    b.set_defaults(func=cmd_build)
    t = sub.add_parser("test", help="run the whole test suite (extra arguments go to pytest)")
    t.add_argument("--fast", action="store_true",
                   help="only the tests that need no browser (the inner loop; under a minute)")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER, help="e.g. tests/docs -k parity")
    t.set_defaults(func=cmd_test)
    c = sub.add_parser("check", help="fast content checks without a build")
    c.set_defaults(func=cmd_check)
    n = sub.add_parser("new-page", help="create docs/NAME.nl.md and docs/NAME.en.md")
    n.add_argument("name", help="file name without language suffix, e.g. 'woning'")
    n.add_argument("--title-nl", required=True)
    n.add_argument("--title-en", required=True)
    n.set_defaults(func=cmd_new_page)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args, extra = p.parse_known_args(argv)  # --help works before any setup
    if extra and args.command != "test":
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:  # pytest's own options, e.g. `test --fast -x -q`
        args.pytest_args = [*extra, *args.pytest_args]
    ensure_venv()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
