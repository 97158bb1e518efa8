"""site_build.checklists: the checklist data, its validation, the HTML contract with
overrides/assets/checklist/checklist.js, and the catalog written at build."""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from site_build import checklists
from site_build.directives import expand
from site_build.datafiles import LANGUAGES
from site_build.errors import ContentError

VALID = """\
title:
  nl: Tips
  en: Tips
items:
  - id: eerste-tip
    nl: Lees [de gids]({{ url("kis") }}) en **bel** het COA.[^1]
    en: Read [the guide]({{ url("kis") }}) and **call** COA.[^1]
  - id: tweede-tip
    nl: Tweede & laatste.
    en: Second & last.
"""


def write(directory, name, text):
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, message", [
    (VALID.replace("id: tweede-tip", "id: Tweede_Tip"), 8, "not lowercase-with-hyphens"),
    (VALID.replace("id: tweede-tip", "id: eerste-tip"), 8, "duplicate item id 'eerste-tip'"),
    (VALID.replace("    en: Second & last.\n", ""), 8, "field 'en' is missing"),
    (VALID.replace("  en: Tips\n", "", 1), 2, "'title' has no 'en' text"),
    ("title: {nl: A, en: B}\nitems: []\n", 2, "'items' must be a non-empty list"),
    (VALID.replace("items:", "items: [", 1), 5, "invalid YAML"),
], ids=["bad-id", "duplicate-id", "missing-translation", "missing-title", "no-items", "broken-yaml"])
def test_bad_checklist_data_names_file_and_line(tmp_path, text, line, message):
    write(tmp_path, "voorbereiding.yml", text)
    with pytest.raises(ContentError) as error:
        checklists.load_all(tmp_path)
    assert error.value.path.endswith("voorbereiding.yml")
    assert error.value.line == line, str(error.value)
    assert message in error.value.message


def test_item_ids_are_unique_across_checklists(tmp_path):
    write(tmp_path, "plaatsing.yml", VALID)
    write(tmp_path, "voorbereiding.yml", VALID.replace("tweede-tip", "derde-tip"))
    with pytest.raises(ContentError) as error:
        checklists.load_all(tmp_path)
    assert error.value.path.endswith("voorbereiding.yml") and error.value.line == 5
    assert "also used in" in error.value.message and "plaatsing.yml" in error.value.message


def test_rendered_html_is_the_contract_the_script_reads(monkeypatch, tmp_path):
    write(tmp_path, "voorbereiding.yml", VALID)
    monkeypatch.setattr(checklists, "CHECKLIST_DIR", tmp_path)
    html = checklists.render_checklist("voorbereiding", "nl")
    assert ('<div class="checklist" id="checklist-voorbereiding-list" data-checklist="voorbereiding" '
            'data-title="Tips" markdown>') in html
    # Every ancestor of the items asks md_in_html for Markdown, or links stay literal.
    assert '<ul class="checklist__items" markdown>' in html
    assert re.search(r'<li class="checklist__item" id="tip-eerste-tip" data-item-id="eerste-tip" markdown="span">'
                     r'Lees \[de gids\]', html)
    progress = checklists.render_progress("voorbereiding", "en")
    assert progress.startswith('<span class="checklist-progress" data-checklist="voorbereiding" '
                               'data-items="eerste-tip tweede-tip" hidden>')
    assert '<span class="checklist-summary__count"></span>' in progress


def test_phase_page_gets_its_summary_under_the_title_and_the_interface_text(monkeypatch, tmp_path):
    write(tmp_path, "voorbereiding.yml", VALID)
    monkeypatch.setattr(checklists, "CHECKLIST_DIR", tmp_path)
    body = "<h1 id='v'>Voorbereiding</h1>\n<p>Tekst</p>\n" + checklists.render_checklist("voorbereiding", "en")
    page = checklists.page_html(body, "en")
    title_end, summary = page.index("</h1>"), page.index('<p class="checklist-summary"')
    assert title_end < summary < page.index("<p>Tekst</p>")
    assert 'href="#checklist-voorbereiding-list"' in page[summary:page.index("</p>", summary)]
    data = page[page.index('<script type="application/json" id="checklist-text"'):]
    text = json.loads(data[data.index(">") + 1:data.index("</script>")])
    assert text == checklists.ui_text("en") and text["lang"] == "en"
    # The catalog checklist.js fetches and the version it reads, as the build writes it.
    written = checklists.write_catalog(tmp_path / "site", tmp_path)[LANGUAGES.index("en")]
    assert f'data-catalog="{written.name}" data-catalog-version="{json.loads(written.read_text())["version"]}"' \
        in data[:data.index(">")]
    # Pages without a checklist are left as they are.
    assert checklists.page_html("<h1>Over</h1><p>x</p>", "nl") == "<h1>Over</h1><p>x</p>"


