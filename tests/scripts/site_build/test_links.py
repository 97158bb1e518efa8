"""site_build.links: the link data (docs/data/links.yml), its validation and directives.

Finding the URLs to check is the link checker's (tests/scripts/test_check_links.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_build import links
from site_checks.link_check import sources
from site_build.directives import DirectiveError, expand
from site_build.errors import ContentError

REPO_ROOT = Path(__file__).resolve().parents[3]
# The guide's own text (tests/fixtures/source/README.md says where it comes from).
SOURCE = REPO_ROOT / "tests" / "fixtures" / "source" / "handreiking-hervestigers-2020.md"
# Where pages and checklists refer to a link entry: {{ url("id") }} and {{ link("id") }}.
LINK_REFERENCE = re.compile(r"""\{\{\s*(?:url|link)\(\s*"([^"]*)"\s*\)\s*\}\}""")
GUIDE_URL = re.compile(r"https?://[^\s<>()\[\]]+")


def guide_url(url: str) -> str:
    """A URL as the guide's text gives it, with the extraction's escapes undone."""
    return url.replace("\\\\_", "_").replace("\\_", "_").rstrip(".")


def link_chapter_sections() -> dict[str, str]:
    """The sections of the guide's chapter 'Handige links en verder lezen' and its colofon: {heading: text}."""
    text = SOURCE.read_text(encoding="utf-8")
    chapter = text[text.index("# Handige links en verder lezen"):]
    parts = re.split(r"^## (.+)$", chapter, flags=re.M)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2])}


VALID_ENTRY = """\
  - id: {id}
    url: {url}
    title: {{nl: Titel, en: Title}}
    description: {{nl: Beschrijving., en: Description.}}
    organisation: COA
    category: {category}
    type: {type}
    language: nl
"""
HEADER = "categories:\n  - id: extra-informatie\n    title: {nl: Extra informatie, en: Further information}\nlinks:\n"


def write(tmp_path, body: str) -> Path:
    path = tmp_path / "links.yml"
    path.write_text(body, encoding="utf-8")
    return path


def entry(**fields) -> str:
    values = {"id": "a", "url": "https://www.coa.nl/a", "category": "extra-informatie", "type": "page", **fields}
    return VALID_ENTRY.format(**values)


# --- The real data ------------------------------------------------------------------

def test_every_id_the_pages_and_checklists_use_exists():
    used = {}
    checklists = sorted((REPO_ROOT / "docs" / "data" / "checklists").glob("*.yml"))
    for path in [*sorted((REPO_ROOT / "docs").glob("*.md")), *checklists]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for link_id in LINK_REFERENCE.findall(line):
                used.setdefault(link_id, f"{path.relative_to(REPO_ROOT)}:{number}")
    assert used, "no page refers to the link data"
    missing = {link_id: where for link_id, where in used.items() if link_id not in links.load().by_id}
    assert missing == {}


def test_every_url_of_the_guides_link_chapter_is_carried_over():
    """Each URL of 'Handige links en verder lezen' and the colofon, extraction faults fixed."""
    urls = {guide_url(url) for body in link_chapter_sections().values() for url in GUIDE_URL.findall(body)}
    assert urls
    data_urls = {link.url for link in links.load().links if link.url}
    assert urls <= data_urls, sorted(urls - data_urls)


def test_guide_categories_as_in_the_guide():
    """The categories are the guide's sections, in its order; each entry sits in the section the guide lists it in."""
    data = links.load()
    sections = {heading: body for heading, body in link_chapter_sections().items() if heading != "Colofon"}
    titles = [c.title["nl"].upper() for c in data.categories]
    assert titles[:len(sections)] == list(sections), "categories are not the guide's sections in its order"
    by_url = {link.url: link for link in data.links if link.url}
    for category, body in zip(data.categories, sections.values()):
        for url in map(guide_url, GUIDE_URL.findall(body)):
            assert by_url[url].category == category.id, (url, by_url[url].category, category.id)
        # The guide lists sources that are not online without a URL: as many as the category holds.
        without_url = [line for line in re.findall(r"^- (.+)$", body, re.M)
                       if not GUIDE_URL.search(line) and not line.rstrip().endswith(":")]
        offline = [link.id for link in data.links if link.category == category.id and not link.online]
        assert len(offline) == len(without_url), (category.id, offline, without_url)
    # The publishers named in the colofon form one category of their own, after the guide's sections.
    guide_sections = [c.id for c in data.categories[:len(sections)]]
    colofon = [by_url[url].category for url in map(guide_url, GUIDE_URL.findall(link_chapter_sections()["Colofon"]))
               if url in by_url and by_url[url].category not in guide_sections]
    assert colofon and len(set(colofon)) == 1, colofon


