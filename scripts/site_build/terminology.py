"""Terminology: one English term per Dutch term, in ``docs/data/terminology.yml``.

Rendered as a list on the glossary pages (``{{ terminology() }}``), and used by
tests/docs/test_terminology.py, which fails when English text uses a rejected
alternative. ``find_rejected`` is that check, kept here so the rule has one definition.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import ui
from .datafiles import DATA_DIR, LineDict, load_cached, require_text, require_translations
from .directives import DirectiveError
from .errors import ContentError

TERMINOLOGY_FILE = DATA_DIR / "terminology.yml"
TERM_KEYS = {"nl", "en", "rejected", "note"}


@dataclass(frozen=True)
class Explained:
    name: str
    explained_by: tuple[str, ...]  # phrases, any one of which explains the name
    line: int


@dataclass(frozen=True)
class Term:
    nl: str
    en: str
    rejected: tuple[str, ...]
    note: dict  # lang -> text ({} when the entry has no note)
    line: int


def _load_term(raw, shown: str) -> Term:
    if not isinstance(raw, LineDict):
        raise ContentError(shown, getattr(raw, "line", None), "each term must be a mapping with nl, en and rejected")
    nl = require_text(raw, "nl", shown, "term")
    what = f"term '{nl}'"
    for key in raw:
        if key not in TERM_KEYS:
            raise ContentError(shown, raw.line_of(key), f"{what}: unknown field '{key}'",
                               f"allowed fields: {', '.join(sorted(TERM_KEYS))}")
    en = require_text(raw, "en", shown, what)
    rejected = raw.get("rejected")
    if not isinstance(rejected, list) or not rejected or not all(isinstance(r, str) and r.strip() for r in rejected):
        raise ContentError(shown, raw.line_of("rejected"), f"{what}: 'rejected' must be a non-empty list of words",
                           "list the English alternatives that pages must not use, e.g. [resettler]")
    rejected = tuple(r.strip() for r in rejected)
    if any(r.casefold() == en.casefold() for r in rejected):
        raise ContentError(shown, raw.line_of("rejected"), f"{what}: '{en}' is both the term and rejected",
                           "remove it from 'rejected'")
    note = require_translations(raw, "note", shown, what) if "note" in raw else {}
    return Term(nl, en, rejected, note, raw.line)


def _load_explained(data, shown: str) -> tuple[Explained, ...]:
    found = []
    entries = data.get("explained") if isinstance(data, dict) else None
    if entries is not None and not isinstance(entries, list):
        raise ContentError(shown, getattr(data, "line", 1), "'explained' must be a list", "write '- name: ...' entries")
    for raw in entries or []:
        if not isinstance(raw, LineDict):
            raise ContentError(shown, getattr(raw, "line", None), "each 'explained' entry needs name and explained_by")
        name = require_text(raw, "name", shown, "explained entry")
        phrases = raw.get("explained_by")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise ContentError(shown, raw.line_of("explained_by"), f"'{name}': 'explained_by' must be a non-empty list",
                               "list the words that say what it is, e.g. [where Schiphol is]")
        found.append(Explained(name, tuple(p.strip() for p in phrases), raw.line))
    return tuple(found)


def load_explained(path: Path = TERMINOLOGY_FILE) -> tuple[Explained, ...]:
    """The Dutch bodies and places each English page explains at first mention."""
    return load_cached(path, _load_explained, "the terminology lives in docs/data/terminology.yml")


def _parse(data, shown: str) -> tuple[Term, ...]:
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list) or not terms:
        raise ContentError(shown, getattr(data, "line", 1), "the file must have a non-empty list 'terms'",
                           "start with 'terms:' and one '- nl: ...' entry per term")
    loaded = [_load_term(raw, shown) for raw in terms]
    chosen = {t.en.casefold(): t for t in loaded}
    for term in loaded:
        for alternative in term.rejected:
            other = chosen.get(alternative.casefold())
            if other:
                raise ContentError(shown, term.line, f"term '{term.nl}' rejects '{alternative}', the English "
                                   f"term of '{other.nl}' (line {other.line})", "a word cannot be both")
    return tuple(loaded)


def load(path: Path = TERMINOLOGY_FILE) -> tuple[Term, ...]:
    """All terms in file order, validated (ContentError names file and line)."""
    return load_cached(path, _parse, "the terminology lives in docs/data/terminology.yml")


def _phrase(words: str) -> str:
    # Whole words, any case, any run of spaces, a plural -s or -es allowed.
    body = r"\s+".join(re.escape(part) for part in words.split())
    return rf"(?<![\w-]){body}(?:e?s)?(?![\w-])"


def find_rejected(text: str, terms: tuple[Term, ...]) -> list[tuple[int, str, Term]]:
    """(0-based line, the rejected words found, their term) for every rejected alternative in ``text``.

    Every chosen English term is blanked out first, so a rejected word inside a chosen
    term ('guidance' in 'social guidance') is not reported.
    """
    chosen = re.compile("|".join(_phrase(t.en) for t in sorted(terms, key=lambda t: -len(t.en))), re.I)
    blanked = chosen.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)
    found = []
    for term in terms:
        for match in re.finditer("|".join(_phrase(r) for r in term.rejected), blanked, re.I):
            found.append((blanked.count("\n", 0, match.start()), text[match.start():match.end()], term))
    return sorted(found, key=lambda hit: hit[0])


def render(lang: str, path: Path = TERMINOLOGY_FILE) -> str:
    """The list as Markdown bullets: Dutch term, the English term, what it replaces, the note.

    A list rather than a table, so it fits a phone screen without scrolling sideways.
    """
    # "Dutch term: English term (not: alternatives)", "not" in the page language.
    not_label = ui.text("terminology_not", lang)
    lines = []
    for term in load(path):
        rejected = ", ".join(html.escape(r) for r in term.rejected)
        line = (f'- <i lang="nl">{html.escape(term.nl)}</i>: <strong lang="en">{html.escape(term.en)}</strong> '
                f'({not_label}: <span lang="en">{rejected}</span>)')
        if term.note:
            line += f". {html.escape(term.note[lang])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render_terminology(arg: str | None, lang: str) -> str:
    if arg:
        raise DirectiveError("terminology() takes no argument", "write {{ terminology() }}")
    return render(lang)
