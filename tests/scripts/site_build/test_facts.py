"""site_build.facts: the site's languages and phases come from mkdocs.yml; the id pattern is the same in JS."""
from __future__ import annotations

import re
import textwrap

import pytest
from helpers import REPO_ROOT
from site_build import facts
from site_build.pages import page_files

# A regular-expression literal in JS that checks a whole id made of [a-z0-9] words.
JS_ID_PATTERN = re.compile(r"/(\^\[a-z0-9\][^/\n]*\$)/")
SAMPLES = ["a", "tip-1", "coa-voor-gemeenten", "2020", "", "-a", "a-", "a--b", "A", "tip_1", "tip 1", "é", "a-b-"]


def write_config(tmp_path, text: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return facts.load_mkdocs_config(path)


def test_languages_default_first_and_phases_from_the_nav(tmp_path):
    config = write_config(tmp_path, """
        site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
        theme: {name: material, language: de}
        plugins:
          - search
          - i18n:
              languages:
                - {locale: en, name: English}
                - {locale: de, default: true, name: Deutsch}
        nav:
          - Start: index.md
          - Eins: eins.md
          - zwei.md
          - Planer: planer.md
          - Mehr:
              - Drei: drei.md
          - Vier: vier.md
    """)
    assert facts.languages(config) == ("de", "en")
    assert facts.default_language(config) == "de"
    checklists = tmp_path / "checklists"
    checklists.mkdir()
    for name in ("eins", "zwei", "vier"):
        (checklists / f"{name}.yml").write_text("id: x\n", encoding="utf-8")
    # A top-level page without a checklist (a tool page such as the planner) is not a phase.
    assert facts.phases(config, checklists) == ("eins", "zwei")


def test_the_real_site_s_facts_match_its_pages():
    assert facts.DEFAULT_LANGUAGE == facts.LANGUAGES[0]
    suffixes = {lang for by_lang in page_files().values() for lang in by_lang}
    assert suffixes == set(facts.LANGUAGES)
    assert facts.PHASES and all(f"{name}.md" in page_files() for name in facts.PHASES)


def test_the_scripts_check_ids_with_the_same_pattern_as_the_build():
    found = {}
    for script in sorted((REPO_ROOT / "overrides" / "assets").rglob("*.js")):
        for pattern in JS_ID_PATTERN.findall(script.read_text(encoding="utf-8")):
            found[f"{script.relative_to(REPO_ROOT)}: /{pattern}/"] = re.compile(pattern)
    if not found:
        pytest.skip("no script checks ids itself")
    for where, js in found.items():
        differ = [s for s in SAMPLES if bool(js.fullmatch(s)) != bool(facts.SLUG.fullmatch(s))]
        assert differ == [], f"{where} and site_build.facts.SLUG disagree on {differ}"