def test_extraction_faults_are_fixed_and_not_online_sources_are_marked():
    data = links.load()
    values = [v for link in data.links for f in link.__dict__.values()
              for v in (f.values() if isinstance(f, dict) else [f]) if isinstance(v, str)]
    assert not [v for v in values if "VluchtingenWerk" in v or "\\" in v or "](" in v]
    assert any(not link.online for link in data.links)
    assert all(link.url is None for link in data.links if not link.online)
    pdf_urls = [link for link in data.links if link.url and urlsplit(link.url).path.lower().endswith(".pdf")]
    assert pdf_urls and all(link.type == "pdf" for link in pdf_urls), [l.id for l in pdf_urls if l.type != "pdf"]


# --- Validation: file, line and field named -----------------------------------------

def test_duplicate_id_names_file_line_and_field(tmp_path):
    path = write(tmp_path, HEADER + entry() + entry(url="https://www.coa.nl/b"))
    with pytest.raises(ContentError) as error:
        links.load(path)
    assert error.value.line == 13
    assert "duplicate id 'a'" in error.value.message and "field 'id'" in error.value.message
    assert str(error.value).startswith(f"{path}:13:")


def test_missing_required_field_names_the_field(tmp_path):
    path = write(tmp_path, HEADER + entry().replace("    organisation: COA\n", ""))
    with pytest.raises(ContentError, match=r"link 'a': field 'organisation' is missing") as error:
        links.load(path)
    assert error.value.line == 5


def test_missing_translation_names_the_language(tmp_path):
    path = write(tmp_path, HEADER + entry().replace("{nl: Titel, en: Title}", "{nl: Titel}"))
    with pytest.raises(ContentError, match=r"'title' has no 'en' text") as error:
        links.load(path)
    assert error.value.line == 7


@pytest.mark.parametrize("url", ["www.coa.nl/a", "https://www.pharos.nl/gun\\\\_ons.pdf", "https://exa mple.nl/", "https://"])
def test_malformed_url_names_line_and_field(tmp_path, url):
    path = write(tmp_path, HEADER + entry(url=f'"{url}"'))
    with pytest.raises(ContentError, match=r"field 'url'") as error:
        links.load(path)
    assert error.value.line == 6


def test_unknown_category_and_type(tmp_path):
    with pytest.raises(ContentError, match=r"unknown category 'folders'.*field 'category'") as error:
        links.load(write(tmp_path, HEADER + entry(category="folders")))
    assert error.value.line == 10 and "extra-informatie" in error.value.hint
    with pytest.raises(ContentError, match=r"unknown type 'book'") as error:
        links.load(write(tmp_path, HEADER + entry(type="book")))
    assert error.value.line == 11


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, HEADER + entry().replace("language: nl", "language: [nl"))
    with pytest.raises(ContentError, match="invalid YAML") as error:
        links.load(path)
    assert error.value.line and error.value.line >= 12


def test_misspelt_field_is_caught(tmp_path):
    path = write(tmp_path, HEADER + entry() + "    archief: https://web.archive.org/\n")
    with pytest.raises(ContentError, match=r"unknown field 'archief'") as error:
        links.load(path)
    assert "archived" in error.value.hint


def test_not_online_source_must_not_have_a_url(tmp_path):
    path = write(tmp_path, HEADER + entry() + "    online: false\n")
    with pytest.raises(ContentError, match="'online: false'"):
        links.load(path)


# --- Directives -----------------------------------------------------------------------

def test_url_directive_in_a_markdown_link():
    out = expand('[de taakstelling]({{ url("coa-huisvesting-vergunninghouders") }})', "nl", "docs/x.nl.md")
    assert out == "[de taakstelling](https://www.coa.nl/nl/asielopvang/huisvesting-vergunninghouders)"


def test_unknown_id_fails_with_file_line_and_a_suggestion():
    with pytest.raises(ContentError) as error:
        expand('\n[x]({{ url("coa-voor-gemeente") }})', "nl", "docs/x.nl.md")
    assert (error.value.path, error.value.line) == ("docs/x.nl.md", 2)
    assert "coa-voor-gemeenten" in error.value.hint


