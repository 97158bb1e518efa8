""""Changed since 2020" notes, from ``docs/data/changes.yml``.

The guide describes January 2020. Where one of its statements is no longer the whole
story, a page places a note with ``{{ since_2020("note-id") }}`` on a line of its own.
Each note names its source (the id of a ``links.yml`` entry with a title, a publisher,
the source's date and a URL) and the date someone checked the note against that source.
A note without a source, with an unknown link id or without a check date stops the
build naming the file and line.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from . import templates, ui
from .datafiles import DATA_DIR, LANGUAGES, LineList, display_path, load_cached, require_text
from .directives import DirectiveError
from .errors import ContentError
from .pages import format_date

CHANGES_FILE = DATA_DIR / "changes.yml"
NOTE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = {"id", "sources", "checked", "nl", "en"}


@dataclass(frozen=True)
class Note:
    id: str
    sources: tuple  # links.yml ids
    checked: dt.date
    text: dict  # lang -> Markdown
    line: int


def _parse(data, shown: str) -> dict[str, Note]:
    from . import links

    if not isinstance(data, dict) or not isinstance(data.get("notes"), list):
        raise ContentError(shown, 1, "the changes file must have a list 'notes'",
                           "each note: id, sources (links.yml ids), checked (date), nl, en")
    link_data = links.load()
    notes: dict[str, Note] = {}
    for entry in data["notes"]:
        if not isinstance(entry, dict):
            raise ContentError(shown, getattr(data["notes"], "line", None), "each note must be a mapping with id, sources, checked, nl, en")
        note_id = require_text(entry, "id", shown, "note")
        what = f"note '{note_id}'"
        if not NOTE_ID.match(note_id):
            raise ContentError(shown, entry.line_of("id"), f"{what}: id is not lowercase-with-hyphens")
        if note_id in notes:
            raise ContentError(shown, entry.line_of("id"), f"duplicate note id '{note_id}', also on line {notes[note_id].line}")
        for key in entry:
            if key not in FIELDS:
                raise ContentError(shown, entry.line_of(key), f"{what}: unknown field '{key}'",
                                   f"known fields: {', '.join(sorted(FIELDS))}")
        sources = entry.get("sources")
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not sources:
            raise ContentError(shown, entry.line_of("sources"), f"{what}: has no source",
                               "add 'sources: [link-id]': the links.yml entry the note is based on")
        line = sources.line if isinstance(sources, LineList) else entry.line_of("sources")
        for link_id in sources:
            link = link_data.by_id.get(str(link_id))
            if link is None:
                close = difflib.get_close_matches(str(link_id), link_data.by_id, n=3)
                raise ContentError(shown, line, f"{what}: unknown link id '{link_id}' in 'sources'",
                                   f"did you mean {', '.join(close)}?" if close else f"add an entry to {link_data.path}")
            if not link.online or link.date is None:
                raise ContentError(shown, line, f"{what}: source '{link_id}' needs a URL and a 'date' in {link_data.path}",
                                   "a note's source must be public and dated, so readers can judge how current it is")
        checked = entry.get("checked")
        if not isinstance(checked, dt.date):
            raise ContentError(shown, entry.line_of("checked") if "checked" in entry else entry.line,
                               f"{what}: 'checked' must be the date the note was checked against its source (YYYY-MM-DD)")
        texts = {lang: require_text(entry, lang, shown, what) for lang in LANGUAGES}
        notes[note_id] = Note(note_id, tuple(map(str, sources)), checked, texts, entry.line)
    return notes


def load(path: Path = CHANGES_FILE) -> dict[str, Note]:
    return load_cached(path, _parse, "the 'changed since 2020' notes live in this file")


def render_note(note_id: str | None, lang: str) -> str:
    """The note as a Material admonition: its text, then its sources and the date it was checked."""
    from . import links

    notes = load()
    note = notes.get(note_id or "")
    if note is None:
        close = difflib.get_close_matches(note_id or "", notes, n=3)
        raise DirectiveError(f"no note with id '{note_id}' in {display_path(CHANGES_FILE)}",
                             f"did you mean {', '.join(close)}?" if close else "add it to that file")
    data = links.load()
    sources = [(link, [link.organisation[lang], links.source_date(link, lang)]
                + ([links.target_language(link, lang)] if link.language != lang else []))
               for link in (data.by_id[link_id] for link_id in note.sources)]
    return templates.render("since-2020.html", ui=ui.texts(None, lang), lang=lang, note=note, sources=sources,
                            checked=format_date(note.checked, lang))
