"""Hook: render content from the data files in docs/data/ into the pages.

Expands ``{{ checklist("...") }}``, ``{{ link("...") }}`` and the other
directives, and appends the glossary's abbreviations that the page uses, in the
page's own language (Material's snippets ``auto_append`` would give every language the same).
The logic is site_build.directives.page_markdown.
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.directives import page_markdown
from site_build.errors import ContentError


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    try:
        return page_markdown(markdown, lang, page.file.abs_src_path)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
