"""The shared test helpers and the suite's own configuration, which can make a test pass wrongly (or not run) if they break."""
from __future__ import annotations

import os
import subprocess
import sys

from helpers import REPO_ROOT
from site_checks.browser import PHONE


def test_a_tab_kept_open_starts_each_test_with_the_site_s_storage_empty(open_tabs, site_url):
    # The page gates share one tab per device (helpers.OpenTabs); a tick, a plan or an error from
    # the test before must not show in the next, or a gate would check a state no new reader has.
    first = open_tabs.get("desktop", {}, site_url)
    first.goto(site_url + "voorbereiding/")
    first.evaluate("() => { localStorage.setItem('left-over', '1'); sessionStorage.setItem('left-over', '1') }")
    first.errors.append("an error of the test before")
    second = open_tabs.get("desktop", {}, site_url)
    assert second is first  # the same tab, so the same renderer process
    assert second.errors == []
    assert second.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    second.goto(site_url)
    assert second.evaluate("() => localStorage.getItem('left-over')") is None


def test_a_closed_tab_is_opened_again(open_tabs, site_url):
    # The device's own options: the tab opened again serves the phone_tab tests after this one.
    tab = open_tabs.get("phone", PHONE, site_url)
    tab.close()
    again = open_tabs.get("phone", PHONE, site_url)
    assert not again.is_closed() and again.viewport_size == PHONE["viewport"]
    again.goto(site_url)
    assert again.errors == []


def test_pytest_xdist_auto_num_workers_sets_the_number_of_workers():
    # The README's way to try another number of workers; the suite's own default must not override it.
    # The terminology checks: quick, and no browser (xdist distributes a run, not a --collect-only).
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/docs/test_terminology.py"],
                            cwd=REPO_ROOT, capture_output=True, text=True, env={**env, "PYTEST_XDIST_AUTO_NUM_WORKERS": "2"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "created: 2/2 workers" in result.stdout, result.stdout
