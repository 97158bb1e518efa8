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
from .directives import DirectiveError, register
from .errors import ContentError

CHECKLIST_DIR = DATA_DIR / "checklists"
# Not a checklist: the record of item ids that left the guide (see load_retired).
RETIRED_FILE = "retired.yml"
ITEM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The guide's phases in reading order; the catalog (and so the CSV export) follows it.
PHASE_ORDER = ("overwegingen", "voorbereiding", "plaatsing", "begeleiding", "integratie")
# Where the catalogs land in the built site: beside checklist.js, which finds them relative to itself.
CATALOG_PATH = "assets/checklist/catalog.{lang}.json"
CATALOG_VERSION = 1


@dataclass(frozen=True)
class Item:
    id: str
    text: dict  # lang -> Markdown (inline)
    line: int
    replaces: tuple = ()  # retired ids whose saved state (tick, who, note) moves to this item


@dataclass(frozen=True)
class Retired:
    id: str
    became: tuple  # current item ids that took over its content
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
        items.append(Item(item_id, texts, entry.line, _replaces(entry, shown, item_id)))
    return Checklist(Path(shown).stem, title, tuple(items), shown)


def _replaces(entry, shown: str, item_id: str) -> tuple:
    value = entry.get("replaces")
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and ITEM_ID.match(v) for v in value):
        raise ContentError(shown, entry.line_of("replaces"), f"checklist item '{item_id}': 'replaces' must list item ids",
                           "write replaces: [old-id], the id(s) this item takes over")
    return tuple(value)


def _parse_retired(data, shown: str) -> tuple:
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("retired"), list):
        raise ContentError(shown, 1, "the retired file must have a list 'retired'", "each entry: id, became: [ids]")
    retired, seen = [], {}
    for entry in data["retired"]:
        if not isinstance(entry, dict):
            raise ContentError(shown, getattr(data["retired"], "line", None), "each retired entry needs an id and 'became'")
        retired_id = require_text(entry, "id", shown, "retired item")
        if retired_id in seen:
            raise ContentError(shown, entry.line_of("id"), f"retired id '{retired_id}' is listed twice, also on line {seen[retired_id]}")
        seen[retired_id] = entry.line_of("id")
        became = entry.get("became", [])
        if not isinstance(became, list) or not all(isinstance(v, str) for v in became):
            raise ContentError(shown, entry.line_of("became"), f"retired item '{retired_id}': 'became' must list item ids")
        retired.append(Retired(retired_id, tuple(became), entry.line_of("id")))
    return tuple(retired)


def load_retired(directory: Path | None = None) -> tuple:
    """The ids that left the guide (``retired.yml`` beside the checklists); () when there is none."""
    path = Path(directory or CHECKLIST_DIR) / RETIRED_FILE
    if not path.exists():
        return ()
    return load_cached(path, _parse_retired, "retired checklist ids live in this file")


