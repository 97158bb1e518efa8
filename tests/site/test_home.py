"""The home page as a step-by-step, on a phone (360×640, touch): the phases first, numbered,
each with a summary and its checklist progress, the background after; the household box
only once it is of use (progress, or more than one household)."""
from __future__ import annotations

import pytest
from site_build.facts import PHASES as FACT_PHASES
from site_checks import audits

PHASES = sorted(FACT_PHASES)  # the guide's phases, from mkdocs.yml's nav


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_phases_come_first_numbered_with_summary_and_progress(phone_tab, site_url, lang):
    page = phone_tab
    root = site_url if lang == "nl" else site_url + "en/"
    page.goto(root, wait_until="networkidle")
    audits.settle(page)
    steps = page.locator("article ol.phase-steps > li")
    assert steps.count() == len(PHASES)
    linked = set()
    for i in range(steps.count()):
        step = steps.nth(i)
        href = step.locator("a").first.evaluate("a => a.href")
        linked.add(href[len(root):].strip("/"))
        # A number a reader can see (CSS counter), a summary line, and the progress of that phase.
        assert step.evaluate("li => getComputedStyle(li, '::before').content") == "counter(step)"
        text = step.inner_text()
        assert len(text.split("\n")[1 if "\n" in text else 0]) > 20, text
        assert step.locator(".checklist-progress").inner_text().strip()[:1].isdigit()
    assert linked == set(PHASES)
    # The steps come before every background section.
    order = page.evaluate("""() => { const ol = document.querySelector('article ol.phase-steps');
        return [...document.querySelectorAll('article h2')].map(h => !!(ol.compareDocumentPosition(h) & 4)); }""")
    assert order[0] is False and all(order[1:]), "the step-by-step should come first, background after"
    assert page.errors == []


def test_household_box_appears_once_there_is_progress(phone_tab, site_url):
    page = phone_tab
    page.goto(site_url, wait_until="networkidle")
    audits.settle(page)
    box = page.locator(".checklist-household")
    assert box.count() == 1 and not box.is_visible(), "a new reader's home page shows the household box"
    page.goto(site_url + "voorbereiding/", wait_until="networkidle")
    audits.settle(page)
    assert audits.use_checklist(page)
    page.goto(site_url, wait_until="networkidle")
    audits.settle(page)
    assert box.is_visible()
    assert page.errors == []
