"""The arrival planner: the stages in ``docs/data/planner.yml`` and the checklist items due in each.

The build validates the stages and renders them (``{{ planner() }}``) as an ordered list
that reads without JavaScript ("2 dagen na aankomst op Schiphol"); the browser script
overrides/assets/planner/planner.js computes the calendar dates from the arrival date.
Date arithmetic happens only there (overrides/assets/planner/dates.js), once.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import checklists
from .datafiles import DATA_DIR, DOCS_DIR, LANGUAGES, display_path, load_cached, require_text, require_translations
from .errors import ContentError

PLANNER_FILE = DATA_DIR / "planner.yml"
UI_TEXT_PATH = DATA_DIR / "ui" / "planner.yml"
OFFSET = re.compile(r"^(?P<n>-?\d{1,3})(?P<unit>[dwm])$")
REMINDER = re.compile(r"^\d{1,3}[dw]$")
STAGE_ID = checklists.ITEM_ID
# Only to order and place times; the real dates are computed in the browser.
APPROX_DAYS = {"d": 1, "w": 7, "m": 30.44}
OFFSET_HINT = "write a number and d, w or m (days, weeks, calendar months), e.g. 0d, 2d, 6w, 3m, -2m"

UNITS = {
    "nl": {"d": ("dag", "dagen"), "w": ("week", "weken"), "m": ("maand", "maanden")},
    "en": {"d": ("day", "days"), "w": ("week", "weeks"), "m": ("month", "months")},
}
TEXT = {
    "nl": {
        "arrival": "aankomst op Schiphol", "day0": "op de dag van aankomst op Schiphol",
        "after": "na", "before": "vóór", "within": "uiterlijk {} na aankomst op Schiphol",
        "by0": "vóór aankomst op Schiphol", "by_before": "uiterlijk {} vóór aankomst op Schiphol",
        "window": "van {} tot {} na aankomst op Schiphol", "from": "vanaf {}",
        "window_mixed": "van {} vóór tot {} na aankomst op Schiphol",
        "source": "Bron", "items": "Uit de checklists", "planner": "Aankomstplanner", "steps": "De stappen",
    },
    "en": {
        "arrival": "arrival at Schiphol", "day0": "on the day of arrival at Schiphol",
        "after": "after", "before": "before", "within": "at the latest {} after arrival at Schiphol",
        "by0": "before arrival at Schiphol", "by_before": "at the latest {} before arrival at Schiphol",
        "window": "from {} to {} after arrival at Schiphol", "from": "from {}",
        "window_mixed": "from {} before to {} after arrival at Schiphol",
        "source": "Source", "items": "From the checklists", "planner": "Arrival planner", "steps": "The steps",
    },
}


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


def _amount(offset: str, lang: str) -> str:
    match = OFFSET.match(offset)
    n = abs(int(match["n"]))
    return f"{n} {UNITS[lang][match['unit']][n != 1]}"


def _point(offset: str, lang: str) -> str:
    """'2 dagen na aankomst op Schiphol'."""
    T = TEXT[lang]
    if approx_days(offset) == 0:
        return T["day0"]
    return f"{_amount(offset, lang)} {T['before' if offset.startswith('-') else 'after']} {T['arrival']}"


def relative_time(stage: Stage, lang: str) -> str:
    """The stage's time in words, for the page without JavaScript."""
    T = TEXT[lang]
    if stage.on:
        return _point(stage.on, lang)
    if stage.start and stage.end:
        start, end = stage.start, stage.end
        if start.startswith("-") and not end.startswith("-"):
            return T["window_mixed"].format(_amount(start, lang), _amount(end, lang))
        first = _amount(start, lang)
        if start[-1] == end[-1]:
            first = first.split()[0]
        return T["window"].format(first, _amount(end, lang))
    if stage.start:
        return T["from"].format(_point(stage.start, lang))
    if approx_days(stage.end) == 0:
        return T["by0"]
    if stage.end.startswith("-"):
        return T["by_before"].format(_amount(stage.end, lang))
    return T["within"].format(_amount(stage.end, lang))


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


