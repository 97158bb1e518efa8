"""Accessibility gates on every built page, both languages, in headless Chromium.

axe-core (WCAG 2.0/2.1 A and AA) on every page as loaded and with a checklist in use;
with the search dialog open and with the phone menu open once per language (that UI is the
same on every page); the keyboard: skip link, Tab order and visible focus on every page, the
checklists on every page that has one, search and the language menu once per language (and the menu's
links on every page, in the HTML); the accessibility statement and
the footer link to it. The checks are scripts/site_checks/audits.py, the same code
scripts/audit.py runs.
"""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

import pytest
from site_build.facts import LANGUAGES
from site_checks import audits

PAGES = audits.source_pages()
# The offline page's language menu leads to each language's home, as the 404 page's does.
CONTENT_PAGES = [p for p in PAGES if p.name not in ("404", "offline")]
CHECKLIST_PAGES = [p for p in PAGES if p.name in audits.PHASE_PAGES]


def label(site_page) -> str:
    return site_page.label


def load(tab, site_url: str, site_page) -> None:
    tab.goto(site_url + site_page.path, wait_until="networkidle")
    audits.settle(tab)


def test_every_built_page_is_audited(built_site):
    # The tests below are parametrized from the Markdown files; a page built some
    # other way (a plugin, a hook) must not slip through unaudited.
    assert audits.site_pages(built_site) == PAGES


# axe, the Tab walk and the checklist's keys read the same page view, in scripts/audit.py's order: axe
# as loaded, the walk (which only moves the focus), ticking and opening the first checklist item with
# the keyboard, then that item in use and axe again.
@pytest.mark.parametrize("site_page", PAGES, ids=label)
def test_no_axe_violations_and_the_keyboard_reaches_every_control_and_ticks_the_checklist(tab, site_url, site_page):
    load(tab, site_url, site_page)
    found = {"axe as loaded": audits.describe_violations(audits.axe_violations(tab)),
             "keyboard (skip link, Tab order, visible focus)": audits.keyboard_problems(tab),
             "checklist with the keyboard": audits.keyboard_checklist_problems(tab)}
    if audits.use_checklist(tab):
        found["axe with a checklist in use"] = audits.describe_violations(audits.axe_violations(tab))
    else:
        assert site_page not in CHECKLIST_PAGES, f"no checklist on {site_page.label}"
    report = [f"{check}: {line}" for check, lines in found.items() for line in lines]
    assert report == [], "axe-core (WCAG 2.0/2.1 A, AA) violations and keyboard problems:\n" + "\n".join(report)
    assert tab.errors == []


# The search dialog and the phone menu are the same on every page of a language (the header and
# the navigation are rendered by one template): each is checked once per language, on a phase
# page, whose navigation is the deepest.
UI_PAGES = [p for p in PAGES if p.name == audits.PHASE_PAGES[1]]


@pytest.mark.parametrize("site_page", UI_PAGES, ids=label)
def test_no_axe_violations_with_the_search_dialog_open(tab, site_url, site_page):
    load(tab, site_url, site_page)
    assert audits.open_search(tab, audits.SEARCH_QUERIES[site_page.lang], timeout=5_000), "no search results"
    assert tab.locator(".md-search__input").evaluate("el => el === document.activeElement")
    report = audits.describe_violations(audits.axe_violations(tab))
    assert report == [], "axe-core violations with the search dialog open:\n" + "\n".join(report)
    assert tab.errors == []


def test_axe_check_finds_a_violation(tab, site_url):
    # Guards the gate above: axe really runs and reports in the format the tests read.
    load(tab, site_url, PAGES[0])
    tab.evaluate("""() => { const p = document.createElement("p");
        p.textContent = "faint"; p.style.color = "#ddd"; document.querySelector("article").append(p); }""")
    lines = audits.describe_violations(audits.axe_violations(tab))
    assert any(line.startswith("color-contrast (serious)") for line in lines), lines


