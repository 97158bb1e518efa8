"""The checklist component as readers use it, in headless Chromium, on the fixture site
(fixture/docs: 'voorbereiding' with 3 tips, 'plaatsing' with 2, and the home overview)."""
from __future__ import annotations

import json
import re

import pytest
from helpers import NO_SERVICE_WORKER, add_household, open_household_tools, recording_errors
from playwright.sync_api import expect

STORAGE_KEY = "hervestigers.checklists"
KEEP = "fixture-woning-kiezen"
LINKED = "fixture-plaatsing-lezen"
KEEP_NL = "Kies een woning die past bij de grootte van het gezin."
KEEP_EN = "Choose a home that suits the size of the family."
TEXTS_NL = [KEEP_NL, "Lees eerst de tips voor de plaatsing door.", "Regel een tolk voor het eerste gesprek.1"]


pytestmark = pytest.mark.usefixtures("no_page_errors")  # tests/overrides/checklist/conftest.py


def open_checklist(page, url: str):
    page.goto(url)
    page.locator(".checklist--js").first.wait_for()
    return page


def box(page, item_id: str):
    return page.locator(f"#checklist-{item_id}")


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))


def household_state(items: dict, name: str = "Gezin A", version: int = 1) -> str:
    """A stored value as the site saves it; version 1 (done: true) unless told otherwise."""
    return json.dumps({"format": "hervestigers-checklists", "version": version, "active": "h1",
                       "households": [{"id": "h1", "name": name, "items": items}]})


manage = open_household_tools  # the household view's 'manage, export, import' section


# -- remembering ticks ------------------------------------------------------------------------

