"""overrides/assets/planner/dates.js, the site's one date arithmetic, run in the real browser
against a table of cases: month ends, leap years, year boundaries, summer time."""
from __future__ import annotations

import pytest
from helpers import NO_SERVICE_WORKER, REPO_ROOT
from site_build import checklists, planner

DATES_JS = REPO_ROOT / "overrides" / "assets" / "planner" / "dates.js"

ADD = [
    # The rule the guide's three months need: keep the day, clamp to the month's end.
    ("2026-11-30", "3m", "2027-02-28"),
    ("2027-11-30", "3m", "2028-02-29"),  # leap year
    ("2028-01-31", "1m", "2028-02-29"),
    ("2027-01-31", "1m", "2027-02-28"),
    ("2028-03-31", "1m", "2028-04-30"),
    ("2028-02-29", "12m", "2029-02-28"),
    ("2026-11-30", "7m", "2027-06-30"),
    # Year boundaries, both ways.
    ("2026-12-31", "1m", "2027-01-31"),
    ("2026-12-30", "2d", "2027-01-01"),
    ("2027-01-15", "-2m", "2026-11-15"),
    ("2027-01-01", "-1d", "2026-12-31"),
    ("2026-11-30", "6w", "2027-01-11"),
    ("2028-02-28", "1d", "2028-02-29"),
    ("2027-02-28", "1d", "2027-03-01"),
    # Summer time starts 29 March and ends 25 October 2026 in the Netherlands: no day is lost.
    ("2026-03-28", "2d", "2026-03-30"),
    ("2026-10-24", "1w", "2026-10-31"),
    ("2026-11-30", "0d", "2026-11-30"),
]

PARSE = [
    ("2026-11-30", "2026-11-30"),
    ("30-11-2026", "2026-11-30"),
    ("1-2-2027", "2027-02-01"),
    ("30/11/2026", "2026-11-30"),
    (" 30.11.2026 ", "2026-11-30"),
    ("29-02-2028", "2028-02-29"),
    ("29-02-2027", None),
    ("31-04-2027", None),
    ("2027-13-01", None),
    ("00-01-2027", None),
    ("30-11-26", None),
    ("morgen", None),
    ("", None),
]


@pytest.fixture(scope="module")
def dates(browser):
    """A blank page with dates.js, shared by the module's tests: its functions keep no state.

    Amsterdam's clock, so a summer-time shift would show if the arithmetic used local time."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", **NO_SERVICE_WORKER)
    page = context.new_page()
    page.set_content("<!doctype html><title>dates</title>")
    page.add_script_tag(path=str(DATES_JS))
    yield page
    context.close()


def test_offsets_from_arrival_follow_the_table(dates):
    got = dates.evaluate("cases => cases.map(([d, o]) => plannerDates.iso(plannerDates.add(plannerDates.parse(d), o)))",
                         [[d, o] for d, o, _ in ADD])
    assert list(zip(ADD, got)) == [(case, case[2]) for case in ADD]


def test_dates_as_readers_type_them(dates):
    got = dates.evaluate("cases => cases.map(s => { const d = plannerDates.parse(s); return d && plannerDates.iso(d); })",
                         [s for s, _ in PARSE])
    assert list(zip(PARSE, got)) == [(case, case[1]) for case in PARSE]


def test_dates_read_in_the_page_language(dates):
    # The locales are the data's (docs/data/ui/planner.yml dateLocale); the spelling is each language's own.
    locales = [planner.ui_text(lang)["dateLocale"] for lang in ("nl", "en")]
    got = dates.evaluate("""(locales) => { const d = plannerDates.parse('2026-12-02');
        return locales.map((locale) => plannerDates.format(d, locale)); }""", locales)
    assert got == ["wo 2 december 2026", "Wed, 2 December 2026"]


def test_today_is_the_readers_calendar_day(dates):
    # Late in the evening of 1 December in Amsterdam (already past midnight in UTC+2 and east): still 1 December.
    got = dates.evaluate("() => plannerDates.iso(plannerDates.today(new Date(2026, 11, 1, 23, 30)))")
    assert got == "2026-12-01"


def test_every_offset_the_build_accepts_is_one_the_script_adds(dates):
    """The build validates offsets (site_build.planner.OFFSET) and writes them into the pages;
    dates.js must read every one of them, so a unit or range added on one side fails here."""
    samples = [f"{n}{unit}" for n in (-999, -12, -1, 0, 1, 2, 48, 999) for unit in "dwmyhq"]
    accepted = [offset for offset in samples if planner.OFFSET.fullmatch(offset)]
    real = sorted({o for s in planner.load_stages() for o in (s.on, s.start, s.end) if o} |
                  {t.value for t in checklists.item_timings().values() if t.is_offset})
    got = dates.evaluate("""offsets => offsets.map(o => {
        try { return !isNaN(plannerDates.add(plannerDates.parse('2026-11-30'), o)); } catch (e) { return false; } })""",
                         accepted + real)
    assert accepted and real
    assert [o for o, ok in zip(accepted + real, got) if not ok] == []
