"""The checklist component on the guide's real pages (the session's strict build of the site)."""
from __future__ import annotations

import json
import re

import pytest
import yaml

CONTEXT = {"include": [[".checklist"], [".checklist-household"]]}
AXE_RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}


def checklist_pages(built_site, lang="nl"):
    root = built_site if lang == "nl" else built_site / lang
    pages = sorted(p.parent.relative_to(built_site).as_posix() + "/" for p in root.glob("*/index.html")
                   if 'class="checklist"' in p.read_text(encoding="utf-8"))
    if not pages:
        pytest.fail("no page of the built site renders a checklist")
    return pages


def catalog(built_site, lang="nl"):
    return json.loads((built_site / "assets" / "checklist" / f"catalog.{lang}.json").read_text(encoding="utf-8"))


def checkbox_names(snapshot: str) -> list[str]:
    """The accessible names of the checkboxes in a Playwright ARIA snapshot (YAML), as the browser computed them."""
    found = []

    def visit(node):
        if isinstance(node, list):
            for child in node:
                visit(child)
        elif isinstance(node, dict):
            for key, value in node.items():
                visit(key)
                visit(value)
        elif isinstance(node, str) and (match := re.match(r'checkbox "((?:[^"\\]|\\.)*)"', node)):
            found.append(json.loads(f'"{match[1]}"'))

    visit(yaml.safe_load(snapshot))
    return found


# One view of each page for both: the checkboxes and their names, and the summary the build renders
# under the title of every page with a checklist (not written into each page).
@pytest.mark.parametrize("lang, summary", [("nl", "Checklist: 0 van {} gedaan"), ("en", "Checklist: 0 of {} done")],
                         ids=["nl", "en"])
def test_every_tip_is_a_checkbox_named_by_its_text_under_a_summary(tab, site_url, built_site, lang, summary):
    for path in checklist_pages(built_site, lang):
        tab.goto(site_url + path)
        tab.locator(".checklist--js").first.wait_for()
        labels = [" ".join(text.split()) for text in tab.locator(".checklist__label").all_inner_texts()]
        assert labels, path
        assert sorted(checkbox_names(tab.locator("body").aria_snapshot())) == sorted(labels), path
        summaries = tab.locator(".checklist-summary")
        assert summaries.count() == tab.locator(".checklist[data-checklist]").count(), path
        # Under the page's title; in the whole guide, where each phase is a section, under the phase's title.
        title = "H2" if path.rstrip("/").endswith("hele-gids") else "H1"
        assert summaries.first.evaluate("el => el.previousElementSibling.tagName") == title, path
        items = tab.locator(".checklist").first.locator("[data-item-id]").count()
        assert summaries.first.locator(".checklist-summary__count").inner_text() == summary.format(items), path
    assert tab.errors == []


def test_home_overview_covers_every_checklist(tab, site_url, built_site):
    total = sum(len(c["items"]) for c in catalog(built_site)["checklists"])
    for home, expected in (("", f"Totaal: 0 van {total} gedaan"), ("en/", f"Total: 0 of {total} done")):
        tab.goto(site_url + home)
        assert tab.locator(".checklist-progress-total").inner_text() == expected
        assert tab.locator(".checklist-progress").count() == len(catalog(built_site)["checklists"])
    assert tab.errors == []


def test_axe_on_a_real_checklist_page_in_use(tab, site_url, built_site):
    from axe_playwright_python.sync_playwright import Axe

    path = checklist_pages(built_site, "en")[0]
    tab.goto(site_url + path)
    tab.locator(".checklist--js").first.wait_for()
    tab.get_by_role("checkbox").first.check()
    tab.locator(".checklist__more").first.click()
    tab.locator(".checklist__who").first.fill("GGD")
    tab.locator(".checklist-household__manage summary").click()
    results = Axe().run(tab, context=CONTEXT, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
    assert tab.errors == []
