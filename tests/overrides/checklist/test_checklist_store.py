"""The checklists' saved state, version 2 (store.js), in headless Chromium on the fixture site:
migration of version 1 data, the planner's `plan`, bad stored data, and the API other pages use."""
from __future__ import annotations

import json

import pytest
from helpers import NO_SERVICE_WORKER

STORAGE_KEY = "hervestigers.checklists"
KEEP = "fixture-woning-kiezen"
LINKED = "fixture-plaatsing-lezen"
OTHER = "fixture-buren-informeren"
THIRD = "fixture-tolk-regelen"

# Saved by the site's version 1 (done: true, who, note), two households, one with the default name.
V1_BLOB = json.dumps({
    "format": "hervestigers-checklists", "version": 1, "active": "hb",
    "households": [
        {"id": "ha", "name": "Huishouden 1", "items": {KEEP: {"done": True}}},
        {"id": "hb", "name": "Gezin B – aankomst april", "items": {
            KEEP: {"done": True, "who": "woningcorporatie", "note": "Sleutel 3 maart"},
            LINKED: {"who": "gemeente"},
            OTHER: {"done": False, "note": "Na de verhuizing"},
            "oude-tip": {"done": True, "who": "COA"},
        }},
    ],
})


pytestmark = pytest.mark.usefixtures("no_page_errors")  # tests/overrides/checklist/conftest.py


def put(page, fixture_url, value: str):
    page.goto(fixture_url + "over/")  # same origin, no checklist: nothing reads the value yet
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, value])


def stored(page):
    return json.loads(raw(page))


def raw(page):
    return page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")


def open_checklist(page, url):
    page.goto(url)
    page.locator(".checklist--js").first.wait_for()


def test_version_1_data_loads_with_every_tick_who_and_note(fixture_tab, fixture_url):
    put(fixture_tab, fixture_url, V1_BLOB)
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    assert fixture_tab.locator(".checklist-message--warning").count() == 0
    assert fixture_tab.get_by_label("Actief huishouden").locator("option:checked").inner_text() == "Gezin B – aankomst april"
    assert fixture_tab.locator(f"#checklist-{KEEP}").is_checked()
    assert not fixture_tab.locator(f"#checklist-{LINKED}").is_checked()
    assert fixture_tab.locator(f"#tip-{KEEP} .checklist__meta").inner_text() == "Wie: woningcorporatie · Notitie: Sleutel 3 maart"
    assert fixture_tab.locator(f"#tip-{LINKED} .checklist__meta").inner_text() == "Wie: gemeente"
    # Loading alone changes nothing in storage; the first change saves version 2.
    assert raw(fixture_tab) == V1_BLOB
    fixture_tab.locator(f"#checklist-{LINKED}").check()
    saved = json.loads(raw(fixture_tab))
    assert saved["version"] == 2 and saved["active"] == "hb"
    first, second = saved["households"]
    # The default name is no longer stored, so it follows the page language.
    assert "name" not in first and first["items"] == {KEEP: {"status": "done"}}
    assert second["items"] == {
        KEEP: {"status": "done", "who": "woningcorporatie", "note": "Sleutel 3 maart"},
        LINKED: {"who": "gemeente", "status": "done"},
        OTHER: {"note": "Na de verhuizing"},
        "oude-tip": {"who": "COA", "status": "done"},
    }
    open_checklist(fixture_tab, fixture_url + "en/plaatsing/")
    assert fixture_tab.locator(f"#tip-{OTHER} .checklist__meta").inner_text() == "Note: Na de verhuizing"
    fixture_tab.get_by_label("Active household").select_option(label="Household 1")
    assert fixture_tab.locator(".checklist-household__messages").inner_text() == "‘Household 1’ is now active."


def test_plan_is_kept_through_load_save_export_and_import(page, fixture_url, browser, tmp_path):
    blob = json.dumps({"format": "hervestigers-checklists", "version": 2, "active": "h1", "households": [
        {"id": "h1", "name": "Gezin A", "items": {}, "plan": {"arrival": "2027-03-01"}}]})
    put(page, fixture_url, blob)
    open_checklist(page, fixture_url + "voorbereiding/")
    page.locator(f"#checklist-{KEEP}").check()
    assert json.loads(raw(page))["households"][0]["plan"] == {"arrival": "2027-03-01"}
    assert page.evaluate("hervestigersStore.plan()") == {"arrival": "2027-03-01"}
    page.locator(".checklist-household__manage summary").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Alle huishoudens downloaden (JSON)").click()
    path = tmp_path / "all.json"
    download.value.save_as(path)
    assert json.loads(path.read_text(encoding="utf-8"))["households"][0]["plan"] == {"arrival": "2027-03-01"}
    fresh = browser.new_context(**NO_SERVICE_WORKER)
    try:
        other = fresh.new_page()
        open_checklist(other, fixture_url + "voorbereiding/")
        other.locator(".checklist-household__manage summary").click()
        other.get_by_label("Huishoudens importeren (JSON-bestand)").set_input_files(str(path))
        other.get_by_text("‘Gezin A’ is geïmporteerd en nu actief.").wait_for()
        assert json.loads(raw(other))["households"][0]["plan"] == {"arrival": "2027-03-01"}
    finally:
        fresh.close()


