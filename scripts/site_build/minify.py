"""Minify the site's own JavaScript and CSS for serving.

The readable sources in overrides/assets/ are what maintainers edit; the build serves
them minified (comments and whitespace removed), which keeps the site's own assets in
their size budgets. rjsmin and rcssmin only strip, they never rename or reorder, so a
minified file behaves exactly as its source.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minified(path: Path) -> str:
    """The served text of an own asset: minified .js/.css, other files as they are."""
    text = Path(path).read_text(encoding="utf-8")
    minify = MINIFIERS.get(Path(path).suffix)
    return minify(text) if minify else text


def minify_assets(source_dir: Path, target_dir: Path) -> list[Path]:
    """Write the minified form of each .js/.css under ``source_dir`` over its copy under ``target_dir``.

    Files without a copy in ``target_dir`` are skipped (not every asset is used by every build).
    Returns the files written.
    """
    written = []
    for source in sorted(Path(source_dir).rglob("*")):
        target = Path(target_dir) / source.relative_to(source_dir)
        if source.suffix in MINIFIERS and target.is_file():
            target.write_text(minified(source), encoding="utf-8")
            written.append(target)
    return written
