"""The checklists as volunteers use them in the field (phone 360×640 with touch) and officers at a
desk (1280×800): statuses, the summary under the title, thumb-sized controls, undo, import
with a clash, export of all households, saved feedback, print, the export reminder, axe.
On the fixture site (fixture/docs: 'voorbereiding' with 3 tips, 'plaatsing' with 2)."""
from __future__ import annotations

import json

import pytest
from helpers import NO_SERVICE_WORKER, add_household, open_household_tools, recording_errors
from site_checks.browser import DESKTOP, PHONE
from playwright.sync_api import expect

STORAGE_KEY = "hervestigers.checklists"
KEEP = "fixture-woning-kiezen"
LINKED = "fixture-plaatsing-lezen"
THIRD = "fixture-tolk-regelen"


def new_page(browser, kind=PHONE, locale="nl-NL"):
    context = browser.new_context(locale=locale, **kind, **NO_SERVICE_WORKER)
    page = recording_errors(context.new_page())
    page.set_default_timeout(5_000)
    return page


@pytest.fixture
def phone(browser):
    page = new_page(browser)
    yield page
    assert page.errors == [], page.errors
    page.context.close()


@pytest.fixture
def desk(browser):
    page = new_page(browser, DESKTOP)
    yield page
    assert page.errors == [], page.errors
    page.context.close()


# The tabs kept open across tests (tests/helpers.py OpenTabs), held to the same rules as the two above.
pytestmark = pytest.mark.usefixtures("no_page_errors")  # tests/overrides/checklist/conftest.py


def open_checklist(page, url):
    page.goto(url)
    page.locator(".checklist--js").first.wait_for()


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))


manage = open_household_tools  # the household view's 'manage, export, import' section


def item(page, item_id):
    return page.locator(f"#tip-{item_id}")


def open_fields(page, item_id):
    li = item(page, item_id)
    if li.locator(".checklist__more").get_attribute("aria-expanded") != "true":
        li.locator(".checklist__more").click()
    return li


def mark_na(page, item_id):
    open_fields(page, item_id).get_by_role("button", name="Niet van toepassing").click()


def save_download(page, button, path):
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    download.value.save_as(path)
    return path


# -- statuses ---------------------------------------------------------------------------------

def test_not_applicable_leaves_the_count_and_survives_reload_and_language(fixture_phone_tab, fixture_url):
    open_checklist(fixture_phone_tab, fixture_url + "voorbereiding/")
    fixture_phone_tab.get_by_role("checkbox", name="Kies een woning die past bij de grootte van het gezin.").check()
    progress = fixture_phone_tab.locator(".checklist__progress")
    assert progress.inner_text() == "1 van 3 gedaan"
    mark_na(fixture_phone_tab, THIRD)
    assert progress.inner_text() == "1 van 2 gedaan"
    # The status is text, beside the tip, not colour alone; the button says it is pressed.
    assert item(fixture_phone_tab, THIRD).locator(".checklist__tag").inner_text() == "Niet van toepassing"
    assert item(fixture_phone_tab, KEEP).locator(".checklist__tag").inner_text() == "Gedaan"
    assert item(fixture_phone_tab, LINKED).locator(".checklist__tag").inner_text() == "Te doen"
    assert item(fixture_phone_tab, THIRD).get_by_role("button", name="Niet van toepassing").get_attribute("aria-pressed") == "true"
    assert fixture_phone_tab.locator(f"#checklist-{THIRD}").get_attribute("aria-describedby") == f"checklist-{THIRD}-status"
    fixture_phone_tab.reload()
    fixture_phone_tab.locator(".checklist--js").wait_for()
    assert progress.inner_text() == "1 van 2 gedaan"
    open_checklist(fixture_phone_tab, fixture_url + "en/voorbereiding/")
    assert fixture_phone_tab.locator(".checklist__progress").inner_text() == "1 of 2 done"
    assert item(fixture_phone_tab, THIRD).locator(".checklist__tag").inner_text() == "Not applicable"
    # Ticking a not-applicable tip makes it done; pressing the button again makes it apply.
    fixture_phone_tab.locator(f"#checklist-{THIRD}").check()
    assert fixture_phone_tab.locator(".checklist__progress").inner_text() == "2 of 3 done"
    not_applicable = open_fields(fixture_phone_tab, LINKED).get_by_role("button", name="Not applicable")
    not_applicable.click()
    assert fixture_phone_tab.locator(".checklist__progress").inner_text() == "2 of 2 done"
    not_applicable.click()
    assert fixture_phone_tab.locator(".checklist__progress").inner_text() == "2 of 3 done"


