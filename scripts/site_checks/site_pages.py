"""The built site's pages: what the build should produce (from the Markdown) and what it did."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_build.datafiles import DEFAULT_LANGUAGE, LANGUAGES
from site_build.facts import PHASES, language_prefix

# Pages that stand in for others (missing, not stored offline) or copy them (the printable whole
# guide): not indexed, so no sitemap entry or counterpart checks.
NOT_INDEXED = ("404", "offline", "hele-gids")
PHASE_PAGES = PHASES  # from mkdocs.yml's nav


@dataclass(frozen=True)
class SitePage:
    """One built HTML page: ``name`` is the page's file name without language ('index', '404')."""

    name: str
    lang: str
    path: str  # URL path from the site root: '' (home), 'en/voorbereiding/', 'en/404.html'
    file: str  # file inside the site dir: 'en/voorbereiding/index.html'

    @property
    def label(self) -> str:
        return f"{self.name} ({self.lang})"


def _page_order(name: str) -> tuple:
    if name == "index":
        return (0, "")
    if name in PHASE_PAGES:
        return (1, f"{PHASE_PAGES.index(name):02d}")
    if name == "404":
        return (3, "")
    return (2, name)


def site_pages(site_dir: Path) -> list[SitePage]:
    """Every HTML page of the built site, in reading order, Dutch before English."""
    site_dir = Path(site_dir)
    pages = []
    for file in site_dir.rglob("*.html"):
        rel = file.relative_to(site_dir)
        parts = rel.parts
        if parts[0] in ("assets", "search"):
            continue
        lang = parts[0] if parts[0] in LANGUAGES and parts[0] != DEFAULT_LANGUAGE and len(parts) > 1 else DEFAULT_LANGUAGE
        inner = parts[1:] if lang != DEFAULT_LANGUAGE else parts
        if rel.name == "index.html":
            name = inner[-2] if len(inner) > 1 else "index"
            path = "" if len(parts) == 1 else rel.parent.as_posix() + "/"
        else:
            name = rel.stem
            path = rel.as_posix()
        pages.append(SitePage(name, lang, path, rel.as_posix()))
    return sorted(pages, key=lambda p: (_page_order(p.name), LANGUAGES.index(p.lang) if p.lang in LANGUAGES else 9))


def source_pages(docs_dir: Path | None = None) -> list[SitePage]:
    """The pages the build should produce: from the Markdown files (both languages), the 404 pages,
    and the pages the offline hook writes (offline page, printable whole guide).

    Known before building, so tests can be parametrized with one test per page.
    """
    from site_build.pages import page_files

    pages = []
    for base, by_lang in (page_files(docs_dir) if docs_dir else page_files()).items():
        name = Path(base).with_suffix("").as_posix()
        inner = "" if name == "index" else (name[: -len("/index")] + "/" if name.endswith("/index") else name + "/")
        for lang in by_lang:
            if lang is None:
                continue
            prefix = language_prefix(lang)
            pages.append(SitePage(Path(name).name if name != "index" else "index", lang, prefix + inner,
                                  prefix + inner + "index.html"))
    for lang in LANGUAGES:
        prefix = language_prefix(lang)
        pages.append(SitePage("404", lang, prefix + "404.html", prefix + "404.html"))
        # Written by overrides/hooks/offline.py: the offline page and the printable whole guide.
        pages.append(SitePage("offline", lang, prefix + "offline.html", prefix + "offline.html"))
        pages.append(SitePage("hele-gids", lang, prefix + "hele-gids/", prefix + "hele-gids/index.html"))
    return sorted(pages, key=lambda p: (_page_order(p.name), LANGUAGES.index(p.lang)))
