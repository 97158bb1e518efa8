"""site_build.pages: front matter is checked strictly, with the file and line of each mistake."""
from __future__ import annotations

import datetime as dt

import pytest
from site_build import pages
from site_build.errors import ContentError

VALID = "---\ndescription: Over de gids.\nsource_pages: 5-7\nlast_reviewed: 2026-11-29\n---\n\n# Titel\n"


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
    assert meta["last_reviewed"] == dt.date(2026, 11, 29) and meta["source_pages"] == "5-7"
    assert meta.line_of("last_reviewed") == 4  # lines of the file, not of the YAML block
    assert pages.body_start_line(path) == 7


@pytest.mark.parametrize("text, line, message", [
    ("# Titel\n", 1, "page has no front matter"),
    (VALID.replace("description: Over de gids.\n", ""), 1, "front matter has no 'description'"),
    (VALID.replace("2026-11-29", "[2026-11-29\nbroken: x"), 5, "broken front matter"),
    (VALID.replace("source_pages: 5-7\n", "description: Nog een.\n"), 3, "duplicate key 'description'"),
    (VALID.replace("2026-11-29", "binnenkort"), 4, "'last_reviewed' must be a date"),
    (VALID.replace("5-7", "vijf"), 3, "'source_pages' must be a page or a range"),
], ids=["none", "no-description", "broken-yaml", "duplicate-key", "not-a-date", "bad-source-pages"])
def test_front_matter_mistakes_name_the_line(tmp_path, text, line, message):
    error = front_matter_error(tmp_path, text)
    assert error.line == line, str(error)
    assert message in error.message
