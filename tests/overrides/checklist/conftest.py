"""Fixtures for the checklist component: a small fixture site built with the real
theme, hooks and shared code, so the component's tests do not depend on the
guide's content (which changes) and know exactly which items exist.

The fixture copies mkdocs.yml, overrides/ and scripts/ into a temp folder and puts
fixture/docs/ beside them (plus a placeholder for every other page of the real
site, so the real nav and the parity check pass). scripts/site_build/ finds its data
relative to its own location, so the copy reads the fixture's checklists.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO_ROOT, build_or_fail, copy_project, serve_directory
from site_checks.browser import DESKTOP, PHONE

FIXTURE_DOCS = Path(__file__).parent / "fixture" / "docs"
PLACEHOLDER = """---
description: Placeholder page of the checklist fixture site.
page_changed: 2026-12-01
---

# Placeholder

Text.
"""


def build_fixture_site(workdir: Path) -> Path:
    """Build the fixture site into workdir/site; returns that path (fails the test on a broken build)."""
    project = copy_project(workdir / "project", folders=("overrides", "scripts"))
    docs = project / "docs"
    shutil.copytree(FIXTURE_DOCS, docs, dirs_exist_ok=True)
    # The other data files (glossary, links) as they are: other hooks read them.
    for data_file in (REPO_ROOT / "docs" / "data").glob("*.yml"):
        shutil.copy2(data_file, docs / "data" / data_file.name)
    # The interface texts (docs/data/ui/) as they are too.
    shutil.copytree(REPO_ROOT / "docs" / "data" / "ui", docs / "data" / "ui", dirs_exist_ok=True)
    for page in (REPO_ROOT / "docs").glob("*.*.md"):
        if not (docs / page.name).exists():
            (docs / page.name).write_text(PLACEHOLDER, encoding="utf-8")
    return build_or_fail(project / "mkdocs.yml", workdir / "site", "checklist fixture site build")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("checklist-fixture"))


@pytest.fixture(scope="session")
def fixture_url(fixture_site) -> str:
    server, url = serve_directory(fixture_site)
    yield url
    server.shutdown()


# Tabs kept open across tests on the fixture site (tests/helpers.py OpenTabs says why and for which tests).
@pytest.fixture
def fixture_tab(open_tabs, fixture_url):
    """A desktop tab (Playwright's 1280×720, as ``page``) on the fixture site, its storage emptied."""
    return open_tabs.get("desktop", {}, fixture_url)


@pytest.fixture
def fixture_phone_tab(open_tabs, fixture_url):
    """A phone (360×640, touch) tab on the fixture site, its storage emptied."""
    return open_tabs.get("phone", PHONE, fixture_url)


@pytest.fixture
def fixture_desk_tab(open_tabs, fixture_url):
    """An officer's desktop (1280×800) tab on the fixture site, its storage emptied."""
    return open_tabs.get("desk", DESKTOP, fixture_url)


# The pages the component's tests use, held to one rule (a module applies it with
# ``pytestmark = pytest.mark.usefixtures("no_page_errors")``).
CHECKED_PAGES = ("page", "fixture_tab", "fixture_phone_tab", "fixture_desk_tab")


@pytest.fixture
def no_page_errors(request):
    """The page or tab the test uses waits at most 5 s (the fixture site is small and local), and has
    no uncaught error after the test. Opens none the test does not use."""
    pages = [request.getfixturevalue(name) for name in CHECKED_PAGES if name in request.fixturenames]
    for page in pages:
        page.set_default_timeout(5_000)
    yield
    for page in pages:
        assert page.errors == [], f"uncaught errors in the page: {page.errors}"
