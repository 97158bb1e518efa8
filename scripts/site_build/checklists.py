"""Checklists: the guide's tips, one YAML file per phase in ``docs/data/checklists/``.

Each item has a stable ``id``, identical in both languages, so a reader's ticks
(stored in the browser by that id) survive a language switch and edits of the text.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .datafiles import DATA_DIR, LANGUAGES, display_path, load_cached, require_text, require_translations
from .directives import DirectiveError
from .errors import ContentError
from .facts import PHASES, SLUG

CHECKLIST_DIR = DATA_DIR / "checklists"
ITEM_ID = SLUG
# The guide's phases in reading order (mkdocs.yml's nav); the catalog (and so the CSV export) follows it.
PHASE_ORDER = PHASES
# Where the catalogs land in the built site: beside checklist.js, which finds them relative to itself.
CATALOG_PATH = "assets/checklist/catalog.{lang}.json"
CATALOG_VERSION = 1


@dataclass(frozen=True)
class Item:
    id: str
    text: dict  # lang -> Markdown (inline)
    line: int


@dataclass(frozen=True)
class Checklist:
    id: str
    title: dict  # lang -> text
    items: tuple
    path: str


def _parse(data, shown: str) -> Checklist:
    if not isinstance(data, dict):
        raise ContentError(shown, 1, "a checklist file must be a mapping with 'title' and 'items'")
    title = require_translations(data, "title", shown, "checklist")
    items_data = data.get("items")
    if not isinstance(items_data, list) or not items_data:
        raise ContentError(shown, data.line_of("items"), "checklist: 'items' must be a non-empty list")
    items = []
    seen = set()
    for entry in items_data:
        if not isinstance(entry, dict):
            raise ContentError(shown, getattr(items_data, "line", None), "each item must be a mapping with id, nl, en")
        item_id = require_text(entry, "id", shown, "checklist item")
        if not ITEM_ID.match(item_id):
            raise ContentError(
                shown, entry.line_of("id"), f"item id '{item_id}' is not lowercase-with-hyphens",
                "use letters, digits and hyphens, e.g. 'woning-kampeerklaar'",
            )
        if item_id in seen:
            raise ContentError(shown, entry.line_of("id"), f"duplicate item id '{item_id}'")
        seen.add(item_id)
        texts = {}
        for lang in LANGUAGES:
            texts[lang] = require_text(entry, lang, shown, f"checklist item '{item_id}'")
        items.append(Item(item_id, texts, entry.line))
    return Checklist(Path(shown).stem, title, tuple(items), shown)


def _load_one(path: Path) -> Checklist:
    return load_cached(path, _parse, "checklists are the files in docs/data/checklists/")


def load_all(directory: Path | None = None) -> dict[str, Checklist]:
    """All checklists by id (the file name without ``.yml``), validated."""
    directory = Path(directory or CHECKLIST_DIR)
    owner = {}
    checklists = [_load_one(path) for path in sorted(directory.glob("*.yml"))]
    for checklist in checklists:
        for item in checklist.items:
            # State is stored per item id across the whole site, so ids are unique site-wide.
            if item.id in owner:
                raise ContentError(
                    checklist.path, item.line, f"item id '{item.id}' is also used in {owner[item.id]}",
                    "item ids must be unique across all checklists",
                )
            owner[item.id] = checklist.path
    return {checklist.id: checklist for checklist in checklists}


def _get(checklist_id: str | None) -> Checklist:
    checklists = load_all()
    if not checklist_id or checklist_id not in checklists:
        raise DirectiveError(
            f"no checklist '{checklist_id}'",
            f"checklists are the files in {display_path(CHECKLIST_DIR)}: {', '.join(sorted(checklists))}",
        )
    return checklists[checklist_id]


def render_checklist(checklist_id: str | None, lang: str) -> str:
    """The checklist as a plain list; overrides/assets/checklist/checklist.js adds the checkboxes."""
    checklist = _get(checklist_id)
    title = html.escape(checklist.title[lang], quote=True)
    lines = [
        f'<div class="checklist" data-checklist="{checklist.id}" data-title="{title}" markdown>',
        # md_in_html only parses an element's Markdown when every ancestor asks for it too.
        f'<ul class="checklist__items" markdown>',
    ]
    for item in checklist.items:
        lines.append(
            f'<li class="checklist__item" id="tip-{item.id}" data-item-id="{item.id}" markdown="span">'
            f"{item.text[lang]}</li>"
        )
    lines += ["</ul>", "</div>", ""]
    return "\n".join(lines)


def render_progress(checklist_id: str | None, lang: str) -> str:
    """A placeholder the checklist script fills with "3 of 9 done" for the home page overview."""
    checklist = _get(checklist_id)
    ids = " ".join(item.id for item in checklist.items)
    return (
        f'<span class="checklist-progress" data-checklist="{checklist.id}" data-items="{ids}"></span>'
    )


_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
# [text](target), where the target may hold one level of parentheses: {{ url("id") }}
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"\*\*|__|\*|`")


def plain_text(markdown_text: str) -> str:
    """Item text without Markdown, for the CSV export: link texts stay, targets and footnote refs go."""
    text = _FOOTNOTE_REF.sub("", markdown_text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(html.unescape(text).split())


def _phase_key(checklist_id: str) -> tuple:
    if checklist_id in PHASE_ORDER:
        return (PHASE_ORDER.index(checklist_id), checklist_id)
    return (len(PHASE_ORDER), checklist_id)


def catalog(lang: str, directory: Path | None = None) -> dict:
    """Every checklist and item id in the guide, with title and plain text in one language.

    The browser script fetches it, only when needed, to tell which stored item ids
    are no longer in the guide and to write complete CSV exports from any page.
    """
    checklists = load_all(directory)
    return {
        "version": CATALOG_VERSION,
        "lang": lang,
        "checklists": [
            {
                "id": checklist.id,
                "title": checklist.title[lang],
                "items": [{"id": item.id, "text": plain_text(item.text[lang])} for item in checklist.items],
            }
            for checklist in sorted(checklists.values(), key=lambda c: _phase_key(c.id))
        ],
    }


def write_catalog(site_dir: Path, directory: Path | None = None) -> list[Path]:
    """Write one catalog per language into a built site; returns their paths."""
    written = []
    for lang in LANGUAGES:
        target = Path(site_dir) / CATALOG_PATH.format(lang=lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(catalog(lang, directory), ensure_ascii=False, separators=(",", ":"))
        target.write_text(data, encoding="utf-8")
        written.append(target)
    return written
