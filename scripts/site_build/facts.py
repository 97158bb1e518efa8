"""Facts about the site, read once from mkdocs.yml, and the patterns the content modules share.

mkdocs.yml is the source of the languages (mkdocs-static-i18n's ``languages``), the default
language and the guide's phases (the top-level pages of ``nav`` between the home page and the
first section, in reading order). Everything else asks here instead of writing them again.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = REPO_ROOT / "mkdocs.yml"

# The ids of checklist items, link entries and glossary entries: lowercase words joined by hyphens.
# overrides/assets/ checks saved ids with the same pattern (tests/scripts/site_build/test_facts.py).
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A time from a family's arrival at Schiphol: days, weeks or calendar months ("2d", "6w", "3m", "-1m"),
# in the planner's stages and a checklist item's `timing:`; overrides/assets/planner/dates.js adds them
# (tests/overrides/planner/test_dates.py checks it takes every offset this accepts).
OFFSET = re.compile(r"^(?P<n>-?\d{1,3})(?P<unit>[dwm])$")
OFFSET_HINT = "write a number and d, w or m (days, weeks, calendar months), e.g. 0d, 2d, 6w, 3m, -2m"
# A line that opens or closes a fenced code block: nothing inside one is content.
FENCE = re.compile(r"^\s*(```|~~~)")


def is_fence(line: str) -> bool:
    return FENCE.match(line) is not None


class _Tagged(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: every build reads this
    """Reads mkdocs.yml without MkDocs: !ENV takes the environment or its default, other tags stay None."""


def _env_tag(loader, node):
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_Tagged.add_constructor("!ENV", _env_tag)
_Tagged.add_multi_constructor("", lambda loader, suffix, node: None)


def load_mkdocs_config(path: Path = MKDOCS_YML) -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Tagged) or {}


@functools.cache
def _config() -> dict:
    return load_mkdocs_config(MKDOCS_YML)


def _i18n_languages(config: dict) -> list[dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list((plugin["i18n"] or {}).get("languages") or [])
    return []


def languages(config: dict | None = None) -> tuple[str, ...]:
    """The site's languages, the default first (the order of the language menu and of the tests)."""
    entries = _i18n_languages(_config() if config is None else config)
    ordered = sorted(entries, key=lambda entry: not entry.get("default"))
    return tuple(entry["locale"] for entry in ordered)


def default_language(config: dict | None = None) -> str:
    config = _config() if config is None else config
    entries = _i18n_languages(config)
    default = [entry["locale"] for entry in entries if entry.get("default")]
    return default[0] if default else (config.get("theme") or {}).get("language", "en")


def phases(config: dict | None = None, checklists: Path | None = None) -> tuple[str, ...]:
    """The guide's phases: the top-level pages of ``nav`` after the home page, up to the first section,
    that have a checklist (docs/data/checklists/<page>.yml); a tool page such as the planner is not a phase."""
    checklists = checklists or REPO_ROOT / "docs" / "data" / "checklists"
    found = []
    for entry in (_config() if config is None else config).get("nav") or []:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if not isinstance(target, str):  # a section ("Naslag"): the reference pages follow
            break
        name = Path(target).with_suffix("").as_posix()
        if name != "index" and (checklists / f"{name}.yml").is_file():
            found.append(name)
    return tuple(found)


LANGUAGES = languages()
DEFAULT_LANGUAGE = default_language()
PHASES = phases()


def language_prefix(lang: str) -> str:
    """Where a language's pages are below the site root: "" for the default language, "en/" for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