def test_keyboard_walk_notices_an_unreachable_control_and_a_missing_focus_ring(tab, site_url):
    load(tab, site_url, PAGES[0])
    tab.add_style_tag(content=".md-content a, .md-content a:is(:focus, :focus-visible, :hover) {"
                               " outline: none !important; color: inherit !important; box-shadow: none !important;"
                               " text-decoration: none !important; background: none !important; }")
    tab.evaluate("""() => { const b = document.createElement("button"); b.textContent = "Unreachable";
        b.tabIndex = -1; b.className = "audit-test"; document.querySelector("article").prepend(b); }""")
    problems = audits.keyboard_problems(tab)
    assert any("not reachable with Tab" in p and "Unreachable" in p for p in problems), problems
    assert any(p.startswith("no visible focus indicator on a") for p in problems), problems


def test_checklist_key_check_notices_a_box_space_does_not_tick(tab, site_url):
    # Guards the checklist part of the gate above: a checkbox the Space key leaves alone must fail it.
    load(tab, site_url, CHECKLIST_PAGES[0])
    tab.evaluate("""() => document.addEventListener("keydown", (event) => {
        if (event.key === " " && event.target.matches("input[type=checkbox]")) event.preventDefault(); }, true)""")
    problems = audits.keyboard_checklist_problems(tab)
    assert "Space does not tick the focused checklist item" in problems, problems


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_search_works_with_the_keyboard(tab, site_url, lang):
    start = next(p for p in PAGES if p.name == "voorbereiding" and p.lang == lang)
    load(tab, site_url, start)
    problems = audits.keyboard_search_problems(tab, site_url, lang)
    assert problems == [], "\n".join(problems)


# The language menu is the header's, the same on every page: reaching and using it with the keyboard
# is checked once per language; that it links every page to the same page in the other language is
# checked on every page, in the built HTML.
@pytest.mark.parametrize("site_page", UI_PAGES, ids=label)
def test_language_switch_works_with_the_keyboard(tab, site_url, site_page):
    load(tab, site_url, site_page)
    problems = audits.keyboard_language_switch_problems(tab, site_url, site_page)
    assert problems == [], "\n".join(problems)


LANGUAGE_SWITCH_LINK = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link language-switch__link">')


@pytest.mark.parametrize("site_page", CONTENT_PAGES, ids=label)
def test_language_switch_links_each_page_to_itself_in_the_other_language(built_site, site_page):
    html = (built_site / site_page.file).read_text(encoding="utf-8")
    menu = {lang: href for href, lang in LANGUAGE_SWITCH_LINK.findall(html)}
    others = set(LANGUAGES) - {site_page.lang}
    assert set(menu) == others, f"{site_page.label}: the language switch links to {sorted(menu)}, not {sorted(others)}"
    for lang, href in menu.items():
        assert urljoin("http://site/" + site_page.path, href) == "http://site/" + audits.counterpart(site_page, lang), \
            f"{site_page.label}: the {lang} link goes to {href}"


# --- phone width (also what a desktop browser zoomed to 400 % shows) ---------------------------------
PHONE_PAGES = [p for p in PAGES if p.name in ("index", "voorbereiding", "over", "404")]


@pytest.mark.parametrize("site_page", UI_PAGES, ids=label)
def test_no_axe_violations_at_phone_width_with_the_menu_open(tall_phone_tab, site_url, site_page):
    load(tall_phone_tab, site_url, site_page)
    tall_phone_tab.locator(audits.MENU_BUTTON).click()
    assert tall_phone_tab.evaluate("() => document.getElementById('__drawer').checked")
    found = {"menu open": audits.describe_violations(audits.axe_violations(tall_phone_tab))}
    for name in audits.each_sub_menu_open(tall_phone_tab):
        found[f"sub-menu '{name}' open"] = audits.describe_violations(audits.axe_violations(tall_phone_tab))
    assert len(found) > 1, "the tall_phone_tab menu shows no sub-menu (a phase page has its table of contents)"
    report = [f"{state}: {line}" for state, lines in found.items() for line in lines]
    assert report == [], "axe-core violations at tall_phone_tab width:\n" + "\n".join(report)
    assert tall_phone_tab.errors == []