def test_url_of_a_source_that_is_not_online_is_an_error():
    with pytest.raises(DirectiveError, match="not online"):
        links.render_url("coa-handboek-hervestiging", "nl")


def test_link_directive_marks_pdf_language_and_offline_sources():
    assert links.render_link("pharos-gun-ons-de-tijd", "nl") == (
        "[Gun ons de tijd (PDF)](https://www.pharos.nl/wp-content/uploads/2018/10/gun_ons_de_tijd.pdf)")
    assert links.render_link("coa-meedoen-2015", "en").startswith("[Meedoen (Taking part; PDF, in Dutch)](https://")
    assert links.render_link("coa-voor-gemeenten", "en").endswith('{: hreflang="nl" }')
    assert links.render_link("coa-handboek-hervestiging", "en") == (
        "*Resettlement handbook (Handboek hervestiging)* (not publicly available online)")
    assert links.render_link("coa-communicatie-overzicht-tvs", "nl").endswith("(niet openbaar online)")


def test_directory_groups_every_entry_by_category_in_the_page_language(monkeypatch, tmp_path):
    monkeypatch.setenv("LINK_REPORT", str(tmp_path / "absent.json"))
    data = links.load()
    html = links.render_directory(None, "en")
    assert html.count('class="link-directory__entry"') == len(data.links)
    positions = [html.index(f"## {c.title['en']} {{#{c.id}}}") for c in data.categories]
    assert positions == sorted(positions)
    entry = html[html.index('id="link-pharos-gun-ons-de-tijd"'):]
    entry = entry[:entry.index("</li>")]
    assert "Pharos · PDF · in Dutch" in entry
    assert "(not publicly available online)" in html
    assert "<form" in html and " hidden>" in html  # filters appear only with JavaScript
    assert "Nederlandstalig" in links.render_directory(None, "nl")
    assert "Checked on" not in html


def test_directory_shows_the_last_check_from_a_report(monkeypatch, tmp_path):
    report = tmp_path / "report.json"
    results = [
        {"url": links.load().by_id["kis"].url, "verdict": "redirect", "status": 200, "final_url": "https://www.kis.nl/",
         "sources": [], "detail": "moved"},
        {"url": links.load().by_id["coa-meedoen-2015"].url, "verdict": "broken", "status": 404, "final_url": None,
         "sources": [], "detail": "HTTP 404"},
    ]
    statline = links.load().by_id["cbs-statline-hervestigde-vluchtelingen"].url  # has a #fragment
    results.append({"url": statline.split("#")[0], "verdict": "ok", "status": 200, "final_url": None,
                    "sources": [], "detail": ""})
    report.write_text(json.dumps({"results": results, "summary": {"checked_at": "2026-12-03T05:00:00+00:00"}}))
    monkeypatch.setenv("LINK_REPORT", str(report))
    html = links.render_directory(None, "nl")
    assert "Gecontroleerd op 3 december 2026: verhuisd" in html
    assert "Gecontroleerd op 3 december 2026: niet bereikbaar" in html
    statline_entry = html[html.index('id="link-cbs-statline-hervestigde-vluchtelingen"'):]
    assert "Gecontroleerd op 3 december 2026: werkt" in statline_entry[:statline_entry.index("</li>")]
    assert "Checked on 3 December 2026: not reachable" in links.render_directory(None, "en")


def test_a_corrupt_report_fails_clearly(monkeypatch, tmp_path):
    report = tmp_path / "report.json"
    report.write_text("{not json")
    monkeypatch.setenv("LINK_REPORT", str(report))
    with pytest.raises(ContentError, match="not a link report"):
        links.render_directory(None, "nl")


# --- Finding URLs ----------------------------------------------------------------------

