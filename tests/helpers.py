"""Helpers shared by the tests and their fixtures (importable as `helpers`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

from site_checks.browser import CHROMIUM_FLAGS, chromium_path  # noqa: F401  (one definition, shared with audit.py)
from site_checks.server import free_port  # noqa: F401

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPTS_DIR = REPO_ROOT / "scripts"
# The sub-path a host may serve the site below (tests/conftest.py's sub_path_host), as a site built with that SITE_URL.
SUB_PATH = "/hervestiging/"


# Browser contexts for tests that are not about the offline copy leave the service worker out: it
# stores the whole language after every first page view, the costliest part of a test's page load,
# and shows nothing on a first visit. The offline tests (tests/overrides/offline/) and the privacy
# and network gates (tests/site/) keep it, so its requests and its copy are tested.
NO_SERVICE_WORKER = {"service_workers": "block"}


def recording_errors(page):
    """``page`` with its uncaught errors recorded in ``page.errors`` (tests assert it stays empty)."""
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


class OpenTabs:
    """One tab per device and site, kept open across the tests of a worker.

    Opening a tab starts a renderer process, and a page's first view in it costs about three times
    the CPU of the same view in a tab that is already open (2.7 against 0.9 CPU-s on the 2-core
    machine): most of the browser tests' time. Tests that only navigate a site, look and use it as
    a reader would share these tabs; before each, everything the site stored (local and session
    storage, caches, service workers) is emptied, as in a fresh profile, and the default timeout is
    Playwright's again. Tests that route requests, add init scripts or listeners, emulate print, go
    offline, set a clock or need a second tab open their own.
    """

    DEFAULT_TIMEOUT_MS = 30_000  # Playwright's
    OTHER_STORAGE = "cookies,indexeddb,cache_storage,service_workers,file_systems"
    CLEAR_PAGE_STORAGE = "() => { localStorage.clear(); sessionStorage.clear() }"

    def __init__(self, browser):
        self.browser = browser
        self.tabs: dict[tuple[str, str], object] = {}

    def get(self, device: str, options: dict, site_url: str):
        """The tab for ``device`` (a name; ``options`` are its browser-context options) on ``site_url``."""
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(site_url))
        tab = self.tabs.get((device, origin))
        if tab is None or tab.is_closed():
            context = self.browser.new_context(**options, locale="nl-NL", **NO_SERVICE_WORKER)
            tab = self.tabs[(device, origin)] = recording_errors(context.new_page())
            tab.cdp = context.new_cdp_session(tab)
        # Local and session storage are cleared in the page, where the next page reads them at once:
        # Chromium's clearDataForOrigin tells an open page only some time after it returns, and might
        # then empty what the next test has just saved. It clears the rest.
        if not self._clear_page_storage(tab, origin):
            # A new tab, or the test before left while its page was still loading. Loaded to the end:
            # a request of this view cut short by the test's own first one would show up as a failed
            # request of the test's page.
            tab.goto(origin + "/", wait_until="networkidle")
            tab.evaluate(self.CLEAR_PAGE_STORAGE)
        tab.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": self.OTHER_STORAGE})
        tab.set_default_timeout(self.DEFAULT_TIMEOUT_MS)
        tab.errors.clear()
        return tab

    def _clear_page_storage(self, tab, origin: str) -> bool:
        """Clear the storage from the page the tab shows; False where it shows none of ``origin``'s."""
        if not tab.url.startswith(origin + "/"):
            return False
        try:
            tab.evaluate(self.CLEAR_PAGE_STORAGE)
        except Exception:  # Playwright's Error: the page is between two documents
            return False
        return True

    def close(self) -> None:
        for tab in self.tabs.values():
            tab.context.close()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the strict build like scripts/docs.py does; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
    )


def build_or_fail(config_file: Path, site_dir: Path, what: str = "strict build", env: dict | None = None) -> Path:
    """Build into ``site_dir`` and return it; a failed build fails the test with MkDocs' output."""
    import pytest

    result = mkdocs_build(config_file, site_dir, env)
    if result.returncode != 0:
        pytest.fail(f"{what} failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


def serve_directory(directory: Path, port: int = 0):
    """Start a static server on 127.0.0.1 (``port``, or a random one) that serves each language's 404 page.

    The same server the audit command uses; returns (server, base_url).
    """
    from site_checks.server import serve

    return serve(directory, port)


def copy_project(target: Path, folders: tuple[str, ...] = ("docs", "overrides", "scripts")) -> Path:
    """A throw-away copy of what the build reads (mkdocs.yml and ``folders``), for tests that change it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in folders:
        shutil.copytree(REPO_ROOT / folder, target / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".cache"), dirs_exist_ok=True)
    return target


def open_household_tools(page):
    """Open the checklists' household panel's "manage, export, import" section and return it.

    The script builds the section's tools when it is first opened (on the toggle event, after
    the click), so this waits for them before a test reads or uses them."""
    details = page.locator(".checklist-household__manage")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.locator("form").first.wait_for()
    return details


def add_household(page, name: str) -> None:
    """With the household tools open (``open_household_tools``), on a Dutch page: add a household called ``name``."""
    page.get_by_label("Nieuw huishouden").fill(name)
    page.get_by_role("button", name="Toevoegen").click()
