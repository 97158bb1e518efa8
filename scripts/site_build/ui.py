"""Interface text: one text per key and site language, with the same placeholders.

``docs/data/ui.yml`` holds the build's loose texts; a concept with many texts has a file of its
own in the same format, ``docs/data/ui/<concept>.yml`` (``texts("links", lang)``). Per language a
key holds one of three shapes, the same in every language:

- a text: ``nl: Bron``;
- plural forms: ``nl: {one: "{n} link", other: "{n} links"}`` (``one`` for exactly 1, as in
  Dutch and English);
- a list of texts: ``nl: [januari, februari, ...]``, as many in every language.

Placeholders in braces (``{n}``) are filled in by the code; every language and every form
must use the same ones. ``text("footnote_backlink_title", "nl", n=3)`` gives "Terug naar
voetnoot 3 in de tekst". A broken file stops the build naming file and line.
(``ui/checklist.yml`` and ``ui/planner.yml`` are the browser scripts' text, in the format of
``site_build.checklists``: ``SCRIPT_TEXT``.)
"""
from __future__ import annotations

import functools
import string
from pathlib import Path

from .datafiles import DATA_DIR, LANGUAGES, LineDict, display_path, load_cached
from .errors import ContentError

UI_FILE = DATA_DIR / "ui.yml"
UI_DIR = DATA_DIR / "ui"
# The browser scripts' text in docs/data/ui/, which site_build.checklists reads in its own format.
SCRIPT_TEXT = ("checklist", "planner")
PLURAL_FORMS = ("one", "other")


class UiFile(dict):
    """{key: {lang: text, plural forms or list}} of one file, with the file's name and its lines."""

    path: str
    lines: dict  # key or (key, lang) -> line


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _shape(value) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "plural forms"
    return "nothing"


def _texts_of(value) -> list[str]:
    """The texts of one language's value, in order: a text, each plural form, or each item."""
    if isinstance(value, dict):
        return [value[form] for form in PLURAL_FORMS]
    return value if isinstance(value, list) else [value]


