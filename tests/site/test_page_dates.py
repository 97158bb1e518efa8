"""Honest dates on every built page: where the text comes from and when the page last changed,
in the page's language, and no claim of a check against current rules the page did not have.

The guide describes January 2020. A page may say it was checked against current rules only
when its front matter records that check (``checked``); a "changed since 2020" note carries
its own check date and sources, and the link directory the date of the last link check.
"""
from __future__ import annotations

import html
import re

import pytest
from site_build import pages
from site_checks import audits

# Pages from Markdown: the 404, offline and whole-guide pages stand in for or copy others.
PAGES = [p for p in audits.source_pages() if p.name not in audits.NOT_INDEXED]
SOURCE_LINE = re.compile(r'<p class="page-source">(.*?)</p>', re.S)
# Parts of a page that may state a check, each with its own date and subject.
OWN_CHECKS = re.compile(
    r'<div class="admonition info since-2020".*?</div>|<span class="link-directory__check[^"]*">.*?</span>', re.S)
REVIEW_CLAIM = re.compile(r"laatst gecontroleerd|last reviewed|(?:gecontroleerd|checked|reviewed) on \d|gecontroleerd op \d"
                          r"|aan de hand van de actuele|against current rules|checked against", re.I)


def front_matter(site_page):
    by_lang = pages.page_files()[f"{site_page.name}.md"]
    return pages.read_front_matter(by_lang[site_page.lang])


def built(built_site, site_page) -> str:
    return (built_site / site_page.file).read_text(encoding="utf-8")


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.label)
def test_page_shows_its_source_and_change_date_in_its_language(built_site, site_page):
    meta = front_matter(site_page)
    found = SOURCE_LINE.findall(built(built_site, site_page))
    assert len(found) == 1, f"{site_page.label}: expected one source line under the page, found {len(found)}"
    shown = html.unescape(found[0])
    changed = pages.format_date(meta["page_changed"], site_page.lang)
    if site_page.lang == "nl":
        assert f"voor het laatst gewijzigd op {changed}" in shown, shown
        assert ("januari 2020" in shown) if "source_pages" in meta else ("deze website" in shown), shown
    else:
        assert f"last changed on {changed}" in shown, shown
        assert ("January 2020" in shown) if "source_pages" in meta else ("this website" in shown), shown
    if "source_pages" in meta:
        assert f"p. {str(meta['source_pages']).replace('-', '–')}" in shown, shown


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.label)
def test_no_page_claims_a_check_it_did_not_have(built_site, site_page):
    meta = front_matter(site_page)
    page = built(built_site, site_page)
    main = page[page.find('<article'):page.find('</article>')]
    text = html.unescape(re.sub(r"<[^>]+>", " ", OWN_CHECKS.sub(" ", main)))
    source_line = html.unescape(SOURCE_LINE.findall(page)[0])
    if "checked" in meta:
        against = meta["checked"]["against"][site_page.lang]
        assert against in source_line, f"{site_page.label}: the recorded check is not shown"
    else:
        assert not REVIEW_CLAIM.search(source_line), f"{site_page.label}: source line claims a check: {source_line}"
        claims = [m.group(0) for m in REVIEW_CLAIM.finditer(text.replace(source_line, ""))]
        assert not claims, f"{site_page.label}: the page text claims a check it did not have: {claims}"
