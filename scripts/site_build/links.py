"""Links: every external link of the site, from ``docs/data/links.yml``.

One entry per source, written once; pages refer to it by id:

- ``{{ url("id") }}``       the URL, for ``[your text]({{ url("id") }})``
- ``{{ link("id") }}``      a ready Markdown link, titled in the page's language
- ``{{ link_directory() }}`` the directory page, grouped by the guide's categories

The data is validated when first used (a duplicate id, a missing field, a malformed
URL or an unknown category stops the build naming file, line and field).
The link checker (``scripts/check_links.py``, ``site_checks.link_check``) finds the
URLs to check itself; when its JSON report is present at build time (``.cache/link-report.json`` or the file in ``$LINK_REPORT``), the directory
shows each entry's last check.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import ipaddress
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from . import templates, ui
from .datafiles import (
    DATA_DIR, LANGUAGES, REPO_ROOT, LineDict, display_path, load_cached, require_text, require_translations,
)
from .directives import DirectiveError
from .errors import ContentError
from .facts import SLUG
from .pages import format_date, month_names

LINKS_FILE = DATA_DIR / "links.yml"
# A URL with a scheme (https:, mailto:, …), as opposed to an entry id.
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
DEFAULT_REPORT = REPO_ROOT / ".cache" / "link-report.json"
LINK_ID = SLUG

# Interface text, the link types and the languages of link targets: one file each in docs/data/ui/.
UI_TEXT = "links"
TYPE_NAMES = "link-types"
LANGUAGE_NAMES = "link-languages"
FIELDS = {"id", "url", "title", "description", "organisation", "category", "type", "language",
          "online", "archived", "replaced_by", "date"}
# ``date``: when the source was published or last updated, as the source itself says: 2022-09-29, 2023-04
# or 2021; ``undated`` records that the source gives no date (shown to readers as such).
SOURCE_DATE = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2]))?|undated)$")


@dataclass(frozen=True)
class Category:
    id: str
    title: dict  # lang -> text


@dataclass(frozen=True)
class Link:
    id: str
    url: str | None  # None for sources that are not online
    title: dict
    description: dict
    organisation: dict  # lang -> name
    category: str
    type: str | None
    language: str
    online: bool
    archived: str | None
    replaced_by: str | None
    line: int
    url_line: int
    archived_line: int
    replaced_by_line: int = 0
    date: dt.date | str | None = None  # a full date, or 'YYYY-MM' / 'YYYY' as the source gives it


@dataclass(frozen=True)
class LinkData:
    path: str
    categories: tuple
    links: tuple

    @functools.cached_property
    def by_id(self) -> dict[str, Link]:
        return {link.id: link for link in self.links}


# --- URL syntax -------------------------------------------------------------------

# Characters a URL must not contain unencoded (RFC 3986); "\" catches the
# extraction fault "\\_" for "_".
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"\\{}|^`]")
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed http(s) URL, or None when it is."""
    bad = _UNSAFE.search(url)
    if bad:
        char = bad.group(0)
        shown = "a space" if char == " " else repr(char)
        return f"contains {shown}; characters like this must be percent-encoded or removed"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"cannot be parsed ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"scheme is '{parts.scheme}', expected http or https" if parts.scheme else "has no scheme (http:// or https://)"
    if not parts.netloc or not parts.hostname:
        return "has no host name"
    try:
        parts.port
    except ValueError:
        return "has an invalid port"
    host = parts.hostname.rstrip(".")
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            return "has an invalid IPv6 address"
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"host '{host}' is not a valid domain name"
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_LABEL.match(label) for label in labels):
        return f"host '{host}' is not a valid domain name"
    if len(labels) == 1 and ascii_host != "localhost":
        return f"host '{host}' has no domain (no dot); is the address complete?"
    if labels[-1].isdigit():
        try:
            ipaddress.IPv4Address(ascii_host)
        except ValueError:
            return f"host '{host}' is not a valid IPv4 address"
    return None


# --- Loading and validation -------------------------------------------------------

def _translations_or_text(entry: LineDict, key: str, path: str, what: str) -> dict[str, str]:
    value = entry.get(key)
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in LANGUAGES}
    if isinstance(value, dict):
        return require_translations(entry, key, path, what)
    raise ContentError(path, entry.line_of(key), f"{what}: field '{key}' is missing or empty",
                       f"write the name once, or per language as {{nl: ..., en: ...}}")


