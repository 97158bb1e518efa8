"""site_build.ui: interface text from docs/data/ui.yml, a text per language with the same placeholders."""
from __future__ import annotations

import pytest
from helpers import mkdocs_build
from site_build import ui
from site_build.datafiles import LANGUAGES, load_yaml
from site_build.errors import ContentError


def write(tmp_path, text: str):
    path = tmp_path / "ui.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_has_a_text_in_every_language_with_the_same_placeholders():
    texts = ui.load()
    assert texts
    for key, by_lang in texts.items():
        assert set(by_lang) == set(LANGUAGES), key
        assert len({frozenset(ui.placeholders(t)) for t in by_lang.values()}) == 1, key


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
