"""The arrival planner: the stages in ``docs/data/planner.yml`` and the checklist items due in each.

The build validates the stages and renders them (``{{ planner() }}``) as an ordered list
that reads without JavaScript ("2 dagen na aankomst op Schiphol"); the browser script
overrides/assets/planner/planner.js computes the calendar dates from the arrival date.
Date arithmetic happens only there (overrides/assets/planner/dates.js), once.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import checklists, templates, ui
from .datafiles import DATA_DIR, DOCS_DIR, LANGUAGES, display_path, load_cached, require_text, require_translations
from .errors import ContentError
from .facts import OFFSET, OFFSET_HINT

PLANNER_FILE = DATA_DIR / "planner.yml"
UI_TEXT_PATH = DATA_DIR / "ui" / "planner.yml"
REMINDER = re.compile(r"^\d{1,3}[dw]$")
STAGE_ID = checklists.ITEM_ID
# Only to order and place times; the real dates are computed in the browser.
APPROX_DAYS = {"d": 1, "w": 7, "m": 30.44}

# The words the build writes into the planner page and the phase pages: docs/data/ui/planner-page.yml.
PAGE_TEXT = "planner-page"
UNIT_KEYS = {"d": "days", "w": "weeks", "m": "months"}


@dataclass(frozen=True)
class Stage:
    id: str
    title: dict
    on: str | None
    start: str | None  # `from:` in the data file
    end: str | None  # `to:`
    reminder: str | None
    page: str
    quote: str
    note: dict | None
    line: int

    @property
    def due(self) -> str:
        """When the stage's items are due: its day, its deadline or the end of its window."""
        return self.on or self.end or self.start

    @property
    def span(self) -> tuple[float, float]:
        first = self.on or self.start or self.end
        return approx_days(first), approx_days(self.due)


def approx_days(offset: str) -> float:
    match = OFFSET.match(offset)
    return int(match["n"]) * APPROX_DAYS[match["unit"]]


def _offset(entry, key: str, shown: str, what: str) -> str | None:
    if key not in entry:
        return None
    value = entry[key]
    if not isinstance(value, str) or not OFFSET.match(value):
        raise ContentError(shown, entry.line_of(key), f"{what}: '{key}: {value}' is not an offset", OFFSET_HINT)
    return value


def _parse(data, shown: str) -> tuple:
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list) or not data["stages"]:
        raise ContentError(shown, getattr(data, "line", 1) or 1, "the planner file needs a non-empty list 'stages'")
    stages, seen = [], set()
    for entry in data["stages"]:
        if not isinstance(entry, dict):
            raise ContentError(shown, data.line_of("stages"), "each stage must be a mapping with id, title, a time and source")
        stage_id = require_text(entry, "id", shown, "planner stage")
        what = f"stage '{stage_id}'"
        if not STAGE_ID.match(stage_id) or stage_id in seen:
            raise ContentError(shown, entry.line_of("id"), f"{what}: id must be new and lowercase-with-hyphens")
        seen.add(stage_id)
        title = require_translations(entry, "title", shown, what)
        on, start, end = (_offset(entry, key, shown, what) for key in ("at", "from", "to"))
        if on and (start or end):
            raise ContentError(shown, entry.line_of("at"), f"{what}: give either 'at' or 'from'/'to', not both")
        if not (on or start or end):
            raise ContentError(shown, entry.line, f"{what}: no time", "add 'at:', 'from:' and/or 'to:' with an offset from arrival")
        if start and end and approx_days(start) > approx_days(end):
            raise ContentError(shown, entry.line_of("from"), f"{what}: 'from: {start}' comes after 'to: {end}'")
        reminder = entry.get("reminder")
        if reminder is not None and (not isinstance(reminder, str) or not REMINDER.match(reminder) or not (on or end)):
            raise ContentError(shown, entry.line_of("reminder"), f"{what}: 'reminder: {reminder}' is not valid",
                               "a reminder is a number of days or weeks before the stage's 'at' or 'to' date, e.g. 2w")
        source = entry.get("source")
        if not isinstance(source, dict):
            raise ContentError(shown, entry.line_of("source"), f"{what}: no 'source'",
                               "add source: with page (the site page that says so) and quote (the guide's words)")
        page = require_text(source, "page", shown, f"{what} source")
        if not (DOCS_DIR / f"{page}.nl.md").exists():
            raise ContentError(shown, source.line_of("page"), f"{what}: source page '{page}' does not exist",
                               f"name a page of {display_path(DOCS_DIR)} without language and .md, e.g. 'plaatsing'")
        quote = require_text(source, "quote", shown, f"{what} source")
        note = require_translations(entry, "note", shown, what) if "note" in entry else None
        stages.append(Stage(stage_id, title, on, start, end, reminder, page, quote, note, entry.line))
    return tuple(stages)


def load_stages(path: Path | None = None) -> tuple[Stage, ...]:
    return load_cached(Path(path or PLANNER_FILE), _parse, "the planner's stages are in docs/data/planner.yml")


def item_stages(path: Path | None = None, directory: Path | None = None) -> dict[str, list]:
    """Checklist items with a timing, grouped by stage id: [(item, phase, due offset)] in checklist order.

    An item timed by offset goes to the first stage whose time includes it, else the last
    stage before it. An unknown stage id fails the build at the item's file and line.
    """
    stages = load_stages(path)
    by_id = {stage.id: stage for stage in stages}
    timings = checklists.item_timings(directory)
    grouped = {stage.id: [] for stage in stages}
    for phase in sorted(checklists.load_all(directory).values(), key=lambda c: checklists._phase_key(c.id)):
        for item in phase.items:
            timing = timings.get(item.id)
            if timing is None:
                continue
            if timing.is_offset:
                days = approx_days(timing.value)
                home = next((s for s in stages if s.span[0] <= days <= s.span[1]), None)
                home = home or ([s for s in stages if s.span[1] < days] or stages)[-1]
                grouped[home.id].append((item, phase, timing.value))
            elif timing.value in by_id:
                grouped[timing.value].append((item, phase, by_id[timing.value].due))
            else:
                raise ContentError(timing.path, timing.line, f"timing '{timing.value}' is not a planner stage",
                                   f"use one of the stages in docs/data/planner.yml: {', '.join(by_id)}")
    return grouped


