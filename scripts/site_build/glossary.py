"""Glossary: the guide's terms and acronyms, in ``docs/data/glossary.yml``.

One file feeds two renderings: the glossary pages (``{{ glossary() }}`` on
``begrippen.{nl,en}.md``) and the acronym tooltips on every page
(``abbreviations(lang)``, appended by ``overrides/hooks/directives.py`` in the
page's own language).
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import templates, ui
from .datafiles import DATA_DIR, LANGUAGES, LineDict, load_cached, require_text
from .directives import DirectiveError
from .errors import ContentError
from .facts import SLUG

GLOSSARY_FILE = DATA_DIR / "glossary.yml"
ENTRY_ID = SLUG
# What the Markdown abbr extension can match as one word: letters only.
ABBR = re.compile(r"^[A-Za-z]{2,}$")
ENTRY_KEYS = {"id", "abbr", *LANGUAGES}
TEXT_KEYS = {"term", "expansion", "definition"}
UI_TEXT = "glossary"  # docs/data/ui/glossary.yml


@dataclass(frozen=True)
class Entry:
    id: str
    abbr: str | None
    term: dict  # lang -> text
    expansion: dict  # lang -> text ({} unless abbr)
    definition: dict  # lang -> inline Markdown
    line: int


def _check_keys(mapping: LineDict, allowed: set, shown: str, what: str) -> None:
    # A misspelt key ("defintion") would otherwise be ignored without a word.
    for key in mapping:
        if key not in allowed:
            raise ContentError(
                shown, mapping.line_of(key), f"{what}: unknown field '{key}'",
                f"allowed fields: {', '.join(sorted(allowed))}",
            )


def _load_entry(raw, shown: str) -> Entry:
    if not isinstance(raw, dict):
        raise ContentError(shown, getattr(raw, "line", None),
                           "each glossary entry must be a mapping with id, nl and en")
    entry_id = require_text(raw, "id", shown, "glossary entry")
    what = f"glossary entry '{entry_id}'"
    if not ENTRY_ID.match(entry_id):
        raise ContentError(shown, raw.line_of("id"), f"{what}: id is not lowercase-with-hyphens",
                           "use letters, digits and hyphens, e.g. 'sociale-kaart'")
    _check_keys(raw, ENTRY_KEYS, shown, what)
    abbr = None
    if "abbr" in raw:
        abbr = require_text(raw, "abbr", shown, what)
        if not ABBR.match(abbr):
            raise ContentError(shown, raw.line_of("abbr"), f"{what}: abbr '{abbr}' must be letters only",
                               "write the acronym exactly as it appears in the text, e.g. COA or azc")
    texts = {key: {} for key in TEXT_KEYS}
    for lang in LANGUAGES:
        block = raw.get(lang)
        if not isinstance(block, dict):
            raise ContentError(shown, raw.line_of(lang) if lang in raw else raw.line,
                               f"{what}: no '{lang}' translation",
                               f"add '{lang}:' with term and definition")
        lang_what = f"{what} ({lang})"
        _check_keys(block, TEXT_KEYS, shown, lang_what)
        texts["term"][lang] = require_text(block, "term", shown, lang_what)
        texts["definition"][lang] = " ".join(require_text(block, "definition", shown, lang_what).split())
        if abbr:
            texts["expansion"][lang] = require_text(block, "expansion", shown, lang_what)
        elif "expansion" in block:
            raise ContentError(shown, block.line_of("expansion"),
                               f"{lang_what}: 'expansion' is only for acronyms",
                               "add 'abbr:' to the entry, or move the text into the definition")
    return Entry(entry_id, abbr, texts["term"], texts["expansion"], texts["definition"], raw.line)


def _parse(data, shown: str) -> tuple[Entry, ...]:
    if not isinstance(data, list) or not data:
        raise ContentError(shown, getattr(data, "line", 1), "the glossary must be a non-empty list of entries",
                           "start each entry with '- id: ...'")
    entries = []
    ids: dict[str, int] = {}
    abbrs: dict[str, str] = {}
    for raw in data:
        entry = _load_entry(raw, shown)
        if entry.id in ids:
            raise ContentError(shown, raw.line_of("id"), f"duplicate glossary id '{entry.id}'",
                               f"it is already used on line {ids[entry.id]}; ids must be unique (they are anchors)")
        ids[entry.id] = raw.line_of("id")
        if entry.abbr:
            if entry.abbr in abbrs:
                raise ContentError(shown, raw.line_of("abbr"), f"abbr '{entry.abbr}' is also in entry "
                                   f"'{abbrs[entry.abbr]}'", "each acronym gets one tooltip: keep one entry")
            abbrs[entry.abbr] = entry.id
        entries.append(entry)
    return tuple(entries)


def load(path: Path = GLOSSARY_FILE) -> tuple[Entry, ...]:
    """All glossary entries in file order, validated (ContentError names file and line)."""
    return load_cached(path, _parse, "the glossary lives in docs/data/glossary.yml")


def abbreviations(lang: str, path: Path = GLOSSARY_FILE, used_in: str | None = None) -> str:
    """Markdown abbreviation definitions (``*[COA]: ...``) with the expansions in ``lang``.

    With ``used_in`` (a page's Markdown), only the acronyms that occur in it as a word: the
    Markdown abbr extension could mark no others, and every definition costs parsing time.
    """
    entries = [e for e in load(path) if e.abbr]
    if used_in is not None:
        words = set(_acronym_pattern(tuple(e.abbr for e in entries)).findall(used_in))
        entries = [e for e in entries if e.abbr in words]
    return "\n".join(f"*[{e.abbr}]: {e.expansion[lang]}" for e in entries)


@functools.lru_cache(maxsize=4)
def _acronym_pattern(abbrs: tuple[str, ...]) -> re.Pattern:
    # The abbr extension's own pattern (acronyms are letters only, so at most one matches a word).
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, abbrs))})\b")


def sort_key(text: str) -> str:
    """Alphabetical order as a reader expects it: case and accents ignored ('Oriëntatie' near 'Orient')."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


LETTER_ID = "letter-{}"
# An id must work as a URL fragment and a CSS selector (:target): start with a letter.
ANCHORABLE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _letter(term: str) -> str:
    first = sort_key(term)[:1].upper()
    return first if first.isalpha() else "#"


def check_anchors(entries: tuple[Entry, ...], shown: str) -> None:
    """Each entry's id is its anchor and permalink on the glossary page: it must be usable as one."""
    for e in entries:
        if not ANCHORABLE.match(e.id) or e.id.startswith(LETTER_ID.format("")):
            raise ContentError(shown, e.line, f"glossary entry '{e.id}': the id cannot be an anchor on the page",
                               "start it with a letter and do not start it with 'letter-' "
                               "(those anchors are the A-Z jump bar's), e.g. 'sociale-kaart'")


def render(lang: str, path: Path = GLOSSARY_FILE) -> str:
    """The glossary page: a filter and an A–Z jump bar, then one section per first letter.

    Each term is a heading with its id as anchor, so it gets a permalink, and the search
    index (which has an entry per heading) finds the term itself, not the glossary's top.
    """
    from .datafiles import display_path

    entries = load(path)
    check_anchors(entries, display_path(path))
    entries = sorted(entries, key=lambda e: sort_key(e.term[lang]))
    letters: dict[str, list[Entry]] = {}
    for e in entries:
        letters.setdefault(_letter(e.term[lang]), []).append(e)
    # English readers meet the Dutch word in letters and offices: give it where the term does not.
    dutch = {e.id for e in entries if lang != "nl" and sort_key(e.term["nl"]) not in sort_key(e.term[lang])}
    return templates.render("glossary.html", ui=ui.texts(UI_TEXT, lang), lang=lang, letters=letters, dutch=dutch,
                            letter_id=LETTER_ID.format)


def render_glossary(arg: str | None, lang: str) -> str:
    if arg:
        raise DirectiveError("glossary() takes no argument", 'write {{ glossary() }}')
    return render(lang)


# --- Tooltips for keyboard and touch -------------------------------------------------

_TAGS = re.compile(r"<(/?)(a|abbr|button|summary|label)\b([^>]*)>", re.I)
_TITLE = re.compile(r"""\btitle\s*=\s*("[^"]*"|'[^']*')""", re.I)


def glossary_links(page_url: str, lang: str, path: Path = GLOSSARY_FILE) -> dict[str, str]:
    """{acronym: link to its glossary entry, relative to the page at ``page_url``} ('en/plaatsing/')."""
    import posixpath

    from .datafiles import DEFAULT_LANGUAGE

    glossary_page = "begrippen/" if lang == DEFAULT_LANGUAGE else f"{lang}/begrippen/"
    here = posixpath.dirname(page_url.rstrip("/") + "/index.html") if page_url else "."
    relative = posixpath.relpath(glossary_page, here or ".") + "/"
    return {e.abbr: f"{relative}#{e.id}" for e in load(path) if e.abbr}


def focusable_abbreviations(page_html: str, links: dict[str, str] | None = None) -> str:
    """Make each ``<abbr title>`` focusable, so focus or a tap shows Material's tooltip.

    Material shows an abbreviation's tooltip on hover and on focus; an <abbr> cannot take
    focus by itself, so keyboard and touch users would never see it. The first occurrence
    of each abbreviation on the page joins the Tab order (``tabindex="0"``); later ones get
    ``tabindex="-1"``: a tap still focuses them and opens the tooltip, but a keyboard user
    does not have to Tab through the same acronym again and again. Abbreviations inside a
    link, button, summary or label are left alone: HTML forbids a focusable element inside
    another interactive one, and the outer element already takes the focus; inside a label
    (a checklist item) they get ``tabindex="-1"``, so a tap can focus them (the label is no
    widget, and overrides/assets/glossary/abbr-tooltips.js keeps that tap from ticking the item).
    With ``links`` ({acronym: href}), each gets ``data-glossary`` with its glossary entry's link,
    which the tooltip script adds to the tooltip.
    """
    out = []
    pos = 0
    open_tags: list[str] = []  # the interactive elements the current position is inside
    seen = set()
    for match in _TAGS.finditer(page_html):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if name != "abbr":
            if closing:
                if name in open_tags:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name)]
            elif not attrs.rstrip().endswith("/"):
                open_tags.append(name)
            continue
        title = _TITLE.search(attrs)
        if closing or not title or re.search(r"\btabindex\s*=", attrs):
            continue
        in_label_only = bool(open_tags) and set(open_tags) == {"label"}
        if open_tags and not in_label_only:
            continue
        text = page_html[match.end():page_html.find("<", match.end())]
        extra = f' data-glossary="{html.escape(links[text])}"' if links and text in links else ""
        out.append(page_html[pos:match.start()])
        tabindex = -1 if in_label_only or title.group(1) in seen else 0
        out.append(f'<abbr tabindex="{tabindex}"{extra}{attrs}>')
        if not in_label_only:
            seen.add(title.group(1))
        pos = match.end()
    out.append(page_html[pos:])
    return "".join(out)
