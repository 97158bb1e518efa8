"""scripts/bench_links.py: its lower bound, and a tiny run so the benchmark cannot rot.

The real benchmark (300 URLs, 30 hosts, 200 ms per response) prints figures for people;
here it runs on 3 hosts with 6 URLs and only the output's shape and the relations that
hold on any machine are asserted: timings on a shared 2-core machine are not a test.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import bench_links

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_links.py"


@pytest.mark.parametrize("per_host, interval, expected", [
    (2, 0.05, 1.05),  # the benchmark's default: the second slot runs 50 ms behind the first
    (1, 0.05, 2.00),  # one at a time: the interval never waits longer than a response
    (2, 0.15, 1.55),  # starts 150 ms apart: the interval, not the slots, sets the pace
    (2, 0.00, 1.00),  # no interval: 5 rounds of 2
])
def test_lower_bound_per_host_combines_slots_and_interval(per_host, interval, expected):
    bounds = bench_links.lower_bound(urls=300, hosts=30, per_host=per_host, interval=interval,
                                     global_limit=64, delay=0.2)
    assert bounds["per host"] == pytest.approx(expected)
    assert bounds["global limit"] == pytest.approx(1.0)  # 300 URLs, 64 at a time: 5 rounds


def test_lower_bound_global_limit_can_dominate():
    bounds = bench_links.lower_bound(urls=300, hosts=30, per_host=2, interval=0.05, global_limit=10, delay=0.2)
    assert max(bounds.values()) == pytest.approx(6.0) == bounds["global limit"]


def figure(label: str, out: str) -> float:
    match = re.search(re.escape(label) + r"\s+(\d+\.\d\d) s", out)
    assert match, f"no figure for {label!r} in:\n{out}"
    return float(match.group(1))


def test_tiny_benchmark_prints_every_figure_and_each_target():
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--urls", "6", "--hosts", "3", "--delay", "0.02", "--repeat", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert re.search(r"6 URLs on 3 hosts \(127\.0\.0\.10\.\.127\.0\.0\.12\)", out)
    bound = figure("lower bound", out)
    assert bound == pytest.approx(0.07)  # 2 URLs per host, the second starting 50 ms after the first
    whole = figure("check_links.py, cold cache, whole process", out)
    # One HEAD per URL (every server answers 200), over reused connections.
    assert re.search(r"whole process .* 6 requests on [1-6] connections", out), out
    requests = figure("request phase (its network_seconds)", out)
    assert bound <= requests <= whole  # no request phase can beat the bound, nor outlast the process
    # Printed, not compared: two process starts timed once each can come out either way on a busy machine.
    figure("Python + import aiohttp (the floor)", out)
    figure("python -c pass", out)
    assert re.search(r"lychee \S+, whole process\s+\d+\.\d\d s", out), out
    figure("check_links.py, warm cache, whole process", out)
    for target in ("whole process within 1.25 x bound", "whole process no slower than lychee",
                   "warm-cache re-run under 0.5 s"):
        assert re.search(r"^  (yes|NO ) +" + re.escape(target) + ": ", out, re.M), target
