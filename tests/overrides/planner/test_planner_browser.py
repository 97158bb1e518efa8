"""The arrival planner page in headless Chromium: dates shown, where the date is kept, this week,
bad dates, the calendar file, print, accessibility; a volunteer's phone and an officer's desktop.

Expected dates come from a table of hand-checked answers for one arrival date, looked up by each
stage's offsets in docs/data/planner.yml, so the tests follow the data, not today's list of stages.
"""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from site_checks import audits
from site_build import planner

from plan_helpers import ARRIVAL, DEVICES, ISO, PATH, STAGES, expected, set_arrival, shown_dates, stored_plan
from helpers import NO_SERVICE_WORKER, recording_errors


@pytest.fixture(params=list(DEVICES))
def device(request, browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", **DEVICES[request.param], **NO_SERVICE_WORKER)
    context.device = request.param
    yield context
    context.close()


def open_page(context, url, today=dt.datetime(2026, 12, 1, 9, 0)):
    page = recording_errors(context.new_page())
    page.clock.set_fixed_time(today)
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_stage_shows_its_exact_date(device, site_url, lang, tmp_path):
    page = open_page(device, site_url + PATH[lang])
    set_arrival(page, ARRIVAL, lang)
    assert shown_dates(page) == {stage.id: expected(stage, lang) for stage in STAGES}
    page.screenshot(path=str(tmp_path / f"planner-{lang}-{device.device}.png"), full_page=True)
    assert page.errors == []


def test_the_date_survives_reload_and_language_switch(device, site_url):
    page = open_page(device, site_url + PATH["nl"])
    set_arrival(page, "2026-11-30")
    page.reload(wait_until="networkidle")
    assert page.input_value("#planner-arrival") == ARRIVAL
    nl = shown_dates(page)
    assert nl == {stage.id: expected(stage, "nl") for stage in STAGES}
    page.goto(site_url + PATH["en"], wait_until="networkidle")
    assert shown_dates(page) == {stage.id: expected(stage, "en") for stage in STAGES}
    assert stored_plan(page)["arrival"] == "2026-11-30"


@pytest.mark.parametrize("lang, bad, words", [
    ("nl", "31-02-2027", ["‘31-02-2027’ is geen bestaande datum", "Er is niets veranderd"]),
    ("nl", "volgende week", ["‘volgende week’ is geen bestaande datum", "dag-maand-jaar"]),
    ("en", "2027-13-01", ["‘2027-13-01’ is not a real date", "Nothing has been changed"]),
])
def test_a_bad_date_is_explained_and_changes_nothing(tab, site_url, lang, bad, words):
    tab.goto(site_url + PATH[lang], wait_until="networkidle")
    set_arrival(tab, ARRIVAL, lang)
    before = (stored_plan(tab), shown_dates(tab))
    set_arrival(tab, bad, lang)
    message = tab.locator("#planner-message")
    assert all(word in message.inner_text() for word in words), message.inner_text()
    assert tab.get_attribute("#planner-arrival", "aria-invalid") == "true"
    assert (stored_plan(tab), shown_dates(tab)) == before
    assert tab.errors == []


def week_lists(page) -> dict:
    return {section.locator("h3").inner_text(): [a.get_attribute("href") for a in section.locator("a").all()]
            for section in page.locator(".planner__week > div").all()}


def item_ids_due(page, check) -> list:
    """Item anchors (#plan-<id>) in page order whose due offset satisfies check(date)."""
    items = page.eval_on_selector_all(".planner__item", "els => els.map(e => [e.id, e.dataset.due])")
    return ["#" + item_id for item_id, due in items if check(ISO[due])]


def test_this_week_shows_overdue_and_the_next_seven_days_for_a_fixed_today(device, site_url):
    today = dt.date(2026, 12, 1)
    page = open_page(device, site_url + PATH["nl"], dt.datetime(2026, 12, 1, 9, 0))
    set_arrival(page, ARRIVAL)
    overdue = item_ids_due(page, lambda d: d < today)
    soon = item_ids_due(page, lambda d: today <= d <= today + dt.timedelta(days=6))
    assert overdue and soon, "the fixed dates must give both overdue and coming items"
    lists = week_lists(page)
    assert lists["Te laat"] == overdue and lists["Binnen 7 dagen"] == soon
    # Done and not applicable leave the list; the same status is the checklist's.
    done, na = overdue[0][len("#plan-"):], soon[0][len("#plan-"):]
    page.select_option(f"#plan-{done} select", "done")
    page.select_option(f"#plan-{na} select", "na")
    lists = week_lists(page)
    assert f"#plan-{done}" not in lists.get("Te laat", []) and f"#plan-{na}" not in lists.get("Binnen 7 dagen", [])
    assert page.evaluate("ids => ids.map(id => window.hervestigersStore.status(id))", [done, na]) == ["done", "na"]
    assert page.locator(".planner__week > p").first.inner_text() == "di 1 december 2026 tot en met ma 7 december 2026"


def test_this_week_in_english_near_the_family_reunification_deadline(page, site_url):
    page.clock.set_fixed_time(dt.datetime(2027, 2, 25, 12, 0))
    page.goto(site_url + PATH["en"], wait_until="networkidle")
    set_arrival(page, ARRIVAL, "en")
    today = dt.date(2027, 2, 25)
    lists = week_lists(page)
    assert lists["In the next 7 days"] == item_ids_due(page, lambda d: today <= d <= today + dt.timedelta(days=6))
    assert lists["Overdue"] == item_ids_due(page, lambda d: d < today)


def test_a_status_set_here_is_the_tick_on_the_phase_page(tab, site_url):
    tab.goto(site_url + PATH["nl"], wait_until="networkidle")
    item = tab.locator(".planner__item").first
    item_id = item.get_attribute("data-item-id")
    phase_url = item.locator("a").last.evaluate("a => a.href")
    item.locator("select").select_option("done")
    tab.goto(phase_url, wait_until="networkidle")
    assert tab.evaluate("id => window.hervestigersStore.status(id)", item_id) == "done"
    assert tab.locator(f"#tip-{item_id} input[type=checkbox]").first.is_checked()


def test_without_javascript_the_stages_read_as_an_ordered_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PATH["nl"])
    heads = page.locator("ol.planner__stages > li .planner__head").all_inner_texts()
    assert len(heads) == len(STAGES)
    assert [h.split(":")[0] for h in heads] == [s.title["nl"] for s in STAGES]
    at = next(s for s in STAGES if s.on)
    assert page.locator(f"#stage-{at.id} .planner__when").inner_text() == planner.relative_time(at, "nl")
    context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_axe_violations_with_a_date_set(tab, site_url, lang):
    tab.goto(site_url + PATH[lang], wait_until="networkidle")
    set_arrival(tab, ARRIVAL, lang)
    tab.locator(".planner__item select").first.select_option("done")
    audits.settle(tab)
    assert audits.describe_violations(audits.axe_violations(tab)) == []
    set_arrival(tab, "31-02-2027", lang)
    assert audits.describe_violations(audits.axe_violations(tab)) == []


