"""The calendar file the planner page makes in the browser: it parses with the icalendar package,
holds the right all-day events, UIDs and the alarm, keeps RFC 5545's line rules, and the same plan
downloaded again (even with another date) gives the same UIDs, so a calendar updates instead of doubling."""
from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from site_build import planner

from plan_helpers import ARRIVAL, ISO, PATH, set_arrival

STAGES = planner.load_stages()


def download_ics(page, tmp_path, name="plan.ics") -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name="Agendabestand downloaden (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    path = tmp_path / name
    download.value.save_as(path)
    return path.read_bytes()


@pytest.fixture
def planned(tab, site_url):
    tab.goto(site_url + PATH["nl"], wait_until="networkidle")
    set_arrival(tab, ARRIVAL)
    return tab


def events(data: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_calendar_file_holds_every_stage_and_item_on_its_dates(planned, tmp_path):
    planned.locator(".planner__item select").first.select_option("na")
    skipped = planned.locator(".planner__item").first.get_attribute("data-item-id")
    found = events(download_ics(planned, tmp_path))
    stages = {uid.split(".")[0]: e for uid, e in found.items() if not uid.startswith("item.")}
    items = {uid.split(".")[1]: e for uid, e in found.items() if uid.startswith("item.")}
    assert set(stages) == {s.id for s in STAGES}
    for stage in STAGES:
        event = stages[stage.id]
        first, last = (stage.on, stage.on) if stage.on else (stage.start or stage.end, stage.end or stage.start)
        assert event["DTSTART"].dt == ISO[first], stage.id  # all-day: a date, not a time
        assert event["DTEND"].dt == ISO[last] + dt.timedelta(days=1), stage.id
        assert str(event["SUMMARY"]) == stage.title["nl"]
        alarms = event.walk("VALARM")
        if stage.reminder:
            assert [a["TRIGGER"].dt for a in alarms] == [-dt.timedelta(weeks=int(stage.reminder[:-1]))]
        else:
            assert alarms == []
    dated = planned.eval_on_selector_all(".planner__item", "els => els.map(e => [e.dataset.itemId, e.dataset.due])")
    assert set(items) == {item_id for item_id, _ in dated} - {skipped}
    for item_id, due in dated:
        if item_id != skipped:
            assert items[item_id]["DTSTART"].dt == ISO[due]


def test_the_deadline_of_family_reunification_reminds_two_weeks_ahead(planned, tmp_path):
    found = events(download_ics(planned, tmp_path))
    reminded = [e for e in found.values() if e.walk("VALARM")]
    assert [str(e["SUMMARY"]) for e in reminded] == [s.title["nl"] for s in STAGES if s.reminder]
    assert "Gezinshereniging" in str(reminded[0]["SUMMARY"]) and reminded[0]["DTSTART"].dt == dt.date(2027, 2, 28)


def test_same_plan_gives_the_same_uids_even_after_a_date_change(planned, tmp_path):
    first = download_ics(planned, tmp_path, "1.ics")
    assert set(events(first)) == set(events(download_ics(planned, tmp_path, "2.ics")))
    set_arrival(planned, "07-12-2026")
    moved = events(download_ics(planned, tmp_path, "3.ics"))
    assert set(moved) == set(events(first))
    assert len(set(events(first))) == len(icalendar.Calendar.from_ical(first).walk("VEVENT"))


def test_calendar_file_keeps_rfc5545_line_rules(planned, tmp_path):
    # A who with the characters that must be escaped; a long item text is folded.
    item = planned.locator(".planner__item").first.get_attribute("data-item-id")
    planned.evaluate("id => window.hervestigersStore.setField(id, 'who', 'gemeente, team; Ali\\\\Fatima')", item)
    data = download_ics(planned, tmp_path)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines), "long lines are folded"
    assert b"Wie: gemeente\\, team\\; Ali\\\\Fatima" in data.replace(b"\r\n ", b"")
    event = events(data)[next(uid for uid in events(data) if uid.startswith(f"item.{item}."))]
    assert str(event["DESCRIPTION"]).endswith("\nWie: gemeente, team; Ali\\Fatima")
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert all(e.get("DTSTAMP") for e in calendar.walk("VEVENT"))
