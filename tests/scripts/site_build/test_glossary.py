"""site_build.glossary: loading and validating glossary files, tooltips, the glossary page, focusable acronyms.

Each broken fixture in tests/fixtures/glossary/ is one mistake a maintainer can make;
the error must name the file, the line and the field, so it can be fixed without a traceback.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_build import glossary
from site_build.directives import DirectiveError
from site_build.errors import ContentError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "glossary"


def load_error(name: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        glossary.load(FIXTURES / name)
    return info.value


def test_valid_file_loads_in_order():
    entries = glossary.load(FIXTURES / "valid.yml")
    assert [e.id for e in entries] == ["coa", "kampeerklaar", "culturele-orientatietraining"]
    assert entries[0].abbr == "COA"
    assert entries[1].abbr is None and entries[1].expansion == {}


def test_duplicate_id_names_file_line_and_first_use():
    error = load_error("duplicate-id.yml")
    assert error.path.endswith("tests/fixtures/glossary/duplicate-id.yml")
    assert error.line == 7
    assert "duplicate glossary id 'coa'" in error.message
    assert "line 1" in error.hint


def test_missing_english_names_entry_and_line():
    error = load_error("missing-en.yml")
    assert error.path.endswith("missing-en.yml")
    assert error.line == 4  # the entry that lacks it
    assert "'kampeerklaar'" in error.message and "'en'" in error.message


def test_missing_definition_names_the_field():
    error = load_error("missing-definition.yml")
    assert error.line == 4  # the en block, where the field belongs
    assert "'definition'" in error.message and "(en)" in error.message


def test_invalid_yaml_names_file_and_line():
    error = load_error("invalid-yaml.yml")
    assert error.path.endswith("invalid-yaml.yml")
    assert error.line in (3, 4)  # the unclosed flow mapping; PyYAML reports where it notices
    assert "invalid YAML" in error.message


def test_acronym_needs_expansion_in_each_language():
    error = load_error("acronym-without-expansion.yml")
    assert error.line == 4
    assert "'expansion'" in error.message and "(en)" in error.message


def test_misspelt_field_is_reported_not_ignored():
    error = load_error("unknown-field.yml")
    assert error.line == 5
    assert "unknown field 'defintion'" in error.message


def test_one_acronym_one_entry():
    error = load_error("duplicate-abbr.yml")
    assert error.line == 6
    assert "abbr 'COA'" in error.message


def test_missing_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError) as info:
        glossary.load(tmp_path / "glossary.yml")
    assert "file not found" in info.value.message


def test_edit_is_picked_up_without_restart(tmp_path):
    """`mkdocs serve` reloads: a changed file must not be served from the cache."""
    path = tmp_path / "glossary.yml"
    path.write_text((FIXTURES / "valid.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert len(glossary.load(path)) == 3
    path.write_text("- id: x\n  nl: {term: x, definition: y}\n  en: {term: x, definition: y}\n", encoding="utf-8")
    import os
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse file-system clocks
    assert [e.id for e in glossary.load(path)] == ["x"]


def test_abbreviations_are_in_the_page_language():
    assert glossary.abbreviations("nl", FIXTURES / "valid.yml") == "*[COA]: Centraal Orgaan opvang asielzoekers"
    assert glossary.abbreviations("en", FIXTURES / "valid.yml") == (
        "*[COA]: Centraal Orgaan opvang asielzoekers (Central Agency for the Reception of Asylum Seekers)"
    )


@pytest.mark.parametrize("markdown, used", [
    ("Bel het COA.", True),
    ("Het COA-overdrachtsdossier", True),  # a word boundary, as the abbr extension sees it
    ("COAL, coa en ECOA", False),  # part of a word, or another case: not the acronym
    ("Geen afkortingen.", False),
])
def test_abbreviations_only_for_acronyms_the_page_uses(markdown, used):
    full = glossary.abbreviations("nl", FIXTURES / "valid.yml")
    assert glossary.abbreviations("nl", FIXTURES / "valid.yml", used_in=markdown) == (full if used else "")


def test_render_sorts_by_term_in_the_page_language_and_anchors_each_term():
    def order(lang):
        return re.findall(r'^### .* \{#([a-z0-9-]+)\}$', glossary.render(lang, FIXTURES / "valid.yml"), re.M)

    # nl: COA, Culturele Oriëntatietraining, kampeerklaar; en: camping-ready home, COA, Cultural ...
    assert order("nl") == ["coa", "culturele-orientatietraining", "kampeerklaar"]
    assert order("en") == ["kampeerklaar", "coa", "culturele-orientatietraining"]


def test_render_shows_expansion_and_dutch_term_on_english_page():
    en = glossary.render("en", FIXTURES / "valid.yml")
    assert "Central Agency for the Reception of Asylum Seekers" in en
    assert 'Dutch: <i lang="nl">kampeerklaar</i>' in en
    assert "Dutch: <i lang=\"nl\">COA" not in en  # same word in both languages: not repeated
    nl = glossary.render("nl", FIXTURES / "valid.yml")
    assert "Dutch:" not in nl and "glossary__dutch" not in nl


def test_sort_key_ignores_case_and_accents():
    words = ["Oriëntatie", "ontvangst", "Orgaan", "azc", "BRP"]
    assert sorted(words, key=glossary.sort_key) == ["azc", "BRP", "ontvangst", "Orgaan", "Oriëntatie"]


def test_glossary_directive_takes_no_argument():
    with pytest.raises(DirectiveError):
        glossary.render_glossary("coa", "nl")


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<p><abbr title="x">COA</abbr></p>', '<p><abbr tabindex="0" title="x">COA</abbr></p>'),
        # inside a link the link takes focus; HTML forbids a focusable element inside <a>
        ('<a href="#coa"><abbr title="x">COA</abbr></a>', '<a href="#coa"><abbr title="x">COA</abbr></a>'),
        ('<a href="#a">a</a> <abbr title="x">COA</abbr>', '<a href="#a">a</a> <abbr tabindex="0" title="x">COA</abbr>'),
        ('<abbr tabindex="-1" title="x">COA</abbr>', '<abbr tabindex="-1" title="x">COA</abbr>'),
        ("<abbr>COA</abbr>", "<abbr>COA</abbr>"),  # no tooltip without a title
        ("<aside><abbr title='x'>IND</abbr></aside>", "<aside><abbr tabindex=\"0\" title='x'>IND</abbr></aside>"),
        # the same acronym again: focusable by tap, but out of the Tab order; another acronym: in it
        ('<abbr title="x">COA</abbr> <abbr title="x">COA</abbr> <abbr title="y">IND</abbr>',
         '<abbr tabindex="0" title="x">COA</abbr> <abbr tabindex="-1" title="x">COA</abbr> '
         '<abbr tabindex="0" title="y">IND</abbr>'),
    ],
)
def test_focusable_abbreviations(html, expected):
    assert glossary.focusable_abbreviations(html) == expected


@pytest.mark.parametrize("bad_id", ["48-uur", "letter-a"])
def test_an_id_that_cannot_be_an_anchor_stops_the_render_with_file_and_line(tmp_path, bad_id):
    path = tmp_path / "glossary.yml"
    path.write_text((FIXTURES / "unanchorable-id.yml").read_text(encoding="utf-8").replace("48-uur", bad_id),
                    encoding="utf-8")
    with pytest.raises(ContentError) as info:
        glossary.render("nl", path)
    assert info.value.line == 5 and f"'{bad_id}'" in info.value.message and "anchor" in info.value.message


def test_render_groups_terms_by_first_letter_with_a_jump_bar_and_the_directory_filter():
    nl = glossary.render("nl", FIXTURES / "valid.yml")
    # A jump link per first letter that has terms, each to that letter's heading.
    assert re.findall(r'<a href="#(letter-[a-z])">', nl) == ["letter-c", "letter-k"]
    assert "## C {#letter-c}" in nl and "## K {#letter-k}" in nl
    assert nl.count('class="link-directory__entry glossary__entry"') == 3
    assert "data-link-directory" in nl and 'id="glossary-text"' in nl
    en = glossary.render("en", FIXTURES / "valid.yml")
    assert re.findall(r'<a href="#(letter-[a-z])">', en) == ["letter-c"]  # camping-ready, COA, Cultural
    assert 'aria-label="Terms by first letter"' in en
