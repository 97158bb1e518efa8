"""Helpers shared by the tests and their fixtures (importable as `helpers`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_checks.browser import CHROMIUM_FLAGS, chromium_path  # noqa: F401  (one definition, shared with audit.py)
from site_checks.server import free_port  # noqa: F401

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPTS_DIR = REPO_ROOT / "scripts"


# Browser contexts for tests that are not about the offline copy leave the service worker out: it
# stores the whole language after every first page view, the costliest part of a test's page load,
# and shows nothing on a first visit. The offline tests (tests/overrides/offline/) and the privacy
# and network gates (tests/site/) keep it, so its requests and its copy are tested.
NO_SERVICE_WORKER = {"service_workers": "block"}


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