def _check_language(path: str, key: str, lang: str, value, line: int):
    """One language's value, stripped; ContentError when it is empty or malformed."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, LineDict):
        for form in value:
            if form not in PLURAL_FORMS:
                raise ContentError(path, value.line_of(form), f"'{key}': '{form}' is not a plural form",
                                   "write the plural forms as 'one:' (exactly 1) and 'other:'")
        for form in PLURAL_FORMS:
            if not isinstance(value.get(form), str) or not value[form].strip():
                raise ContentError(path, value.line_of(form) if form in value else line,
                                   f"'{key}' has no '{lang}' text for '{form}'", f"add the {lang} '{form}:' form")
        return {form: value[form].strip() for form in PLURAL_FORMS}
    if isinstance(value, list):
        if not value or not all(isinstance(item, str) and item.strip() for item in value):
            raise ContentError(path, line, f"'{key}': the {lang} list must hold non-empty texts")
        return [item.strip() for item in value]
    raise ContentError(path, line, f"'{key}' has no '{lang}' text", f"add the {lang} translation")


def parse(data, path: str) -> UiFile:
    if not isinstance(data, LineDict):
        raise ContentError(path, 1, f"{Path(path).name} must map each key to its texts",
                           "write 'key:' with 'nl:' and 'en:' below it")
    texts = UiFile()
    texts.path, texts.lines = path, {}
    first_lang = LANGUAGES[0]
    for key, value in data.items():
        line = data.line_of(key)
        if not isinstance(value, LineDict):
            raise ContentError(path, line, f"'{key}' must have a text per language ({', '.join(LANGUAGES)})")
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise ContentError(path, value.line_of(unknown[0]), f"'{key}': '{unknown[0]}' is not a site language",
                               f"the site's languages are {', '.join(LANGUAGES)}")
        by_lang = {}
        for lang in LANGUAGES:
            lang_line = value.line_of(lang) if lang in value else line
            by_lang[lang] = _check_language(path, key, lang, value.get(lang), lang_line)
            texts.lines[key, lang] = lang_line
        first = by_lang[first_lang]
        for lang in LANGUAGES[1:]:
            lang_line = texts.lines[key, lang]
            if _shape(by_lang[lang]) != _shape(first):
                raise ContentError(path, lang_line, f"'{key}': the {lang} value is {_shape(by_lang[lang])}, "
                                   f"the {first_lang} value {_shape(first)}", "give every language the same shape")
            if isinstance(first, list) and len(by_lang[lang]) != len(first):
                raise ContentError(path, lang_line, f"'{key}': the {lang} list has {len(by_lang[lang])} texts, "
                                   f"the {first_lang} list {len(first)}", "give every language as many texts")
        expected = None
        for lang in LANGUAGES:
            for text in _texts_of(by_lang[lang]):
                try:
                    found = placeholders(text)
                except ValueError:
                    raise ContentError(path, texts.lines[key, lang], f"'{key}': the {lang} text has a stray brace",
                                       "write a placeholder as {name}, a brace itself as {{ or }}") from None
                if expected is None:
                    expected = found
                elif found != expected:
                    raise ContentError(path, texts.lines[key, lang],
                                       f"'{key}': the {lang} text has placeholders {sorted(found)}, "
                                       f"the {first_lang} text {sorted(expected)}", "use the same {names} in every language")
        texts[key] = by_lang
        texts.lines[key] = line
    return texts


def concept_file(name: str | None) -> Path:
    """``docs/data/ui/<name>.yml``, or ``docs/data/ui.yml`` for no name."""
    return UI_FILE if name is None else _concept_file(UI_DIR, name)


@functools.lru_cache(maxsize=None)
def _concept_file(directory: Path, name: str) -> Path:
    # One Path per file: renderers ask for their texts once per link, date or stage.
    return directory / f"{name}.yml"


def load(path: Path | None = None) -> UiFile:
    path = path or UI_FILE
    return load_cached(path if isinstance(path, Path) else Path(path), parse,
                       "the interface text belongs in docs/data/ui.yml or docs/data/ui/<concept>.yml")


def files() -> list[Path]:
    """Every file in this format: ui.yml and the concept files beside the scripts' text."""
    return [UI_FILE, *(path for path in sorted(UI_DIR.glob("*.yml")) if path.stem not in SCRIPT_TEXT)]


def load_all() -> list[UiFile]:
    """Every interface text file, validated (for ``docs.py check``)."""
    return [load(path) for path in files()]


class Texts:
    """One file's texts in one language: ``t["key"]`` as written, ``t("key", n=3)`` filled in.

    Templates read them as ``ui.key`` (plural forms as ``ui.key.one``). A key the code asks for
    and the file lacks stops the build naming the file.
    """

    def __init__(self, texts: UiFile, lang: str):
        self._file, self._lang = texts, lang

    def __getitem__(self, key: str):
        try:
            return self._file[key][self._lang]
        except KeyError:
            raise ContentError(self._file.path, None, f"no text '{key}' in {self._lang}",
                               f"add '{key}:' with a text per language ({', '.join(LANGUAGES)})") from None

    def __contains__(self, key: str) -> bool:
        return key in self._file

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values)

    def plural(self, key: str, n: int, **values) -> str:
        """The form of ``key`` for the number ``n`` (``one`` for exactly 1), ``{n}`` filled in."""
        return self[key]["one" if n == 1 else "other"].format(n=n, **values)

    def line_of(self, key: str) -> int | None:
        return self._file.lines.get((key, self._lang))


def texts(name: str | None, lang: str) -> Texts:
    """The texts of ``docs/data/ui/<name>.yml`` (``docs/data/ui.yml`` for None) in ``lang``."""
    if lang not in LANGUAGES:
        raise ContentError(display_path(concept_file(name)), None, f"no interface text in '{lang}'",
                           f"the site's languages are {', '.join(LANGUAGES)}")
    return Texts(load(concept_file(name)), lang)


def text(key: str, lang: str, **values) -> str:
    """The interface text ``key`` of ``docs/data/ui.yml`` in ``lang``, placeholders filled in."""
    return texts(None, lang)(key, **values)
