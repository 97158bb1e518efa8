"""site_build.pages: front matter is checked strictly, with the file and line of each mistake."""
from __future__ import annotations

import datetime as dt

import pytest
from site_build import pages
from site_build.errors import ContentError

VALID = "---\ndescription: Over de gids.\nsource_pages: 5-7\npage_changed: 2026-11-29\n---\n\n# Titel\n"


def front_matter_error(tmp_path, text) -> ContentError:
    path = tmp_path / "voorbereiding.nl.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        pages.read_front_matter(path)
    assert error.value.path.endswith("voorbereiding.nl.md")
    return error.value


def test_valid_front_matter_with_key_lines(tmp_path):
    path = tmp_path / "over.nl.md"
    path.write_text(VALID, encoding="utf-8")
    meta = pages.read_front_matter(path)
    assert meta["page_changed"] == dt.date(2026, 11, 29) and meta["source_pages"] == "5-7"
    assert meta.line_of("page_changed") == 4  # lines of the file, not of the YAML block
    assert pages.body_start_line(path) == 7


@pytest.mark.parametrize("text, line, message", [
    ("# Titel\n", 1, "page has no front matter"),
    (VALID.replace("description: Over de gids.\n", ""), 1, "front matter has no 'description'"),
    (VALID.replace("2026-11-29", "[2026-11-29\nbroken: x"), 5, "broken front matter"),
    (VALID.replace("source_pages: 5-7\n", "description: Nog een.\n"), 3, "duplicate key 'description'"),
    (VALID.replace("2026-11-29", "binnenkort"), 4, "'page_changed' must be a date"),
    (VALID.replace("5-7", "vijf"), 3, "'source_pages' must be a page or a range"),
    (VALID.replace("page_changed", "last_reviewed"), 4, "'last_reviewed' is now called 'page_changed'"),
    (VALID.replace("page_changed: 2026-11-29\n", ""), 1, "front matter has no 'page_changed'"),
    (VALID.replace("---\n\n", "checked: 2026-11-30\n---\n\n"), 5, "'checked' needs a date and what"),
    (VALID.replace("---\n\n", "checked: {date: 2026-11-30, against: {nl: de Wet inburgering 2021}}\n---\n\n"), 5,
     "'checked.against' needs a text in each language"),
], ids=["none", "no-description", "broken-yaml", "duplicate-key", "not-a-date", "bad-source-pages",
        "old-field-name", "no-page-changed", "checked-without-what", "checked-one-language"])
def test_front_matter_mistakes_name_the_line(tmp_path, text, line, message):
    error = front_matter_error(tmp_path, text)
    assert error.line == line, str(error)
    assert message in error.message


def test_dates_shown_in_the_page_language(tmp_path):
    path = tmp_path / "over.nl.md"
    path.write_text(VALID, encoding="utf-8")
    meta = pages.read_front_matter(path)
    nl, en = pages.source_note(meta, "nl"), pages.source_note(meta, "en")
    assert nl == ["Bron: de handreiking van KIS en het Verwey-Jonker Instituut, januari 2020, p. 5–7",
                  "Deze pagina is voor het laatst gewijzigd op 29 november 2026"]
    assert en[0].startswith("Source: the guide") and "January 2020, p. 5–7" in en[0]
    assert en[1] == "This page last changed on 29 November 2026"
    # No check against current rules is claimed unless front matter records one.
    assert not any("ecked" in part or "econtroleerd" in part for part in nl + en)


def test_a_recorded_check_is_shown_with_what_it_was_checked_against(tmp_path):
    path = tmp_path / "over.nl.md"
    path.write_text(VALID.replace("---\n\n", "checked:\n  date: 2026-11-30\n  against:\n"
                                  "    nl: de Wet inburgering 2021\n    en: the Civic Integration Act 2021\n---\n\n"),
                    encoding="utf-8")
    meta = pages.read_front_matter(path)
    assert pages.source_note(meta, "nl")[-1] == "Gecontroleerd op 30 november 2026 aan de hand van de Wet inburgering 2021"
    assert pages.source_note(meta, "en")[-1] == "Checked on 30 November 2026 against the Civic Integration Act 2021"


def test_page_without_source_pages_says_it_is_not_from_the_guide(tmp_path):
    path = tmp_path / "toegankelijkheid.nl.md"
    path.write_text(VALID.replace("source_pages: 5-7\n", ""), encoding="utf-8")
    meta = pages.read_front_matter(path)
    assert pages.source_note(meta, "nl")[0].startswith("Geschreven voor deze website")
    assert pages.source_note(meta, "en")[0].startswith("Written for this website")
