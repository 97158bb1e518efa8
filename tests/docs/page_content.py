"""Reading the site's Markdown pages the way the content tests need them (no build).

Shared by the tests in tests/docs/; imported as ``page_content`` (tests/docs is on the
import path through pyproject.toml's ``pythonpath``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_build.datafiles import DOCS_DIR, LANGUAGES
from site_build.facts import FENCE
from site_build.pages import FRONT_MATTER, page_files

HEADING = re.compile(r"^(#{1,6})\s+\S")
CHECKLIST = re.compile(r"\{\{\s*(checklist|checklist_progress)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")
LINK_DIRECTIVE = re.compile(r"\{\{\s*(?:url|link)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")
FIGURE = re.compile(r'<figure class="guide-quote" markdown>\n(?P<body>.*?)</figure>', re.S)
CAPTION = re.compile(r"<figcaption>(?P<speaker>.*?)</figcaption>", re.S)

# The closed set of quote speakers, and how they correspond between the languages.
SPEAKERS = {
    "nl": ("Gemeente", "Hervestiger", "Expert"),
    "en": ("Municipality", "Resettled refugee", "Expert"),
}


@dataclass(frozen=True)
class Quote:
    text: str  # the blockquote's text, paragraphs joined by a blank line
    speaker: str


def pages() -> dict[str, dict[str, Path]]:
    """Every page by language-independent name, only those that exist in both languages."""
    return {base: langs for base, langs in page_files(DOCS_DIR).items() if all(l in langs for l in LANGUAGES)}


def body(path: Path) -> str:
    """The page's Markdown without front matter and without fenced code blocks."""
    text = path.read_text(encoding="utf-8")
    text = FRONT_MATTER.sub("", text, count=1)
    lines, in_fence = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            lines.append(line)
    return "\n".join(lines)


def heading_levels(text: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for line in text.split("\n"):
        match = HEADING.match(line)
        if match:
            level = len(match.group(1))
            counts[level] = counts.get(level, 0) + 1
    return counts


def checklists(text: str) -> list[tuple[str, str]]:
    return CHECKLIST.findall(text)


def link_ids(text: str) -> set[str]:
    return set(LINK_DIRECTIVE.findall(text))


def quotes(text: str) -> list[Quote]:
    found = []
    for figure in FIGURE.finditer(text):
        inner = figure.group("body")
        caption = CAPTION.search(inner)
        lines = [line[1:].lstrip() if line.startswith(">") else None for line in inner.split("\n")]
        quote = "\n".join(line for line in lines if line is not None)
        found.append(Quote(quote.strip(), caption.group("speaker").strip() if caption else ""))
    return found