def _amount(offset: str, lang: str, number_only: bool = False) -> str:
    """'2 dagen' (or '2' with ``number_only``)."""
    match = OFFSET.match(offset)
    n = abs(int(match["n"]))
    return str(n) if number_only else ui.texts(PAGE_TEXT, lang).plural(UNIT_KEYS[match["unit"]], n)


def _point(offset: str, lang: str) -> str:
    """'2 dagen na aankomst op Schiphol'."""
    T = ui.texts(PAGE_TEXT, lang)
    if approx_days(offset) == 0:
        return T["day0"]
    return T("before" if offset.startswith("-") else "after", time=_amount(offset, lang))


def relative_time(stage: Stage, lang: str) -> str:
    """The stage's time in words, for the page without JavaScript."""
    T = ui.texts(PAGE_TEXT, lang)
    if stage.on:
        return _point(stage.on, lang)
    if stage.start and stage.end:
        start, end = stage.start, stage.end
        if start.startswith("-") and not end.startswith("-"):
            return T("window_mixed", start=_amount(start, lang), end=_amount(end, lang))
        # "van 2 tot 6 weken": the unit once when both ends have the same.
        return T("window", start=_amount(start, lang, number_only=start[-1] == end[-1]), end=_amount(end, lang))
    if stage.start:
        return T("from", moment=_point(stage.start, lang))
    if approx_days(stage.end) == 0:
        return T["by0"]
    if stage.end.startswith("-"):
        return T("by_before", time=_amount(stage.end, lang))
    return T("within", time=_amount(stage.end, lang))


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def _time_attrs(stage: Stage) -> str:
    parts = [f'data-{key}="{value}"' for key, value in (("at", stage.on), ("from", stage.start), ("to", stage.end),
                                                         ("reminder", stage.reminder)) if value]
    return " ".join(parts)


def page_titles(lang: str) -> dict[str, str]:
    """Each page's title (its first '# ' heading), to name a stage's source."""
    titles = {}
    for path in DOCS_DIR.glob(f"*.{lang}.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                titles[path.name.split(".")[0]] = line[2:].strip()
                break
    return titles


# dateLocale: the locale the browser writes dates in (Intl.DateTimeFormat), for the page's language.
DATE_LOCALE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")


def _parse_ui(data, shown: str) -> dict:
    texts = checklists._parse_ui(data, shown)
    if "dateLocale" not in data:
        raise ContentError(shown, 1, "no 'dateLocale'", "add dateLocale: {nl: nl-NL, en: en-GB} (the locale dates are written in)")
    for lang in LANGUAGES:
        locale = texts[lang]["dateLocale"]
        if not DATE_LOCALE.match(locale) or locale.split("-")[0] != lang:
            raise ContentError(shown, data["dateLocale"].line_of(lang), f"dateLocale '{locale}' is not a {lang} locale",
                               f"write the language code, a hyphen and a country code, e.g. {lang}-{'GB' if lang == 'en' else lang.upper()}")
    return texts


def ui_text(lang: str, path: Path | None = None) -> dict:
    """The planner script's interface text in one language (the checklists' format and checks)."""
    texts = load_cached(Path(path or UI_TEXT_PATH), _parse_ui, "the planner's interface text is docs/data/ui/planner.yml")
    return texts[lang]


def render_planner(_arg, lang: str) -> str:
    """A heading and the stages as an ordered list, each with its items. planner.js adds dates and controls."""
    stages = [(stage, relative_time(stage, lang), _time_attrs(stage)) for stage in load_stages()]
    data = templates.script_json(ui_text(lang))
    return templates.render(
        "planner.html", ui=ui.texts(PAGE_TEXT, lang), lang=lang, titles=page_titles(lang), stages=stages,
        items=item_stages(), phases=sorted(checklists.load_all().values(), key=lambda c: checklists._phase_key(c.id)),
        plain_text=checklists.plain_text, script_text=Markup(data),
    )


def render_due(_arg, lang: str) -> str:
    """For the home page: "This week: 3 to do (1 overdue)" once the active household has an arrival date.

    Empty (and hidden) until then; overrides/assets/planner/due.js fills it in.
    """
    grouped = item_stages()
    due = " ".join(f"{item.id}:{offset}" for items in grouped.values() for item, _phase, offset in items)
    script_text, page_text = ui_text(lang), ui.texts(PAGE_TEXT, lang)
    return (f'<span class="planner-due" data-planner-due data-items="{due}" data-count="{_attr(script_text["count"])}" '
            f'data-late="{_attr(script_text["countLate"])}" hidden>[{html.escape(page_text["planner"])}](planner.md)</span>')


PHASE_CHECKLIST = re.compile(r'<div class="checklist"[^>]*\sdata-checklist="')


def add_phase_link(markdown: str, lang: str) -> str:
    """A link to the planner under the title of every page with a checklist (the phase pages)."""
    if not PHASE_CHECKLIST.search(markdown):
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            lines[index + 1:index + 1] = ["", ui.texts(PAGE_TEXT, lang)["phase_link"], '{: .planner-link }']
            break
    return "\n".join(lines)