def test_print_shows_the_dated_plan_with_who_lines(page, site_url, tmp_path):
    page.goto(site_url + PATH["nl"], wait_until="networkidle")
    set_arrival(page, ARRIVAL)
    page.emulate_media(media="print")
    assert not page.locator(".planner__form").is_visible() and not page.locator(".planner__week").is_visible()
    assert page.locator(".planner__date").first.is_visible()
    who = page.locator(".planner__item .planner__who").first
    assert who.is_visible() and who.inner_text().strip() == "Wie:"
    assert page.locator(".planner__who-name").first.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    page.pdf(path=str(tmp_path / "planner.pdf"), format="A4")
    page.screenshot(path=str(tmp_path / "planner-print.png"), full_page=True)


def test_the_plan_travels_with_the_households_export_and_import(page, site_url, browser, tmp_path):
    page.goto(site_url + PATH["nl"], wait_until="networkidle")
    set_arrival(page, ARRIVAL)
    item = page.locator(".planner__item").first.get_attribute("data-item-id")
    page.select_option(f"#plan-{item} select", "done")
    page.locator(".checklist-household__manage summary").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Dit huishouden downloaden (JSON)").click()
    exported = tmp_path / "household.json"
    download.value.save_as(exported)
    plan = stored_plan(page)

    fresh = browser.new_context(locale="en-GB", **NO_SERVICE_WORKER)
    try:
        other = fresh.new_page()
        other.goto(site_url + PATH["en"], wait_until="networkidle")
        assert other.locator(".planner__date").first.inner_text() == ""
        other.locator(".checklist-household__manage summary").click()
        other.get_by_label("Import households (JSON file)").set_input_files(str(exported))
        expect(other.locator(".checklist-household__messages")).to_contain_text("has been imported")
        assert shown_dates(other) == {stage.id: expected(stage, "en") for stage in STAGES}
        assert other.input_value(f"#plan-{item} select") == "done"
        assert stored_plan(other) == plan, "the calendar key travels too, so the .ics UIDs stay the same"
    finally:
        fresh.close()


def test_without_javascript_no_empty_progress_list_shows(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PATH["en"])
    assert page.locator(".planner__progress").is_hidden()
    assert page.locator(".planner-tools").inner_text() == ""
    context.close()
