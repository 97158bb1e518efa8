"""Read YAML data files with line numbers, so validation errors can name the line."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml

from .errors import ContentError
from .facts import DEFAULT_LANGUAGE, LANGUAGES  # noqa: F401  (read from mkdocs.yml)

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = REPO_ROOT / "docs"
DATA_DIR = DOCS_DIR / "data"


class LineDict(dict):
    """A mapping that remembers the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise ContentError(
                loader.name, key_node.start_mark.line + 1, f"duplicate key '{key}'", "remove one of the two"
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

# libyaml's parser, when PyYAML has it, with the same line-keeping constructors: about ten
# times faster than the pure-Python one, which the build would otherwise pay for every page's
# front matter and every data file.
_FastLineLoader = _LineLoader
if getattr(yaml, "__with_libyaml__", False):
    class _FastLineLoader(yaml.CSafeLoader):  # noqa: F811
        pass

    for _tag, _constructor in _LineLoader.yaml_constructors.items():
        _FastLineLoader.add_constructor(_tag, _constructor)


def parse_yaml(text: str, shown: str) -> Any:
    """Parse YAML text into LineDicts and LineLists; ``shown`` names the file in errors.

    Syntax errors raise yaml.YAMLError from the pure-Python parser, whose messages and
    marks are the ones the error reports were written for (see ``yaml_problem``).
    """
    for loader_class in dict.fromkeys((_FastLineLoader, _LineLoader)):
        loader = loader_class(text)
        loader.name = shown
        try:
            return loader.get_single_data()
        except yaml.YAMLError:
            if loader_class is _LineLoader:
                raise
        finally:
            loader.dispose()


def display_path(path: Path) -> str:
    """The path as a maintainer would type it: relative to the repository when possible."""
    return _display_path(str(path))


@functools.lru_cache(maxsize=None)  # every page asks for its own path several times per build
def _display_path(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return path


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 0-based line (None if unknown) and the problem of a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return (mark.line if mark else None), problem


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors become a ContentError naming file and line."""
    path = Path(path)
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(shown, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError(shown, None, f"not valid UTF-8 ({exc.reason})", "save the file as UTF-8") from None
    try:
        return parse_yaml(text, shown)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise ContentError(
            shown, None if line is None else line + 1, f"invalid YAML: {problem}", "check indentation, quotes and colons"
        ) from None


T = TypeVar("T")


def load_cached(path: Path, parse: Callable[[Any, str], T], hint: str) -> T:
    """A data file read by ``load_yaml`` and validated by ``parse(data, shown_path)``.

    The result is kept until the file changes, so the pages that use a file share one
    parse per build (and per language build), and ``mkdocs serve`` sees every edit.
    A missing file is a ContentError with ``hint`` saying where the data belongs.
    """
    if not isinstance(path, Path):  # a Path as given keeps its cached hash for the lookup below
        path = Path(path)
    try:
        mtime_ns = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ContentError(display_path(path), None, "file not found", hint) from None
    return _load_cached(path, mtime_ns, parse)


@functools.lru_cache(maxsize=32)
def _load_cached(path: Path, mtime_ns: int, parse: Callable[[Any, str], T]) -> T:
    return parse(load_yaml(path), display_path(path))


def require_text(entry: LineDict, key: str, path: str, what: str) -> str:
    """A required, non-empty string field of a data entry."""
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, entry.line_of(key), f"{what}: field '{key}' is missing or empty")
    return value.strip()


def require_translations(entry: LineDict, key: str, path: str, what: str) -> dict[str, str]:
    """A field that must hold one non-empty text per site language: ``{nl: ..., en: ...}``."""
    value = entry.get(key)
    if not isinstance(value, dict):
        raise ContentError(
            path, entry.line_of(key), f"{what}: field '{key}' must have a text per language (nl, en)"
        )
    texts = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            line = value.line_of(lang) if isinstance(value, LineDict) else entry.line_of(key)
            raise ContentError(
                path, line, f"{what}: '{key}' has no '{lang}' text", f"add the {lang} translation"
            )
        texts[lang] = text.strip()
    return texts
