"""The checklist's blocking-time measure (scripts/site_checks/checklist_tbt.py): what it prints and decides.

The measure itself runs in the audit (it takes a minute); here only its arithmetic and arguments.
"""
from __future__ import annotations

import subprocess
import sys

from helpers import REPO_ROOT
from site_checks.checklist_tbt import BlockingTime

SCRIPT = REPO_ROOT / "scripts" / "site_checks" / "checklist_tbt.py"


def test_ratio_is_median_with_over_median_without_and_judged_against_the_target():
    result = BlockingTime("voorbereiding/", [300, 900, 310, 305, 320], [280, 260, 1000, 270, 275])
    assert result.ratio == 310 / 275 and result.ok
    line = result.line()
    assert "5 interleaved pairs" in line and "ratio 1.13 (target 1.2) ok" in line
    assert "with: 300, 900, 310, 305, 320 ms" in line and "fastest 300 / 260 ms" in line
    assert "CPU time" not in line  # printed only when measured
    timed = BlockingTime("x/", [1] * 5, [1] * 5, [120, 110, 130, 125, 115], [100] * 5)
    assert "main-thread CPU time: median 120 ms with, 100 ms without; ratio 1.20" in timed.line()
    slow = BlockingTime("voorbereiding/", [670] * 5, [280] * 5)
    assert not slow.ok and "OVER TARGET" in slow.line()
    # A page that blocks for no time: no division by zero.
    assert BlockingTime("x/", [0] * 5, [0] * 5).ratio == 0


def test_fewer_than_five_runs_or_a_missing_page_is_refused(tmp_path):
    few = subprocess.run([sys.executable, str(SCRIPT), "--site", str(tmp_path), "--runs", "3"], capture_output=True, text=True)
    assert few.returncode == 2 and "--runs must be at least 5" in few.stderr
    missing = subprocess.run([sys.executable, str(SCRIPT), "--site", str(tmp_path)], capture_output=True, text=True)
    assert missing.returncode == 2 and "is not a page of a built site" in missing.stderr
