"""A public-service look, checked where a reader sees it (desktop 1280×800): dark, heavy
headings; quotes left-aligned with the speaker's role; a light footer; permalink titles in
the page's language."""
from __future__ import annotations

import re

import pytest
from site_checks import audits
from helpers import NO_SERVICE_WORKER


def luminance(css_color: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css_color)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **NO_SERVICE_WORKER)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", ["overwegingen/", "en/overwegingen/"])
def test_headings_quotes_and_footer(desktop, site_url, path):
    page = desktop
    page.goto(site_url + path, wait_until="networkidle")
    audits.settle(page)
    for level in ("h1", "h2"):
        style = page.locator(f"article {level}").first.evaluate(
            "h => { const s = getComputedStyle(h); return [s.fontWeight, s.color]; }")
        assert int(style[0]) >= 600 and luminance(style[1]) < 0.2, (level, style)
    quote = page.locator("article figure.guide-quote").first
    assert quote.evaluate("f => getComputedStyle(f.querySelector('blockquote')).textAlign") in ("left", "start")
    caption = quote.locator("figcaption")
    assert caption.is_visible() and caption.inner_text().strip()
    assert caption.evaluate("c => getComputedStyle(c).textAlign") in ("left", "start")
    footer = page.locator(".md-footer-meta").evaluate("f => getComputedStyle(f).backgroundColor")
    assert luminance(footer) > 0.8, f"footer background {footer} is not light"


@pytest.mark.parametrize("lang, title", [("nl", "Link naar deze sectie"), ("en", "Link to this section")])
def test_permalink_titles_are_in_the_page_language(built_site, lang, title):
    root = built_site if lang == "nl" else built_site / lang
    for page in (p for p in root.glob("*/index.html") if p.parent.name != "en"):
        titles = set(re.findall(r'class="headerlink" href="#[^"]*" title="([^"]*)"', page.read_text(encoding="utf-8")))
        assert titles <= {title}, f"{page.relative_to(built_site)}: {titles}"