def test_newer_stored_version_is_left_alone_with_a_message(fixture_tab, fixture_url):
    newer = json.dumps({"format": "hervestigers-checklists", "version": 3, "active": "h1", "households": [],
                        "something": "new"})
    put(fixture_tab, fixture_url, newer)
    open_checklist(fixture_tab, fixture_url + "en/voorbereiding/")
    warning = fixture_tab.locator(".checklist-message--warning")
    assert "comes from a newer version of the guide" in warning.inner_text()
    # Usable for the visit, but nothing is saved over it and nothing is set aside.
    fixture_tab.locator(f"#checklist-{KEEP}").check()
    assert fixture_tab.locator(".checklist__progress").inner_text() == "1 of 3 done"
    assert raw(fixture_tab) == newer
    assert fixture_tab.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{STORAGE_KEY}.'))") == []


def test_store_api_for_other_pages(fixture_tab, fixture_url):
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    result = fixture_tab.evaluate("""() => {
        const s = window.hervestigersStore, seen = [];
        const stop = s.subscribe((state, source) => seen.push(source));
        s.setStatus('%s', 'na');
        s.setPlan({arrival: '2027-01-15'});
        stop();
        s.setStatus('%s', 'done');
        let refused = false;
        try { s.setStatus('%s', 'maybe'); } catch (e) { refused = true; }
        try { s.setPlan({arrival: '15 januari'}); } catch (e) { refused = refused && true; }
        return {seen, status: s.status('%s'), other: s.status('%s'), plan: s.plan(), refused,
                version: s.VERSION, statuses: s.STATUSES};
    }""" % (KEEP, LINKED, KEEP, KEEP, LINKED))
    assert result == {"seen": ["page", "page"], "status": "na", "other": "done", "plan": {"arrival": "2027-01-15"},
                      "refused": True, "version": 2, "statuses": ["todo", "done", "na"]}
    # The page follows changes made through the store.
    assert fixture_tab.locator(f"#tip-{KEEP} .checklist__tag").inner_text() == "Niet van toepassing"
    assert fixture_tab.locator(".checklist__progress").inner_text() == "1 van 2 gedaan"
    assert json.loads(raw(fixture_tab))["households"][0]["plan"] == {"arrival": "2027-01-15"}


def test_replaced_ids_move_over_in_every_household(fixture_tab, fixture_url):
    put(fixture_tab, fixture_url, V1_BLOB)
    open_checklist(fixture_tab, fixture_url + "voorbereiding/")
    fixture_tab.evaluate("hervestigersStore.replaceIds({'oude-tip': '%s', '%s': 'nieuwe-tip'})" % (THIRD, KEEP))
    first, second = stored(fixture_tab)["households"]
    # Gezin B: the old tip's state moved to its successor; KEEP moved to its new id.
    assert second["items"][THIRD] == {"who": "COA", "status": "done"} and "oude-tip" not in second["items"]
    assert second["items"]["nieuwe-tip"]["note"] == "Sleutel 3 maart" and KEEP not in second["items"]
    assert first["items"] == {"nieuwe-tip": {"status": "done"}}
    assert fixture_tab.locator(f"#checklist-{THIRD}").is_checked()


def test_import_of_a_newer_version_says_so_and_changes_nothing(fixture_tab, fixture_url, tmp_path):
    open_checklist(fixture_tab, fixture_url + "en/voorbereiding/")
    fixture_tab.locator(f"#checklist-{KEEP}").check()
    before = raw(fixture_tab)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "hervestigers-checklists-households", "version": 3, "households": []}),
                     encoding="utf-8")
    fixture_tab.locator(".checklist-household__manage summary").click()
    fixture_tab.get_by_label("Import households (JSON file)").set_input_files(str(newer))
    error = fixture_tab.locator(".checklist-message--error")
    error.wait_for()
    assert "comes from a newer version of the guide" in error.inner_text()
    assert "Nothing has been changed." in error.inner_text()
    assert raw(fixture_tab) == before
