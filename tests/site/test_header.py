"""The header as municipal staff and volunteers meet it: the language switch says the other
language in words, and there is no code-hosting link (the about page has the repository)."""
from __future__ import annotations

import pytest
from site_checks import audits

PAGES = [p for p in audits.source_pages() if p.name != "404"]
OTHER_LANGUAGE = {"nl": ("en", "English"), "en": ("nl", "Nederlands")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_language_switch_shows_the_other_language_in_words(touch_phone, site_url, lang):
    other, name = OTHER_LANGUAGE[lang]
    page = touch_phone
    page.goto(site_url + ("" if lang == "nl" else "en/") + "voorbereiding/")
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
