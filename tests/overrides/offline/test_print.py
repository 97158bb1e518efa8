"""Printing (overrides/assets/print/print.css) and the printable whole guide
(scripts/site_build/whole_guide.py): what a municipal officer prints for a meeting."""
from __future__ import annotations

import io
import json
import re
import urllib.parse

import pypdf
import pytest
from site_build.whole_guide import PAGE_DIR
from site_checks import audits


def catalog(built_site, lang):
    return json.loads((built_site / "assets" / "checklist" / f"catalog.{lang}.json").read_text(encoding="utf-8"))


def words(text: str) -> str:
    """Text as a PDF gives it back: line breaks and hyphenation differ, so compare words only."""
    text = re.sub(r"\{:[^}]*\}", "", text)  # Markdown attribute lists left in the catalog's text
    return " ".join(re.findall(r"[\w']+", text.replace("’", "'")))


def pdf_text(page) -> str:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(p.extract_text() for p in reader.pages)


def external_links(page) -> list[str]:
    return page.eval_on_selector_all("article a[href^='http']", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("lang", audits.LANGUAGES)
def test_printed_phase_page_has_its_checklist_and_the_urls_of_its_links(tab, site_url, built_site, lang):
    checklist = next(c for c in catalog(built_site, lang)["checklists"])
    prefix = "" if lang == "nl" else f"{lang}/"
    tab.goto(site_url + prefix + checklist["id"] + "/", wait_until="networkidle")
    links = external_links(tab)
    header = tab.locator(".md-header").inner_text()
    text = pdf_text(tab)
    flat = text.replace("\n", "")
    assert links, "the phase page has no external link to check"
    for href in links:
        assert href in flat, f"printed page lacks the address {href}"
    for item in checklist["items"]:
        assert words(item["text"]) in words(text), f"printed page lacks the checklist item {item['id']}"
    # Without the site's furniture: the search field's placeholder and the menu are not printed.
    assert "Zoeken" not in text and "Search" not in text.split("\n")[0]
    assert header.strip().split("\n")[0] not in text.split("\n")[:2]
    assert tab.errors == []


# (Its axe check is the one every page has: tests/site/test_accessibility.py.)
@pytest.mark.parametrize("lang", audits.LANGUAGES)
def test_whole_guide_holds_every_phase_title_and_every_checklist_item(tab, site_url, built_site, lang):
    prefix = "" if lang == "nl" else f"{lang}/"
    checklists = catalog(built_site, lang)["checklists"]
    titles = []
    for checklist in checklists:
        tab.goto(site_url + prefix + checklist["id"] + "/")
        titles.append(tab.locator("article h1").first.inner_text())
    tab.goto(site_url + prefix + PAGE_DIR + "/", wait_until="networkidle")
    sections = tab.locator("section.whole-guide__phase h2").all_inner_texts()
    article = tab.locator("article").inner_text()
    ids = tab.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    # The language switch is one link: to the whole guide in the other language.
    menu = tab.eval_on_selector_all("a.md-select__link", "links => links.map(a => a.href)")
    boxes = tab.locator("[data-checklist] input[type=checkbox]").count()
    assert [" ".join(t.split()) for t in sections] == [" ".join(t.split()) for t in titles]
    for checklist in checklists:
        for item in checklist["items"]:
            assert words(item["text"]) in words(article), f"whole guide lacks {checklist['id']}: {item['id']}"
    assert boxes == sum(len(c["items"]) for c in checklists)
    assert len(ids) == len(set(ids)), "an id is used twice"
    assert [urllib.parse.urlsplit(h).path for h in menu] == [
        urllib.parse.urlsplit(site_url).path + ("" if other == "nl" else f"{other}/") + PAGE_DIR + "/"
        for other in audits.LANGUAGES if other != lang]
    assert tab.errors == []


def test_whole_guide_prints_each_phase_with_its_sources(tab, site_url, built_site):
    tab.goto(site_url + PAGE_DIR + "/", wait_until="networkidle")
    notes = tab.locator("section.whole-guide__phase .page-source").all_inner_texts()
    links = external_links(tab)
    text = pdf_text(tab).replace("\n", "")
    assert len(notes) == len(catalog(built_site, "nl")["checklists"])
    for href in set(links):
        assert href in text, f"printed whole guide lacks the address {href}"
    assert tab.errors == []


@pytest.mark.parametrize("site_page", audits.source_pages(), ids=lambda p: p.label)
def test_every_page_links_the_whole_guide_of_its_language_in_the_footer(built_site, site_page):
    html = (built_site / site_page.file).read_text(encoding="utf-8")
    footer = html[html.index('<footer class="md-footer">'):]
    links = re.findall(r'<a href="([^"]+)" class="md-copyright__whole-guide">', footer)
    assert len(links) == 1, site_page.label
    target = urllib.parse.urljoin("http://site/" + site_page.path, links[0])
    assert target == "http://site/" + ("" if site_page.lang == "nl" else f"{site_page.lang}/") + PAGE_DIR + "/"


def test_whole_guide_text_missing_a_language_names_file_and_line(tmp_path):
    from site_build.errors import ContentError
    from site_build.whole_guide import texts

    data = tmp_path / "print.yml"
    data.write_text("title:\n  nl: De hele gids\nintro:\n  nl: Alles.\n  en: All.\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        texts(data)
    assert error.value.line == 2 and "'title' has no text for 'en'" in str(error.value)