def test_csv_and_json_exports_carry_the_status(fixture_desk_tab, fixture_url, tmp_path):
    open_checklist(fixture_desk_tab, fixture_url + "voorbereiding/")
    fixture_desk_tab.locator(f"#checklist-{KEEP}").check()
    mark_na(fixture_desk_tab, THIRD)
    manage(fixture_desk_tab)
    rows = save_download(fixture_desk_tab, "Downloaden als CSV (spreadsheet)", tmp_path / "x.csv").read_text(encoding="utf-8-sig").splitlines()
    statuses = {r.split(";")[1].strip('"'): r.split(";")[3].strip('"') for r in rows[1:]}
    assert statuses[KEEP] == "Gedaan" and statuses[THIRD] == "Niet van toepassing" and statuses[LINKED] == "Te doen"
    data = json.loads(save_download(fixture_desk_tab, "Dit huishouden downloaden (JSON)", tmp_path / "x.json").read_text(encoding="utf-8"))
    assert data["household"]["items"] == {KEEP: {"status": "done"}, THIRD: {"status": "na"}}


# -- summary up front -------------------------------------------------------------------------

def test_summary_under_the_title_updates_and_jumps_to_the_checklist(phone, fixture_url):
    open_checklist(phone, fixture_url + "voorbereiding/")
    summary = phone.locator(".checklist-summary")
    assert summary.count() == 1
    # Right under the title, in view on a phone without scrolling.
    assert summary.evaluate("el => el.previousElementSibling.tagName") == "H1"
    assert summary.is_visible() and summary.bounding_box()["y"] < 640
    count = summary.locator(".checklist-summary__count")
    assert count.inner_text() == "Checklist: 0 van 3 gedaan"
    phone.locator(f"#checklist-{KEEP}").check()
    assert count.inner_text() == "Checklist: 1 van 3 gedaan"
    bar = summary.locator(".checklist-summary__bar > span").evaluate("el => el.style.width")
    assert bar == "33%"
    checklist = phone.locator(".checklist")
    phone.evaluate("scrollTo(0, 0)")  # ticking scrolled to the box
    assert not checklist.evaluate("el => el.getBoundingClientRect().top < innerHeight")
    summary.get_by_role("link", name="Naar de checklist").click()
    phone.wait_for_function("() => { const r = document.querySelector('.checklist').getBoundingClientRect();"
                            " return r.top >= 0 && r.top < innerHeight; }")
    # Not hidden under the sticky header.
    header = phone.locator(".md-header").bounding_box()
    assert checklist.bounding_box()["y"] >= header["y"] + header["height"] - 1
    open_checklist(phone, fixture_url + "en/plaatsing/")
    assert phone.locator(".checklist-summary__count").inner_text() == "Checklist: 0 of 2 done"
    assert phone.get_by_role("link", name="Go to the checklist").count() == 1