def test_tick_survives_reload(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    fixture_tab.get_by_role("checkbox", name=KEEP_NL).check()
    fixture_tab.reload()
    fixture_tab.locator(".checklist--js").wait_for()
    assert box(fixture_tab, KEEP).is_checked()
    assert not box(fixture_tab, LINKED).is_checked()


def test_tick_in_dutch_shows_on_english_page(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    fixture_tab.get_by_role("checkbox", name=KEEP_NL).check()
    open_checklist(fixture_tab, fixture_url + "en/voorbereiding/")
    assert fixture_tab.get_by_role("checkbox", name=KEEP_EN).is_checked()
    assert fixture_tab.locator(".checklist__progress").inner_text() == "1 of 3 done"


def test_progress_text_updates_and_is_announced(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    progress = fixture_tab.locator(".checklist__progress")
    assert progress.inner_text() == "0 van 3 gedaan"
    assert progress.get_attribute("aria-live") == "polite"
    box(fixture_tab, KEEP).check()
    box(fixture_tab, LINKED).check()
    assert progress.inner_text() == "2 van 3 gedaan"
    box(fixture_tab, KEEP).uncheck()
    assert progress.inner_text() == "1 van 3 gedaan"


def test_home_overview_shows_progress_per_phase_and_total(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    box(fixture_tab, KEEP).check()
    box(fixture_tab, LINKED).check()
    open_checklist(fixture_tab, fixture_url + "plaatsing/")
    box(fixture_tab, "fixture-buren-informeren").check()
    fixture_tab.goto(fixture_url)
    spans = fixture_tab.locator(".phase-steps .checklist-progress .checklist-summary__count")
    assert spans.all_inner_texts() == ["2 van 3 gedaan", "1 van 2 gedaan"]
    assert fixture_tab.locator(".checklist-progress-total").inner_text() == "Totaal: 3 van 5 gedaan"
    fixture_tab.goto(fixture_url + "en/")
    assert fixture_tab.locator(".checklist-progress-total").inner_text() == "Total: 3 of 5 done"
    # The active household is visible on the overview too.
    assert fixture_tab.get_by_label("Active household").locator("option:checked").inner_text() == "Household 1"


# -- households, assignees, notes, reset ------------------------------------------------------

def test_households_are_independent(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    box(fixture_tab, KEEP).check()
    details = manage(fixture_tab)
    assert "geen persoonsgegevens" in details.inner_text()
    assert "Gezin A – aankomst maart" in details.inner_text()
    fixture_tab.get_by_label("Naam van dit huishouden").fill("Gezin A – aankomst maart")
    fixture_tab.get_by_role("button", name="Naam opslaan").click()
    add_household(fixture_tab, "Gezin B – aankomst april")
    # The new household is active and empty; its name shows at the checklist.
    assert fixture_tab.locator(".checklist__household").inner_text() == "Huishouden: Gezin B – aankomst april"
    assert not box(fixture_tab, KEEP).is_checked()
    box(fixture_tab, LINKED).check()
    fixture_tab.get_by_label("Actief huishouden").select_option(label="Gezin A – aankomst maart")
    assert box(fixture_tab, KEEP).is_checked() and not box(fixture_tab, LINKED).is_checked()
    assert "‘Gezin A – aankomst maart’ is nu actief." in fixture_tab.locator(".checklist-household__messages").inner_text()
    fixture_tab.reload()
    fixture_tab.locator(".checklist--js").wait_for()
    assert fixture_tab.get_by_label("Actief huishouden").locator("option:checked").inner_text() == "Gezin A – aankomst maart"
    fixture_tab.get_by_label("Actief huishouden").select_option(label="Gezin B – aankomst april")
    assert box(fixture_tab, LINKED).is_checked() and not box(fixture_tab, KEEP).is_checked()




def test_assignee_and_note_persist(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    item = fixture_tab.locator(f"#tip-{KEEP}")
    item.locator(".checklist__more").click()
    who = item.get_by_label("Wie doet het?")
    # The suggestions include the usual parties; free text is allowed too.
    options = fixture_tab.locator("#checklist-who option")
    assert "woningcorporatie" in [options.nth(i).get_attribute("value") for i in range(options.count())]
    who.fill("maatschappelijke begeleiding")
    item.get_by_label("Notitie").fill("Afspraak op maandag")
    fixture_tab.reload()
    fixture_tab.locator(".checklist--js").wait_for()
    item = fixture_tab.locator(f"#tip-{KEEP}")
    assert item.locator(".checklist__meta").inner_text() == "Wie: maatschappelijke begeleiding · Notitie: Afspraak op maandag"
    item.locator(".checklist__more").click()
    assert item.locator(".checklist__meta").is_hidden(), "the line repeats the open fields"
    assert item.locator(".checklist__who").input_value() == "maatschappelijke begeleiding"
    assert item.locator(".checklist__note").input_value() == "Afspraak op maandag"
    # Ticks are independent of assignee and note.
    assert not box(fixture_tab, KEEP).is_checked()


def test_clear_checklist_at_once_with_undo(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "plaatsing/")
    box(fixture_tab, "fixture-buren-informeren").check()
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    box(fixture_tab, KEEP).check()
    fixture_tab.get_by_role("button", name="Checklist leegmaken").click()
    assert not box(fixture_tab, KEEP).is_checked()
    # Only this checklist: the other page's tick stays.
    assert stored(fixture_tab)["households"][0]["items"] == {"fixture-buren-informeren": {"status": "done"}}
    fixture_tab.locator(".checklist__messages").get_by_role("button", name="Ongedaan maken").click()
    assert box(fixture_tab, KEEP).is_checked()
    assert fixture_tab.locator(".checklist__messages").inner_text() == "Hersteld."
    manage(fixture_tab).get_by_role("button", name="Dit huishouden leegmaken").click()
    assert stored(fixture_tab)["households"][0]["items"] == {}
    assert "‘Huishouden 1’ is leeggemaakt." in fixture_tab.locator(".checklist-household__messages").inner_text()


# -- export, import ---------------------------------------------------------------------------

def test_export_then_import_in_a_fresh_profile_reproduces_the_state(page, fixture_url, browser, tmp_path):
    open_checklist(page, fixture_url + "voorbereiding/")
    manage(page)
    page.get_by_label("Naam van dit huishouden").fill("Gezin A")
    page.get_by_role("button", name="Naam opslaan").click()
    box(page, KEEP).check()
    item = page.locator(f"#tip-{LINKED}")
    item.locator(".checklist__more").click()
    item.get_by_label("Wie doet het?").fill("COA")
    item.get_by_label("Notitie").fill('Notitie met "aanhalingstekens", komma; puntkomma')
    with page.expect_download() as download:
        page.get_by_role("button", name="Dit huishouden downloaden (JSON)").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name == "checklist-gezin-a.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "hervestigers-checklists-household" and data["version"] == 2

    fresh = browser.new_context(locale="nl-NL", **NO_SERVICE_WORKER)
    try:
        other = recording_errors(fresh.new_page())
        open_checklist(other, fixture_url + "en/voorbereiding/")
        other.locator(".checklist-household__manage summary").click()
        other.get_by_label("Import households (JSON file)").set_input_files(str(exported))
        expect(other.locator(".checklist-household__messages")).to_contain_text("‘Gezin A’ has been imported and is now active.")
        assert other.get_by_role("checkbox", name=KEEP_EN).is_checked()
        assert not box(other, LINKED).is_checked()
        linked = other.locator(f"#tip-{LINKED}")
        linked.locator(".checklist__more").click()
        assert linked.locator(".checklist__who").input_value() == "COA"
        assert linked.locator(".checklist__note").input_value() == 'Notitie met "aanhalingstekens", komma; puntkomma'
        # The untouched default household gave way to the import.
        names = [h["name"] for h in stored(other)["households"]]
        assert names == ["Gezin A"]
        assert stored(other)["households"][0]["items"] == stored(page)["households"][0]["items"]
        assert other.errors == []
    finally:
        fresh.close()


def download_csv(page, button: str, tmp_path) -> tuple[str, list[str]]:
    """Click the CSV export button; returns the suggested file name and the file's lines."""
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    return download.value.suggested_filename, path.read_text(encoding="utf-8-sig").splitlines()


def test_csv_export_lists_every_tip_with_ticks_assignees_and_notes(fixture_tab, fixture_url, tmp_path):
    fixture_tab.goto(fixture_url + "over/")
    fixture_tab.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [STORAGE_KEY, household_state({"oude-tip": {"done": True}})])
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    fixture_tab.locator(".checklist-household__removed").wait_for()  # the catalog has loaded
    box(fixture_tab, KEEP).check()
    item = fixture_tab.locator(f"#tip-{KEEP}")
    item.locator(".checklist__more").click()
    item.get_by_label("Wie doet het?").fill("=gemeente")
    item.get_by_label("Notitie").fill('Zeg "ja"')
    manage(fixture_tab)
    filename, rows = download_csv(fixture_tab, "Downloaden als CSV (spreadsheet)", tmp_path)
    assert filename == "checklist-gezin-a.csv"
    assert rows[0] == '"Checklist";"ID";"Tip";"Status";"Wie";"Notitie"'
    # A formula-like cell is defused with a leading apostrophe; quotes are doubled.
    assert rows[1] == ('"Tips voor de voorbereiding";"fixture-woning-kiezen";'
                       '"Kies een woning die past bij de grootte van het gezin.";"Gedaan";"\'=gemeente";"Zeg ""ja"""')
    assert rows[2] == ('"Tips voor de voorbereiding";"fixture-plaatsing-lezen";'
                       '"Lees eerst de tips voor de plaatsing door.";"Te doen";"";""')
    # Every tip of the guide (not only this page's), in phase order, then what left the guide.
    assert [r.split(";")[1] for r in rows[1:]] == [
        '"fixture-woning-kiezen"', '"fixture-plaatsing-lezen"', '"fixture-tolk-regelen"',
        '"fixture-sleutel-overhandigen"', '"fixture-buren-informeren"', '"oude-tip"']
    assert rows[-1] == '"Niet meer in de gids";"oude-tip";"";"Gedaan";"";""'


def test_english_csv_export_fetches_the_catalog_when_needed(fixture_tab, fixture_url, tmp_path):
    open_checklist(fixture_tab, fixture_url + "en/plaatsing/")
    box(fixture_tab, "fixture-buren-informeren").check()
    fixture_tab.locator(".checklist-household__manage summary").click()
    filename, rows = download_csv(fixture_tab, "Download as CSV (spreadsheet)", tmp_path)
    assert filename == "checklist-household-1.csv"
    assert rows[0] == '"Checklist","ID","Tip","Status","Who","Note"'
    assert rows[1] == '"Preparation tips","fixture-woning-kiezen","Choose a home that suits the size of the family.","To do","",""'
    assert rows[5] == '"Placement tips","fixture-buren-informeren","Tell the neighbours beforehand.","Done","",""'
    assert len(rows) == 6


def test_catalog_is_fetched_only_for_tips_from_elsewhere(page, fixture_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "catalog." in r.url else None)
    open_checklist(page, fixture_url + "voorbereiding/")
    box(page, KEEP).check()
    page.reload()
    page.locator(".checklist--js").wait_for()
    page.wait_for_load_state("networkidle")
    assert requests == [], "a reader whose ticks are all on this page downloads nothing extra"
    page.goto(fixture_url + "plaatsing/")
    page.wait_for_load_state("networkidle")
    assert requests == [fixture_url + "assets/checklist/catalog.nl.json"]


def test_unreachable_catalog_leaves_the_checklists_working(page, fixture_url, tmp_path):
    """Poor connection: the catalog cannot be fetched; no error, ticks work, CSV still downloads."""
    page.route("**/catalog.*.json", lambda route: route.abort())
    page.goto(fixture_url + "over/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [STORAGE_KEY, household_state({"fixture-buren-informeren": {"done": True}})])
    open_checklist(page, fixture_url + "voorbereiding/")
    box(page, KEEP).check()
    assert page.locator(".checklist__progress").inner_text() == "1 van 3 gedaan"
    assert page.locator(".checklist-household__removed").is_hidden()
    manage(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Downloaden als CSV (spreadsheet)").click()
    path = tmp_path / "offline.csv"
    download.value.save_as(path)
    ids = [row.split(";")[1] for row in path.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert sorted(ids) == ['"fixture-buren-informeren"', '"fixture-woning-kiezen"']


BAD_IMPORTS = {
    "not-json": "this is not JSON",
    "truncated": '{"format": "hervestigers-checklists-household", "version": 1, "household": {"name": "X", "items": {',
    "foreign": '{"some": "other application"}',
    "whole-storage": household_state({KEEP: {"done": True}}),
    "unknown-status": '{"format": "hervestigers-checklists-household", "version": 2, "household": {"name": "X", "items": {"a": {"status": "maybe"}}}}',
    "v1-with-status": '{"format": "hervestigers-checklists-household", "version": 1, "household": {"name": "X", "items": {"a": {"status": "done"}}}}',
    "bad-plan": '{"format": "hervestigers-checklists-household", "version": 2, "household": {"name": "X", "items": {}, "plan": {"arrival": "maart"}}}',
    "empty-all": '{"format": "hervestigers-checklists-households", "version": 2, "households": []}',
    "bad-id": '{"format": "hervestigers-checklists-household", "version": 1, "household": {"name": "X", "items": {"Bad Id": {"done": true}}}}',
    "bad-value": '{"format": "hervestigers-checklists-household", "version": 1, "household": {"name": "X", "items": {"a": {"done": "yes"}}}}',
    "no-name": '{"format": "hervestigers-checklists-household", "version": 1, "household": {"name": " ", "items": {}}}',
}


def test_bad_import_files_show_a_message_and_change_nothing(fixture_tab, fixture_url, tmp_path):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    box(fixture_tab, KEEP).check()
    before = fixture_tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    manage(fixture_tab)
    messages = fixture_tab.locator(".checklist-household__messages")
    for case, content in BAD_IMPORTS.items():
        bad = tmp_path / f"{case}.json"
        bad.write_text(content, encoding="utf-8")
        fixture_tab.evaluate("document.querySelector('.checklist-household__messages').replaceChildren()")
        fixture_tab.get_by_label("Huishoudens importeren (JSON-bestand)").set_input_files(str(bad))
        expect(messages.locator(".checklist-message--error"), case).to_have_text(
            "Dit bestand kan niet worden geïmporteerd: het is geen (volledige) JSON-export van deze checklists. "
            "Er is niets veranderd.")
        assert fixture_tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == before, case
    assert box(fixture_tab, KEEP).is_checked()
    assert fixture_tab.get_by_label("Actief huishouden").locator("option").count() == 1


# -- robustness -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad_value", [
    "{not json at all",
    household_state({KEEP: {"done": True}})[:-20],
    '{"theme": "dark"}',
    household_state({KEEP: {"done": "yes"}}),
    household_state({KEEP: {"status": "maybe"}}, version=2),
], ids=["garbage", "truncated", "foreign", "wrong-types", "unknown-status"])
def test_corrupt_storage_is_kept_aside_with_a_visible_message(fixture_tab, fixture_url, bad_value):
    fixture_tab.goto(fixture_url + "over/")  # same origin, no checklist: nothing reads the value yet
    fixture_tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, bad_value])
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    warning = fixture_tab.locator(".checklist-message--warning")
    assert warning.is_visible()
    assert "kon niet worden gelezen" in warning.inner_text()
    aside_keys = fixture_tab.evaluate(
        f"Object.keys(localStorage).filter(k => k.startsWith('{STORAGE_KEY}.unreadable.'))")
    assert len(aside_keys) == 1 and aside_keys[0] in warning.inner_text()
    assert fixture_tab.evaluate("k => localStorage.getItem(k)", aside_keys[0]) == bad_value
    # Clean start that works and saves.
    assert not box(fixture_tab, KEEP).is_checked()
    box(fixture_tab, KEEP).check()
    assert stored(fixture_tab)["households"][0]["items"] == {KEEP: {"status": "done"}}
    fixture_tab.reload()
    fixture_tab.locator(".checklist--js").wait_for()
    assert box(fixture_tab, KEEP).is_checked()
    assert fixture_tab.locator(".checklist-message--warning").count() == 0


def test_removed_item_is_kept_and_reported(fixture_tab, fixture_url):
    fixture_tab.goto(fixture_url + "over/")
    fixture_tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, household_state({
        KEEP: {"done": True},
        "oude-tip-die-weg-is": {"done": True, "who": "COA", "note": "Was belangrijk"},
    })])
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    report = fixture_tab.locator(".checklist-household__removed")
    report.wait_for()
    assert "Niet meer in de gids" in report.inner_text()
    assert "oude-tip-die-weg-is · Gedaan · Wie: COA · Notitie: Was belangrijk" in report.inner_text()
    assert box(fixture_tab, KEEP).is_checked()
    assert fixture_tab.locator(".checklist__progress").inner_text() == "1 van 3 gedaan"
    # Ticking elsewhere keeps the removed id in storage.
    box(fixture_tab, LINKED).check()
    assert "oude-tip-die-weg-is" in stored(fixture_tab)["households"][0]["items"]
    fixture_tab.goto(fixture_url + "en/")
    report = fixture_tab.locator(".checklist-household__removed")
    report.wait_for()
    assert "No longer in the guide" in report.inner_text()
    fixture_tab.get_by_role("button", name="Forget these tips").click()
    assert report.is_hidden()
    assert "oude-tip-die-weg-is" not in stored(fixture_tab)["households"][0]["items"]


@pytest.mark.parametrize("page_bumped, catalog_bumped, accepted", [
    (True, True, True),    # a build that writes a new catalog version names it in its pages too
    (False, True, False),  # a catalog from another build (e.g. a stale cache) is not read
])
def test_the_catalog_is_read_only_in_the_version_the_page_names(browser, fixture_url, page_bumped, catalog_bumped, accepted):
    """The version check is the build's: the script accepts what the page states, not a number of its own."""
    # No service worker: its offline copy would answer with the files as built, past the routes below.
    context = browser.new_context(locale="nl-NL", service_workers="block")
    page = recording_errors(context.new_page())
    page.set_default_timeout(5_000)
    bumped = []

    def bump_version(url: str, pattern: str):
        def handle(route):
            response = route.fetch()
            text, found = re.subn(pattern, lambda m: m[1] + str(int(m[2]) + 1), response.text(), count=1)
            bumped.append((url, found))
            route.fulfill(response=response, body=text)
        page.route(url, handle)

    if page_bumped:
        bump_version("**/voorbereiding/", r'(data-catalog-version=")(\d+)')
    if catalog_bumped:
        bump_version("**/catalog.nl.json", r'^(\{"version":)(\d+)')
    page.goto(fixture_url + "over/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, household_state({"oude-tip-die-weg-is": {"done": True}})])
    with page.expect_response("**/catalog.nl.json"):
        open_checklist(page, fixture_url + "voorbereiding/")
    assert bumped and all(found == 1 for _, found in bumped), bumped
    report = page.locator(".checklist-household__removed")
    if accepted:
        expect(report).to_contain_text("oude-tip-die-weg-is")
    else:
        page.wait_for_timeout(300)  # the fetched catalog has been read by now
        expect(report).to_be_hidden()
    context.close()
    assert page.errors == []


@pytest.mark.parametrize("breakage", [
    "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });",
], ids=["setItem-throws", "no-localStorage"])
def test_unavailable_storage_still_works_for_the_visit(page, fixture_url, breakage):
    page.add_init_script(breakage)
    open_checklist(page, fixture_url + "voorbereiding/")
    warning = page.locator(".checklist-message--warning")
    assert "kan in deze browser niet worden bewaard" in warning.inner_text()
    box(page, KEEP).check()
    assert page.locator(".checklist__progress").inner_text() == "1 van 3 gedaan"
    manage(page)
    add_household(page, "Gezin B")
    assert not box(page, KEEP).is_checked()


def test_storage_filling_up_during_the_visit_is_reported(page, fixture_url):
    open_checklist(page, fixture_url + "voorbereiding/")
    box(page, KEEP).check()
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }")
    box(page, LINKED).check()
    assert "kan in deze browser niet worden bewaard" in page.locator(".checklist-message--warning").inner_text()
    assert page.locator(".checklist__progress").inner_text() == "2 van 3 gedaan"


def test_another_tab_changes_are_followed(page, fixture_url, context):
    open_checklist(page, fixture_url + "voorbereiding/")
    other = context.new_page()
    open_checklist(other, fixture_url + "en/voorbereiding/")
    box(other, KEEP).check()
    page.wait_for_function(f"document.querySelector('#checklist-{KEEP}').checked")
    # A tick in the first tab now keeps the other tab's tick instead of overwriting it.
    box(page, LINKED).check()
    assert set(stored(page)["households"][0]["items"]) == {KEEP, LINKED}
    other.close()


# -- accessibility, keyboard, print -----------------------------------------------------------

def test_every_checkbox_has_its_item_text_as_accessible_name(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    assert fixture_tab.get_by_role("checkbox").count() == 3
    for text in TEXTS_NL:
        assert fixture_tab.get_by_role("checkbox", name=text, exact=True).count() == 1, text
    snapshot = fixture_tab.locator(".checklist").aria_snapshot()
    assert f'checkbox "{KEEP_NL}"' in snapshot


def test_links_inside_items_stay_links(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    fixture_tab.locator(f"#tip-{LINKED}").get_by_role("link", name="tips voor de plaatsing").click()
    fixture_tab.wait_for_url(fixture_url + "plaatsing/")
    fixture_tab.go_back()
    fixture_tab.locator(".checklist--js").wait_for()
    assert not box(fixture_tab, LINKED).is_checked()


def test_keyboard_only_ticking(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    target = box(fixture_tab, KEEP)
    for _ in range(60):
        fixture_tab.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the first checkbox cannot be reached with Tab")
    # The component's own focus ring: solid, at least 2px (Chrome's default ring is thinner, 'auto').
    style, width = target.evaluate("el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
    assert style == "solid" and width >= 2, f"focused checkbox has no clear focus indicator: {style} {width}px"
    fixture_tab.keyboard.press("Space")
    assert target.is_checked()
    assert fixture_tab.locator(".checklist__progress").inner_text() == "1 van 3 gedaan"
    # Assignee and note are reachable too: Tab to the item's button, open the fields with Enter.
    for _ in range(10):
        fixture_tab.keyboard.press("Tab")
        if fixture_tab.evaluate("document.activeElement.classList.contains('checklist__more')"):
            break
    fixture_tab.keyboard.press("Enter")
    fixture_tab.keyboard.press("Tab")
    fixture_tab.keyboard.type("COA")
    assert fixture_tab.locator(f"#checklist-{KEEP}-who").input_value() == "COA"


def test_print_shows_ticks_assignees_notes_and_hides_navigation(page, fixture_url):
    open_checklist(page, fixture_url + "voorbereiding/")
    box(page, KEEP).check()
    item = page.locator(f"#tip-{KEEP}")
    item.locator(".checklist__more").click()
    item.get_by_label("Wie doet het?").fill("COA")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".checklist-household", ".checklist__actions",
                     ".checklist__more", ".checklist__fields", ".checklist-summary"):
        assert page.locator(selector).first.is_hidden(), f"{selector} is printed"
    assert box(page, KEEP).is_visible() and box(page, KEEP).is_checked()
    assert item.locator(".checklist__meta").is_visible()
    assert page.locator(".checklist__status").inner_text() == "1 van 3 gedaan · Huishouden: Huishouden 1"


def test_print_button_prints_only_that_checklist(page, fixture_url):
    page.add_init_script("window.print = () => { window.__printCalls = (window.__printCalls || 0) + 1; };")
    open_checklist(page, fixture_url + "voorbereiding/")
    page.get_by_role("button", name="Checklist afdrukken").click()
    assert page.evaluate("window.__printCalls") == 1
    page.emulate_media(media="print")
    printed = page.evaluate("""[...document.querySelectorAll('.md-content__inner > *')]
        .filter(n => getComputedStyle(n).display !== 'none').map(n => n.tagName + '.' + n.className)""")
    assert printed == ["H1.", "DIV.checklist checklist--js checklist--print"], printed
    title = page.locator(".checklist--print").evaluate("el => getComputedStyle(el, '::before').content")
    assert title == '"Tips voor de voorbereiding"'
    # After printing the page prints whole again (Ctrl+P prints every checklist with its ticks).
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".checklist--print").count() == 0


def assert_no_axe_violations(page, axe) -> None:
    """WCAG 2.0/2.1 A and AA on the whole page; axe's best practices too within this component
    (the site's other components, e.g. the keyboard menu, answer to the site-wide gate)."""
    results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert results.violations_count == 0, results.generate_report()
    component = {"include": [[".checklist-household"], ["[data-checklist]"]]}
    results = axe.run(page, context=component, options={"runOnly": ["best-practice"]})
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_with_the_checklist_in_use(fixture_tab, fixture_url):
    from axe_playwright_python.sync_playwright import Axe

    fixture_tab.goto(fixture_url + "over/")
    fixture_tab.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [STORAGE_KEY, household_state({"oude-tip": {"done": True}})])
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    fixture_tab.locator(".checklist-household__removed").wait_for()
    box(fixture_tab, KEEP).check()
    item = fixture_tab.locator(f"#tip-{KEEP}")
    item.locator(".checklist__more").click()
    item.get_by_label("Wie doet het?").fill("COA")
    item.get_by_label("Notitie").fill("Notitie")
    manage(fixture_tab)
    fixture_tab.get_by_label("Actief huishouden").focus()
    assert_no_axe_violations(fixture_tab, Axe())
    fixture_tab.goto(fixture_url)
    fixture_tab.locator(".checklist-household").wait_for()
    assert_no_axe_violations(fixture_tab, Axe())


def test_without_javascript_the_checklist_is_a_plain_list(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(fixture_url + "voorbereiding/")
        items = plain.locator(".checklist .checklist__item")
        assert items.count() == 3
        assert items.all_inner_texts()[0] == KEEP_NL
        assert plain.get_by_role("checkbox").count() == 0
        # Nothing is saved without the script, so no progress is shown (not even a reserved place).
        assert plain.locator(".checklist-summary").is_hidden()
        assert plain.locator(".checklist").get_by_role("link", name="tips voor de plaatsing").count() == 1
    finally:
        context.close()
