"""Hook: acronym tooltips for keyboard and touch users, not only for the mouse.

Makes each <abbr> focusable: Material's tooltips (content.tooltips) open on focus,
and a tap focuses. Only the first of each acronym on a page is a Tab stop. Static HTML,
no script; the logic is in site_build.glossary.
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.glossary import focusable_abbreviations


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return focusable_abbreviations(html)
