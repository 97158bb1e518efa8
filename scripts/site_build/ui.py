"""Interface text from ``docs/data/ui.yml``: one text per key and site language, with the same placeholders.

``text("footnote_backlink_title", "nl", n=3)`` gives "Terug naar voetnoot 3 in de tekst".
A key without a text in every language, or with different placeholders in two languages, stops
the build naming file and line.
"""
from __future__ import annotations

import string
from pathlib import Path

from .datafiles import DATA_DIR, LANGUAGES, LineDict, load_cached
from .errors import ContentError

UI_FILE = DATA_DIR / "ui.yml"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def parse(data, path: str) -> dict[str, dict[str, str]]:
    if not isinstance(data, LineDict):
        raise ContentError(path, 1, "ui.yml must map each key to its texts", "write 'key:' with 'nl:' and 'en:' below it")
    texts = {}
    for key, value in data.items():
        line = data.line_of(key)
        if not isinstance(value, LineDict):
            raise ContentError(path, line, f"'{key}' must have a text per language ({', '.join(LANGUAGES)})")
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise ContentError(path, value.line_of(unknown[0]), f"'{key}': '{unknown[0]}' is not a site language",
                               f"the site's languages are {', '.join(LANGUAGES)}")
        for lang in LANGUAGES:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise ContentError(path, value.line_of(lang) if lang in value else line,
                                   f"'{key}' has no '{lang}' text", f"add the {lang} translation")
        first = placeholders(value[LANGUAGES[0]])
        for lang in LANGUAGES[1:]:
            if placeholders(value[lang]) != first:
                raise ContentError(path, value.line_of(lang),
                                   f"'{key}': the {lang} text has placeholders {sorted(placeholders(value[lang]))}, "
                                   f"the {LANGUAGES[0]} text {sorted(first)}", "use the same {names} in every language")
        texts[key] = {lang: value[lang].strip() for lang in LANGUAGES}
    return texts


def load(path: Path | None = None) -> dict[str, dict[str, str]]:
    return load_cached(path or UI_FILE, parse, "the interface text belongs in docs/data/ui.yml")


def text(key: str, lang: str, **values) -> str:
    """The interface text ``key`` in ``lang``, placeholders filled in."""
    return load()[key][lang].format(**values)
