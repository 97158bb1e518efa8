"""site_build.planner: the planner's stages in docs/data/planner.yml, their validation (file and line),
their source in the guide, the checklist items' timings, and the page without JavaScript."""
from __future__ import annotations

import re
import textwrap

import pytest

from site_build import checklists, planner
from site_build.datafiles import DATA_DIR
from site_build.errors import ContentError
from helpers import REPO_ROOT

GUIDE = REPO_ROOT / "tests" / "fixtures" / "source" / "handreiking-hervestigers-2020.md"

VALID = """\
stages:
  - id: eerste
    title: {nl: Eerste, en: First}
    from: 0d
    to: 2d
    source: {page: plaatsing, quote: de eerste 48 uur}
  - id: later
    title: {nl: Later, en: Later}
    to: 3m
    reminder: 2w
    source: {page: plaatsing, quote: binnen drie maanden}
"""


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, message", [
    (VALID.replace("to: 3m", "to: 3 months"), 9, "is not an offset"),
    (VALID.replace("from: 0d", "from: 3m"), 4, "comes after"),
    (VALID.replace("    to: 3m\n    reminder: 2w\n", ""), 7, "no time"),
    (VALID.replace("    to: 3m\n", "    to: 3m\n    at: 1d\n"), 10, "either 'at' or"),
    (VALID.replace("reminder: 2w", "reminder: 2m"), 10, "reminder"),
    (VALID.replace("page: plaatsing, quote: binnen", "page: plaatsingen, quote: binnen"), 11, "does not exist"),
    (VALID.replace("id: later", "id: eerste"), 7, "must be new"),
    (VALID.replace("{nl: Later, en: Later}", "{nl: Later}"), 8, "no 'en' text"),
    (VALID.replace("    source: {page: plaatsing, quote: binnen drie maanden}\n", ""), 7, "no 'source'"),
], ids=["bad-offset", "from-after-to", "no-time", "at-and-to", "reminder-in-months", "unknown-page",
        "duplicate-id", "missing-translation", "no-source"])
def test_bad_stage_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "planner.yml", text)
    with pytest.raises(ContentError) as error:
        planner.load_stages(path)
    assert error.value.path.endswith("planner.yml")
    assert error.value.line == line, str(error.value)
    assert message in error.value.message


def _words(text):
    return " ".join(re.sub(r"[*_]", "", text).split()).lower()


def test_every_stage_quotes_the_guide():
    guide = _words(GUIDE.read_text(encoding="utf-8"))
    for stage in planner.load_stages():
        assert _words(stage.quote) in guide, f"docs/data/planner.yml:{stage.line}: quote of '{stage.id}' is not in the guide"


def test_relative_times_read_without_javascript(tmp_path):
    stages = {s.id: s for s in planner.load_stages(write(tmp_path / "planner.yml", VALID + """\
  - id: dag
    title: {nl: Dag, en: Day}
    at: 2d
    source: {page: plaatsing, quote: x}
  - id: vooraf
    title: {nl: Vooraf, en: Before}
    to: 0d
    source: {page: plaatsing, quote: x}
"""))}
    assert planner.relative_time(stages["dag"], "nl") == "2 dagen na aankomst op Schiphol"
    assert planner.relative_time(stages["dag"], "en") == "2 days after arrival at Schiphol"
    assert planner.relative_time(stages["eerste"], "nl") == "van 0 tot 2 dagen na aankomst op Schiphol"
    assert planner.relative_time(stages["later"], "nl") == "uiterlijk 3 maanden na aankomst op Schiphol"
    assert planner.relative_time(stages["later"], "en") == "at the latest 3 months after arrival at Schiphol"
    assert planner.relative_time(stages["vooraf"], "en") == "before arrival at Schiphol"


CHECKLIST = """\
title: {nl: Tips, en: Tips}
items:
  - id: eerste-tip
    timing: later
    nl: Een.
    en: One.
  - id: tweede-tip
    timing: 1d
    nl: Twee.
    en: Two.
  - id: derde-tip
    nl: Drie.
    en: Three.
"""