# The page's layout shifts so far (buffered: from the start of the load). All of them count: the
# test gives no input, and a phone context marks some load-time shifts as following input.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  const add = (entries) => { for (const entry of entries) total += entry.value; };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  setTimeout(() => { add(observer.takeRecords()); observer.disconnect(); resolve(total); }, 200);
})"""
PAINTED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def test_summary_takes_its_place_without_moving_the_page(phone, fixture_url):
    # On a slow connection the page is painted before checklist.js arrives: hold the script back
    # until the text above it has been painted, then let it fill the summary. (The checklist itself
    # starts below the fold on this page, as on the guide's phase pages.)
    held = []
    phone.route("**/assets/checklist/checklist.js", lambda route: held.append(route))
    phone.goto(fixture_url + "voorbereiding/", wait_until="commit")
    phone.wait_for_function("() => document.querySelector('script[src$=\"checklist/checklist.js\"]')")
    phone.evaluate(PAINTED)
    while not held:
        phone.wait_for_timeout(20)
    held[0].continue_()
    summary = phone.locator(".checklist-summary")
    expect(summary).to_be_visible()
    phone.evaluate(PAINTED)
    shift = phone.evaluate(LAYOUT_SHIFT)
    assert shift < 0.02, f"the page moved as the summary appeared (cumulative layout shift {shift:.3f})"


def test_home_page_shows_the_same_summary_per_phase(fixture_desk_tab, fixture_url):
    open_checklist(fixture_desk_tab, fixture_url + "voorbereiding/")
    fixture_desk_tab.locator(f"#checklist-{KEEP}").check()
    mark_na(fixture_desk_tab, THIRD)
    fixture_desk_tab.goto(fixture_url)
    phases = fixture_desk_tab.locator(".checklist-progress")
    phases.first.locator(".checklist-summary__bar").wait_for()
    assert phases.locator(".checklist-summary__count").all_inner_texts() == ["1 van 2 gedaan", "0 van 2 gedaan"]
    assert phases.first.locator(".checklist-summary__bar > span").evaluate("el => el.style.width") == "50%"


# -- thumb-sized ------------------------------------------------------------------------------

CONTROLS = """() => [...document.querySelectorAll(
    '.checklist button, .checklist select, .checklist input:not([type=checkbox]), .checklist textarea, .checklist summary,' +
    '.checklist-household button, .checklist-household select, .checklist-household input:not([type=file]),' +
    '.checklist-household summary, .checklist-household label.md-button, .checklist-summary a')]
  .filter(el => el.getClientRects().length)
  .map(el => ({what: el.outerHTML.slice(0, 80), w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height}))
  .concat([...document.querySelectorAll('.checklist__box')].map(box => {
    const r = box.closest('label').getBoundingClientRect();
    return {what: 'label of #' + box.id, w: r.width, h: r.height};
  }))"""


def test_every_control_is_at_least_44_px_on_a_phone(fixture_phone_tab, fixture_url):
    open_checklist(fixture_phone_tab, fixture_url + "voorbereiding/")
    fixture_phone_tab.locator(f"#checklist-{KEEP}").check()
    for item_id in (KEEP, LINKED, THIRD):
        open_fields(fixture_phone_tab, item_id)
    manage(fixture_phone_tab)
    fixture_phone_tab.get_by_role("button", name="Checklist leegmaken").click()  # shows the undo button too
    controls = fixture_phone_tab.evaluate(CONTROLS)
    kinds = " ".join(c["what"] for c in controls)
    for expected in ("<select", "<summary", "label of #", "Ongedaan maken", "checklist__more", "checklist__na", 'for="checklist-import"'):
        assert expected in kinds, expected
    small = [c for c in controls if c["h"] < 44 or c["w"] < 44]
    assert small == [], small
    # The whole row is the tap target: a tap on the tip's text, away from the box, ticks it.
    text = item(fixture_phone_tab, LINKED).locator(".checklist__text")
    text.tap(position={"x": text.bounding_box()["width"] - 5, "y": 5})
    assert fixture_phone_tab.locator(f"#checklist-{LINKED}").is_checked()


# -- undo -------------------------------------------------------------------------------------

def test_delete_household_then_undo_brings_everything_back(fixture_phone_tab, fixture_url):
    open_checklist(fixture_phone_tab, fixture_url + "voorbereiding/")
    manage(fixture_phone_tab)
    add_household(fixture_phone_tab, "Gezin B")
    fixture_phone_tab.locator(f"#checklist-{KEEP}").check()
    open_fields(fixture_phone_tab, LINKED).get_by_label("Notitie").fill("Bellen")
    before = stored(fixture_phone_tab)
    delete = fixture_phone_tab.get_by_role("button", name="Dit huishouden verwijderen")
    # Destructive actions are set apart from the others, in their own group.
    assert delete.evaluate("el => el.closest('.checklist-household__danger') !== null")
    delete.click()
    assert [h.get("name") for h in stored(fixture_phone_tab)["households"]] == [None]
    messages = fixture_phone_tab.locator(".checklist-household__messages")
    assert "‘Gezin B’ is verwijderd." in messages.inner_text()
    messages.get_by_role("button", name="Ongedaan maken").click()
    assert stored(fixture_phone_tab)["households"] == before["households"] and stored(fixture_phone_tab)["active"] == before["active"]
    assert fixture_phone_tab.locator(f"#checklist-{KEEP}").is_checked()
    assert fixture_phone_tab.get_by_label("Actief huishouden").locator("option:checked").inner_text() == "Gezin B"


def test_undo_lapses_after_a_few_seconds(browser, fixture_url):
    page = new_page(browser)
    try:
        page.clock.install()
        open_checklist(page, fixture_url + "voorbereiding/")
        manage(page)
        add_household(page, "Gezin B")
        page.get_by_role("button", name="Dit huishouden verwijderen").click()
        undo = page.locator(".checklist-household__messages").get_by_role("button", name="Ongedaan maken")
        assert undo.is_visible()
        page.clock.run_for(5_000)
        assert undo.is_visible(), "a few seconds to change one's mind"
        page.clock.run_for(5_000)
        expect(undo).to_have_count(0)
        page.reload()
        page.locator(".checklist--js").wait_for()
        assert "Gezin B" not in page.get_by_label("Actief huishouden").inner_text()
        assert page.errors == []
    finally:
        page.context.close()


def test_print_is_the_primary_action_and_clearing_is_set_apart(fixture_desk_tab, fixture_url):
    open_checklist(fixture_desk_tab, fixture_url + "voorbereiding/")
    print_button = fixture_desk_tab.get_by_role("button", name="Checklist afdrukken")
    clear = fixture_desk_tab.get_by_role("button", name="Checklist leegmaken")
    assert "md-button--primary" in print_button.get_attribute("class")
    assert clear.evaluate("el => el.closest('.checklist__danger') !== null")
    p, c = print_button.bounding_box(), clear.bounding_box()
    assert c["y"] >= p["y"] + p["height"] + 16, "clearing sits well apart from printing"
    colours = clear.evaluate("el => getComputedStyle(el).color"), print_button.evaluate("el => getComputedStyle(el).color")
    assert colours[0] != colours[1]


# -- import with a clash, export of all households ---------------------------------------------

def setup_two_households(page, fixture_url):
    open_checklist(page, fixture_url + "voorbereiding/")
    manage(page)
    page.get_by_label("Naam van dit huishouden").fill("Gezin A")
    page.get_by_role("button", name="Naam opslaan").click()
    page.locator(f"#checklist-{KEEP}").check()
    add_household(page, "Gezin B")
    mark_na(page, THIRD)
    open_fields(page, LINKED).get_by_label("Wie doet het?").fill("COA")


def import_file(page, path):
    manage(page).get_by_label("Huishoudens importeren (JSON-bestand)").set_input_files(str(path))


def test_import_clash_replace_or_add(fixture_desk_tab, fixture_url, tmp_path):
    setup_two_households(fixture_desk_tab, fixture_url)
    exported = save_download(fixture_desk_tab, "Dit huishouden downloaden (JSON)", tmp_path / "b.json")
    # Change Gezin B after the export; importing the file again clashes.
    fixture_desk_tab.locator(f"#checklist-{KEEP}").check()
    import_file(fixture_desk_tab, exported)
    messages = fixture_desk_tab.locator(".checklist-household__messages")
    expect(messages).to_contain_text("‘Gezin B’ bestaat al in deze browser.")
    messages.get_by_role("button", name="Vervangen").click()
    names = [h["name"] for h in stored(fixture_desk_tab)["households"]]
    assert names == ["Gezin A", "Gezin B"]
    assert stored(fixture_desk_tab)["households"][1]["items"] == {THIRD: {"status": "na"}, LINKED: {"who": "COA"}}
    assert not fixture_desk_tab.locator(f"#checklist-{KEEP}").is_checked()
    import_file(fixture_desk_tab, exported)
    messages.get_by_role("button", name="Toevoegen als nieuw").click()
    households = stored(fixture_desk_tab)["households"]
    assert [h["name"] for h in households] == ["Gezin A", "Gezin B", "Gezin B (2)"]
    assert households[2]["items"] == households[1]["items"]
    expect(messages).to_contain_text("‘Gezin B (2)’ is geïmporteerd en nu actief.")
    before = stored(fixture_desk_tab)
    import_file(fixture_desk_tab, exported)
    messages.get_by_role("button", name="Annuleren").click()
    assert stored(fixture_desk_tab)["households"] == before["households"]
    assert "Er is niets veranderd." in messages.inner_text()


def test_export_all_then_import_into_a_fresh_profile_reproduces_every_household(desk, browser, fixture_url, tmp_path):
    setup_two_households(desk, fixture_url)
    path = save_download(desk, "Alle huishoudens downloaden (JSON)", tmp_path / "all.json")
    assert path.exists()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "hervestigers-checklists-households" and len(data["households"]) == 2
    fresh = new_page(browser, DESKTOP, locale="en-GB")
    try:
        open_checklist(fresh, fixture_url + "en/voorbereiding/")
        import_file_en = manage(fresh).get_by_label("Import households (JSON file)")
        import_file_en.set_input_files(str(path))
        expect(fresh.locator(".checklist-household__messages")).to_contain_text("2 households have been imported")
        strip = lambda state: [{k: v for k, v in h.items() if k != "id"} for h in state["households"]]
        assert strip(stored(fresh)) == strip(stored(desk))
        fresh.get_by_label("Active household").select_option(label="Gezin A")
        assert fresh.locator(f"#checklist-{KEEP}").is_checked()
        assert fresh.errors == []
    finally:
        fresh.context.close()


# -- saved feedback, print, export reminder ----------------------------------------------------

def test_who_and_note_say_saved_politely_and_the_line_hides_while_open(fixture_phone_tab, fixture_url):
    open_checklist(fixture_phone_tab, fixture_url + "voorbereiding/")
    li = open_fields(fixture_phone_tab, KEEP)
    saved = li.locator(".checklist__saved")
    assert saved.get_attribute("aria-live") == "polite"
    li.get_by_label("Wie doet het?").fill("GGD")
    expect(saved).to_have_text("Opgeslagen")
    assert stored(fixture_phone_tab)["households"][0]["items"][KEEP] == {"who": "GGD"}
    meta = li.locator(".checklist__meta")
    assert meta.is_hidden()
    li.locator(".checklist__more").click()
    assert meta.inner_text() == "Wie: GGD" and li.locator(".checklist__fields").is_hidden()


def test_print_gives_every_item_a_line_to_fill_in(desk, fixture_url):
    open_checklist(desk, fixture_url + "voorbereiding/")
    open_fields(desk, KEEP).get_by_label("Notitie").fill("Sleutel")
    desk.emulate_media(media="print")
    blank = lambda item_id: item(desk, item_id).locator(".checklist__meta").evaluate(
        "el => [getComputedStyle(el).display, getComputedStyle(el, '::before').content, el.textContent]")
    assert blank(LINKED) == ["block", '"Wie: ________  Notitie: ____________________"', ""]
    display, before, text = blank(KEEP)
    assert display == "block" and text == "Notitie: Sleutel" and before in ("none", "normal")
    assert item(desk, KEEP).locator(".checklist__tag").is_visible()


def test_export_reminder(desk, fixture_url, tmp_path):
    open_checklist(desk, fixture_url + "voorbereiding/")
    note = desk.locator(".checklist-household__exported")
    assert note.inner_text() == "Nog niet geëxporteerd."  # nothing to lose yet: no advice
    desk.locator(f"#checklist-{KEEP}").check()
    assert "Download de huishoudens af en toe" in note.inner_text()
    manage(desk)
    save_download(desk, "Alle huishoudens downloaden (JSON)", tmp_path / "a.json")
    assert note.inner_text().startswith("Laatst geëxporteerd: ")
    # Headless Chromium does not promise persistent storage, so the advice stays.
    assert desk.evaluate("navigator.storage.persisted()") is False
    assert "Download de huishoudens" in note.inner_text()
    # With persistent storage: no advice until the export is more than 14 days old.
    state = stored(desk)
    for days, advised in ((2, False), (15, True)):
        state["exported"] = desk.evaluate(f"new Date(Date.now() - {days} * 864e5).toISOString()")
        desk.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, json.dumps(state)])
        desk.add_init_script("navigator.storage.persisted = () => Promise.resolve(true);")
        desk.reload()
        desk.locator(".checklist--js").wait_for()
        desk.wait_for_timeout(100)
        assert ("Download de huishoudens" in note.inner_text()) is advised, days


# -- accessibility with everything open --------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_with_the_new_controls_open(browser, fixture_url, lang):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(browser, PHONE, locale="nl-NL" if lang == "nl" else "en-GB")
    try:
        prefix = "" if lang == "nl" else "en/"
        open_checklist(page, fixture_url + prefix + "voorbereiding/")
        page.locator(f"#checklist-{KEEP}").check()
        for item_id in (KEEP, LINKED, THIRD):
            page.locator(f"#tip-{item_id} .checklist__more").click()
        page.locator(f"#tip-{THIRD} .checklist__na").click()
        page.locator(f"#tip-{KEEP} .checklist__who").fill("COA")
        page.locator(".checklist-household__manage summary").click()
        page.locator(".checklist__danger button").click()  # the undo message
        page.locator(".checklist__saved").first.wait_for()
        results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        assert results.violations_count == 0, results.generate_report()
        component = {"include": [[".checklist-household"], ["[data-checklist]"], [".checklist-summary"]]}
        results = Axe().run(page, context=component, options={"runOnly": ["best-practice"]})
        assert results.violations_count == 0, results.generate_report()
        assert page.errors == []
    finally:
        page.context.close()
