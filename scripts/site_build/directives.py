"""Expand ``{{ name("argument") }}`` directives in page Markdown.

Directives let pages render structured content from the data files in
``docs/data/`` (checklists, links, the glossary) instead of copying it into
Markdown. Which directives exist is the table in ``registry.py``; an unknown
directive or a bad argument fails the build naming the file and line.
``expand`` is a pure function of its arguments (and the data files the renderers read).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Mapping

from .errors import ContentError
from .facts import is_fence

DIRECTIVE = re.compile(r"\{\{\s*(?P<name>[a-z][a-z0-9_]*)\(\s*(?:\"(?P<arg>[^\"]*)\")?\s*\)\s*\}\}")
# Anything that looks like a directive but does not parse, so typos are caught too.
DIRECTIVE_LIKE = re.compile(r"\{\{.*?\}\}")

Renderer = Callable[[str | None, str], str]


class DirectiveError(Exception):
    """Raised by a renderer; the expander adds file and line."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(message)


def default_renderers() -> Mapping[str, Renderer]:
    """The site's directive table (``registry.DIRECTIVES``)."""
    # Imported here, not at the top: the renderers' modules import DirectiveError from this one.
    from .registry import DIRECTIVES

    return DIRECTIVES


def known(renderers: Mapping[str, Renderer] | None = None) -> list[str]:
    return sorted(default_renderers() if renderers is None else renderers)


def expand(markdown: str, lang: str, path: str | Callable[[], str],
           first_line: int | Callable[[], int] = 1, depth: int = 0, *,
           renderers: Mapping[str, Renderer] | None = None) -> str:
    """Replace every directive in ``markdown``; renderers may emit directives themselves.

    ``first_line`` is the source line of the Markdown's first line, so errors point at the file.
    ``path`` and ``first_line`` may be functions: they are then called only to report an error
    (the build hook would otherwise re-read every page to find where its Markdown starts).
    ``renderers`` is the directive table, by default the site's (``registry.DIRECTIVES``).
    """
    if renderers is None:
        renderers = default_renderers()

    def where(index: int) -> tuple[str, int]:
        start = first_line() if callable(first_line) else first_line
        return (path() if callable(path) else path), start + index

    if "{{" not in markdown:
        return markdown
    out_lines = []
    in_fence = False
    for index, line in enumerate(markdown.split("\n")):
        if ("```" in line or "~~~" in line) and is_fence(line):  # the cheap test first: most lines are text
            in_fence = not in_fence
        if in_fence or "{{" not in line:
            out_lines.append(line)
            continue

        def replace(match: re.Match) -> str:
            name, arg = match.group("name"), match.group("arg")
            renderer = renderers.get(name)
            if renderer is None:
                raise ContentError(
                    *where(index), f"unknown directive '{name}'", f"use one of: {', '.join(known(renderers))}"
                )
            try:
                rendered = renderer(arg, lang)
            except DirectiveError as exc:
                raise ContentError(*where(index), f"{name}(): {exc.message}", exc.hint) from None
            except ContentError:
                raise
            if "{{" in rendered and depth < 3:
                rendered = expand(rendered, lang, lambda: where(index)[0], lambda: where(index)[1], depth + 1,
                                  renderers=renderers)
            return rendered

        expanded = DIRECTIVE.sub(replace, line)
        leftover = DIRECTIVE_LIKE.search(expanded)
        if leftover and DIRECTIVE_LIKE.search(line):
            raise ContentError(
                *where(index),
                f"malformed directive {leftover.group(0)!r}",
                'write it as {{ name("argument") }}, for example {{ checklist("voorbereiding") }}',
            )
        out_lines.append(expanded)
    return "\n".join(out_lines)


def page_markdown(markdown: str, lang: str, source: Path | str) -> str:
    """The Markdown the build renders for one page (``markdown`` without front matter).

    Every directive expanded, then the definitions of the glossary acronyms the page uses,
    in its language. The build hook (overrides/hooks/directives.py) and the build-time
    audit's plain build (site_checks.audits) both use this, so they render the same Markdown.
    """
    from . import glossary
    from .datafiles import display_path
    from .pages import body_start_line

    # File and line are worked out only for an error message: no second read of every page.
    markdown = expand(markdown, lang, lambda: display_path(source), lambda: body_start_line(source))
    # Only the acronyms the page uses: each definition costs Markdown time on every page.
    return markdown + "\n\n" + glossary.abbreviations(lang, used_in=markdown)