def test_items_go_under_their_stage(tmp_path):
    stages = write(tmp_path / "planner.yml", VALID)
    (tmp_path / "lists").mkdir()
    write(tmp_path / "lists" / "plaatsing.yml", CHECKLIST)
    grouped = planner.item_stages(stages, tmp_path / "lists")
    assert [(item.id, due) for item, _, due in grouped["later"]] == [("eerste-tip", "3m")]
    assert [(item.id, due) for item, _, due in grouped["eerste"]] == [("tweede-tip", "1d")]


@pytest.mark.parametrize("timing, message", [("nergens", "is not a planner stage"), ("3 maanden", "neither a stage id nor")])
def test_bad_timing_names_the_checklist_file_and_line(tmp_path, timing, message):
    stages = write(tmp_path / "planner.yml", VALID)
    (tmp_path / "lists").mkdir()
    write(tmp_path / "lists" / "plaatsing.yml", CHECKLIST.replace("timing: later", f"timing: {timing}"))
    with pytest.raises(ContentError) as error:
        planner.item_stages(stages, tmp_path / "lists")
    assert error.value.path.endswith("plaatsing.yml") and error.value.line == 4
    assert message in error.value.message


def test_the_real_data_is_valid_and_every_timing_lands_somewhere():
    grouped = planner.item_stages()
    timed = {item_id for item_id in checklists.item_timings()}
    assert timed == {item.id for items in grouped.values() for item, _, _ in items}
    assert (DATA_DIR / "planner.yml").exists()


def test_every_interface_text_the_script_uses_exists_in_both_languages():
    script = (REPO_ROOT / "overrides" / "assets" / "planner" / "planner.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", script)) | set(re.findall(r"\bt\(\"(\w+)\"", script))
    # The status menu names the store's statuses (overrides/assets/checklist/store.js).
    store = (REPO_ROOT / "overrides" / "assets" / "checklist" / "store.js").read_text(encoding="utf-8")
    assert "store.statuses.map" in script
    used |= set(re.findall(r'STATUSES = \[([^\]]+)\]', store)[0].replace('"', "").replace(" ", "").split(","))
    for lang in ("nl", "en"):
        missing = used - set(planner.ui_text(lang))
        assert not missing, f"docs/data/ui/planner.yml has no {lang} text for {sorted(missing)}"


def test_the_calendar_file_writes_every_reminder_the_build_accepts():
    """planner.js turns a stage's reminder (site_build.planner.REMINDER) into an alarm with its own pattern."""
    script = (REPO_ROOT / "overrides" / "assets" / "planner" / "planner.js").read_text(encoding="utf-8")
    (js,) = re.findall(r'"TRIGGER:-P" \+ reminder\.replace\(/(.+?)/,', script)
    samples = [f"{n}{unit}" for n in ("0", "2", "14", "999", "1000", "-1", "") for unit in "dwmyh"]
    accepted = [s for s in samples if planner.REMINDER.fullmatch(s)]
    assert accepted and [s for s in accepted if not re.fullmatch(js, s)] == []



def _with_date_locale(tmp_path, english: str):
    """A copy of docs/data/ui/planner.yml with another English dateLocale, and that line's number."""
    rows = (DATA_DIR / "ui" / "planner.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if row.startswith("dateLocale:"))
    rows[line - 1] = f"dateLocale: {{nl: nl-NL, en: {english}}}"
    return write(tmp_path / "planner-ui.yml", "\n".join(rows) + "\n"), line


def test_a_date_locale_of_the_page_language_is_taken(tmp_path):
    path, _ = _with_date_locale(tmp_path, "en-IE")
    assert planner.ui_text("en", path)["dateLocale"] == "en-IE"


@pytest.mark.parametrize("english", ["en_GB", "de-DE", "english"])
def test_a_date_locale_the_browser_cannot_use_stops_the_build_at_its_line(tmp_path, english):
    path, line = _with_date_locale(tmp_path, english)
    with pytest.raises(ContentError) as error:
        planner.ui_text("en", path)
    assert error.value.line == line and english in error.value.message
