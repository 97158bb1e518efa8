#!/usr/bin/env python3
"""Benchmark scripts/check_links.py against lychee on local servers (prints figures; not a test).

Starts one HTTP server per loopback address (127.0.0.10, .11, ...; Linux routes all
of 127/8 to the loopback interface), each answering every request after DELAY, writes
a Markdown file linking to URLS pages spread evenly over the hosts, then, in each of
REPEAT rounds (so that every figure sees the same load on a shared machine), times:

  1. scripts/check_links.py, a fresh process with an empty cache: the whole process,
     and the request phase it reports itself (network_seconds),
  2. the same again with the cache from run 1 (warm cache: no request),
  3. the floor under any checker written in Python on aiohttp: a process that only
     imports aiohttp and exits, as the checker does, without a last garbage collection
     (plain `python -c "import aiohttp"` is printed too),
  4. lychee on the same file with the same per-host concurrency, request interval and
     global limit (no retries needed: every response is 200).
The best of the rounds is reported, the median beside it, and for both tools how many
requests the servers saw on how many connections (HEAD once per URL, keep-alive reuse).

The lower bound: a host's requests start at least INTERVAL apart and at most PER_HOST
run at once, so its k-th request cannot start before the (k-1)-th start + INTERVAL, nor
before the (k-PER_HOST)-th response; its last response comes DELAY after its last
start. With 10 URLs, 2 at a time, 50 ms apart and 200 ms each the second slot runs
50 ms behind the first: 1.05 s, not 5 x 200 ms. The global limit gives a second
bound; the larger counts. Connection set-up and the servers' own work come on top.

Targets (issue #5): the checker's whole process within 1.25 x the bound and no slower
than lychee; a warm-cache re-run under 0.5 s. When floor + bound already exceeds a
target, the output says so. Nothing leaves the machine: all URLs are loopback addresses.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CHECKER = REPO_ROOT / "scripts" / "check_links.py"
DEFAULT_LYCHEE = REPO_ROOT / ".venv" / "bin" / "lychee"
BODY = b"<!doctype html><title>ok</title>"
FLOOR = "import aiohttp, gc; gc.freeze()"


class _DelayedHttp(asyncio.Protocol):
    """HTTP/1.1 with keep-alive: every request answered 200 after ``delay``.

    Deliberately minimal: the servers are part of the measuring instrument, and with
    aiohttp.web (about half a millisecond of CPU per request, 30 servers in one thread)
    their own work showed up in both tools' times."""

    def __init__(self, servers: DelayedServers):
        self.servers = servers
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        self.servers.connections += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = head.split(b"\r\n")
            headers = dict(line.split(b":", 1) for line in lines[1:] if b":" in line)
            headers = {k.strip().lower(): v.strip().lower() for k, v in headers.items()}
            length = int(headers.get(b"content-length", b"0") or 0)
            self.buffer = self.buffer[length:]  # a request body (none expected) is skipped
            head_only = lines[0].startswith(b"HEAD ")
            close = headers.get(b"connection") == b"close"
            self.servers.requests += 1
            response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        b"Content-Length: %d\r\n%s\r\n" % (len(BODY), b"Connection: close\r\n" if close else b""))
            if not head_only:
                response += BODY
            asyncio.get_running_loop().call_later(self.servers.delay, self._send, response, close)

    def _send(self, response: bytes, close: bool) -> None:
        if not self.transport.is_closing():
            self.transport.write(response)
            if close:
                self.transport.close()


class DelayedServers:
    """One server per address, all in one background event loop."""

    def __init__(self, addresses: list[str], delay: float):
        self.addresses = addresses
        self.delay = delay
        self.requests = 0
        self.connections = 0  # keep-alive at work: far fewer than requests
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.ports = asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(30)

    async def _start(self) -> list[int]:
        self.servers = []
        for address in self.addresses:
            server = await self.loop.create_server(lambda: _DelayedHttp(self), address, 0, backlog=512)
            self.servers.append(server)
        return [server.sockets[0].getsockname()[1] for server in self.servers]

    def close(self) -> None:
        async def stop():
            for server in self.servers:
                server.close()
                await server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)


