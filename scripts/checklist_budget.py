#!/usr/bin/env python3
"""Print the checklist component's size (JS + CSS, gzip) and check it against its budget.

The component's scripts (store.js, checklist.js) and stylesheet are served as separate
files, minified by the build (site_build.minify), so each is minified and gzipped on its
own (level 9, as a static host would) and the sizes are added up. Budget: 9 KB (9216 bytes).
The page helpers the checklist shares with the planner (overrides/assets/dom/dom.js, about
0.5 KB) are not the component's own: they count in the site's own-assets budget, with the
phase page's whole first view in its page budget (scripts/site_checks/budgets.py).

Exit codes: 0 within budget, 1 over budget, 2 a file is missing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_build.minify import minified  # noqa: E402
from site_checks.budgets import gzip_size as gzip_bytes  # noqa: E402  (as the site audit measures)

COMPONENT_DIR = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "checklist"
FILES = ("store.js", "replaced-tips.js", "checklist.js", "checklist.css")
BUDGET = 9216


def gzip_size(path: Path) -> int:
    """Size as served: minified as the build does it, then gzipped."""
    return gzip_bytes(minified(path).encode("utf-8"))


def measure(directory: Path = COMPONENT_DIR) -> dict[str, int]:
    """Gzip size in bytes per file; raises FileNotFoundError naming a missing file."""
    return {name: gzip_size(directory / name) for name in FILES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=BUDGET, help=f"budget in bytes (default {BUDGET})")
    parser.add_argument("--dir", type=Path, default=COMPONENT_DIR, help="component folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        sizes = measure(args.dir)
    except FileNotFoundError as exc:
        print(f"checklist budget: {exc.filename}: file not found", file=sys.stderr)
        return 2
    total = sum(sizes.values())
    for name, size in sizes.items():
        print(f"{name}: {size:,} bytes gzip")
    verdict = "within" if total <= args.budget else "OVER"
    print(f"checklist JS+CSS: {total:,} bytes gzip ({total / 1024:.1f} KB), {verdict} the budget of {args.budget:,} bytes")
    return 0 if total <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
