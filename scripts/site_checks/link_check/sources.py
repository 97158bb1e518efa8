"""Where the link checker finds URLs: every external URL in the Markdown pages and the data files,
with file and line (inline links, autolinks, reference links, HTML href/src, bare URLs; not code)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_build.datafiles import DOCS_DIR, display_path, parse_yaml, yaml_problem
from site_build.errors import ContentError
from site_build.facts import is_fence
from site_build.links import URL_SCHEME, parse

@dataclass(frozen=True)
class FoundUrl:
    url: str  # as written in the source
    file: str
    line: int


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SCHEME = URL_SCHEME
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+)>")
_EMAIL_AUTOLINK = re.compile(r"<([^<>\s@:/]+@[^<>\s@]+\.[^<>\s@]+)>")
# ](target): every inline link or image target, nested ones included; one level of
# balanced parentheses inside the target
_TARGET = re.compile(r"\]\(\s*(<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))+)([^)\n]*)\)?")
# [text](target "title"), to keep link texts such as "www.kis.nl" out of the bare-URL search
_INLINE = re.compile(r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))+)[^)\n]*\)?")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_HTML_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_BARE = re.compile(r"(?<![\w/@.-])(?:https?://|www\.)[^\s<>()\[\]\"'`{}|\\^]+", re.I)
_TRAILING = ".,;:!?*_'\""


def _external(target: str) -> str | None:
    """The target if it is an external link (anything with a scheme, or a bare www. address)."""
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    if not target or "{{" in target or target.startswith("#"):
        return None
    if _SCHEME.match(target) or target.lower().startswith("www."):
        return target
    return None


def urls_in_text(text: str, file: str, first_line: int = 1) -> list[FoundUrl]:
    """External URLs in Markdown (or Markdown-bearing YAML) text, with their lines."""
    found: list[FoundUrl] = []
    in_fence = False
    for number, raw in enumerate(text.split("\n"), start=first_line):
        if is_fence(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if ":" not in raw and "@" not in raw and "&" not in raw and "www." not in raw.lower():
            continue  # most lines: every finder below needs a scheme, an address, an entity or "www."
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), raw)
        taken: list[tuple[int, int]] = []

        def add(target: str | None, span: tuple[int, int]) -> None:
            url = _external(target) if target is not None else None
            taken.append(span)
            if url:
                found.append(FoundUrl(url, file, number))

        for match in _AUTOLINK.finditer(line):
            add(match.group(1), match.span())
        for match in _EMAIL_AUTOLINK.finditer(line):
            taken.append(match.span())
            found.append(FoundUrl("mailto:" + match.group(1), file, number))
        for match in _TARGET.finditer(line):
            target, rest = match.group(1), match.group(2).rstrip()
            if rest and not rest.lstrip().startswith(('"', "'", "(")) and not target.startswith("<"):
                target += rest  # "[x](https://exa mple.nl)": the space is part of a (malformed) URL
            add(target, match.span(1))
        for match in _INLINE.finditer(line):
            taken.append(match.span())  # the link text is not a URL, even when it looks like one
        match = _REFERENCE.match(line)
        if match:
            add(match.group(1), match.span(1))
        for match in _HTML_ATTR.finditer(line):
            group = 1 if match.group(1) is not None else 2
            add(html.unescape(match.group(group)), match.span(group))
        for match in _BARE.finditer(line):
            start, end = match.span()
            if any(a <= start < b for a, b in taken):
                continue
            url = match.group(0).rstrip(_TRAILING)
            found.append(FoundUrl(url, file, number))
    return found


def urls_in_link_data(text: str, file: str) -> list[FoundUrl]:
    """The ``url`` and ``archived`` fields of a links file, without judging them:
    the checker reports malformed URLs itself. Structural errors raise ContentError."""
    try:
        data = parse_yaml(text, file)  # libyaml when present: a warm-cache run of the checker is mostly this parse
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise ContentError(file, None if line is None else line + 1, f"invalid YAML: {problem}",
                           "check indentation, quotes and colons") from None
    parsed = parse(data, file, check_urls=False)
    found = []
    for link in parsed.links:
        if link.url:
            found.append(FoundUrl(link.url, file, link.url_line))
        if link.archived:
            found.append(FoundUrl(link.archived, file, link.archived_line))
        if link.replaced_by and _SCHEME.match(link.replaced_by):
            found.append(FoundUrl(link.replaced_by, file, link.replaced_by_line))
    return found


def is_link_data(path: Path, text: str) -> bool:
    return path.suffix in (".yml", ".yaml") and re.search(r"^links:", text, re.M) is not None


def urls_in_file(path: Path, text: str | None = None) -> list[FoundUrl]:
    """External URLs in one source file; ``text`` overrides the file's content (e.g. from git)."""
    path = Path(path)
    shown = display_path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(shown, None, f"not valid UTF-8 ({exc.reason})") from None
    if is_link_data(path, text):
        return urls_in_link_data(text, shown)
    return urls_in_text(text, shown)


SOURCE_SUFFIXES = (".md", ".yml", ".yaml")


def source_files(paths) -> list[Path]:
    """Files to scan: the given files, and the Markdown/YAML files under given directories."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            raise ContentError(display_path(path), None, "no such file or directory")
    return files


def extract_urls(paths=(DOCS_DIR,)) -> list[FoundUrl]:
    """Every external URL in the given files/directories (default: all of docs/), with file and line."""
    found = []
    for path in source_files(paths):
        found += urls_in_file(path)
    return found