def _load_categories(data: LineDict, path: str) -> tuple[Category, ...]:
    items = data.get("categories")
    if not isinstance(items, list) or not items:
        raise ContentError(path, data.line_of("categories"), "field 'categories' must be a non-empty list",
                           "list the directory's sections, each with an id and a title {nl, en}")
    categories, seen = [], set()
    for item in items:
        if not isinstance(item, dict):
            raise ContentError(path, getattr(items, "line", None), "each category needs an id and a title {nl, en}")
        cat_id = require_text(item, "id", path, "category")
        if cat_id in seen:
            raise ContentError(path, item.line_of("id"), f"duplicate category id '{cat_id}' (field 'id')")
        seen.add(cat_id)
        categories.append(Category(cat_id, require_translations(item, "title", path, f"category '{cat_id}'")))
    return tuple(categories)


def _load_link(entry, path: str, categories: dict, check_urls: bool) -> Link:
    if not isinstance(entry, dict):
        raise ContentError(path, None, "each link must be a mapping with id, url, title, ...")
    link_id = require_text(entry, "id", path, "link")
    what = f"link '{link_id}'"
    if not LINK_ID.match(link_id):
        raise ContentError(path, entry.line_of("id"), f"{what}: field 'id' is not lowercase-with-hyphens",
                           "use letters, digits and hyphens, e.g. 'coa-voor-gemeenten'")
    for key in entry:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            raise ContentError(path, entry.line_of(key), f"{what}: unknown field '{key}'",
                               f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(sorted(FIELDS))}")
    online = entry.get("online", True)
    if not isinstance(online, bool):
        raise ContentError(path, entry.line_of("online"), f"{what}: field 'online' must be true or false")
    url = entry.get("url")
    if online:
        url = require_text(entry, "url", path, what)
        problem = url_problem(url) if check_urls else None
        if problem:
            raise ContentError(path, entry.line_of("url"), f"{what}: field 'url' {problem}",
                               "write the full address, e.g. https://www.coa.nl/nl/voor-gemeenten")
    elif url is not None:
        raise ContentError(path, entry.line_of("url"), f"{what}: has a 'url' but 'online: false'",
                           "remove the url, or remove 'online: false' if the source is public")
    category = require_text(entry, "category", path, what)
    if category not in categories:
        raise ContentError(path, entry.line_of("category"), f"{what}: unknown category '{category}' (field 'category')",
                           f"use one of: {', '.join(categories)}")
    link_type = entry.get("type")
    if online or link_type is not None:
        link_type = require_text(entry, "type", path, what)
        types = ui.load(ui.concept_file(TYPE_NAMES))
        if link_type not in types:
            raise ContentError(path, entry.line_of("type"), f"{what}: unknown type '{link_type}' (field 'type')",
                               f"use one of: {', '.join(types)} (or add it to {types.path})")
    language = require_text(entry, "language", path, what)
    languages = ui.load(ui.concept_file(LANGUAGE_NAMES))
    if language not in languages:
        raise ContentError(path, entry.line_of("language"), f"{what}: unknown language '{language}' (field 'language')",
                           f"use one of: {', '.join(languages)} (or add it to {languages.path})")
    archived = entry.get("archived")
    if archived is not None:
        archived = require_text(entry, "archived", path, what)
        problem = url_problem(archived) if check_urls else None
        if problem:
            raise ContentError(path, entry.line_of("archived"), f"{what}: field 'archived' {problem}")
    replaced_by = entry.get("replaced_by")
    if replaced_by is not None:
        # Either the id of the entry that supersedes this one, or the new address itself.
        replaced_by = require_text(entry, "replaced_by", path, what)
        if URL_SCHEME.match(replaced_by):
            problem = url_problem(replaced_by) if check_urls else None
            if problem:
                raise ContentError(path, entry.line_of("replaced_by"), f"{what}: field 'replaced_by' {problem}",
                                   "give the new address in full, or the id of the entry that replaces this one")
    date = entry.get("date")
    if date is not None and not isinstance(date, dt.date) and not SOURCE_DATE.match(str(date)):
        raise ContentError(path, entry.line_of("date"), f"{what}: field 'date' must be a date as the source gives it",
                           "write 2022-09-29, 2023-04 or 2021, or 'undated' when the source gives no date")
    if date is not None and not isinstance(date, dt.date):
        date = str(date)
    description = require_translations(entry, "description", path, what)
    for lang, text in description.items():
        if "\n" in text:
            raise ContentError(path, entry.line_of("description"),
                               f"{what}: field 'description' ({lang}) must be one line")
    return Link(
        id=link_id, url=url, title=require_translations(entry, "title", path, what), description=description,
        organisation=_translations_or_text(entry, "organisation", path, what), category=category,
        type=link_type, language=language, online=online, archived=archived, replaced_by=replaced_by,
        line=entry.line, url_line=entry.line_of("url"), archived_line=entry.line_of("archived"), date=date,
        replaced_by_line=entry.line_of("replaced_by"),
    )


