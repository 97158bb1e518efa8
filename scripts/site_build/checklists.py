"""Checklists: the guide's tips, one YAML file per phase in ``docs/data/checklists/``.

Each item has a stable ``id``, identical in both languages, so a reader's ticks
(stored in the browser by that id) survive a language switch and edits of the text.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .datafiles import DATA_DIR, LANGUAGES, display_path, load_cached, require_text, require_translations
from .directives import DirectiveError
from .errors import ContentError
from .facts import OFFSET, OFFSET_HINT, PHASES, SLUG
from .templates import script_json

CHECKLIST_DIR = DATA_DIR / "checklists"
# The component's interface text, one text per language (written into each page that uses it).
UI_TEXT_PATH = DATA_DIR / "ui" / "checklist.yml"
# Not a checklist: the record of item ids that left the guide (see load_retired).
RETIRED_FILE = "retired.yml"
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


# The validated checklists per state of their folder: every page's directives ask for them.
_ALL_CACHE: dict[tuple, dict[str, Checklist]] = {}


def load_all(directory: Path | None = None) -> dict[str, Checklist]:
    """All checklists by id (the file name without ``.yml``), validated."""
    directory = Path(directory or CHECKLIST_DIR)
    files = sorted(directory.glob("*.yml"))
    key = (str(directory), tuple((path.name, stat.st_mtime_ns, stat.st_size) for path in files for stat in [path.stat()]))
    if key not in _ALL_CACHE:
        if len(_ALL_CACHE) > 8:
            _ALL_CACHE.clear()
        _ALL_CACHE[key] = _load_all(directory, files)
    return _ALL_CACHE[key]


def _load_all(directory: Path, files: list[Path]) -> dict[str, Checklist]:
    owner = {}
    checklists = [_load_one(path) for path in files if path.name != RETIRED_FILE]
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


def render_checklist(checklist_id: str | None, lang: str) -> str:
    """The checklist as a plain list; overrides/assets/checklist/checklist.js adds the checkboxes."""
    checklist = _get(checklist_id)
    title = html.escape(checklist.title[lang], quote=True)
    lines = [
        f'<div class="checklist" id="{list_anchor(checklist.id)}" data-checklist="{checklist.id}" '
        f'data-title="{title}"{_replaced_attr()} markdown>',
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
    """A phase's progress for the home page overview: "3 of 9 done" and a bar, filled by the script."""
    checklist = _get(checklist_id)
    return (
        f'<span class="checklist-progress" data-checklist="{checklist.id}" data-items="{_item_ids(checklist)}"'
        f'{_replaced_attr()} hidden>{_COUNT_AND_BAR}</span>'
    )


def list_anchor(checklist_id: str) -> str:
    """The id of a checklist's element, the target of the summary's link."""
    return f"checklist-{checklist_id}-list"


def _item_ids(checklist: Checklist) -> str:
    return " ".join(item.id for item in checklist.items)


# Without JavaScript nothing is saved, so the summaries stay hidden until the script fills them.
_COUNT_AND_BAR = (
    '<span class="checklist-summary__count"></span> '
    '<span class="checklist-summary__bar" aria-hidden="true"><span></span></span>'
)


def render_summary(checklist_id: str, lang: str) -> str:
    """The compact summary under a phase page's title: "Checklist: 3 of 10 done", a bar, a link down."""
    checklist = _get(checklist_id)
    link = html.escape(ui_text(lang)["toChecklist"])
    # The widest count holds the summary's place until the script fills it in (checklist.css).
    widest = ui_text(lang)["summary"].replace("%", str(len(checklist.items)))
    return (
        f'<p class="checklist-summary" data-checklist="{checklist.id}" data-items="{_item_ids(checklist)}"'
        f' data-placeholder="{html.escape(widest, quote=True)}" hidden>'
        f'{_COUNT_AND_BAR} <a class="checklist-summary__link" href="#{list_anchor(checklist.id)}">{link}</a></p>'
    )


_ITEM = re.compile(
    r'(<li class="checklist__item"[^>]*\sdata-item-id="(?P<id>[a-z0-9-]+)"[^>]*>)(?P<content>.*?)</li>', re.S
)


def _item_controls(match: re.Match, text: dict) -> str:
    """One item with the static part of its controls, so the script builds nothing per item on load.

    The checkbox, status and button only show once the script runs (checklist.css), so without
    JavaScript the checklist stays a plain list.
    """
    box = f'checklist-{match["id"]}'
    return (
        f'{match[1]}<label class="checklist__label"><input type="checkbox" id="{box}" class="checklist__box" '
        f'aria-describedby="{box}-status"><span class="checklist__text">{match["content"]}</span></label>'
        f'<p class="checklist__foot"><span class="checklist__tag" id="{box}-status"></span> '
        f'<button type="button" class="checklist__more" aria-expanded="false">{html.escape(text["more"])}</button></p>'
        f'<p class="checklist__meta" hidden data-blank="{html.escape(text["blank"], quote=True)}"></p></li>'
    )


