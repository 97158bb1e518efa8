"""{{ planner_due() }}, the home page's "this week" count, and the planner link on every phase page."""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import build_or_fail, copy_project, serve_directory
from site_build import checklists

from plan_helpers import ISO


@pytest.fixture(scope="module")
def due_site(tmp_path_factory):
    """The real site with the count on both home pages (placed there unless the home page has it already)."""
    workdir = tmp_path_factory.mktemp("planner-due")
    project = copy_project(workdir / "project")
    for lang in ("nl", "en"):
        page = project / "docs" / f"index.{lang}.md"
        text = page.read_text(encoding="utf-8")
        if "planner_due()" not in text:
            page.write_text(text + "\n{{ planner_due() }}\n", encoding="utf-8")
    site = build_or_fail(project / "mkdocs.yml", workdir / "site", "site with planner_due")
    server, url = serve_directory(site)
    yield url
    server.shutdown()


def test_home_count_appears_with_an_arrival_date_and_counts_open_items(page, due_site):
    page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 9, 0))
    page.goto(due_site, wait_until="networkidle")
    count = page.locator("[data-planner-due]")
    assert count.is_hidden(), "no arrival date yet: nothing to count"
    page.evaluate("() => window.hervestigersStore.setPlan({ arrival: '2026-11-30' })")
    today = dt.date(2026, 12, 1)
    pairs = [p.split(":") for p in count.get_attribute("data-items").split()]
    late = [i for i, due in pairs if ISO[due] < today]
    soon = [i for i, due in pairs if today <= ISO[due] <= today + dt.timedelta(days=6)]
    assert count.is_visible()
    assert count.inner_text() == f"Deze week: {len(late) + len(soon)} te doen, waarvan {len(late)} te laat"
    page.evaluate("ids => ids.forEach(id => window.hervestigersStore.setStatus(id, 'done'))", late)
    assert count.inner_text() == f"Deze week: {len(soon)} te doen"
    assert count.locator("a").evaluate("a => a.pathname").endswith("/planner/")


def test_home_count_in_english(page, due_site):
    page.goto(due_site + "en/", wait_until="networkidle")
    page.evaluate("() => window.hervestigersStore.setPlan({ arrival: '2020-01-01' })")
    timed = len(checklists.item_timings())
    assert page.locator("[data-planner-due]").inner_text() == f"This week: {timed} to do, {timed} of them overdue"


def test_every_phase_page_links_to_the_planner(built_site):
    for phase in checklists.load_all():
        for prefix, words in (("", "aankomstplanner"), ("en/", "arrival planner")):
            html = (built_site / prefix / phase / "index.html").read_text(encoding="utf-8")
            link = html.split('class="planner-link"', 1)
            assert len(link) == 2 and words in link[1].split("</p>")[0], f"{prefix}{phase}/ has no planner link"
    assert 'class="planner-link"' not in (built_site / "index.html").read_text(encoding="utf-8")