def parse(data, shown: str, check_urls: bool = True) -> LinkData:
    """Validate parsed YAML; ``check_urls=False`` lets the link checker report bad URLs itself."""
    if not isinstance(data, dict):
        raise ContentError(shown, 1, "the links file must be a mapping with 'categories' and 'links'")
    categories = {c.id: c for c in _load_categories(data, shown)}
    items = data.get("links")
    if not isinstance(items, list) or not items:
        raise ContentError(shown, data.line_of("links"), "field 'links' must be a non-empty list")
    links, ids, urls = [], {}, {}
    for entry in items:
        link = _load_link(entry, shown, categories, check_urls)
        if link.id in ids:
            raise ContentError(shown, entry.line_of("id"), f"duplicate id '{link.id}' (field 'id'), also on line {ids[link.id]}",
                               "ids must be unique; rename one of the two")
        ids[link.id] = entry.line_of("id")
        if link.url is not None:
            if link.url in urls:
                raise ContentError(shown, link.url_line, f"link '{link.id}': same url as '{urls[link.url]}' (field 'url')",
                                   "keep one entry and refer to it by its id")
            urls[link.url] = link.id
        links.append(link)
    for link in links:
        if link.replaced_by is not None and URL_SCHEME.match(link.replaced_by):
            continue  # a new address, not an entry
        if link.replaced_by is not None and (link.replaced_by not in ids or link.replaced_by == link.id):
            raise ContentError(shown, link.line, f"link '{link.id}': field 'replaced_by' names no other entry ('{link.replaced_by}')",
                               "give the id of the entry that supersedes this one")
    return LinkData(shown, tuple(categories.values()), tuple(links))


def load(path: Path = LINKS_FILE) -> LinkData:
    """The validated link data; re-read when the file changes (mkdocs serve)."""
    return load_cached(path, parse, "the site's external links live in this file")


def _get(link_id: str | None) -> Link:
    data = load()
    link = data.by_id.get(link_id or "")
    if link is None:
        close = difflib.get_close_matches(link_id or "", data.by_id, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else f"add an entry with this id to {data.path}"
        raise DirectiveError(f"no link with id '{link_id}' in {data.path}", hint)
    return link


# --- Last check, from the link checker's JSON report ------------------------------

def report_path() -> Path:
    return Path(os.environ.get("LINK_REPORT") or DEFAULT_REPORT)


@functools.lru_cache(maxsize=4)
def _report_cached(path: Path, mtime_ns: int) -> tuple[dict, dt.date | None]:
    shown = display_path(path)
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        results = {r["url"]: r for r in report["results"]}
        checked_at = report.get("summary", {}).get("checked_at")
        date = dt.datetime.fromisoformat(checked_at).date() if checked_at else None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ContentError(shown, None, f"not a link report from scripts/check_links.py ({exc})",
                           "run the checker again with --json, or delete the file") from None
    return results, date


def last_checks() -> tuple[dict, dt.date | None]:
    """Results by URL and the date of the run, or ({}, None) when there is no report."""
    path = report_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}, None
    return _report_cached(path, mtime)


# --- Rendering ------------------------------------------------------------------------

def source_date(link: Link, lang: str) -> str | None:
    """The source's own date in the page language: '29 september 2022', 'april 2023' or '2021'."""
    if link.date is None:
        return None
    if isinstance(link.date, dt.date):
        return format_date(link.date, lang)
    if link.date == "undated":
        return ui.texts(UI_TEXT, lang)["undated"]
    if "-" in link.date:
        year, month = link.date.split("-")
        return f"{month_names(lang)[int(month) - 1]} {year}"
    return link.date