@pytest.mark.parametrize("site_page", PHONE_PAGES, ids=label)
def test_keyboard_at_phone_width_menu_and_search_buttons(tall_phone_tab, site_url, site_page):
    # Material opens its menu and search with <label>s a keyboard cannot reach; the header has
    # buttons instead (overrides/partials/header.html, assets/keyboard/), and hides what is off-screen.
    load(tall_phone_tab, site_url, site_page)
    problems = audits.keyboard_problems(tall_phone_tab) + audits.keyboard_menu_problems(tall_phone_tab)
    assert problems == [], "\n".join(problems)


def test_sub_menu_check_fails_for_material_s_plain_labels(tall_phone_tab, site_url):
    # Guards the sub-menu part of the check: without keyboard.js's buttons, Material's labels show
    # again, and Tab does not reach them.
    load(tall_phone_tab, site_url, UI_PAGES[0])
    tall_phone_tab.evaluate("() => document.querySelectorAll('.md-nav--primary button[data-nav-toggle]').forEach(b => b.remove())")
    tall_phone_tab.locator(audits.MENU_BUTTON).click()
    problems = audits.keyboard_sub_menu_problems(tall_phone_tab)
    assert len(problems) == 1 and problems[0].startswith("the sub-menu button") and "cannot be reached with Tab" in problems[0]


def test_menu_check_fails_for_a_menu_button_out_of_the_tab_order(tall_phone_tab, site_url):
    # Guards the check above: a menu button Tab skips (as Material's <label> was) must fail it.
    load(tall_phone_tab, site_url, PAGES[0])
    tall_phone_tab.evaluate("s => document.querySelector(s).tabIndex = -1", audits.MENU_BUTTON)
    assert audits.keyboard_menu_problems(tall_phone_tab) == ["the menu button cannot be reached with Tab"]


# --- the accessibility statement ---------------------------------------------------------------
STATEMENT = {"nl": "toegankelijkheid/", "en": "en/toegankelijkheid/"}
STATEMENT_SECTIONS = {  # the parts of a Dutch government accessibility statement
    "nl": ["Norm", "Status", "Bekende beperkingen", "Contact"],
    "en": ["Standard", "Status", "Known limitations", "Contact"],
}


@pytest.mark.parametrize("site_page", PAGES, ids=label)
def test_footer_links_to_the_accessibility_statement_in_the_page_language(built_site, site_page):
    html = (built_site / site_page.file).read_text(encoding="utf-8")
    footer = html[html.index('<footer class="md-footer">'):]
    links = re.findall(r'<a href="([^"]+)" class="md-copyright__statement">([^<]+)</a>', footer)
    assert len(links) == 1, f"{site_page.label}: expected one footer link to the accessibility statement"
    href, text = links[0]
    base = "http://site/" + site_page.path
    assert urljoin(base, href) == "http://site/" + STATEMENT[site_page.lang], href
    assert text.strip() == {"nl": "Toegankelijkheid", "en": "Accessibility"}[site_page.lang]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_accessibility_statement_has_the_standard_parts(built_site, lang):
    html = (built_site / STATEMENT[lang] / "index.html").read_text(encoding="utf-8")
    headings = [unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip()
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    for section in STATEMENT_SECTIONS[lang]:
        assert section in headings, f"{STATEMENT[lang]}: no section '{section}' (found {headings})"
    assert "WCAG" in html and "2.1" in html
    # The contact address readers write to (CONTACT_EMAIL); a build without it says it is not set yet
    # (tests/overrides/hooks/test_site_settings.py checks a build with it).
    assert 'href="mailto:' in html or "(CONTACT_EMAIL)" in html, "the statement names no way to report a problem"
