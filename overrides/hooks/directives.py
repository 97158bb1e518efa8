"""Hook: render content from the data files in docs/data/ into the pages.

Expands ``{{ checklist("...") }}``, ``{{ link("...") }}`` and the other
directives, and appends the glossary's abbreviations that the page uses, in the
page's own language (Material's snippets ``auto_append`` would give every language the same).
"""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from guide import checklists, glossary, links  # noqa: F401  (each registers its directives)
from guide.pages import body_start_line
from guide.datafiles import display_path
from guide.directives import expand
from guide.errors import ContentError
from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    source = page.file.abs_src_path
    try:
        # File and line are worked out only for an error message: no second read of every page.
        markdown = expand(markdown, lang, lambda: display_path(source), lambda: body_start_line(source))
        # Only the acronyms the page uses: each definition costs Markdown time on every page.
        return markdown + "\n\n" + glossary.abbreviations(lang, used_in=markdown)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
