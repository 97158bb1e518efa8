"""Hook: on pages with a checklist, its summary under the title and the component's interface text.

The logic is site_build.checklists.page_html.
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.checklists import page_html
from site_build.errors import ContentError
from mkdocs.exceptions import PluginError


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    try:
        return page_html(html, lang)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