_CHECKLIST_DIV = re.compile(r'<div class="checklist"[^>]*\sdata-checklist="([a-z0-9-]+)"')
_FIRST_H1_END = re.compile(r"</h1>")


def page_html(page_html_text: str, lang: str) -> str:
    """A rendered page with its checklists' summaries under the title and the interface text.

    Pages without a checklist or progress overview come back unchanged.
    """
    if 'data-checklist="' not in page_html_text:
        return page_html_text
    ids = list(dict.fromkeys(_CHECKLIST_DIV.findall(page_html_text)))
    if ids:
        summaries = "".join(render_summary(checklist_id, lang) for checklist_id in ids)
        page_html_text, found = _FIRST_H1_END.subn("</h1>\n" + summaries, page_html_text, count=1)
        if not found:
            page_html_text = summaries + page_html_text
    page_html_text = _ITEM.sub(lambda match: _item_controls(match, ui_text(lang)), page_html_text)
    data = script_json(ui_text(lang))
    return page_html_text + f'\n<script type="application/json" id="checklist-text"{_catalog_attrs(lang)}>{data}</script>\n'


def _catalog_attrs(lang: str) -> str:
    """Which catalog checklist.js fetches (beside itself) and the version it reads: the build's, not a copy."""
    return f' data-catalog="{PurePosixPath(CATALOG_PATH.format(lang=lang)).name}" data-catalog-version="{CATALOG_VERSION}"'


def _parse_ui(data, shown: str) -> dict:
    if not isinstance(data, dict) or not data:
        raise ContentError(shown, 1, "the checklist interface text must be a mapping of keys to {nl: ..., en: ...}")
    texts = {lang: {"lang": lang} for lang in LANGUAGES}
    for key in data:
        value = data[key]
        if isinstance(value, dict) and all(isinstance(value.get(lang), list) for lang in LANGUAGES):
            for lang in LANGUAGES:
                if not value[lang] or not all(isinstance(v, str) and v.strip() for v in value[lang]):
                    raise ContentError(shown, value.line_of(lang), f"'{key}': the {lang} list must hold non-empty texts")
                texts[lang][key] = value[lang]
            continue
        translated = require_translations(data, key, shown, "checklist interface text")
        placeholders = {lang: text.count("%") for lang, text in translated.items()}
        if len(set(placeholders.values())) > 1:
            raise ContentError(
                shown, data.line_of(key), f"'{key}': the languages have different numbers of '%' placeholders {placeholders}",
                "every language needs the same placeholders, in the same order",
            )
        for lang in LANGUAGES:
            texts[lang][key] = translated[lang]
    return texts


def ui_text(lang: str, path: Path | None = None) -> dict:
    """The checklist component's interface text in one language (with ``lang`` itself)."""
    texts = load_cached(Path(path or UI_TEXT_PATH), _parse_ui, "the checklist's interface text is docs/data/ui/checklist.yml")
    return texts[lang]


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


# An item's optional `timing:` says when it is due: a stage id of docs/data/planner.yml
# ("aankomst-gemeente") or an offset from arrival at Schiphol (facts.OFFSET).


@dataclass(frozen=True)
class Timing:
    value: str
    path: str
    line: int

    @property
    def is_offset(self) -> bool:
        return bool(OFFSET.match(self.value))


def _parse_timings(data, shown: str) -> dict:
    found = {}
    for entry in (data or {}).get("items") or []:
        if not isinstance(entry, dict) or "timing" not in entry:
            continue
        value, line = entry["timing"], entry.line_of("timing")
        if not isinstance(value, str) or not (OFFSET.match(value) or ITEM_ID.match(value)):
            raise ContentError(
                shown, line, f"timing {value!r} of item '{entry.get('id')}' is neither a stage id nor an offset",
                "write a stage id of docs/data/planner.yml (e.g. 'aankomst-gemeente') "
                f"or an offset from arrival at Schiphol: {OFFSET_HINT}",
            )
        found[entry.get("id")] = Timing(value, shown, line)
    return found


def item_timings(directory: Path | None = None) -> dict[str, Timing]:
    """The items' optional ``timing`` fields by item id, checked for form (stages: site_build.planner)."""
    load_all(directory)  # the files themselves must be valid first
    directory = Path(directory or CHECKLIST_DIR)
    timings = {}
    for path in sorted(directory.glob("*.yml")):
        timings.update(load_cached(path, _parse_timings, "checklists are the files in docs/data/checklists/"))
    return timings