def target_language(link: Link, lang: str) -> str:
    """The language of the link's target, as a reader of ``lang`` sees it ("Engelstalig", "in Dutch")."""
    return ui.texts(LANGUAGE_NAMES, lang)[link.language]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_url(url: str) -> str:
    # Parentheses and spaces would end the Markdown link early.
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _marks(link: Link, lang: str) -> list[str]:
    marks = []
    if link.type == "pdf":
        marks.append("PDF")
    if link.language != lang:
        marks.append(target_language(link, lang))
    return marks


def render_url(link_id: str | None, lang: str) -> str:
    link = _get(link_id)
    if not link.online:
        raise DirectiveError(f"'{link.id}' is not online, so it has no URL",
                             f'write {{{{ link("{link.id}") }}}} instead; it names the source as not publicly available')
    return _md_url(link.url)


def render_link(link_id: str | None, lang: str) -> str:
    """``[Title (PDF)](url)``; a source that is not online becomes plain text saying so."""
    link = _get(link_id)
    title = _md_text(link.title[lang])
    if not link.online:
        return f"*{title}* ({ui.texts(UI_TEXT, lang)['not_online']})"
    marks = ", ".join(_marks(link, lang))
    if marks and title.endswith(")"):
        # "Meedoen (Taking part; PDF, in Dutch)" rather than two brackets in a row
        text = f"{title[:-1]}; {marks})"
    else:
        text = f"{title} ({marks})" if marks else title
    attrs = f'{{: hreflang="{link.language}" }}' if link.language != lang else ""
    return f"[{text}]({_md_url(link.url)}){attrs}"


@dataclass(frozen=True)
class _Entry:
    """What the directory template shows of one link."""
    link: Link
    title: str
    description: str
    organisation: str
    meta: list  # texts: organisation, type, language, date
    replaced_by: Link | None  # the entry that supersedes this one
    new_address: str | None  # or the new URL that does
    verdict: str | None  # the last check's, when there is a report
    moved_to: str | None  # where a permanent redirect went, until a maintainer records it


def _entry(link: Link, lang: str, data: LinkData, checks: dict, checked_on: str | None, texts: ui.Texts,
           type_names: ui.Texts, language_names: ui.Texts) -> _Entry:
    organisation = link.organisation[lang]
    meta = [organisation]
    if link.type:
        meta.append(type_names[link.type])
    meta.append(language_names[link.language])
    if link.date == "undated":
        meta.append(texts["undated"])
    elif link.date is not None:
        meta.append(texts("date", date=source_date(link, lang)))
    new_address = link.replaced_by if link.replaced_by and URL_SCHEME.match(link.replaced_by) else None
    replaced_by = data.by_id[link.replaced_by] if link.replaced_by and not new_address else None
    # The checker reports a URL without its fragment unless it checked fragments.
    check = (checks.get(link.url) or checks.get(urldefrag(link.url)[0])) if link.url else None
    verdict = moved_to = None
    if check and check.get("verdict") in ("ok", "redirect", "broken", "unverified") and checked_on:
        verdict = check["verdict"]
        final = check.get("final_url")
        if verdict == "redirect" and isinstance(final, str) and not url_problem(final) and not link.replaced_by:
            moved_to = final
    return _Entry(link, link.title[lang], link.description[lang], organisation, meta, replaced_by, new_address,
                  verdict, moved_to)


def render_directory(arg: str | None, lang: str) -> str:
    """The directory: filters (enabled by link-directory.js), then one section per category."""
    if arg:
        raise DirectiveError("link_directory() takes no argument", "write {{ link_directory() }}")
    data = load()
    checks, checked_date = last_checks()
    checked_on = format_date(checked_date, lang) if checked_date else None
    texts = ui.texts(UI_TEXT, lang)
    names = ui.texts(TYPE_NAMES, lang), ui.texts(LANGUAGE_NAMES, lang)
    groups = []
    for category in data.categories:
        entries = [_entry(link, lang, data, checks, checked_on, texts, *names)
                   for link in data.links if link.category == category.id]
        if entries:
            groups.append((category, category.title[lang], entries))
    return templates.render(
        "link-directory.html", ui=texts, lang=lang, categories=data.categories, groups=groups,
        organisations=sorted({link.organisation[lang] for link in data.links}, key=str.casefold), checked_on=checked_on,
    )
