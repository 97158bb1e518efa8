"""Search that answers: the first result of a realistic question is the passage, and opening
it shows that passage, on a phone (360×640, touch), in each language, one question after another.

The questions are data (tests/site/search_cases.yml). A case naming a page or an anchor that
does not exist fails with the file and line, so a renamed heading cannot pass unnoticed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from site_build.datafiles import DEFAULT_LANGUAGE, DOCS_DIR, LANGUAGES, display_path, load_yaml
from site_build.errors import ContentError
from site_checks import audits

CASES_FILE = Path(__file__).with_name("search_cases.yml")
SEARCH_WORKER = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "search" / "search-worker.js"
MIN_CASES = 10


@dataclass(frozen=True)
class Case:
    lang: str
    query: str
    page: str
    anchor: str
    where: str  # file:line

    @property
    def path(self) -> str:
        """URL path from the site root: '' for the Dutch home page, 'en/plaatsing/'."""
        prefix = "" if self.lang == DEFAULT_LANGUAGE else f"{self.lang}/"
        return prefix + ("" if self.page == "index" else f"{self.page}/")


def load_cases(path: Path = CASES_FILE, docs_dir: Path = DOCS_DIR) -> list[Case]:
    """Every case, checked against docs/: a missing page is a ContentError naming file and line."""
    data = load_yaml(path)
    shown = display_path(path)
    cases = []
    for lang in LANGUAGES:
        entries = data.get(lang) if isinstance(data, dict) else None
        if not isinstance(entries, list) or len(entries) < MIN_CASES:
            raise ContentError(shown, getattr(data, "line", None), f"fewer than {MIN_CASES} '{lang}' cases",
                               f"add realistic questions under '{lang}:'")
        for entry in entries:
            fields = {key: entry.get(key) if isinstance(entry, dict) else None for key in ("query", "page", "anchor")}
            line = getattr(entry, "line", None)
            missing = [key for key, value in fields.items() if not isinstance(value, str) or not value.strip()]
            if missing:
                raise ContentError(shown, line, f"search case without {', '.join(missing)}",
                                   "write {query: ..., page: ..., anchor: ...}")
            if not (Path(docs_dir) / f"{fields['page']}.{lang}.md").is_file():
                raise ContentError(shown, entry.line_of("page"), f"no page '{fields['page']}' in {lang}",
                                   f"the page is docs/<page>.{lang}.md; write its name without language")
            cases.append(Case(lang, fields["query"], fields["page"], fields["anchor"], f"{shown}:{entry.line}"))
    return cases


def missing_anchors(cases: list[Case], site_dir: Path) -> list[str]:
    """'file:line: ...' for each case whose anchor is not an id on its built page."""
    problems = []
    for case in cases:
        html = (Path(site_dir) / case.path / "index.html").read_text(encoding="utf-8")
        if not re.search(rf'\bid="{re.escape(case.anchor)}"', html):
            problems.append(f"{case.where}: no id '{case.anchor}' on {case.path or '/'} (renamed heading or term?)")
    return problems


try:
    CASES = load_cases()
except ContentError as error:  # reported by the test below, not as a collection traceback
    CASES, CASES_ERROR = [], str(error)
else:
    CASES_ERROR = None


def test_the_search_cases_name_existing_pages_and_anchors(built_site):
    assert CASES_ERROR is None, CASES_ERROR
    assert missing_anchors(CASES, built_site) == []


def test_a_case_naming_a_missing_page_or_anchor_fails_with_file_and_line(tmp_path, built_site):
    good = "\n".join(f"  - {{query: q{i}, page: begrippen, anchor: letter-a}}" for i in range(MIN_CASES))
    cases = tmp_path / "cases.yml"
    cases.write_text(f"nl:\n{good}\n  - {{query: x, page: bestaat-niet, anchor: a}}\nen:\n{good}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_cases(cases)
    assert f"cases.yml:{MIN_CASES + 2}: no page 'bestaat-niet' in nl" in str(error.value)
    cases.write_text(f"nl:\n{good}\n  - {{query: x, page: begrippen, anchor: geen-term}}\nen:\n{good}\n",
                     encoding="utf-8")
    problems = missing_anchors(load_cases(cases), built_site)
    assert len(problems) == 1 and f"cases.yml:{MIN_CASES + 2}: no id 'geen-term'" in problems[0], problems


def test_the_link_directory_the_search_ranks_after_the_passages_is_a_page():
    """search-worker.js names the link directory by its path; a renamed page must not silently undo that."""
    match = re.search(r'^const SOURCES = "([^"/]+)/"', SEARCH_WORKER.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{display_path(SEARCH_WORKER)}: no `const SOURCES = \"<page>/\"`"
    for lang in LANGUAGES:
        assert (Path(DOCS_DIR) / f"{match[1]}.{lang}.md").is_file(), \
            f"{display_path(SEARCH_WORKER)}: SOURCES names '{match[1]}/', but there is no docs/{match[1]}.{lang}.md"


def search_and_open_first(page, case: Case) -> str | None:
    """Search for the case's query on the page shown and open the first result; what went wrong, or None."""
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.locator(audits.SEARCH_BUTTON).tap()
    page.locator(".md-search__input").fill(case.query)
    page.keyboard.press("End")  # Material searches on key release
    first = page.locator(".md-search-result__item a").first
    try:
        first.wait_for(timeout=10_000)
    except PlaywrightTimeoutError:
        return f"{case.where}: no results for {case.query!r}"
    page.wait_for_timeout(200)  # the results of the whole query, not of an earlier keystroke
    href = page.evaluate("a => a.href", first.element_handle())
    url = urlsplit(href)
    if f"{url.path}#{url.fragment}" != f"/{case.path}#{case.anchor}":
        shown = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()[:3]]
        return f"{case.where}: first results for {case.query!r}: {shown}"
    first.tap()
    page.wait_for_url(re.compile(re.escape(case.anchor) + "$"))
    page.wait_for_timeout(300)
    box = page.evaluate("""id => { const el = document.getElementById(id); const r = el.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return {top: r.top, bottom: r.bottom, header, height: innerHeight}; }""", case.anchor)
    if not (box["top"] >= box["header"] - 2 and box["top"] < box["height"]):
        return f"{case.where}: {case.query!r}: passage not in view: {box}"
    return None


# Every case of a language in one tab, as a reader looks up one answer after another: each search
# starts on the page the case before opened (the first on the home page), so a case costs one page
# view. Every case is tried; the report names each that failed, with its file and line.
@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_result_is_the_passage_and_opening_it_shows_it(phone_tab, site_url, lang):
    page = phone_tab
    root = site_url if lang == DEFAULT_LANGUAGE else f"{site_url}{lang}/"
    cases = [case for case in CASES if case.lang == lang]
    assert cases, f"no search cases for '{lang}'"
    page.goto(root, wait_until="networkidle")
    failed = []
    for case in cases:
        try:
            problem = search_and_open_first(page, case)
        except Exception as error:  # Playwright's TimeoutError and Error: reported with the case
            problem = f"{case.where}: {case.query!r}: {str(error).strip().splitlines()[0]}"
        if problem:
            failed.append(problem)
            page.goto(root, wait_until="networkidle")  # the next case starts afresh
    assert failed == [], "search cases whose first result is not the passage:\n" + "\n".join(failed)
    assert page.errors == []
