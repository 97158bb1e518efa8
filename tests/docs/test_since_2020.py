"""The "changed since 2020" notes as placed in the pages: sourced, dated, in both languages.

Each note names links.yml entries that are in the link directory, has a check date, and is
placed by both language versions of a page in the same order.
"""
from __future__ import annotations

import re

import pytest
from site_build import changes, links
from page_content import body, pages

NOTES = changes.load()
NOTE_DIRECTIVE = re.compile(r"\{\{\s*since_2020\(\s*\"([^\"]*)\"\s*\)\s*\}\}")


def placed(text: str) -> list[str]:
    return NOTE_DIRECTIVE.findall(text)


@pytest.mark.parametrize("note_id", NOTES)
def test_every_note_names_a_source_in_the_link_directory_and_a_check_date(note_id):
    note = NOTES[note_id]
    assert note.checked, f"note '{note_id}' has no check date"
    by_id = links.load().by_id
    for lang in ("nl", "en"):
        directory = links.render_directory(None, lang)
        for link_id in note.sources:
            assert link_id in by_id, f"note '{note_id}': no links.yml entry '{link_id}'"
            link = by_id[link_id]
            assert link.url and link.title[lang] and link.organisation[lang] and link.date is not None
            assert f'id="link-{link_id}"' in directory, f"'{link_id}' is not in the {lang} link directory"


@pytest.mark.parametrize("base", sorted(pages()))
def test_both_languages_place_the_same_notes(base):
    nl, en = (body(pages()[base][lang]) for lang in ("nl", "en"))
    assert placed(nl) == placed(en), f"{base}: the 'changed since 2020' notes differ between the languages"


def test_every_note_is_placed_somewhere():
    used = {note_id for langs in pages().values() for note_id in placed(body(langs["nl"]))}
    from site_build.datafiles import DATA_DIR

    used |= set(placed((DATA_DIR / "glossary.yml").read_text(encoding="utf-8")))
    assert set(NOTES) <= used, f"notes no page shows: {sorted(set(NOTES) - used)}"
