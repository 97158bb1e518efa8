"""What each language gets of its own after mkdocs-static-i18n's builds: search index, search settings,
404 page, footnote back-link and permalink titles, absolute hreflang links, folder sitemaps. The hook overrides/hooks/language_outputs.py calls these.

mkdocs-static-i18n builds Dutch into site/ and English into site/en/, but the search plugin
writes one index with both languages (so English searches return Dutch pages, with one stemmer
for both) and both builds write site/404.html. Nothing inside the plugins is patched: these
functions edit the page's own search settings and HTML, and the files the build wrote.
"""
from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

from . import ui
from .facts import DEFAULT_LANGUAGE

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/(search\.[\w.]+\.js)$")
STEMMING_WORKER = r"assets/search/search-worker.js?material=../javascripts/workers/\1"

# Python-Markdown's footnotes give the back-link (an arrow) an English title, which is also
# its accessible name; one extension config serves both languages, so each page gets its
# language's title from docs/data/ui.yml.
FOOTNOTE_BACKLINK_TITLE = re.compile(r'(class="footnote-backref" href="#fnref[^"]*" title=")Jump back to footnote (\d+) in the text"')


class WorkerMoved(Exception):
    """Material's search worker is not where the stemming worker expects it (after an upgrade)."""


def footnote_titles(page_html: str, lang: str) -> str:
    """The footnote back-links' titles in the page language."""
    if "footnote-backref" not in page_html:
        return page_html
    return FOOTNOTE_BACKLINK_TITLE.sub(
        lambda m: m.group(1) + html.escape(ui.text("footnote_backlink_title", lang, n=m.group(2))) + '"', page_html)


def permalink_titles(page_html: str, lang: str) -> str:
    """The heading permalinks' titles in the page language (mkdocs.yml sets the Dutch one)."""
    dutch, wanted = ui.text("permalink_title", DEFAULT_LANGUAGE), ui.text("permalink_title", lang)
    if wanted == dutch:
        return page_html
    pattern = re.compile(r'(class="headerlink" href="#[^"]*" title=")' + re.escape(html.escape(dutch)) + '"')
    return pattern.sub(lambda m: m.group(1) + html.escape(wanted) + '"', page_html)


# mkdocs-static-i18n writes the hreflang alternates relative ("./", "../en/…"); search engines
# (and Lighthouse) want them absolute, like the canonical URL, from site_url.
ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')


def absolute_alternates(output: str, page_url: str, site_url: str | None) -> str:
    if not site_url:
        return output
    here = urljoin(site_url.rstrip("/") + "/", page_url)
    return ALTERNATE.sub(lambda m: m.group(1) + urljoin(here, m.group(2)) + m.group(3), output)


def configure_search(output: str, lang: str) -> str:
    """The page's own search settings: its language's index, and the stemming worker."""
    return CONFIG_SCRIPT.sub(lambda m: m.group(1) + _search_config(m.group(2), lang) + m.group(3), output, count=1)


@functools.lru_cache(maxsize=256)  # pages at the same folder depth carry the same settings
def _search_config(config: str, lang: str) -> str:
    app = json.loads(config)
    if lang != DEFAULT_LANGUAGE:
        # With a trailing slash: Material resolves "search/search_index.json" against the base,
        # and against ".../en" (no slash) that would be the Dutch index at /search/.
        app["base"] = app["base"].rstrip("/") + f"/{lang}/" if app["base"] not in ("", ".") else f"{lang}/"
    worker, found = MATERIAL_WORKER.subn(STEMMING_WORKER, app.get("search", ""))
    if not found:
        raise WorkerMoved(
            f"language_outputs hook: Material's search worker is no longer at {MATERIAL_WORKER.pattern!r} "
            f"(found {app.get('search')!r}). Update MATERIAL_WORKER in scripts/site_build/language_outputs.py "
            "after a Material upgrade, and check overrides/assets/search/search-worker.js still fits.")
    app["search"] = worker
    return json.dumps(app)


def split_search_index(site_dir: Path) -> None:
    """Split the search plugin's one index into one per language, each with its own stemmer."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    languages = [d.name for d in site_dir.iterdir() if d.is_dir() and (d / "index.html").exists() and len(d.name) == 2]
    by_lang: dict[str, list] = {DEFAULT_LANGUAGE: []}
    for lang in languages:
        by_lang[lang] = []
    for doc in index["docs"]:
        first = doc["location"].split("/", 1)[0]
        if first in languages:
            doc = dict(doc, location=doc["location"][len(first) + 1 :])
            by_lang[first].append(doc)
        else:
            by_lang[DEFAULT_LANGUAGE].append(doc)
    for lang, docs in by_lang.items():
        target = index_path if lang == DEFAULT_LANGUAGE else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = dict(index["config"], lang=[lang])
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def write_404_pages(site_dir: Path, pages: dict[str, str]) -> None:
    """Each language's 404 page into its own folder: {lang: rendered HTML}."""
    for lang, output in pages.items():
        target = site_dir / "404.html" if lang == DEFAULT_LANGUAGE else site_dir / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
