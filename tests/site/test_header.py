"""The header as municipal staff and volunteers meet it: the language switch says the other
language in words, the menu and search are buttons named in the page's language (and still open
without JavaScript), and there is no code-hosting link (the about page has the repository)."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from site_checks import audits

PAGES = [p for p in audits.source_pages() if p.name != "404"]
OTHER_LANGUAGE = {"nl": ("en", "English"), "en": ("nl", "Nederlands")}
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def material_word(lang: str, key: str) -> str:
    """Material's translation of ``key`` (partials/languages/<lang>.html), which the header uses."""
    text = (MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    return re.search(rf'"{re.escape(key)}": "([^"]+)"', text).group(1)


def phase_page_url(site_url: str, lang: str) -> str:
    return site_url + ("" if lang == "nl" else f"{lang}/") + "voorbereiding/"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_language_switch_shows_the_other_language_in_words(phone_tab, site_url, lang):
    other, name = OTHER_LANGUAGE[lang]
    page = phone_tab
    page.goto(phase_page_url(site_url, lang))
    link = page.locator(f".md-header .md-select__link[hreflang='{other}']")
    assert link.count() == 1 and link.is_visible()
    assert link.inner_text().strip() == name
    assert link.get_attribute("lang") == other  # a screen reader says the name in its own language
    link.tap()
    page.wait_for_url(site_url + ("en/" if lang == "nl" else "") + "voorbereiding/")


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.label)
def test_no_code_hosting_link_in_header_or_menu(built_site, site_page):
    html = (built_site / site_page.file).read_text(encoding="utf-8")
    header = html[html.index("<header"):html.index("</header>")]
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    for part in (header, nav):
        assert "md-source" not in part and "github.com" not in part.lower()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_menu_and_search_are_buttons_named_in_the_page_language(phone_tab, site_url, lang):
    page = phone_tab
    page.goto(phase_page_url(site_url, lang), wait_until="networkidle")
    header = page.locator(".md-header")
    menu = header.get_by_role("button", name="Menu", exact=True)  # the same word in Dutch and English
    search = header.get_by_role("button", name=material_word(lang, "search"), exact=True)
    assert menu.is_visible() and search.is_visible()
    # Material's <label>s are there for browsers without JavaScript only; a label cannot be a
    # button to assistive technology (axe, Lighthouse: aria-allowed-role).
    assert header.locator("label.md-header__button").evaluate_all("ls => ls.filter(l => l.checkVisibility()).length") == 0
    assert header.locator("label[role]").count() == 0
    menu.tap()
    assert page.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "true"
    page.locator(".md-overlay").tap(position={"x": 340, "y": 320})  # beside the open menu
    assert not page.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "false"
    search.tap()
    assert page.locator("#__search").is_checked() and search.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")  # the phone's keyboard comes up
    assert page.errors == []


def test_without_javascript_material_s_label_still_opens_the_menu(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(phase_page_url(site_url, "nl"))
    assert not page.locator(audits.MENU_BUTTON).is_visible()  # a button does nothing without the script
    page.locator(".md-header label[for='__drawer']").tap()
    assert page.locator("#__drawer").is_checked()
    assert page.locator(".md-nav--primary a.md-nav__link").first.is_visible()
    # A sub-menu too: its label (keyboard.js's button stands in for it only where the script runs).
    sub_menu = page.locator(".md-nav--primary label.md-nav__link[for^='__nav'] >> visible=true").first
    toggle = sub_menu.get_attribute("for")
    sub_menu.tap()
    assert page.locator(f"#{toggle}").is_checked()
    assert page.locator(f"#{toggle} ~ .md-nav a.md-nav__link").first.is_visible()
    context.close()
