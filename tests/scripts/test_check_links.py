"""scripts/check_links.py against misbehaving servers on 127.0.0.1 (never the internet).

Every case of the issue: each test asserts the verdict a maintainer would see and that
the run stays within its time bound. Options are scaled down (short timeouts, small
backoff, capped Retry-After) so the whole file runs in a few seconds.
"""
from __future__ import annotations

import asyncio
import email.utils
import json
import os
import socket
import struct
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from aiohttp import web

from site_build import links
from site_checks.link_check import cache as link_cache
from site_checks.link_check import client
from site_checks.link_check import cli as link_cli
from site_checks.link_check import sources
from site_checks.link_check.model import Options, UsageError
from site_checks.link_check.run import check_urls
from site_checks.link_check.sources import FoundUrl

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "check_links.py"

FAST = dict(per_host=8, global_limit=16, min_interval=0.0, timeout=1.0, connect_timeout=0.5, retries=2,
            backoff=0.05, max_backoff=0.2, max_retry_after=3.0, max_time=10.0)


class LinkServer:
    """An aiohttp server in its own thread, with one route per way a link can fail."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.reset()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)

    def reset(self):
        self.log = []  # (method, path, time)
        self.counts = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.huge_bytes_sent = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path: str) -> list:
        return [(m, t) for m, p, t in self.log if p == path]

    async def _start(self):
        app = web.Application(middlewares=[self._record])
        r = app.router
        r.add_route("*", "/ok", self.ok)
        r.add_route("*", "/moved", self.redirect(301, "/ok"))
        r.add_route("*", "/temporary", self.redirect(302, "/ok"))
        r.add_route("*", "/chain/1", self.redirect(308, "/chain/2"))
        r.add_route("*", "/chain/2", self.redirect(308, "/chain/3"))
        r.add_route("*", "/chain/3", self.redirect(308, "/ok"))
        r.add_route("*", "/loop/a", self.redirect(302, "/loop/b"))
        r.add_route("*", "/loop/b", self.redirect(302, "/loop/a"))
        r.add_route("*", "/hops/{n}", self.hops)
        r.add_route("*", "/gone404", self.respond(404))
        r.add_route("*", "/gone410", self.respond(410))
        r.add_route("*", "/head405", self.head_status(405))
        r.add_route("*", "/head404", self.head_status(404))
        r.add_route("*", "/retry-after-seconds", self.retry_after_seconds)
        r.add_route("*", "/retry-after-date", self.retry_after_date)
        r.add_route("*", "/retry-after-huge", self.retry_after_huge)
        r.add_route("*", "/flaky", self.flaky)
        r.add_route("*", "/down", self.respond(503))
        r.add_route("*", "/challenge", self.respond(403, {"cf-mitigated": "challenge"}))
        r.add_route("*", "/slow", self.slow)
        r.add_route("*", "/huge", self.huge)
        r.add_route("*", "/page", self.page)
        r.add_route("*", "/concurrent/{n}", self.concurrent)
        self.runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        # A raw server that resets every connection once the request arrives.
        self.reset_server = await asyncio.start_server(self._reset_connection, "127.0.0.1", 0)
        self.reset_port = self.reset_server.sockets[0].getsockname()[1]

    @web.middleware
    async def _record(self, request, handler):
        self.log.append((request.method, request.path, time.monotonic()))
        self.counts[request.path] = self.counts.get(request.path, 0) + 1
        return await handler(request)

    async def _reset_connection(self, reader, writer):
        await reader.read(1024)
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
        writer.transport.abort()

    async def ok(self, request):
        return web.Response(text="ok")

    @staticmethod
    def redirect(status, location):
        async def handler(request):
            return web.Response(status=status, headers={"Location": location})
        return handler

    @staticmethod
    def respond(status, headers=None):
        async def handler(request):
            return web.Response(status=status, headers=headers, text=f"status {status}")
        return handler

    @staticmethod
    def head_status(status):
        async def handler(request):
            if request.method == "HEAD":
                return web.Response(status=status)
            return web.Response(text="fine with GET")
        return handler

    async def hops(self, request):
        return web.Response(status=302, headers={"Location": f"/hops/{int(request.match_info['n']) + 1}"})

    async def retry_after_seconds(self, request):
        if self.counts[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": "1"})
        return web.Response(text="ok")

    async def retry_after_date(self, request):
        if self.counts[request.path] == 1:
            when = email.utils.formatdate(time.time() + 2, usegmt=True)
            return web.Response(status=429, headers={"Retry-After": when})
        return web.Response(text="ok")

    async def retry_after_huge(self, request):
        return web.Response(status=429, headers={"Retry-After": "3600"})

    async def flaky(self, request):
        if self.counts[request.path] <= 2:
            return web.Response(status=500, text="oops")
        return web.Response(text="ok")

    async def slow(self, request):
        await asyncio.sleep(30)
        return web.Response(text="too late")

    async def huge(self, request):
        if request.method == "HEAD":
            return web.Response(status=405)
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream",
                                               "Content-Length": str(1024 ** 3)})
        await response.prepare(request)
        chunk = b"\0" * 65536
        for _ in range(1024 ** 3 // len(chunk)):  # 1 GB, unless the client hangs up
            await response.write(chunk)
            self.huge_bytes_sent += len(chunk)
        return response

    async def page(self, request):
        html = '<html><body><h2 id="present">Here</h2><a name="legacy"></a></body></html>'
        return web.Response(text=html, content_type="text/html")

    async def concurrent(self, request):
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.2)
        finally:
            self.in_flight -= 1
        return web.Response(text="ok")

    def close(self):
        async def stop():
            self.reset_server.close()
            await self.runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture(scope="module")
def link_server():
    server = LinkServer()
    yield server
    server.close()


@pytest.fixture
def server(link_server):
    link_server.reset()
    return link_server


def found(*urls, file="docs/test.nl.md"):
    return [FoundUrl(url, file, line) for line, url in enumerate(urls, start=1)]


def run(urls, bound: float, **overrides):
    """Check ``urls``; assert the run ended within ``bound`` seconds; return {url: result}."""
    options = Options(**{**FAST, **overrides})
    started = time.monotonic()
    results = check_urls(found(*urls) if isinstance(urls[0], str) else urls, options)
    elapsed = time.monotonic() - started
    assert elapsed < bound, f"run took {elapsed:.2f} s, bound {bound} s"
    return {r.url: r for r in results}, elapsed


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# --- Verdicts, one per case of the issue ----------------------------------------------

def test_200_is_ok(server):
    results, _ = run([server.url("/ok")], bound=2)
    result = results[server.url("/ok")]
    assert (result.verdict, result.status, result.final_url) == ("ok", 200, server.url("/ok"))
    assert [m for m, _ in server.requests("/ok")] == ["HEAD"]  # HEAD is enough when it works


def test_301_to_200_is_reported_as_moved(server):
    results, _ = run([server.url("/moved")], bound=2)
    result = results[server.url("/moved")]
    assert result.verdict == "redirect"
    assert result.final_url == server.url("/ok")
    assert result.detail == f"moved: update the link to {server.url('/ok')}"


def test_308_chain_reports_the_end_of_the_chain(server):
    results, _ = run([server.url("/chain/1")], bound=2)
    result = results[server.url("/chain/1")]
    assert (result.verdict, result.status, result.final_url) == ("redirect", 200, server.url("/ok"))
    assert result.detail.endswith(f"update the link to {server.url('/ok')}")


def test_temporary_redirect_is_ok_with_final_url(server):
    results, _ = run([server.url("/temporary")], bound=2)
    result = results[server.url("/temporary")]
    assert (result.verdict, result.final_url) == ("ok", server.url("/ok"))


def test_redirect_loop_is_broken(server):
    results, _ = run([server.url("/loop/a")], bound=2)
    result = results[server.url("/loop/a")]
    assert result.verdict == "broken"
    assert "redirect loop" in result.detail


def test_more_than_ten_redirects_is_broken(server):
    results, _ = run([server.url("/hops/0")], bound=3)
    result = results[server.url("/hops/0")]
    assert result.verdict == "broken"
    assert "too many redirects" in result.detail
    assert len(server.requests("/hops/10")) == 1 and not server.requests("/hops/11")  # gave up after 10


@pytest.mark.parametrize("path, status", [("/gone404", 404), ("/gone410", 410)])
def test_404_and_410_are_broken_with_an_archive_suggestion(server, path, status):
    results, _ = run([server.url(path)], bound=2)
    result = results[server.url(path)]
    assert (result.verdict, result.status) == ("broken", status)
    assert f"https://web.archive.org/web/*/{server.url(path)}" in result.detail
    assert not any(p.startswith("/web") for _, p, _ in server.log)  # a suggestion, no request


@pytest.mark.parametrize("path", ["/head405", "/head404"])
def test_head_refused_then_get_ok(server, path):
    results, _ = run([server.url(path)], bound=2)
    assert (results[server.url(path)].verdict, results[server.url(path)].status) == ("ok", 200)
    assert [m for m, _ in server.requests(path)] == ["HEAD", "GET"]


def test_429_with_retry_after_seconds_waits_then_ok(server):
    results, elapsed = run([server.url("/retry-after-seconds")], bound=3)
    assert results[server.url("/retry-after-seconds")].verdict == "ok"
    (_, first), (_, second) = server.requests("/retry-after-seconds")
    assert second - first >= 0.95  # Retry-After: 1 honoured


def test_429_with_http_date_retry_after_waits_then_ok(server):
    results, elapsed = run([server.url("/retry-after-date")], bound=4)
    assert results[server.url("/retry-after-date")].verdict == "ok"
    (_, first), (_, second) = server.requests("/retry-after-date")
    assert second - first >= 0.9  # the date is 2 s ahead, at one-second resolution


def test_retry_after_is_capped(server):
    results, elapsed = run([server.url("/retry-after-huge")], bound=3, retries=1, max_retry_after=0.3)
    result = results[server.url("/retry-after-huge")]
    assert (result.verdict, result.status) == ("unverified", 429)
    assert elapsed < 2  # not 3600 s


def test_500_500_200_is_ok_after_retries(server):
    results, _ = run([server.url("/flaky")], bound=3)
    assert results[server.url("/flaky")].verdict == "ok"
    assert len(server.requests("/flaky")) == 3


def test_503_forever_is_unverified_after_retries(server):
    results, _ = run([server.url("/down")], bound=3)
    result = results[server.url("/down")]
    assert (result.verdict, result.status) == ("unverified", 503)
    assert len(server.requests("/down")) == 1 + 1 + FAST["retries"]  # HEAD, GET, retries of GET


def test_cloudflare_challenge_is_unverified_not_broken(server):
    results, _ = run([server.url("/challenge")], bound=2)
    result = results[server.url("/challenge")]
    assert (result.verdict, result.status) == ("unverified", 403)
    assert "bot protection" in result.detail


def test_response_slower_than_the_timeout_is_unverified(server):
    results, elapsed = run([server.url("/slow")], bound=5, timeout=0.3, retries=1)
    result = results[server.url("/slow")]
    assert result.verdict == "unverified"
    assert "no response within 0.3 s" in result.detail


def test_connection_reset_is_unverified(server):
    url = f"http://127.0.0.1:{server.reset_port}/reset"
    results, _ = run([url], bound=3)
    result = results[url]
    assert result.verdict == "unverified"
    assert "reset" in result.detail


def test_closed_port_is_broken(server):
    url = f"http://127.0.0.1:{closed_port()}/nothing-here"
    results, _ = run([url], bound=3)
    result = results[url]
    assert result.verdict == "broken"
    assert "connection refused" in result.detail


def test_huge_body_is_not_downloaded(server):
    results, elapsed = run([server.url("/huge")], bound=3)
    assert results[server.url("/huge")].verdict == "ok"
    time.sleep(0.2)  # let the server notice the hang-up
    assert server.huge_bytes_sent < 50 * 1024 ** 2, f"server sent {server.huge_bytes_sent} bytes"


def test_fragments_each_get_a_result_and_the_page_is_fetched_once(server):
    urls = [server.url("/page#present"), server.url("/page#missing"), server.url("/page#legacy"), server.url("/page")]
    results, _ = run(urls, bound=2, include_fragments=True)
    assert results[server.url("/page#present")].verdict == "ok"
    assert results[server.url("/page#legacy")].verdict == "ok"
    assert results[server.url("/page")].verdict == "ok"
    missing = results[server.url("/page#missing")]
    assert missing.verdict == "broken" and "no anchor #missing" in missing.detail
    assert [m for m, _ in server.requests("/page")] == ["GET"]


def test_without_include_fragments_the_fragment_is_stripped_and_sources_merged(server):
    results, _ = run(found(server.url("/page#present"), server.url("/page#missing")), bound=2)
    assert list(results) == [server.url("/page")]
    assert results[server.url("/page")].sources == [("docs/test.nl.md", 1), ("docs/test.nl.md", 2)]


@pytest.mark.parametrize("url, reason", [
    ("https://", "no host"),
    ("https://exa mple.nl/", "a space"),
    ("https://www.pharos.nl/gun\\_ons\\_de\\_tijd.pdf", "'\\\\'"),
    ("http://example.nl:99999/", "invalid port"),
    ("http://[::1/", "cannot be parsed"),
    ("https://-bad-.nl/", "not a valid domain name"),
    ("https://intranet/page", "has no domain"),
    ("htps://www.coa.nl/", "unknown scheme"),
    ("www.kis.nl", "has no scheme"),
    ("mailto:not-an-address", "not a valid e-mail address"),
    ("tel:call-me", "not a valid phone number"),
])
def test_malformed_urls_are_invalid_without_any_request(server, url, reason):
    results, _ = run([url], bound=1)
    assert results[url].verdict == "invalid"
    assert reason in results[url].detail
    assert not server.log


def test_scanning_finds_urls_on_lines_without_a_colon():
    # The scanner skips lines that cannot hold a URL; these three can, without a ':'.
    text = ("Zie WWW.Example.nl voor meer.\n"
            "Mail <info@example.nl> of bel.\n"
            '<a href="https&#58;//entity.example/">x</a>\n'
            "Een gewone zin zonder link.\n")
    found = sources.urls_in_text(text, "docs/p.nl.md")
    assert [(f.url, f.line) for f in found] == [
        ("WWW.Example.nl", 1), ("mailto:info@example.nl", 2), ("https://entity.example/", 3)]


def test_mail_and_phone_links_are_skipped_after_a_syntax_check(server):
    results, _ = run(["mailto:secr@verwey-jonker.nl", "tel:+31302300799"], bound=1)
    assert {r.verdict for r in results.values()} == {"skipped"}


def test_excluded_urls_are_skipped_with_the_reason(server):
    import re
    results, _ = run([server.url("/gone404")], bound=1, excludes=[(re.compile("gone"), "known to be gone")])
    assert (results[server.url("/gone404")].verdict, results[server.url("/gone404")].detail) == (
        "skipped", "excluded: known to be gone")
    assert not server.log


# --- Limits, time bound and cache ---------------------------------------------------------

def test_per_host_limit_and_minimum_interval(server, monkeypatch):
    # The starts are timed where the checker lets a request go: on a busy machine the server's
    # event loop can take two requests sent 50 ms apart in one turn.
    starts: list[float] = []
    enter = client.HostLimiter.__aenter__

    async def timed_enter(self):
        limiter = await enter(self)
        starts.append(asyncio.get_running_loop().time())
        return limiter

    monkeypatch.setattr(client.HostLimiter, "__aenter__", timed_enter)
    urls = [server.url(f"/concurrent/{n}") for n in range(6)]
    results, elapsed = run(urls, bound=2.5, per_host=2, min_interval=0.05)
    assert all(r.verdict == "ok" for r in results.values())
    assert server.max_in_flight == 2
    assert len(starts) == 6
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.05
    assert elapsed >= 0.6  # 6 requests, 2 at a time, 0.2 s each


def test_global_limit(server):
    urls = [server.url(f"/concurrent/{n}") for n in range(6)]
    run(urls, bound=2.5, per_host=6, global_limit=3)
    assert server.max_in_flight == 3


def test_whole_run_time_bound(server):
    urls = [server.url("/slow"), server.url("/ok")]
    results, elapsed = run(urls, bound=2.0, timeout=20, max_time=1.0)
    assert results[server.url("/ok")].verdict == "ok"
    slow = results[server.url("/slow")]
    assert slow.verdict == "unverified" and "time limit" in slow.detail


def test_cache_reuses_successes_only(server, tmp_path):
    cache_file = tmp_path / "cache.json"
    urls = [server.url("/ok"), server.url("/gone404")]
    cache = link_cache.load_cache(cache_file, 3600)
    results = check_urls(found(*urls), Options(**FAST), cache)
    link_cache.save_cache(cache_file, cache, results)
    server.reset()
    cache = link_cache.load_cache(cache_file, 3600)
    started = time.monotonic()
    results = {r.url: r for r in check_urls(found(*urls), Options(**FAST), cache)}
    assert time.monotonic() - started < 1
    assert results[server.url("/ok")].cached and results[server.url("/ok")].verdict == "ok"
    assert not results[server.url("/gone404")].cached  # failures are checked again
    assert [p for _, p, _ in server.log] == ["/gone404", "/gone404"]
    assert link_cache.load_cache(cache_file, max_age=-1) == {}  # entries expire


def test_cache_file_is_rewritten_only_when_a_result_changes_it(server, tmp_path):
    cache_file = tmp_path / "cache.json"
    cache = link_cache.load_cache(cache_file, 3600)
    link_cache.save_cache(cache_file, cache, check_urls(found(server.url("/ok")), Options(**FAST), cache))
    written = cache_file.stat().st_mtime_ns
    time.sleep(0.02)
    cache = link_cache.load_cache(cache_file, 3600)
    link_cache.save_cache(cache_file, cache, check_urls(found(server.url("/ok")), Options(**FAST), cache))
    assert cache_file.stat().st_mtime_ns == written  # all from the cache: left as it was
    cache = link_cache.load_cache(cache_file, 3600)
    urls = found(server.url("/ok"), server.url("/temporary"))
    link_cache.save_cache(cache_file, cache, check_urls(urls, Options(**FAST), cache))
    assert cache_file.stat().st_mtime_ns != written
    assert set(link_cache.load_cache(cache_file, 3600)) == {server.url("/ok"), server.url("/temporary")}


# --- The command line --------------------------------------------------------------------

def cli(*args, env=None, timeout=20):
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    environment.update(env or {})
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          env=environment, timeout=timeout, cwd=REPO_ROOT)


FAST_ARGS = ["--no-cache", "--timeout", "1", "--retries", "1", "--backoff", "0.05", "--min-interval", "0"]


def test_cli_json_report_schema_and_exit_code_1(server, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"# T\n\nSee [ok]({server.url('/ok')}) and\n[gone]({server.url('/gone404')}#part).\n")
    report = tmp_path / "report.json"
    started = time.monotonic()
    proc = cli(page, "--json", report, *FAST_ARGS)
    assert time.monotonic() - started < 10
    assert proc.returncode == 1, proc.stderr
    data = json.loads(report.read_text())
    assert set(data) == {"results", "summary"}
    for result in data["results"]:
        assert set(result) == {"url", "verdict", "status", "final_url", "sources", "detail"}
    by_url = {r["url"]: r for r in data["results"]}
    gone = by_url[server.url("/gone404")]  # the URL as written, minus the fragment
    assert (gone["verdict"], gone["status"]) == ("broken", 404)
    assert gone["sources"] == [{"file": str(page), "line": 4}]
    assert by_url[server.url("/ok")]["verdict"] == "ok"
    assert data["summary"]["broken"] == 1 and data["summary"]["ok"] == 1
    assert "BROKEN" in proc.stdout and "\r" not in proc.stderr  # no progress bar when not on a terminal


def test_cli_exit_0_and_markdown_report(server, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"[moved]({server.url('/moved')})\n")
    markdown = tmp_path / "summary.md"
    proc = cli(page, "--markdown", markdown, *FAST_ARGS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = markdown.read_text()
    assert "| redirect | 1 |" in text and "update the link to" in text


def test_cli_in_ci_prints_annotations_and_no_progress(server, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"line one\n[gone]({server.url('/gone410')})\n")
    proc = cli(page, *FAST_ARGS, env={"CI": "true"})
    assert proc.returncode == 1
    assert f"::error file={page},line=2,title=Broken link::{server.url('/gone410')}" in proc.stdout.replace("%3A", ":")
    assert "#" * 5 not in proc.stderr


def test_cli_usage_and_config_errors_exit_2(tmp_path):
    assert cli("--per-host", "0").returncode == 2
    assert cli(tmp_path / "missing.md").returncode == 2
    config = tmp_path / "link-check.yml"
    config.write_text("exclude:\n  - pattern: 'example'\n")
    proc = cli("--config", config, "--list")
    assert proc.returncode == 2 and "link-check.yml:2" in proc.stderr and "reason" in proc.stderr


def test_cli_invalid_yaml_exits_2_naming_file_and_line(tmp_path):
    data = tmp_path / "links.yml"
    data.write_text("categories:\n  - id: a\n    title: {nl: A, en: A}\nlinks:\n  - id: x\n    url: [unclosed\n")
    started = time.monotonic()
    proc = cli(data, "--no-cache")
    assert time.monotonic() - started < 10
    assert proc.returncode == 2
    assert "links.yml:" in proc.stderr and "invalid YAML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_duplicate_id_exits_2_naming_file_and_line(tmp_path):
    entry = ("  - id: same\n    url: https://{host}/\n    title: {{nl: T, en: T}}\n    description: {{nl: D, en: D}}\n"
             "    organisation: O\n    category: a\n    type: page\n    language: nl\n")
    data = tmp_path / "links.yml"
    data.write_text("categories:\n  - id: a\n    title: {nl: A, en: A}\nlinks:\n"
                    + entry.format(host="one.invalid") + entry.format(host="two.invalid"))
    proc = cli(data, "--no-cache")
    assert proc.returncode == 2
    assert "links.yml:13: duplicate id 'same'" in proc.stderr


def test_cli_malformed_url_in_link_data_is_invalid_not_a_crash(tmp_path):
    data = tmp_path / "links.yml"
    data.write_text("categories:\n  - id: a\n    title: {nl: A, en: A}\nlinks:\n  - id: x\n"
                    "    url: https://www.pharos.nl/gun\\_ons.pdf\n    title: {nl: T, en: T}\n"
                    "    description: {nl: D, en: D}\n    organisation: O\n    category: a\n    type: pdf\n    language: nl\n")
    report = tmp_path / "r.json"
    proc = cli(data, "--no-cache", "--json", report)
    assert proc.returncode == 1
    (result,) = json.loads(report.read_text())["results"]
    assert result["verdict"] == "invalid" and result["sources"] == [{"file": str(data), "line": 6}]


def test_since_checks_only_links_added_or_changed(tmp_path, server, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    page, other = repo / "docs" / "p.md", repo / "docs" / "q.md"
    page.write_text(f"[old]({server.url('/gone404')})\n[moving]({server.url('/gone410')})\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    page.write_text(f"[old]({server.url('/gone404')})\n[new]({server.url('/ok')})\n")
    other.write_text(f"[moved here]({server.url('/gone410')})\n")  # moved from p.md: not new
    monkeypatch.setattr(link_cli, "REPO_ROOT", repo)
    found_now = sources.urls_in_file(page) + sources.urls_in_file(other)
    new = link_cli.only_new(found_now, [page, other], "HEAD", include_fragments=False, roots=[repo / "docs"])
    assert [f.url for f in new] == [server.url("/ok")]
    with pytest.raises(UsageError, match="not a commit"):
        link_cli.only_new(found_now, [page], "no-such-ref", include_fragments=False)


def test_extract_urls_finds_link_data_and_inline_links_with_lines(tmp_path):
    page = tmp_path / "page.nl.md"
    page.write_text(textwrap.dedent("""\
        # Titel

        Zie [de site](https://inline.example/a#deel) en <https://auto.example/>.
        [www.kis.nl]({{ url("kis") }}) is geen URL in de tekst.
        [kapot](https://exa mple.nl/) en [met titel](https://titel.example/ "Titel").

        ```
        https://in-code.example/
        ```
        """), encoding="utf-8")
    found = sources.extract_urls([page, REPO_ROOT / "docs" / "data" / "links.yml"])
    by_url = {f.url: f for f in found}
    assert (by_url["https://inline.example/a#deel"].line, by_url["https://auto.example/"].line) == (3, 3)
    assert "https://in-code.example/" not in by_url and "www.kis.nl" not in by_url
    assert by_url["https://exa mple.nl/"].line == 5  # reported as malformed, not cut at the space
    assert "https://titel.example/" in by_url
    data = links.load()
    entry = next(link for link in data.links if link.url)
    where = by_url[entry.url]
    assert where.file == "docs/data/links.yml"
    line = (REPO_ROOT / "docs/data/links.yml").read_text().splitlines()[where.line - 1]
    assert line.strip() == f"url: {entry.url}"
    assert len([f for f in found if f.file == "docs/data/links.yml"]) == sum(1 for l in data.links if l.url)
