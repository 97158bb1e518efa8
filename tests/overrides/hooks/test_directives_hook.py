"""overrides/hooks/directives.py: the page's acronyms are marked up as before, with less Markdown to parse.

The hook appends only the abbreviation definitions of the acronyms a page uses. That must
render every page of the guide exactly as appending the whole glossary does.
"""
from __future__ import annotations

import os

import markdown
import pytest
from site_build import glossary
from site_build.directives import expand
from site_build.pages import FRONT_MATTER
from helpers import REPO_ROOT

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
from mkdocs.config import load_config  # noqa: E402

PAGES = sorted((REPO_ROOT / "docs").glob("*.md"))


@pytest.fixture(scope="module")
def to_html():
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))

    def convert(text: str) -> str:
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
        return md.convert(text)

    return convert


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_only_the_used_acronyms_render_the_page_as_all_of_them(path, to_html):
    lang = path.name.split(".")[-2]
    text = path.read_text(encoding="utf-8")
    body = expand(text[FRONT_MATTER.match(text).end():], lang, str(path))
    used = glossary.abbreviations(lang, used_in=body)
    html = to_html(body + "\n\n" + used)
    assert html == to_html(body + "\n\n" + glossary.abbreviations(lang))
    assert ("<abbr title=" in html) == bool(used)  # each definition appended marks something on the page
