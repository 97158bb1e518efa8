"""site_build.links: the link data (docs/data/links.yml), its validation, directives and URL finding."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from site_build import links
from site_build.directives import DirectiveError, expand
from site_build.errors import ContentError

REPO_ROOT = Path(__file__).resolve().parents[3]
SOURCE = Path("/work/shared/source/handreiking-hervestigers-2020.md")

# Fixed ids: the pages and checklists already use them.
BRIEF_IDS = """
vluchtelingenwerk-uitgenodigde-vluchtelingen coa-huisvesting-vergunninghouders pharos-gun-ons-de-tijd
iom-hervestiging unhcr-hervestiging-faq resettlement-eu vng-huisvesting-statushouders
cbs-statline-hervestigde-vluchtelingen cbs-uitgenodigde-vluchtelingen-2017 europarl-eu-resettlement-framework
kis-organisaties-ondersteuning-vluchtelingen nji-informele-opvoedsteun coa-handboek-hervestiging
coa-hervestiging-vluchtelingen coa-voor-gemeenten unhcr-hervestiging eu-verhaal-syrie
vluchtelingenwerk-verhaal-biniam vluchtelingenwerk-verhaal-gabriel-ftoen vluchtelingenwerk-column-armen-melkonian
coa-communicatie-overzicht-tvs regioplan-opvang-uitgenodigde-vluchtelingen-2012
emn-hervestiging-humanitaire-toelating-2016 coa-meedoen-2015 wodc-directe-huisvesting kis verwey-jonker
""".split()

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

def test_every_fixed_id_exists():
    data = links.load()
    missing = sorted(set(BRIEF_IDS) - set(data.by_id))
    assert not missing, f"published link ids removed from links.yml: {missing}"


def test_every_url_of_the_guides_link_chapter_is_carried_over():
    """Each URL of 'Handige links en verder lezen' and the colofon, extraction faults fixed."""
    text = SOURCE.read_text(encoding="utf-8") if SOURCE.exists() else pytest.skip("source text not available")
    chapter = text[text.index("# Handige links en verder lezen"):]
    urls = set()
    for url in re.findall(r"https?://[^\s<>()\[\]]+", chapter):
        url = url.replace("\\\\_", "_").replace("\\_", "_").rstrip(".")
        urls.add(url)
    data_urls = {link.url for link in links.load().links if link.url}
    assert urls <= data_urls, sorted(urls - data_urls)


def test_guide_categories_as_in_the_guide():
    data = links.load()
    category = {link.id: link.category for link in data.links}
    # The guide's own sections first, in its order; sections the site adds come after them.
    assert [c.id for c in data.categories][:5] == [
        "extra-informatie", "beleidsdocumenten", "voorlichtingsmateriaal", "communicatie-coa-gemeenten",
        "eerdere-onderzoeken"]
    assert category["nji-informele-opvoedsteun"] == "extra-informatie"
    assert category["coa-handboek-hervestiging"] == "beleidsdocumenten"
    assert category["eu-verhaal-syrie"] == "voorlichtingsmateriaal"
    assert category["coa-communicatie-overzicht-tvs"] == "communicatie-coa-gemeenten"
    assert category["pharos-gun-ons-de-tijd"] == "eerdere-onderzoeken"
    assert category["kis"] == category["verwey-jonker"] == "uitgever"


def test_extraction_faults_are_fixed_and_not_online_sources_are_marked():
    data = links.load()
    values = [v for link in data.links for f in link.__dict__.values()
              for v in (f.values() if isinstance(f, dict) else [f]) if isinstance(v, str)]
    assert not [v for v in values if "VluchtingenWerk" in v or "\\" in v or "](" in v]
    offline = {link.id for link in data.links if not link.online}
    assert offline == {"coa-handboek-hervestiging", "coa-communicatie-overzicht-tvs"}
    assert all(link.url is None for link in data.links if not link.online)
    pdfs = {link.id for link in data.links if link.type == "pdf"}
    assert {"pharos-gun-ons-de-tijd", "nji-informele-opvoedsteun", "coa-meedoen-2015"} <= pdfs


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

def test_extract_urls_finds_link_data_and_inline_links_with_lines(tmp_path):
    page = tmp_path / "page.nl.md"
    page.write_text(textwrap.dedent("""\
        # Titel

        Zie [de site](https://inline.example/a#deel) en <https://auto.example/>.
        [www.kis.nl]({{ url("kis") }}) is geen URL in de tekst.
        [kapot](https://exa mple.nl/) en [met titel](https://titel.example/ "Titel").

        ```
        https://in-code.example/
        ```
        """), encoding="utf-8")
    found = links.extract_urls([page, REPO_ROOT / "docs" / "data" / "links.yml"])
    by_url = {f.url: f for f in found}
    assert (by_url["https://inline.example/a#deel"].line, by_url["https://auto.example/"].line) == (3, 3)
    assert "https://in-code.example/" not in by_url and "www.kis.nl" not in by_url
    assert by_url["https://exa mple.nl/"].line == 5  # reported as malformed, not cut at the space
    assert "https://titel.example/" in by_url
    data = links.load()
    pharos = by_url[data.by_id["pharos-gun-ons-de-tijd"].url]
    assert pharos.file == "docs/data/links.yml"
    line = (REPO_ROOT / "docs/data/links.yml").read_text().splitlines()[pharos.line - 1]
    assert line.strip() == f"url: {data.by_id['pharos-gun-ons-de-tijd'].url}"
    assert len([f for f in found if f.file == "docs/data/links.yml"]) == sum(1 for l in data.links if l.url)


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
    found = {f.url for f in links.urls_in_link_data((tmp_path / "links.yml").read_text(), "links.yml")}
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