def ui_text(lang: str, path: Path | None = None) -> dict:
    """The planner script's interface text in one language (the checklists' format and checks)."""
    texts = load_cached(Path(path or UI_TEXT_PATH), checklists._parse_ui,
                        "the planner's interface text is docs/data/ui/planner.yml")
    return texts[lang]


def render_planner(_arg, lang: str) -> str:
    """A heading and the stages as an ordered list, each with its items. planner.js adds dates and controls."""
    T = TEXT[lang]
    titles = page_titles(lang)
    grouped = item_stages()
    # Each phase's progress brings the checklists' household panel (switch, export, import) to this page;
    # planner.js puts the date form, "this week" and the buttons in the empty box, above the steps.
    phases = sorted(checklists.load_all().values(), key=lambda c: checklists._phase_key(c.id))
    # Hidden without JavaScript, where nothing is saved and the counts stay empty.
    lines = ['<ul class="planner__progress" hidden markdown>']
    lines += [f'<li markdown="span">[{titles.get(c.id, c.id)}]({c.id}.md): {{{{ checklist_progress("{c.id}") }}}}</li>'
              for c in phases]
    lines += ["</ul>", "", '<div class="planner-tools"></div>', "", f'## {T["steps"]} {{: #stappen }}', "",
             '<div class="planner" data-planner markdown>', '<ol class="planner__stages" markdown>']
    for stage in load_stages():
        title = html.escape(stage.title[lang])
        lines.append(f'<li class="planner__stage" id="stage-{stage.id}" data-stage="{stage.id}" '
                     f'data-title="{_attr(stage.title[lang])}" {_time_attrs(stage)} markdown>')
        lines.append(f'<p class="planner__head"><strong class="planner__title">{title}</strong>: '
                     f'<span class="planner__when">{html.escape(relative_time(stage, lang))}</span></p>')
        if stage.note:
            lines.append(f'<p class="planner__note">{html.escape(stage.note[lang])}</p>')
        source = titles.get(stage.page, stage.page)
        lines.append(f'<p class="planner__source" markdown="span">{T["source"]}: [{source}]({stage.page}.md)</p>')
        items = grouped[stage.id]
        if items:
            lines.append(f'<ul class="planner__items" aria-label="{_attr(T["items"])}" markdown>')
            for item, phase, due in items:
                text = html.escape(checklists.plain_text(item.text[lang]))
                lines.append(f'<li class="planner__item" id="plan-{item.id}" data-item-id="{item.id}" data-due="{due}" markdown="span">'
                             f'<span class="planner__tip">{text}</span> ([{html.escape(phase.title[lang])}]({phase.id}.md#tip-{item.id}))</li>')
            lines.append("</ul>")
        lines.append("</li>")
    # Data, not a script: it runs nothing, so a strict Content-Security-Policy allows it.
    data = json.dumps(ui_text(lang), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    lines += ["</ol>", "</div>", "", f'<script type="application/json" id="planner-text">{data}</script>', ""]
    return "\n".join(lines)


def render_due(_arg, lang: str) -> str:
    """For the home page: "This week: 3 to do (1 overdue)" once the active household has an arrival date.

    Empty (and hidden) until then; overrides/assets/planner/due.js fills it in.
    """
    grouped = item_stages()
    due = " ".join(f"{item.id}:{offset}" for items in grouped.values() for item, _phase, offset in items)
    ui = ui_text(lang)
    return (f'<span class="planner-due" data-planner-due data-items="{due}" data-count="{_attr(ui["count"])}" '
            f'data-late="{_attr(ui["countLate"])}" hidden>[{html.escape(TEXT[lang]["planner"])}](planner.md)</span>')


PHASE_LINK = {
    "nl": "Zet deze stappen op datum voor uw huishouden: [de aankomstplanner](planner.md)",
    "en": "Put these steps on a calendar for your household: [the arrival planner](planner.md)",
}


PHASE_CHECKLIST = re.compile(r'<div class="checklist"[^>]*\sdata-checklist="')


def add_phase_link(markdown: str, lang: str) -> str:
    """A link to the planner under the title of every page with a checklist (the phase pages)."""
    if not PHASE_CHECKLIST.search(markdown):
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            lines[index + 1:index + 1] = ["", PHASE_LINK[lang], '{: .planner-link }']
            break
    return "\n".join(lines)