def test_interface_text_has_every_key_in_every_language_with_the_same_placeholders():
    """Parity: a language that misses a text, or a '%' the script fills in, fails here (and the build)."""
    import yaml
    raw = yaml.safe_load(checklists.UI_TEXT_PATH.read_text(encoding="utf-8"))
    texts = {lang: checklists.ui_text(lang) for lang in LANGUAGES}
    for key, value in raw.items():
        assert set(value) == set(LANGUAGES), key
        for lang in LANGUAGES:
            assert texts[lang][key], (key, lang)
        if all(isinstance(v, str) for v in value.values()):
            assert len({v.count("%") for v in value.values()}) == 1, key
        else:
            assert all(isinstance(v, list) for v in value.values()), key
    # The CSV header has the same columns in every language.
    assert len({len(texts[lang]["csvHead"]) for lang in LANGUAGES}) == 1


def test_interface_text_with_a_missing_translation_fails_with_file_and_line(tmp_path):
    path = tmp_path / "checklist.yml"
    path.write_text('progress: {nl: "% van % gedaan", en: "% of % done"}\nsaved:\n  nl: Opgeslagen\n', encoding="utf-8")
    with pytest.raises(ContentError) as error:
        checklists.ui_text("nl", path)
    assert error.value.line in (2, 3) and "'saved' has no 'en' text" in error.value.message
    path.write_text('progress: {nl: "% van % gedaan", en: "% done"}\n', encoding="utf-8")
    with pytest.raises(ContentError) as error:
        checklists.ui_text("nl", path)
    assert error.value.line == 1 and "placeholders" in error.value.message


def test_unknown_checklist_fails_with_the_page_line(monkeypatch, tmp_path):
    write(tmp_path, "voorbereiding.yml", VALID)
    monkeypatch.setattr(checklists, "CHECKLIST_DIR", tmp_path)
    with pytest.raises(ContentError) as error:
        expand('Tekst\n\n{{ checklist("plaatsen") }}\n', "nl", "docs/plaatsing.nl.md")
    assert (error.value.path, error.value.line) == ("docs/plaatsing.nl.md", 3)
    assert "no checklist 'plaatsen'" in error.value.message and "voorbereiding" in error.value.hint


@pytest.mark.parametrize("markdown, plain", [
    ('Lees [de gids]({{ url("kis") }}) en **bel**.[^1]', "Lees de gids en bel."),
    ("Zie [COA](https://www.coa.nl/nl) (Centraal Orgaan).", "Zie COA (Centraal Orgaan)."),
    ("Tekst met <abbr title='x'>GGD</abbr> &amp; `code`.", "Tekst met GGD & code."),
])
def test_plain_text_for_exports(markdown, plain):
    assert checklists.plain_text(markdown) == plain


def test_catalog_lists_every_item_in_phase_order_per_language(tmp_path):
    write(tmp_path, "zzz-extra.yml", VALID.replace("eerste-tip", "extra-een").replace("tweede-tip", "extra-twee"))
    write(tmp_path, "plaatsing.yml", VALID.replace("eerste-tip", "p-een").replace("tweede-tip", "p-twee"))
    write(tmp_path, "voorbereiding.yml", VALID)
    written = checklists.write_catalog(tmp_path / "site", tmp_path)
    folder = tmp_path / "site" / "assets" / "checklist"
    assert written == [folder / "catalog.nl.json", folder / "catalog.en.json"]
    nl, en = (json.loads(path.read_text(encoding="utf-8")) for path in written)
    assert (nl["version"], nl["lang"], en["lang"]) == (1, "nl", "en")
    assert [c["id"] for c in nl["checklists"]] == ["voorbereiding", "plaatsing", "zzz-extra"]
    assert nl["checklists"][0]["title"] == "Tips"
    assert nl["checklists"][0]["items"][0] == {"id": "eerste-tip", "text": "Lees de gids en bel het COA."}
    assert en["checklists"][0]["items"][0] == {"id": "eerste-tip", "text": "Read the guide and call COA."}


