"""Hook: acronym tooltips for keyboard and touch users, not only for the mouse.

Makes each <abbr> focusable: Material's tooltips (content.tooltips) open on focus,
and a tap focuses. Only the first of each acronym on a page is a Tab stop. Each also carries
the link to its glossary entry (data-glossary), which the tooltip script shows; the logic
is in site_build.glossary.
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.facts import DEFAULT_LANGUAGE
from site_build.glossary import focusable_abbreviations, glossary_links


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang = getattr(page.file, "locale", DEFAULT_LANGUAGE)
    return focusable_abbreviations(html, glossary_links(page.url, lang))
