"""Remove from the built site what no page ever loads: unused Lunr languages and source maps.

Material copies the Lunr stemmers of every language it supports (about 30) and the source
maps of its bundles into site/assets/. The site's search loads only the files for the
languages of its search indexes, chosen by the same rule as Material's search worker
(``assets/javascripts/workers/search.*.js``): for each index language other than English,
``lunr.<lang>.min.js``; ``lunr.stemmer.support.min.js`` when any is needed;
``lunr.multi.min.js`` for an index with more than one language; ``tinyseg.js`` (ja) and
``wordcut.js`` (hi, th). Source maps are only read by a developer's browser tools; the
``sourceMappingURL`` comment that points at them is removed with them, so no tool asks
for a file that is not there.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

LUNR_DIR = Path("assets") / "javascripts" / "lunr"
SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://|/\*)# sourceMappingURL=[^\n]*?(?:\*/)?\s*$")


def search_languages(site_dir: Path) -> list[list[str]]:
    """The ``config.lang`` list of every search index in the built site."""
    languages = []
    for index in sorted(Path(site_dir).rglob("search_index.json")):
        languages.append(list(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]))
    return languages


def needed_lunr_files(index_languages: list[list[str]]) -> set[str]:
    """Files under assets/javascripts/lunr/ that Material's worker imports for these indexes."""
    needed: set[str] = set()
    for langs in index_languages:
        wanted = []
        for lang in langs:
            if lang == "ja":
                wanted.append("tinyseg.js")
            elif lang in ("hi", "th"):
                wanted.append("wordcut.js")
            if lang != "en":
                wanted.append(f"min/lunr.{lang}.min.js")
        if len(langs) > 1:
            wanted.append("min/lunr.multi.min.js")
        if wanted:
            needed.update(wanted + ["min/lunr.stemmer.support.min.js"])
    return needed


def never_loaded(src_uri: str, index_languages: list[list[str]]) -> bool:
    """Whether a theme file at ``src_uri`` is one ``remove_unused_assets`` would delete, for these indexes.

    The build leaves such files out of its file list, so MkDocs never copies them (once per
    language build); ``remove_unused_assets`` still checks the result against the written indexes.
    """
    if not src_uri.startswith("assets/"):
        return False
    if src_uri.endswith(".map"):
        return True
    lunr = LUNR_DIR.as_posix() + "/"
    return src_uri.startswith(lunr) and src_uri[len(lunr):] not in needed_lunr_files(index_languages)


def remove_unused_assets(site_dir: Path) -> list[Path]:
    """Delete unused Lunr files and all source maps (with their comments); returns what was deleted.

    Does nothing to Lunr while the site has no search index yet (a build without search,
    or a run before the index is written), so nothing the search needs is removed early.
    """
    site_dir = Path(site_dir)
    removed: list[Path] = []
    languages = search_languages(site_dir)
    lunr_dir = site_dir / LUNR_DIR
    if languages and lunr_dir.is_dir():
        needed = needed_lunr_files(languages)
        for file in sorted(lunr_dir.rglob("*")):
            if file.is_file() and file.relative_to(lunr_dir).as_posix() not in needed:
                file.unlink()
                removed.append(file)
    for source_map in sorted((site_dir / "assets").rglob("*.map")):
        source_map.unlink()
        removed.append(source_map)
    for file in list((site_dir / "assets").rglob("*.js")) + list((site_dir / "assets").rglob("*.css")):
        data = file.read_bytes()
        stripped = SOURCE_MAP_COMMENT.sub(b"\n", data) if b"sourceMappingURL=" in data[-400:] else data
        if stripped != data:
            file.write_bytes(stripped)
    return removed
