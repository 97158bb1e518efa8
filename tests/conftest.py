"""Shared fixtures: one strict build per test session, a local server, a real browser.

Browser tests use Debian's Chromium through Playwright (`playwright install` cannot
download browsers here). Without a browser the tests skip locally and fail in CI.
Plain helper functions live in helpers.py (``from helpers import ...``). Where imports
come from (scripts/, tests/, tests/docs/) is set once, in pyproject.toml's ``pythonpath``.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import (CHROMIUM_FLAGS, NO_SERVICE_WORKER, REPO_ROOT, SUB_PATH, OpenTabs, build_or_fail, chromium_path, copy_project,
                     free_port, in_ci, recording_errors, serve_directory)
from site_checks.browser import PHONE, TALL_PHONE

BROWSER_FIXTURE = "browser"
# As scripts/docs.py runs the tests: Material's end-of-life banner off (README, "Material for MkDocs' end of life").
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_xdist_auto_num_workers(config) -> int | None:
    """How many workers ``-n auto`` (pyproject.toml) starts; PYTEST_XDIST_AUTO_NUM_WORKERS overrides it.

    The browser tests spend much of their time waiting on Chromium and the local server, so one
    worker more than there are cores keeps the cores busy; the fast tests only compute."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # this hook runs before xdist's own, which reads the variable
    cores = os.cpu_count() or 1
    return cores if "not browser" in (config.getoption("markexpr") or "") else cores + 1


def pytest_collection_modifyitems(items):
    """Mark every test that needs Chromium (through any fixture) ``browser``: ``--fast`` leaves them out.

    Tests marked ``slow`` run first: started last, one of them would keep one worker busy while
    the others, done, leave their cores idle."""
    for item in items:
        if BROWSER_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: otherwise as collected


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the test server will use: the site is built for it (absolute canonical and hreflang URLs)."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """A fresh strict build of the real site (both languages), for http://127.0.0.1:<site_port>/."""
    return build_or_fail(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"),
                         env={"SITE_URL": f"http://127.0.0.1:{site_port}/"})


@pytest.fixture(scope="session")
def site_url(built_site, site_port) -> str:
    server, url = serve_directory(built_site, site_port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def sub_path_host(tmp_path_factory):
    """(site, url): a build for a sub-path, served below it by a static host with the build's _headers.

    Built for the address it is served on: its hreflang URLs are absolute, and Material fetches the
    sitemap next to them, which the policy's connect-src 'self' allows only from the same origin."""
    from site_checks.hosting import serve_as_host

    port = free_port()
    site = build_or_fail(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("sub-path-site"),
                         "build for a sub-path", env={"SITE_URL": f"http://127.0.0.1:{port}{SUB_PATH}"})
    server, url = serve_as_host(site, mount=SUB_PATH, port=port)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        message = "Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (empty localStorage) per test."""
    context = browser.new_context(locale="nl-NL", **NO_SERVICE_WORKER)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A page that records uncaught errors in ``page.errors`` (tests assert it stays empty)."""
    page = recording_errors(context.new_page())
    yield page
    page.close()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def touch_phone(browser):
    """A phone as a volunteer holds it: 360×640, touch, mobile; records errors in ``page.errors``."""
    context = browser.new_context(**PHONE, locale="nl-NL", **NO_SERVICE_WORKER)
    yield recording_errors(context.new_page())
    context.close()


# --- tabs kept open across tests (helpers.OpenTabs says why) -----------------------------------------
@pytest.fixture(scope="session")
def open_tabs(browser):
    tabs = OpenTabs(browser)
    yield tabs
    tabs.close()


@pytest.fixture
def tab(open_tabs, site_url):
    """A desktop tab on the built site (Playwright's 1280×720), open since an earlier test, its site storage emptied."""
    return open_tabs.get("desktop", {}, site_url)


@pytest.fixture
def phone_tab(open_tabs, site_url):
    """``touch_phone`` as a tab kept open across tests, its site storage emptied."""
    return open_tabs.get("phone", PHONE, site_url)


@pytest.fixture
def tall_phone_tab(open_tabs, site_url):
    """A phone with a taller screen (TALL_PHONE) as a tab kept open across tests, its site storage emptied."""
    return open_tabs.get("tall phone", TALL_PHONE, site_url)
