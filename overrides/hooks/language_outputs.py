"""Hook: give each language its own search index and its own 404 page.

After the last build the search index is split per language, each with its own stemmer,
and each language's 404 page is written into its own folder. English pages get their
language root as search base, so Material's search loads en/search/search_index.json.
Every page's search runs in overrides/assets/search/search-worker.js, which stems the
query words before Material's worker sees them. Dutch pages also get a Dutch title on
footnote back-links, English pages an English one on
heading permalinks; hreflang links are made absolute from site_url, and every page folder gets
the sitemap Material's language switch looks for. The logic (and why) is in site_build.language_outputs.
"""
from __future__ import annotations

from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build import language_outputs
from site_build.errors import ContentError
from site_build.facts import DEFAULT_LANGUAGE
from site_build.sitemaps import write_folder_sitemaps

_404_pages: dict[str, str] = {}


def _search(output: str, lang: str) -> str:
    try:
        return language_outputs.configure_search(output, lang)
    except language_outputs.WorkerMoved as exc:
        raise PluginError(str(exc)) from None


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name == "404.html":
        lang = config.theme["language"]
        # The 404 page is a template, not a page: its search base needs the same rebase.
        _404_pages[lang] = _search(output_content, lang)
    return output_content


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    try:
        lang = getattr(page.file, "locale", DEFAULT_LANGUAGE)
        return language_outputs.permalink_titles(language_outputs.footnote_titles(html, lang), lang)
    except ContentError as exc:  # docs/data/ui.yml
        raise PluginError(str(exc)) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    output = language_outputs.absolute_alternates(output, page.url, config.site_url)
    return _search(output, getattr(page.file, "locale", DEFAULT_LANGUAGE))


@event_priority(-200)  # after mkdocs-static-i18n (-100), which runs the other languages' builds
def on_post_build(*, config: MkDocsConfig) -> None:
    # Runs after each language's build, and which run comes last is the plugin's business
    # (an English build can write the root 404.html after the Dutch one): every step is
    # idempotent, and the last run sees every language. The runs inside another language's
    # build (the plugin says when) are skipped, as in the offline hook: the run they are
    # part of comes after them and redoes the work.
    if getattr(config.plugins.get("i18n"), "building", False):
        return
    site_dir = Path(config.site_dir)
    language_outputs.split_search_index(site_dir)
    # Material's language switch fetches a sitemap next to each alternate link of a page.
    write_folder_sitemaps(site_dir)
    language_outputs.write_404_pages(site_dir, _404_pages)
