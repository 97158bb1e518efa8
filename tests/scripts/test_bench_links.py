"""scripts/bench_links.py in a tiny configuration, so the benchmark cannot rot.

The real benchmark (300 URLs, 30 hosts, 200 ms per response) prints figures for people;
here it runs on 3 hosts with 6 URLs and only the output's shape is asserted: timings on
a shared 2-core machine are not a test.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_links.py"


def test_tiny_benchmark_prints_every_figure():
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--urls", "6", "--hosts", "3", "--delay", "0.02", "--repeat", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    seconds = r"\s+\d+\.\d\d s"
    assert re.search(r"6 URLs on 3 hosts \(127\.0\.0\.10\.\.127\.0\.0\.12\)", out)
    assert re.search(r"lower bound" + seconds, out)
    assert re.search(r"check_links\.py, cold cache" + seconds + r"\s+\(\d+\.\d\d x bound", out)
    assert re.search(r"lychee \S+" + seconds, out), out
    assert re.search(r"check_links\.py, warm cache" + seconds, out)
    assert "targets: within 1.25 x bound:" in out
