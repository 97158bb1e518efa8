""""Changed since 2020" notes (site_build.changes): validation with file and line, and rendering."""
from __future__ import annotations

import datetime as dt
import html as html_module
import textwrap

import pytest
from site_build import changes, links
from site_build.directives import expand
from site_build.errors import ContentError

NOTE = """\
notes:
  - id: nieuwe-wet
    sources: [{source}]
    checked: {checked}
    nl: De wet is veranderd.
    en: The act has changed.
"""


def dated_source() -> links.Link:
    """A real links.yml entry that may be a note's source: online and dated."""
    return next(link for link in links.load().links if link.online and link.date is not None)


def load(tmp_path, text: str):
    path = tmp_path / "changes.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return changes.load(path)


def error_of(tmp_path, text: str) -> ContentError:
    with pytest.raises(ContentError) as error:
        load(tmp_path, text)
    assert error.value.path.endswith("changes.yml")
    return error.value


def test_a_valid_note(tmp_path):
    source = dated_source()
    notes = load(tmp_path, NOTE.format(source=source.id, checked="2026-12-01"))
    note = notes["nieuwe-wet"]
    assert note.sources == (source.id,) and note.checked == dt.date(2026, 12, 1)


def test_note_without_source_names_the_line(tmp_path):
    text = NOTE.format(source="x", checked="2026-12-01").replace("    sources: [x]\n", "")
    error = error_of(tmp_path, text)
    assert "has no source" in error.message and error.line == 2


def test_unknown_link_id_names_the_line(tmp_path):
    error = error_of(tmp_path, NOTE.format(source="geen-bestaande-link", checked="2026-12-01"))
    assert "unknown link id 'geen-bestaande-link'" in error.message and error.line == 3


def test_source_without_date_is_refused(tmp_path):
    undated = next((link for link in links.load().links if link.online and link.date is None), None)
    if undated is None:
        pytest.skip("every link in links.yml has a date")
    error = error_of(tmp_path, NOTE.format(source=undated.id, checked="2026-12-01"))
    assert "needs a URL and a 'date'" in error.message and error.line == 3


def test_note_without_check_date_is_refused(tmp_path):
    error = error_of(tmp_path, NOTE.format(source=dated_source().id, checked="binnenkort"))
    assert "'checked' must be the date" in error.message and error.line == 4


def test_unknown_note_in_a_page_names_file_and_line():
    with pytest.raises(ContentError) as error:
        expand('Tekst\n\n{{ since_2020("bestaat-niet") }}', "nl", "docs/begeleiding.nl.md", first_line=8)
    assert error.value.path == "docs/begeleiding.nl.md" and error.value.line == 10
    assert "no note with id 'bestaat-niet'" in error.value.message


@pytest.mark.parametrize("lang, title, checked", [("nl", "Gewijzigd sinds 2020", "gecontroleerd op"),
                                                   ("en", "Changed since 2020", "checked on")])
def test_note_renders_title_text_sources_and_check_date(lang, title, checked):
    note = next(iter(changes.load().values()))
    html = changes.render_note(note.id, lang)
    assert f'<p class="admonition-title">{title}</p>' in html
    assert note.text[lang] in html
    for link_id in note.sources:
        link = links.load().by_id[link_id]
        assert f'href="{html_module.escape(link.url)}"' in html and html_module.escape(link.title[lang]) in html
        assert link.organisation[lang] in html and links.source_date(link, lang) in html
    assert f"{checked} " in html