def test_a_duplicate_id_stops_the_real_build_naming_file_and_line(project_copy):
    from helpers import mkdocs_build

    data = project_copy / "docs" / "data" / "links.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("  - id: iom-hervestiging\n", "  - id: kis\n", 1)
    data.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - id: kis") + 1
    result = mkdocs_build(project_copy / "mkdocs.yml", project_copy / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/data/links.yml:" in output and "duplicate id 'kis'" in output
    assert f"also on line {line}" in output
    assert "Traceback" not in output


# --- The source's own date ----------------------------------------------------------

@pytest.mark.parametrize("value, nl, en", [("2022-09-29", "29 september 2022", "29 September 2022"),
                                           ("2023-04", "april 2023", "April 2023"), ("2021", "2021", "2021"),
                                           ("undated", "zonder datum", "undated")])
def test_source_date_is_shown_in_the_directory_in_each_language(tmp_path, value, nl, en, monkeypatch):
    path = write(tmp_path, HEADER + entry() + f"    date: {value}\n")
    data = links.load(path)
    monkeypatch.setattr(links, "load", lambda path=path: data)
    assert links.source_date(data.by_id["a"], "nl") == nl and links.source_date(data.by_id["a"], "en") == en
    assert nl in links.render_directory(None, "nl") and en in links.render_directory(None, "en")


def test_malformed_source_date_names_the_line(tmp_path):
    with pytest.raises(ContentError, match=r"field 'date' must be a date") as error:
        links.load(write(tmp_path, HEADER + entry() + "    date: vorig jaar\n"))
    assert error.value.line == 13


# --- Moved sources: replaced_by (an entry or a new URL) and archived ----------------------

def directory_of(tmp_path, monkeypatch, body: str, lang: str = "nl") -> str:
    data = links.load(write(tmp_path, HEADER + body))
    monkeypatch.setattr(links, "load", lambda path=None: data)
    monkeypatch.setenv("LINK_REPORT", str(tmp_path / "no-report.json"))
    return links.render_directory(None, lang)


def entry_html(html: str, link_id: str) -> str:
    start = html.index(f'id="link-{link_id}"')
    return html[start:html.index("</li>", start)]


def test_moved_source_shows_its_new_address_or_replacement_and_archive(tmp_path, monkeypatch):
    body = (entry(id="oud") + "    replaced_by: https://www.coa.nl/nieuw\n"
            + "    archived: https://web.archive.org/web/2020/https://www.coa.nl/a\n"
            + entry(id="ouder", url="https://www.coa.nl/b") + "    replaced_by: nieuw\n"
            + entry(id="nieuw", url="https://www.coa.nl/c"))
    nl = directory_of(tmp_path, monkeypatch, body)
    assert 'Nieuw adres: <a href="https://www.coa.nl/nieuw">' in entry_html(nl, "oud")
    assert '<a href="https://web.archive.org/web/2020/https://www.coa.nl/a">Gearchiveerde kopie</a>' in entry_html(nl, "oud")
    assert 'Vervangen door: <a href="#link-nieuw">' in entry_html(nl, "ouder")
    en = directory_of(tmp_path, monkeypatch, body, "en")
    assert "New address:" in entry_html(en, "oud") and "Archived copy" in entry_html(en, "oud")
    # The new address is checked like every other link.
    found = {f.url for f in sources.urls_in_link_data((tmp_path / "links.yml").read_text(), "links.yml")}
    assert {"https://www.coa.nl/nieuw", "https://web.archive.org/web/2020/https://www.coa.nl/a"} <= found


@pytest.mark.parametrize("field, value, message", [
    ("replaced_by", "https://exa mple.nl/", "field 'replaced_by' contains a space"),
    ("replaced_by", "bestaat-niet", "field 'replaced_by' names no other entry"),
    ("archived", "web.archive.org/x", "field 'archived' has no scheme"),
])
def test_bad_moved_fields_name_the_line(tmp_path, field, value, message):
    with pytest.raises(ContentError) as error:
        links.load(write(tmp_path, HEADER + entry() + f"    {field}: {value}\n"))
    assert message in error.value.message
    assert error.value.line in (5, 13)  # the field's line, or the entry's for a reference to another entry


def test_redirect_from_the_report_shows_where_the_link_went(monkeypatch, tmp_path):
    link = links.load().by_id["kis"]
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"results": [{"url": link.url, "verdict": "redirect", "status": 301,
                                               "final_url": "https://www.kis.nl/", "sources": [], "detail": "moved"}],
                                  "summary": {"checked_at": "2026-12-03T05:00:00+00:00"}}))
    monkeypatch.setenv("LINK_REPORT", str(report))
    shown = entry_html(links.render_directory(None, "nl"), "kis")
    assert 'Gecontroleerd op 3 december 2026: verhuisd (nu op <a href="https://www.kis.nl/">' in shown
