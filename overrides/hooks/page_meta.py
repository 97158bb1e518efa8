"""Hook: every page exists in both languages and has complete front matter.

Also puts the page's dates ("source: the guide, January 2020, p. 5–7 · this page
last changed on …", and a check against current rules only where front matter
records one) into the page's metadata, for overrides/main.html to show. Problems stop the build with file and line named.
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build import pages
from site_build.errors import ContentError


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    errors = pages.parity_errors()
    if errors:
        raise PluginError("Every page must exist in Dutch and English:\n" + "\n".join(map(str, errors)))
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    try:
        meta = pages.read_front_matter(page.file.abs_src_path)
        page.meta["source_note"] = " · ".join(pages.source_note(meta, lang))  # its words: docs/data/ui.yml
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    return markdown
