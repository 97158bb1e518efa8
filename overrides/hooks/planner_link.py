"""Hook: every phase page (a page with a checklist) links to the arrival planner under its title.

Runs after the directives hook, so it sees the rendered checklists. Logic:
site_build.planner.add_phase_link.
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.errors import ContentError
from site_build.planner import add_phase_link


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    try:
        return add_phase_link(markdown, lang)
    except ContentError as exc:  # its text: docs/data/ui/planner-page.yml
        raise PluginError(str(exc)) from None
