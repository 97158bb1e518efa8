"""site_build.ui: interface text from docs/data/ui.yml and docs/data/ui/<concept>.yml, a text (or plural forms,
or a list) per language with the same placeholders."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import mkdocs_build
from site_build import checklists, links, pages, planner, ui
from site_build.datafiles import DEFAULT_LANGUAGE, LANGUAGES, load_yaml
from site_build.facts import load_mkdocs_config
from site_build.errors import ContentError


def write(tmp_path, text: str):
    path = tmp_path / "ui.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_fills_in_the_placeholders(tmp_path, monkeypatch):
    path = write(tmp_path, "count:\n  nl: '{n} van {total} gedaan'\n  en: '{n} of {total} done'\n")
    monkeypatch.setattr(ui, "UI_FILE", path)
    assert ui.text("count", "en", n=3, total=9) == "3 of 9 done"


@pytest.mark.parametrize("text, line, message", [
    ("a:\n  nl: Tekst\n", 1, "'a' has no 'en' text"),
    ("a:\n  nl: Tekst\n  en: ''\n", 3, "'a' has no 'en' text"),
    ("a:\n  nl: '{n} tips'\n  en: '{count} tips'\n", 3, "the en text has placeholders ['count']"),
    ("a:\n  nl: Tekst\n  en: Text\n  de: Text\n", 4, "'de' is not a site language"),
    ("a: Tekst\n", 1, "'a' must have a text per language"),
    ("- a\n", 1, "must map each key to its texts"),
])
def test_a_broken_file_names_the_line_and_what_is_wrong(tmp_path, text, line, message):
    with pytest.raises(ContentError) as error:
        ui.parse(load_yaml(write(tmp_path, text)), "docs/data/ui.yml")
    assert error.value.line == line and message in error.value.message, str(error.value)


def test_a_missing_translation_stops_the_real_build_naming_file_and_line(project_copy):
    path = project_copy / "docs" / "data" / "ui.yml"
    text = path.read_text(encoding="utf-8")
    key = next(line for line in text.splitlines() if line and not line.startswith(("#", " ")))
    broken = "\n".join(line for line in text.splitlines() if not line.startswith("  en:"))
    path.write_text(broken + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy / "mkdocs.yml", project_copy / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/data/ui.yml:{broken.splitlines().index(key) + 1}: '{key[:-1]}' has no 'en' text" in output, output
    assert "Traceback" not in output


# --- Every interface text file: ui.yml and docs/data/ui/<concept>.yml -------------------------

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ui"


def test_the_script_text_files_ui_skips_are_the_ones_the_scripts_read():
    script_files = {checklists.UI_TEXT_PATH.resolve(), planner.UI_TEXT_PATH.resolve()}
    assert {ui.concept_file(name).resolve() for name in ui.SCRIPT_TEXT} == script_files
    assert ui.files()[0] == ui.UI_FILE and len(ui.files()) > 1
    assert not script_files & {path.resolve() for path in ui.files()}


@pytest.mark.parametrize("path", ui.files(), ids=lambda path: path.name)
def test_every_file_has_every_key_in_every_language_in_one_shape_with_the_same_placeholders(path):
    texts = ui.load(path)
    assert texts, path
    for key, by_lang in texts.items():
        assert set(by_lang) == set(LANGUAGES), key
        assert len({type(value) for value in by_lang.values()}) == 1, key
        found = {frozenset(ui.placeholders(text)) for value in by_lang.values() for text in ui._texts_of(value)}
        assert len(found) == 1, (key, found)


@pytest.mark.parametrize("fixture, line, message", [
    ("missing-language.yml", 4, "'checked' has no 'en' text"),
    ("mismatched-placeholder.yml", 6, "'checked': the en text has placeholders ['day'], the nl text ['date']"),
    ("plural-missing-form.yml", 3, "'count' has no 'en' text for 'other'"),
    ("plural-mismatched-placeholder.yml", 3, "'count': the en text has placeholders ['count'], the nl text ['n']"),
    ("plural-unknown-form.yml", 5, "'count': 'few' is not a plural form"),
    ("list-length.yml", 3, "'months': the en list has 2 texts, the nl list 3"),
    ("different-shapes.yml", 3, "'source': the en value is text, the nl value plural forms"),
    ("stray-brace.yml", 2, "'date': the nl text has a stray brace"),
])
def test_each_kind_of_mistake_names_file_line_and_what_is_wrong(fixture, line, message):
    with pytest.raises(ContentError) as error:
        ui.load(FIXTURES / fixture)
    assert error.value.path == f"tests/fixtures/ui/{fixture}", str(error.value)
    assert error.value.line == line and message in error.value.message, str(error.value)
    assert error.value.hint or "stray" not in message


def test_texts_fill_in_placeholders_and_choose_the_plural_form(tmp_path, monkeypatch):
    monkeypatch.setattr(ui, "UI_DIR", tmp_path)
    write(tmp_path, "")  # not read: only the concept file below is
    (tmp_path / "things.yml").write_text(
        "count:\n  nl: {one: '{n} ding', other: '{n} dingen'}\n  en: {one: '{n} thing', other: '{n} things'}\n"
        "checked:\n  nl: 'op {date}'\n  en: 'on {date}'\n", encoding="utf-8")
    texts = ui.texts("things", "en")
    assert [texts.plural("count", n) for n in (0, 1, 2)] == ["0 things", "1 thing", "2 things"]
    assert texts("checked", date="3 May") == "on 3 May" and texts["count"]["one"] == "{n} thing"
    with pytest.raises(ContentError) as error:
        texts["title"]
    assert error.value.path.endswith("things.yml") and "no text 'title'" in error.value.message


def test_a_date_needs_twelve_months(tmp_path, monkeypatch):
    months = load_yaml(ui.UI_FILE)["months"]
    path = write(tmp_path, "months:\n  nl: [%s]\n  en: [%s]\n" % (", ".join(months["nl"][:11]), ", ".join(months["en"][:11])))
    monkeypatch.setattr(ui, "UI_FILE", path)
    with pytest.raises(ContentError) as error:
        pages.format_date(dt.date(2026, 12, 3), "en")
    assert error.value.line == 3 and "'months' needs the 12 months in en" in error.value.message


def test_mkdocs_yml_permalink_title_is_the_dutch_text_the_build_translates():
    # The toc extension writes mkdocs.yml's one permalink_title into every page; the build
    # replaces the Dutch text of ui.yml with the page language's, so the two must agree.
    extensions = load_mkdocs_config()["markdown_extensions"]
    toc = next(ext["toc"] for ext in extensions if isinstance(ext, dict) and "toc" in ext)
    assert toc["permalink_title"] == ui.text("permalink_title", DEFAULT_LANGUAGE)


@pytest.mark.parametrize("mistake", ["missing language", "mismatched placeholder"])
def test_a_broken_concept_file_stops_the_real_build_naming_file_and_line(project_copy, mistake):
    # The link texts: read by every page with a {{ link() }}. A key written on one line, with a placeholder.
    shown = f"docs/data/ui/{links.UI_TEXT}.yml"
    path = project_copy / shown
    data = load_yaml(path)
    key = next(key for key, value in data.items()
               if value.line == data.line_of(key) and isinstance(value["en"], str) and ui.placeholders(value["en"]))
    lines = path.read_text(encoding="utf-8").splitlines()
    line = data.line_of(key)
    if mistake == "missing language":
        # The key moves to the end, without its English text.
        del lines[line - 1]
        lines += [f"{key}:", f"  nl: {json.dumps(data[key]['nl'])}"]
        line = len(lines) - 1
        expected = f"{shown}:{line}: '{key}' has no 'en' text"
    else:
        name = sorted(ui.placeholders(data[key]["en"]))[0]
        before, _, after = lines[line - 1].rpartition("{" + name + "}")  # the English text comes last
        lines[line - 1] = before + "{wrong}" + after
        expected = f"{shown}:{line}: '{key}': the en text has placeholders ['wrong']"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy / "mkdocs.yml", project_copy / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output, output
    assert "Traceback" not in output