def _check_replacements(checklists: list, directory: Path) -> None:
    """Every ``replaces`` names a retired id, each retired id is replaced at most once, and a
    retired id is not in use again; errors name the file and line."""
    retired = {r.id: r for r in load_retired(directory)}
    retired_file = display_path(directory / RETIRED_FILE)
    current = {item.id: (checklist, item) for checklist in checklists for item in checklist.items}
    for r in retired.values():
        if r.id in current:
            checklist, item = current[r.id]
            raise ContentError(retired_file, r.line, f"retired id '{r.id}' is an item again in {checklist.path} (line {item.line})",
                               "a retired id is never reused: give the item a new id, or remove it from the retired list")
        for new_id in r.became:
            if new_id not in current:
                raise ContentError(retired_file, r.line, f"retired id '{r.id}' became '{new_id}', which is no checklist item",
                                   "list the ids of current items that took over its content")
    replaced_by: dict = {}
    for checklist in checklists:
        for item in checklist.items:
            for old_id in item.replaces:
                if old_id in current:
                    raise ContentError(checklist.path, item.line, f"item '{item.id}' replaces '{old_id}', which is still a current item",
                                       "only a retired id can be replaced; retire it first (remove the item, list it in "
                                       f"{retired_file})")
                if old_id not in retired:
                    raise ContentError(checklist.path, item.line, f"item '{item.id}' replaces '{old_id}', an id that never existed",
                                       f"only ids listed in {retired_file} can be replaced; check the spelling")
                if old_id in replaced_by:
                    other = replaced_by[old_id]
                    raise ContentError(checklist.path, item.line,
                                       f"items '{other.id}' (line {other.line}) and '{item.id}' both replace '{old_id}'",
                                       "a saved tick can move to one item only: keep 'replaces' on one of them")
                if item.id not in retired[old_id].became:
                    raise ContentError(checklist.path, item.line, f"item '{item.id}' replaces '{old_id}' but is not in its 'became' list",
                                       f"add '{item.id}' to 'became' of '{old_id}' in {retired_file}")
                replaced_by[old_id] = item


def replacements(directory: Path | None = None) -> dict[str, str]:
    """Retired id -> the item that carries its saved state, for the checklist script."""
    return {old_id: item.id for checklist in load_all(directory).values()
            for item in checklist.items for old_id in item.replaces}


def _load_one(path: Path) -> Checklist:
    return load_cached(path, _parse, "checklists are the files in docs/data/checklists/")


def load_all(directory: Path | None = None) -> dict[str, Checklist]:
    """All checklists by id (the file name without ``.yml``), validated."""
    directory = Path(directory or CHECKLIST_DIR)
    owner = {}
    checklists = [_load_one(path) for path in sorted(directory.glob("*.yml")) if path.name != RETIRED_FILE]
    for checklist in checklists:
        for item in checklist.items:
            # State is stored per item id across the whole site, so ids are unique site-wide.
            if item.id in owner:
                raise ContentError(
                    checklist.path, item.line, f"item id '{item.id}' is also used in {owner[item.id]}",
                    "item ids must be unique across all checklists",
                )
            owner[item.id] = checklist.path
    _check_replacements(checklists, directory)
    return {checklist.id: checklist for checklist in checklists}


def _get(checklist_id: str | None) -> Checklist:
    checklists = load_all()
    if not checklist_id or checklist_id not in checklists:
        raise DirectiveError(
            f"no checklist '{checklist_id}'",
            f"checklists are the files in {display_path(CHECKLIST_DIR)}: {', '.join(sorted(checklists))}",
        )
    return checklists[checklist_id]


@register("checklist")
def render_checklist(checklist_id: str | None, lang: str) -> str:
    """The checklist as a plain list; overrides/assets/checklist/checklist.js adds the checkboxes."""
    checklist = _get(checklist_id)
    title = html.escape(checklist.title[lang], quote=True)
    lines = [
        f'<div class="checklist" data-checklist="{checklist.id}" data-title="{title}"{_replaced_attr()} markdown>',
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


@register("checklist_progress")
def render_progress(checklist_id: str | None, lang: str) -> str:
    """A placeholder the checklist script fills with "3 of 9 done" for the home page overview."""
    checklist = _get(checklist_id)
    ids = " ".join(item.id for item in checklist.items)
    return (
        f'<span class="checklist-progress" data-checklist="{checklist.id}" data-items="{ids}"{_replaced_attr()}></span>'
    )


def _replaced_attr() -> str:
    """Every retired id and its replacement, site-wide ("old>new old2>new2"): replaced-tips.js moves
    saved state before checklist.js reads it, on any page with a checklist or a progress overview."""
    pairs = " ".join(f"{old}>{new}" for old, new in sorted(replacements().items()))
    return f' data-replaced="{pairs}"' if pairs else ""


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
        # Retired id -> the item a reader's saved state moves to (replaced-tips.js).
        "replaced": replacements(directory),
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
