"""Read YAML data files with line numbers, so validation errors can name the line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = REPO_ROOT / "docs"
DATA_DIR = DOCS_DIR / "data"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


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


def display_path(path: Path) -> str:
    """The path as a maintainer would type it: relative to the repository when possible."""
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


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
    loader = _LineLoader(text)
    loader.name = shown
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(
            shown, line, f"invalid YAML: {exc.problem or exc.context}", "check indentation, quotes and colons"
        ) from None
    finally:
        loader.dispose()


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
