#!/usr/bin/env python3
"""Benchmark scripts/check_links.py against lychee on local servers (prints figures; not a test).

Starts one HTTP server per loopback address (127.0.0.10, .11, ...; Linux routes all
of 127/8 to the loopback interface), each delaying every response, writes a
Markdown file linking to URLS pages spread evenly over the hosts, then times:

  1. scripts/check_links.py (a fresh process, empty cache),
  2. lychee on the same file with the same per-host concurrency, request interval
     and global limit (no retries needed: every response is 200),
  3. scripts/check_links.py again with the cache from run 1 (warm cache).

The lower bound: each host serves URLS/HOSTS pages, at most PER_HOST at a time, so
its last response cannot come before ceil(URLS/HOSTS / PER_HOST) x DELAY; the minimum
interval between request starts and the global limit give two more bounds; the
largest counts. Targets: checker <= 1.25 x bound, no slower than lychee, warm < 0.5 s.
Nothing leaves the machine: all URLs are loopback addresses.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from aiohttp import web

REPO_ROOT = Path(__file__).resolve().parents[1]
CHECKER = REPO_ROOT / "scripts" / "check_links.py"
DEFAULT_LYCHEE = REPO_ROOT / ".venv" / "bin" / "lychee"


class DelayedServers:
    """One aiohttp server per address, in a background thread, each response delayed."""

    def __init__(self, addresses: list[str], delay: float):
        self.addresses = addresses
        self.delay = delay
        self.requests = 0
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.ports = asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(30)

    async def _handle(self, request):
        self.requests += 1
        await asyncio.sleep(self.delay)
        return web.Response(text="<!doctype html><title>ok</title>", content_type="text/html")

    async def _start(self) -> list[int]:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        ports = []
        for address in self.addresses:
            site = web.TCPSite(self.runner, address, 0, backlog=512)
            await site.start()
            ports.append(site._server.sockets[0].getsockname()[1])
        return ports

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)


def timed(command: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return time.perf_counter() - started, proc


def lower_bound(urls: int, hosts: int, per_host: int, interval: float, global_limit: int, delay: float) -> dict:
    per_host_urls = math.ceil(urls / hosts)
    return {
        "per-host limit": math.ceil(per_host_urls / per_host) * delay,
        "request interval": (per_host_urls - 1) * interval + delay,
        "global limit": math.ceil(urls / global_limit) * delay,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=300)
    parser.add_argument("--hosts", type=int, default=30, help="servers on 127.0.0.10 upwards (at most 240)")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds each response is delayed")
    parser.add_argument("--per-host", type=int, default=2, help="concurrent requests per host, both tools")
    parser.add_argument("--min-interval", type=float, default=0.05,
                        help="seconds between request starts per host, both tools (lychee's default: 50 ms)")
    parser.add_argument("--global", dest="global_limit", type=int, default=64, help="concurrent requests in all")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best time is reported")
    parser.add_argument("--lychee", type=Path, default=DEFAULT_LYCHEE, help="lychee executable")
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 240 or args.urls < args.hosts:
        parser.error("--hosts must be 1..240 and --urls at least --hosts")

    addresses = [f"127.0.0.{10 + n}" for n in range(args.hosts)]
    try:
        servers = DelayedServers(addresses, args.delay)
    except OSError as exc:
        print(f"error: cannot listen on {addresses[0]}..{addresses[-1]}: {exc}", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    work = Path(tempfile.mkdtemp(prefix="bench-links-"))
    try:
        links = work / "links.md"
        lines = ["# Benchmark links", ""]
        for n in range(args.urls):
            host = n % args.hosts
            lines.append(f"- <http://{addresses[host]}:{servers.ports[host]}/page/{n}>")
        links.write_text("\n".join(lines) + "\n", encoding="utf-8")
        cache = work / "cache.json"
        checker = [
            sys.executable, str(CHECKER), str(links), "--no-progress", "--quiet", "--config", str(work / "none.yml"),
            "--per-host", str(args.per_host), "--global", str(args.global_limit),
            "--min-interval", str(args.min_interval), "--retries", "0", "--timeout", "30", "--cache", str(cache),
        ]
        (work / "none.yml").write_text("exclude: []\n")
        bounds = lower_bound(args.urls, args.hosts, args.per_host, args.min_interval, args.global_limit, args.delay)
        bound = max(bounds.values())

        cold_times = []
        for _ in range(args.repeat):
            cache.unlink(missing_ok=True)
            before = servers.requests
            seconds, proc = timed([*checker, "--json", str(work / "report.json")], env)
            report = json.loads((work / "report.json").read_text())
            if proc.returncode != 0 or report["summary"]["ok"] != args.urls:
                print(f"error: checker run failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}", file=sys.stderr)
                return 1
            summary = report["summary"]
            cold_times.append((seconds, summary["duration_seconds"], summary["network_seconds"], servers.requests - before))
        cold, inside, network, requests = min(cold_times)

        warm_times = []
        for _ in range(args.repeat):
            before = servers.requests
            seconds, proc = timed(checker, env)
            if proc.returncode != 0 or servers.requests != before:
                print(f"error: warm run failed or made requests:\n{proc.stdout}{proc.stderr}", file=sys.stderr)
                return 1
            warm_times.append(seconds)
        warm = min(warm_times)

        lychee_time = None
        lychee = shutil.which(str(args.lychee)) or (str(args.lychee) if args.lychee.exists() else None)
        if lychee:
            lychee_cmd = [
                lychee, "--no-progress", "--mode", "plain", "--format", "json", "--output", str(work / "lychee.json"),
                "--host-concurrency", str(args.per_host),
                "--host-request-interval", f"{round(args.min_interval * 1000)}ms",
                "--max-concurrency", str(args.global_limit), "--max-retries", "0", "--timeout", "30",
                "--scheme", "http", "--no-ignore", str(links),
            ]
            times = []
            for _ in range(args.repeat):
                seconds, proc = timed(lychee_cmd, env)
                if proc.returncode != 0:
                    print(f"error: lychee failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}", file=sys.stderr)
                    return 1
                times.append(seconds)
            lychee_time = min(times)

        print(f"Benchmark: {args.urls} URLs on {args.hosts} hosts ({addresses[0]}..{addresses[-1]}), "
              f"{args.delay * 1000:.0f} ms per response")
        print(f"Limits (both tools): {args.per_host} per host, {args.min_interval * 1000:.0f} ms between starts per host, "
              f"{args.global_limit} in all; best of {args.repeat} runs")
        for name, seconds in bounds.items():
            print(f"  bound from the {name:<17} {seconds:6.2f} s")
        print(f"lower bound                         {bound:6.2f} s")
        print(f"check_links.py, cold cache          {cold:6.2f} s  ({cold / bound:.2f} x bound; {requests} requests)")
        print(f"  of which requests                 {network:6.2f} s  ({network / bound:.2f} x bound; the rest is "
              f"Python start-up, imports and reading the sources: {cold - network:.2f} s)")
        if lychee_time is not None:
            print(f"lychee {subprocess.run([lychee, '--version'], capture_output=True, text=True).stdout.split()[-1]:<29}"
                  f"{lychee_time:6.2f} s  ({lychee_time / bound:.2f} x bound; check_links.py is "
                  f"{lychee_time / cold:.2f} x as fast)")
        else:
            print(f"lychee                              not found at {args.lychee}")
        print(f"check_links.py, warm cache          {warm:6.2f} s")
        verdicts = [
            ("within 1.25 x bound", cold <= 1.25 * bound),
            ("requests within 1.25 x bound", network <= 1.25 * bound),
            ("no slower than lychee", lychee_time is None or cold <= lychee_time),
            ("warm cache under 0.5 s", warm < 0.5),
        ]
        print("targets: " + ", ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in verdicts))
        return 0
    finally:
        servers.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
