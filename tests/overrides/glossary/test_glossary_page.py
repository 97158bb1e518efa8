"""The glossary page on a phone (360×640, touch): the A–Z jump bar and the filter it shares with
the link directory, and a permalink per term."""
from __future__ import annotations

import re

from site_build import glossary


def test_jump_bar_filter_and_permalinks(phone_tab, site_url, built_site):
    page = phone_tab
    entries = glossary.load()
    page.goto(site_url + "begrippen/", wait_until="networkidle")
    page.wait_for_function("document.documentElement.classList.contains('js')")
    # One permalink per term, to its own anchor.
    for e in entries:
        assert page.locator(f"h3#{e.id} a.headerlink[href='#{e.id}']").count() == 1, e.id
    # The jump bar: a letter takes the reader to that letter's terms.
    last = sorted(entries, key=lambda e: glossary.sort_key(e.term["nl"]))[-1]
    letter = glossary.sort_key(last.term["nl"])[0]
    page.locator(f".glossary__letters a[href='#letter-{letter}']").tap()
    page.wait_for_url(re.compile(f"#letter-{letter}$"))
    page.wait_for_timeout(200)
    top = page.evaluate(f"() => document.getElementById('letter-{letter}').getBoundingClientRect().top")
    assert 0 <= top < 640
    # The filter: only matching terms stay, with their letter, and the count says how many.
    field = page.locator("#glossary-text")
    field.fill(last.term["nl"])
    visible = page.locator(".glossary__entry:visible")
    assert visible.count() >= 1
    assert page.locator(f".glossary__entry:visible h3#{last.id}").count() == 1
    assert page.locator(".glossary__group:visible").count() < len({glossary.sort_key(e.term['nl'])[0] for e in entries})
    page.wait_for_function("() => /\\d/.test(document.querySelector('.link-directory__count').textContent)")
    field.fill("zzzz-geen-begrip")
    assert visible.count() == 0
    page.wait_for_function("() => document.querySelector('.link-directory__count').textContent.includes('Geen')")
    assert page.errors == []
