"""The site's pages: which exist in which language, and their front matter.

Pages use mkdocs-static-i18n's suffix layout: ``voorbereiding.nl.md`` beside
``voorbereiding.en.md``. Every page must exist in every language.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from . import ui
from .datafiles import DOCS_DIR, LANGUAGES, LineDict, display_path, parse_yaml, yaml_problem
from .errors import ContentError

PAGE_NAME = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2})\.md$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.S)
SOURCE_PAGES = re.compile(r"^\d+(?:[-–]\d+)?$")
REQUIRED = {
    "description": "one or two sentences for search results and the meta description",
    "page_changed": "the date this page itself last changed, e.g. 2026-12-01",
}
RENAMED = {"last_reviewed": "page_changed"}


def page_files(docs_dir: Path = DOCS_DIR) -> dict[str, dict[str, Path]]:
    """Pages by their language-independent name ('voorbereiding.md'), then by language."""
    pages: dict[str, dict[str, Path]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if rel.parts[0] == "data":
            continue
        match = PAGE_NAME.match(rel.name)
        base = str(rel.with_name(match.group("base") + ".md")) if match else str(rel)
        lang = match.group("lang") if match else None
        pages.setdefault(base, {})[lang] = path
    return pages


def parity_errors(docs_dir: Path = DOCS_DIR) -> list[ContentError]:
    """Every page in every language; a page without a language suffix is an error too."""
    errors = []
    for base, by_lang in page_files(docs_dir).items():
        if None in by_lang:
            errors.append(
                ContentError(
                    display_path(by_lang[None]), None, "page has no language suffix",
                    f"rename it to {base[:-3]}.nl.md and add {base[:-3]}.en.md",
                )
            )
            continue
        for lang in LANGUAGES:
            if lang not in by_lang:
                other = next(iter(by_lang.values()))
                missing = other.with_name(f"{Path(base).stem}.{lang}.md")
                errors.append(
                    ContentError(
                        display_path(missing), None, f"missing translation of {display_path(other)}",
                        f"create {display_path(missing)} (every page exists in {', '.join(LANGUAGES)})",
                    )
                )
        for lang in by_lang:
            if lang not in LANGUAGES:
                errors.append(
                    ContentError(display_path(by_lang[lang]), None, f"unknown language '{lang}'",
                                 f"the site's languages are {', '.join(LANGUAGES)}")
                )
    return errors


def body_start_line(path: Path) -> int:
    """The source line where MkDocs' page Markdown begins (after front matter and blank lines)."""
    text = Path(path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    end = match.end() if match else 0
    while text.startswith("\n", end):
        end += 1
    return text.count("\n", 0, end) + 1


def read_front_matter(path: Path) -> LineDict:
    """Parse and validate a page's front matter; errors name the file and line."""
    shown = display_path(path)
    text = Path(path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(shown, 1, "page has no front matter",
                           "start the file with a '---' block holding description and page_changed")
    try:
        meta = parse_yaml(match.group("yaml") or "", shown)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        # +1 for 1-based lines, +1 for the opening '---'
        raise ContentError(shown, 1 if line is None else line + 2, f"broken front matter: {problem}",
                           "front matter is YAML: check colons, quotes and indentation") from None
    except ContentError as exc:  # a duplicate key: its line is counted within the YAML block
        raise ContentError(shown, exc.line + 1, exc.message, exc.hint) from None
    if meta is None:
        meta = LineDict()
        meta.line, meta.key_lines = 1, {}
    if not isinstance(meta, dict):
        raise ContentError(shown, 2, "front matter must be 'key: value' lines")
    # Key lines are relative to the YAML block, which starts on line 2.
    meta.key_lines = {k: v + 1 for k, v in meta.key_lines.items()}
    for key in meta:
        if key in RENAMED:
            raise ContentError(shown, meta.line_of(key), f"'{key}' is now called '{RENAMED[key]}'",
                               f"rename it to '{RENAMED[key]}': the date this page itself last changed "
                               "(a check against current rules goes in 'checked')")
    for key, hint in REQUIRED.items():
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ContentError(shown, 1, f"front matter has no '{key}'", f"add '{key}:' — {hint}")
    if not isinstance(meta["description"], str):
        raise ContentError(shown, meta.line_of("description"), "'description' must be text")
    if not isinstance(meta["page_changed"], dt.date):
        raise ContentError(shown, meta.line_of("page_changed"), "'page_changed' must be a date (YYYY-MM-DD)",
                           "the date this page itself last changed, e.g. 2026-12-01")
    if "source_pages" in meta and not SOURCE_PAGES.match(str(meta["source_pages"])):
        raise ContentError(shown, meta.line_of("source_pages"),
                           "'source_pages' must be a page or a range of the PDF guide, e.g. 5-7")
    if "checked" in meta:
        _check_checked(meta, shown)
    return meta


def _check_checked(meta: LineDict, shown: str) -> None:
    """``checked: {date: 2026-12-01, against: {nl: ..., en: ...}}``: a check against current rules."""
    checked = meta["checked"]
    line = meta.line_of("checked")
    hint = ("write it as 'checked: {date: 2026-12-01, against: {nl: ..., en: ...}}', naming what the page "
            "was checked against; leave it out when the page was not checked against current rules")
    if not isinstance(checked, dict) or set(checked) != {"date", "against"}:
        raise ContentError(shown, line, "'checked' needs a date and what the page was checked against", hint)
    if not isinstance(checked["date"], dt.date):
        raise ContentError(shown, line, "'checked.date' must be a date (YYYY-MM-DD)", hint)
    against = checked["against"]
    if not isinstance(against, dict) or any(not isinstance(against.get(lang), str) or not against[lang].strip()
                                            for lang in LANGUAGES):
        raise ContentError(shown, line, f"'checked.against' needs a text in each language ({', '.join(LANGUAGES)})", hint)


def month_names(lang: str) -> list[str]:
    """The months in ``lang``, January first, from docs/data/ui.yml."""
    texts = ui.texts(None, lang)
    names = texts["months"]
    if not isinstance(names, list) or len(names) != 12:
        raise ContentError(display_path(ui.UI_FILE), texts.line_of("months"), f"'months' needs the 12 months in {lang}",
                           "list them January first: [januari, februari, ...]")
    return names


def format_date(date: dt.date, lang: str) -> str:
    return f"{date.day} {month_names(lang)[date.month - 1]} {date.year}"


def source_note(meta: dict, lang: str) -> list[str]:
    """The page's dates, in its language: where its text comes from, when the page last changed,
    and (only when front matter says so) when and against what it was checked."""
    text = ui.texts(None, lang)
    pages = str(meta.get("source_pages", "")).replace("-", "–")
    parts = [text("page_source", pages=pages) if pages else text["page_no_source"],
             text("page_changed", date=format_date(meta["page_changed"], lang))]
    if "checked" in meta:
        checked = meta["checked"]
        parts.append(text("page_checked", date=format_date(checked["date"], lang),
                          against=checked["against"][lang].strip()))
    return parts