def test_the_guide_checklists_are_valid():
    """The real data: loads without errors, ids unique site-wide (readers' ticks hang on them)."""
    loaded = checklists.load_all()
    ids = [item.id for checklist in loaded.values() for item in checklist.items]
    assert len(ids) == len(set(ids))


# --- Split and renamed tips: `replaces` and the retired record -------------------------

RETIRED = "retired:\n  - id: oude-tip\n    became: [eerste-tip, tweede-tip]\n"


def with_replaces(item_id: str, old_id: str, text: str = VALID) -> str:
    return text.replace(f"  - id: {item_id}\n", f"  - id: {item_id}\n    replaces: [{old_id}]\n")


def test_replaces_a_retired_id(tmp_path):
    write(tmp_path, "voorbereiding.yml", with_replaces("eerste-tip", "oude-tip"))
    write(tmp_path, "retired.yml", RETIRED)
    assert checklists.replacements(tmp_path) == {"oude-tip": "eerste-tip"}
    assert "retired" not in checklists.load_all(tmp_path)  # the record is not a checklist
    catalog = checklists.catalog("nl", tmp_path)
    assert catalog["replaced"] == {"oude-tip": "eerste-tip"}


@pytest.mark.parametrize("text, retired, path, line, message", [
    (with_replaces("eerste-tip", "nooit-bestaan"), RETIRED, "voorbereiding.yml", 5, "an id that never existed"),
    (with_replaces("tweede-tip", "oude-tip", with_replaces("eerste-tip", "oude-tip")), RETIRED, "voorbereiding.yml", 9,
     "both replace 'oude-tip'"),
    (with_replaces("eerste-tip", "tweede-tip"), RETIRED, "voorbereiding.yml", 5, "still a current item"),
    (VALID, "retired:\n  - id: tweede-tip\n    became: [eerste-tip]\n", "retired.yml", 2, "is an item again"),
    (VALID, "retired:\n  - id: oude-tip\n    became: [verdwenen]\n", "retired.yml", 2, "which is no checklist item"),
    (with_replaces("eerste-tip", "oude-tip"), "retired:\n  - id: oude-tip\n    became: [tweede-tip]\n",
     "voorbereiding.yml", 5, "not in its 'became' list"),
], ids=["never-existed", "replaced-twice", "current-id", "retired-id-reused", "became-unknown", "not-in-became"])
def test_bad_replacements_stop_with_file_and_line(tmp_path, text, retired, path, line, message):
    write(tmp_path, "voorbereiding.yml", text)
    write(tmp_path, "retired.yml", retired)
    with pytest.raises(ContentError) as error:
        checklists.load_all(tmp_path)
    assert error.value.path.endswith(path) and error.value.line == line, str(error.value)
    assert message in error.value.message


def test_pages_carry_the_replacement_map_for_the_script(monkeypatch, tmp_path):
    write(tmp_path, "voorbereiding.yml", with_replaces("eerste-tip", "oude-tip"))
    write(tmp_path, "retired.yml", RETIRED)
    monkeypatch.setattr(checklists, "CHECKLIST_DIR", tmp_path)
    assert 'data-replaced="oude-tip>eerste-tip"' in checklists.render_checklist("voorbereiding", "nl")
    assert 'data-replaced="oude-tip>eerste-tip"' in checklists.render_progress("voorbereiding", "en")


def test_real_retired_ids_each_moved_somewhere():
    # Every retired id of the guide's data names the items that took over its content.
    current = {item.id for c in checklists.load_all().values() for item in c.items}
    for retired in checklists.load_retired():
        assert retired.became and set(retired.became) <= current, retired.id


def test_every_english_tip_is_at_most_25_words():
    # One action per tip, in plain English (GOV.UK style): long tips are usually two actions.
    long = [(c.id, item.id, n) for c in checklists.load_all().values() for item in c.items
            if (n := len(checklists.plain_text(item.text["en"]).split())) > 25]
    assert not long, f"English tips over 25 words (checklist, id, words): {long}"
