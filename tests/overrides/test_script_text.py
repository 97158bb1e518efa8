"""The browser scripts under overrides/assets/ hold no interface text of their own: the build writes the
page's words into the page (docs/data/ui/, as #site-text, #checklist-text, #planner-text), so a text
table keyed by language ({nl: ..., en: ...}) in a script is one the parity checks would not see."""
from __future__ import annotations

import re

import pytest
from helpers import REPO_ROOT
from site_build.datafiles import LANGUAGES

SCRIPTS = sorted((REPO_ROOT / "overrides" / "assets").rglob("*.js"))
# A language as an object key: "{ nl:", ", en:", "{'nl':" (not a ternary's "? 'nl' : 'en'").
LANGUAGE_KEY = re.compile(r"""[{,]\s*(["']?)(%s)\1\s*:""" % "|".join(map(re.escape, LANGUAGES)))


def language_keys(source: str) -> list[str]:
    return [match.group(0).strip() for match in LANGUAGE_KEY.finditer(source)]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.relative_to(REPO_ROOT / "overrides" / "assets").as_posix())
def test_no_script_keeps_a_text_table_by_language(path):
    found = language_keys(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} has texts by language {found}: put them in docs/data/ui/ and read them from the page"


@pytest.mark.parametrize("source", [
    'const TEXT = {\n  nl: { close: "Sluiten" },\n  en: { close: "Close" }\n}',
    'var MORE = { nl: "Meer", en: "More" }[lang]',
    "const T = {'en': 'Close', 'nl': 'Sluiten'}",
])
def test_the_check_sees_a_text_table(source):
    assert language_keys(source)


def test_the_check_leaves_a_choice_between_languages_alone():
    assert not language_keys('format(lang === "en" ? "en-GB" : "nl-NL")') and not language_keys('x ? "nl" : "en"')
