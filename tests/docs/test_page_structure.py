"""Every page's Dutch and English versions have the same structure, and complete front matter.

A translator who drops a section, a checklist, a link or a quote, or who gives a quote a
speaker outside the fixed set, is told which page and what differs.
"""
from __future__ import annotations

import pytest
from page_content import SPEAKERS, body, checklists, heading_levels, link_ids, pages, quotes
from site_build.errors import ContentError
from site_build.pages import read_front_matter

PAGES = pages()


def both(base: str) -> tuple[str, str]:
    return body(PAGES[base]["nl"]), body(PAGES[base]["en"])


@pytest.mark.parametrize("base", sorted(PAGES))
def test_same_number_of_headings_per_level(base):
    nl, en = both(base)
    assert heading_levels(nl) == heading_levels(en), (
        f"{base}: headings per level differ (level: count) nl {heading_levels(nl)} vs en {heading_levels(en)}"
    )


@pytest.mark.parametrize("base", sorted(PAGES))
def test_page_starts_with_its_only_title(base):
    for lang, path in PAGES[base].items():
        text = body(path)
        first = next((line for line in text.split("\n") if line.strip()), "")
        assert first.startswith("# "), f"{path.name}: the page must start with '# Title', found {first!r}"
        assert heading_levels(text).get(1) == 1, f"{path.name}: more than one '# ' title"


@pytest.mark.parametrize("base", sorted(PAGES))
def test_same_checklists_in_same_order(base):
    nl, en = both(base)
    assert checklists(nl) == checklists(en), f"{base}: checklist directives differ"


@pytest.mark.parametrize("base", sorted(PAGES))
def test_same_links(base):
    nl, en = both(base)
    assert link_ids(nl) == link_ids(en), (
        f"{base}: only in nl: {sorted(link_ids(nl) - link_ids(en))}, only in en: {sorted(link_ids(en) - link_ids(nl))}"
    )


@pytest.mark.parametrize("base", sorted(PAGES))
def test_same_quotes_with_corresponding_speakers(base):
    nl, en = (quotes(text) for text in both(base))
    assert len(nl) == len(en), f"{base}: {len(nl)} quotes in nl, {len(en)} in en"
    for lang, found in (("nl", nl), ("en", en)):
        for quote in found:
            assert quote.speaker in SPEAKERS[lang], (
                f"{base} ({lang}): speaker {quote.speaker!r} is not one of {SPEAKERS[lang]}"
            )
            assert quote.text, f"{base} ({lang}): a guide-quote figure without '> ' quote text"
    to_en = dict(zip(SPEAKERS["nl"], SPEAKERS["en"]))
    assert [to_en[q.speaker] for q in nl] == [q.speaker for q in en], f"{base}: quote speakers differ in order"


@pytest.mark.parametrize("path", [p for langs in PAGES.values() for p in langs.values()], ids=lambda p: p.name)
def test_front_matter_has_description(path):
    try:
        meta = read_front_matter(path)
    except ContentError as exc:
        pytest.fail(str(exc))
    assert len(meta["description"].split()) >= 8, f"{path.name}: description too short to be a useful snippet"


@pytest.mark.parametrize("base", sorted(PAGES))
def test_descriptions_are_translated(base):
    nl = read_front_matter(PAGES[base]["nl"])["description"]
    en = read_front_matter(PAGES[base]["en"])["description"]
    assert nl != en, f"{base}: the English description is a copy of the Dutch one"