def timed(command: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return time.perf_counter() - started, proc


def lower_bound(urls: int, hosts: int, per_host: int, interval: float, global_limit: int, delay: float) -> dict:
    """Seconds before which no checker can have every response, by what limits it.

    Per host, the earliest feasible start of each request: the k-th start comes at least
    ``interval`` after the (k-1)-th and no sooner than the (k-per_host)-th response."""
    busiest = math.ceil(urls / hosts)
    starts: list[float] = []
    for k in range(busiest):
        start = starts[k - 1] + interval if k else 0.0
        if k >= per_host:
            start = max(start, starts[k - per_host] + delay)
        starts.append(start)
    return {
        "per host": round(starts[-1] + delay, 6),
        "global limit": round(math.ceil(urls / global_limit) * delay, 6),
    }


def timed_ok(command: list[str], env: dict) -> float:
    seconds, proc = timed(command, env)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit codes: 0 figures printed (whether or not the targets are met), 1 a tool failed, "
               "2 the servers could not start.")
    parser.add_argument("--urls", type=int, default=300)
    parser.add_argument("--hosts", type=int, default=30, help="servers on 127.0.0.10 upwards (at most 240)")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds each response is delayed")
    parser.add_argument("--per-host", type=int, default=2, help="concurrent requests per host, both tools")
    parser.add_argument("--min-interval", type=float, default=0.05,
                        help="seconds between request starts per host, both tools (lychee's default: 50 ms)")
    parser.add_argument("--global", dest="global_limit", type=int, default=64, help="concurrent requests in all")
    parser.add_argument("--repeat", type=int, default=5,
                        help="rounds; each figure is measured once per round (default: %(default)s)")
    parser.add_argument("--lychee", type=Path, default=DEFAULT_LYCHEE, help="lychee executable")
    parser.add_argument("--checker", type=Path, default=CHECKER,
                        help="the checker script to time, e.g. an older copy to compare (default: %(default)s)")
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 240 or args.urls < args.hosts or args.repeat < 1:
        parser.error("--hosts must be 1..240, --urls at least --hosts, --repeat at least 1")

    addresses = [f"127.0.0.{10 + n}" for n in range(args.hosts)]
    try:
        servers = DelayedServers(addresses, args.delay)
    except OSError as exc:
        print(f"error: cannot listen on {addresses[0]}..{addresses[-1]}: {exc}", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    work = Path(tempfile.mkdtemp(prefix="bench-links-"))
    try:
        return run(args, addresses, servers, env, work)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        servers.close()
        shutil.rmtree(work, ignore_errors=True)


def run(args, addresses: list[str], servers: DelayedServers, env: dict, work: Path) -> int:
    links = work / "links.md"
    lines = ["# Benchmark links", ""]
    for n in range(args.urls):
        host = n % args.hosts
        lines.append(f"- <http://{addresses[host]}:{servers.ports[host]}/page/{n}>")
    links.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cache = work / "cache.json"
    (work / "none.yml").write_text("exclude: []\n")
    checker = [
        sys.executable, str(args.checker), str(links), "--no-progress", "--quiet", "--config", str(work / "none.yml"),
        "--per-host", str(args.per_host), "--global", str(args.global_limit),
        "--min-interval", str(args.min_interval), "--retries", "0", "--timeout", "30", "--cache", str(cache),
    ]
    bounds = lower_bound(args.urls, args.hosts, args.per_host, args.min_interval, args.global_limit, args.delay)
    bound = max(bounds.values())

    lychee = shutil.which(str(args.lychee)) or (str(args.lychee) if args.lychee.exists() else None)
    lychee_cmd = [
        str(lychee), "--no-progress", "--mode", "plain", "--format", "json", "--output", str(work / "lychee.json"),
        "--host-concurrency", str(args.per_host), "--host-request-interval", f"{round(args.min_interval * 1000)}ms",
        "--max-concurrency", str(args.global_limit), "--max-retries", "0", "--timeout", "30",
        "--scheme", "http", "--no-ignore", str(links),
    ]
    # One round runs every measurement once, so all of them see the same load on a shared
    # machine; the best of each over the rounds is reported.
    times: dict[str, list[float]] = {}
    traffic: dict[str, str] = {}

    def counted(name: str, run):
        before = servers.requests, servers.connections
        result = run()
        traffic[name] = (f"{servers.requests - before[0]} requests on "
                         f"{servers.connections - before[1]} connections")
        return result

    for _ in range(args.repeat):
        cache.unlink(missing_ok=True)
        seconds, proc = counted("cold", lambda: timed([*checker, "--json", str(work / "report.json")], env))
        report = json.loads((work / "report.json").read_text()) if proc.returncode == 0 else None
        if report is None or report["summary"]["ok"] != args.urls:
            raise RuntimeError(f"checker run failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
        times.setdefault("cold", []).append(seconds)
        times.setdefault("network", []).append(report["summary"]["network_seconds"])

        before = servers.requests
        seconds, proc = timed(checker, env)
        if proc.returncode != 0 or servers.requests != before:
            raise RuntimeError(f"warm run failed or made requests:\n{proc.stdout}{proc.stderr}")
        times.setdefault("warm", []).append(seconds)

        times.setdefault("python", []).append(timed_ok([sys.executable, "-c", "pass"], env))
        times.setdefault("import", []).append(timed_ok([sys.executable, "-c", "import aiohttp"], env))
        # The floor: the same, but exiting as the checker does, without a last garbage collection.
        times.setdefault("floor", []).append(timed_ok([sys.executable, "-c", FLOOR], env))
        if lychee:
            times.setdefault("lychee", []).append(counted("lychee", lambda: timed_ok(lychee_cmd, env)))
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    cold, network, warm, python_alone, floor = (best[k] for k in ("cold", "network", "warm", "python", "floor"))
    plain_import = best["import"]
    lychee_time = best.get("lychee")
    if lychee:
        lychee_version = subprocess.run([lychee, "--version"], capture_output=True, text=True).stdout.split()[-1]

    def row(label: str, seconds: float, note: str = "", ratio: bool = True, key: str | None = None) -> str:
        spread = f"  (median {median[key]:.2f})" if key and args.repeat > 1 else ""
        return (f"  {label:<48}{seconds:6.2f} s{spread}" + (f"  {seconds / bound:5.2f} x bound" if ratio else "")
                + (f"  {note}" if note else ""))

    busiest = math.ceil(args.urls / args.hosts)
    print(f"Benchmark: {args.urls} URLs on {args.hosts} hosts ({addresses[0]}..{addresses[-1]}), "
          f"{args.delay * 1000:.0f} ms per response; best of {args.repeat} rounds, median in brackets")
    print(f"Limits (both tools): {args.per_host} per host, {args.min_interval * 1000:.0f} ms between starts "
          f"per host, {args.global_limit} in all")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("Note: PYTHONDONTWRITEBYTECODE is set, so Python caches no bytecode of the checker's own modules")
    print()
    print("Lower bound (no checker can have every response sooner)")
    print(row(f"per host: {busiest} URLs, {args.per_host} at a time, {args.min_interval * 1000:.0f} ms apart",
              bounds["per host"], ratio=False))
    print(row(f"all hosts: {args.urls} URLs, {args.global_limit} at a time", bounds["global limit"], ratio=False))
    print(row("lower bound", bound, ratio=False))
    print()
    print("Times")
    print(row("check_links.py, cold cache, whole process", cold, traffic["cold"], key="cold"))
    print(row("  request phase (its network_seconds)", network, key="network"))
    print(row("  the rest", cold - network, ratio=False))
    print(row("    Python + import aiohttp (the floor)", floor, ratio=False, key="floor",
              note=f"python -c '{FLOOR}'"))
    print(row("    the checker's own start-up and reports", cold - network - floor, ratio=False,
              note="imports, sources, cache, reports (difference of best figures: rough)"))
    print(row("python -c 'import aiohttp'", plain_import, ratio=False, key="import",
              note="its exit collects garbage; the checker's does not"))
    print(row("python -c pass", python_alone, ratio=False))
    if lychee_time is not None:
        print(row(f"lychee {lychee_version}, whole process", lychee_time, traffic["lychee"], key="lychee"))
    else:
        print(f"  lychee: not found at {args.lychee}")
    print(row("check_links.py, warm cache, whole process", warm, ratio=False, key="warm"))
    print()

    def verdict(ok: bool, text: str) -> str:
        return f"  {'yes' if ok else 'NO ':<4} {text}"

    print("Targets (issue #5)")
    print(verdict(cold <= 1.25 * bound, f"whole process within 1.25 x bound: {cold:.2f} s vs {1.25 * bound:.2f} s"))
    if lychee_time is not None:
        print(verdict(cold <= lychee_time, f"whole process no slower than lychee: {cold:.2f} s vs {lychee_time:.2f} s"))
    else:
        print("  n/a  whole process no slower than lychee: lychee not found")
    print(verdict(warm < 0.5, f"warm-cache re-run under 0.5 s: {warm:.2f} s"))
    print("For comparison, not targets")
    print(verdict(network <= 1.25 * bound,
                  f"request phase within 1.25 x bound: {network:.2f} s vs {1.25 * bound:.2f} s"))
    if lychee_time is not None:
        print(verdict(network <= lychee_time,
                      f"request phase no slower than lychee's whole process: {network:.2f} s vs {lychee_time:.2f} s"))
    least = floor + bound
    limits = [("1.25 x bound", 1.25 * bound)] + ([("lychee", lychee_time)] if lychee_time is not None else [])
    beyond = [f"{name} ({seconds:.2f} s)" for name, seconds in limits if least > seconds]
    if beyond:
        print()
        print(textwrap.fill(
            f"Why not: a Python process that only imports aiohttp and exits takes {floor:.2f} s (the floor, "
            f"measured in the same rounds). A checker in Python on aiohttp pays that plus the requests, and "
            f"floor + bound = {least:.2f} s is already more than {' and '.join(beyond)}: no such checker meets "
            f"{'that target' if len(beyond) == 1 else 'those targets'} at this machine's speed, whatever its "
            f"own code does.", width=100))
    return 0


if __name__ == "__main__":
    sys.exit(main())
