"""The HTTP side of the link checker: per-host limits, retries, redirects followed by hand, fragments.

aiohttp is imported only when there is something to request, so a run answered from the cache starts fast.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from site_build import links as guide_links

from .model import FORBIDDEN, HTML_ID, PERMANENT, REDIRECTS, RETRY_STATUS, SUCCESS, Options, Result

class Transport(Exception):
    """A request that got no HTTP response: kind is timeout, refused, dns, reset, tls or error."""

    def __init__(self, kind: str, detail: str):
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


@dataclasses.dataclass
class Response:
    status: int
    reason: str
    headers: dict  # lower-case names
    final_url: str
    chain: list  # [(status, from_url, to_url)]
    body: bytes | None = None
    problem: str | None = None  # "loop", "too_many", "bad_location"


class HostLimiter:
    """At most ``per_host`` requests in flight to one host, starts at least ``interval`` apart."""

    def __init__(self, per_host: int, interval: float):
        import asyncio  # imported where needed: a warm-cache run makes no request and stays fast

        self.slots = asyncio.Semaphore(per_host)
        self.interval = interval
        self.next_start = 0.0
        self.lock = asyncio.Lock()

    def pause_until(self, moment: float) -> None:
        self.next_start = max(self.next_start, moment)

    async def __aenter__(self):
        import asyncio

        await self.slots.acquire()
        try:
            async with self.lock:
                loop = asyncio.get_running_loop()
                wait = self.next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self.next_start = loop.time() + self.interval
        except BaseException:
            self.slots.release()
            raise
        return self

    async def __aexit__(self, *exc):
        self.slots.release()


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` in either form: delta-seconds or an HTTP date."""
    import email.utils

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, when.timestamp() - time.time())


class Checker:
    def __init__(self, options: Options, on_done=None):
        self.options = options
        self.on_done = on_done or (lambda: None)
        self.hosts: dict[str, HostLimiter] = {}
        self.deadline = 0.0

    def host(self, url: str) -> HostLimiter:
        name = (urlsplit(url).hostname or "").lower()
        if name not in self.hosts:
            self.hosts[name] = HostLimiter(self.options.per_host, self.options.min_interval)
        return self.hosts[name]

    def remaining(self) -> float:
        import asyncio

        return self.deadline - asyncio.get_running_loop().time()

    async def _one(self, method: str, url: str, read_body: bool) -> tuple:
        """One request, no redirects followed. Returns (status, reason, headers, body)."""
        import asyncio

        import aiohttp

        o = self.options
        async with self.host(url), self.global_slots:
            try:
                async with self.session.request(method, url, allow_redirects=False) as resp:
                    headers = {k.lower(): v for k, v in resp.headers.items()}
                    body = None
                    if read_body and "html" in headers.get("content-type", "").lower():
                        body = await resp.content.read(o.max_body)
                    elif method == "GET" and (resp.content_length or o.max_body + 1) <= 65536:
                        # Small body: read it so the connection can be reused.
                        await resp.read()
                    # Otherwise leaving the block closes the connection: a 1 GB body is never downloaded.
                    return resp.status, resp.reason or "", headers, body
            except aiohttp.ClientConnectorCertificateError as exc:
                raise Transport("tls", f"TLS certificate problem: {exc.certificate_error}") from None
            except aiohttp.ClientConnectorDNSError:
                raise Transport("dns", f"host not found: {urlsplit(url).hostname}") from None
            except aiohttp.ClientConnectorSSLError as exc:
                raise Transport("tls", f"TLS error: {exc}") from None
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, ConnectionRefusedError):
                    raise Transport("refused", "connection refused") from None
                raise Transport("error", f"cannot connect: {exc.os_error or exc}") from None
            except (asyncio.TimeoutError, aiohttp.ServerTimeoutError):
                raise Transport("timeout", f"no response within {o.timeout:g} s") from None
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, ConnectionResetError,
                    aiohttp.ClientOSError) as exc:
                raise Transport("reset", f"connection reset or closed by the server ({type(exc).__name__})") from None
            except aiohttp.ClientError as exc:
                raise Transport("error", f"{type(exc).__name__}: {exc}") from None

    async def fetch(self, url: str, method: str, read_body: bool) -> Response:
        """A request with redirects followed by hand, to report each hop and catch loops."""
        chain = []
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            status, reason, headers, body = await self._one(method, current, read_body)
            location = headers.get("location")
            if status not in REDIRECTS or not location:
                return Response(status, reason, headers, current, chain, body)
            target = urljoin(current, location.strip())
            chain.append((status, current, target))
            if urlsplit(target).scheme not in ("http", "https") or guide_links.url_problem(urldefrag(target)[0]):
                return Response(status, reason, headers, current, chain, problem="bad_location")
            if urldefrag(target)[0] in seen:
                return Response(status, reason, headers, target, chain, problem="loop")
            seen.add(urldefrag(target)[0])
            current = urldefrag(target)[0]
        return Response(status, reason, headers, current, chain, problem="too_many")

    async def wait_before_retry(self, attempt: int, url: str, retry_after: float | None) -> str | None:
        """Sleep before the next attempt; returns why not to retry, or None."""
        import asyncio
        import random

        o = self.options
        if retry_after is not None:
            delay = min(retry_after, o.max_retry_after)
            self.host(url).pause_until(asyncio.get_running_loop().time() + delay)
        else:
            base = min(o.max_backoff, o.backoff * (2 ** attempt))
            delay = base / 2 + random.uniform(0, base / 2)  # jitter: retries of many URLs do not line up
        if delay >= self.remaining():
            return f"retry would wait {delay:.0f} s, past the run's time limit"
        await asyncio.sleep(delay)
        return None

    async def check(self, url: str, need_body: bool) -> tuple[Result, bytes | None]:
        """HEAD first (GET when the body is needed); on any HEAD failure a streamed GET; retries."""
        o = self.options
        method = "GET" if need_body else "HEAD"
        attempt = 0
        while True:
            retry_after = None
            try:
                resp = await self.fetch(url, method, need_body)
            except Transport as err:
                if err.kind == "tls":
                    return Result(url, "broken", detail=err.detail), None
                retryable = err.kind in ("timeout", "refused", "dns", "reset", "error")
                if method == "HEAD":
                    method = "GET"  # some servers mishandle HEAD
                    if err.kind == "reset":
                        continue
                if retryable and attempt < o.retries:
                    why_not = await self.wait_before_retry(attempt, url, None)
                    attempt += 1
                    if why_not is None:
                        continue
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                verdict = "broken" if err.kind in ("refused", "dns") else "unverified"
                return Result(url, verdict, detail=err.detail + tries), None

            status = resp.status
            if resp.problem == "loop":
                return Result(url, "broken", status, resp.final_url, f"redirect loop at {resp.final_url}"), None
            if resp.problem == "too_many":
                return Result(url, "broken", status, resp.final_url,
                              f"too many redirects (more than {o.max_redirects})"), None
            if resp.problem == "bad_location":
                return Result(url, "unverified", status, resp.final_url,
                              f"redirects to an address that cannot be checked: {resp.chain[-1][2]}"), None
            if 200 <= status < 300 and resp.headers.get("cf-mitigated", "").lower() != "challenge":
                return self.success(url, resp), resp.body
            retryable = status in RETRY_STATUS or 500 <= status < 600
            if retryable:
                retry_after = retry_after_seconds(resp.headers.get("retry-after"))
            if method == "HEAD":
                # 405, 403, 501 or any other non-2xx: ask again with GET, which is what readers do.
                method = "GET"
                if retry_after is not None:
                    why_not = await self.wait_before_retry(attempt, url, retry_after)
                    if why_not:
                        return Result(url, "unverified", status, resp.final_url, f"HTTP {status}; {why_not}"), None
                continue
            label = f"HTTP {status} {resp.reason}".strip()
            if resp.chain:
                label += f" (after redirect to {resp.final_url})"
            if resp.headers.get("cf-mitigated", "").lower() == "challenge":
                return Result(url, "unverified", status, resp.final_url,
                              f"{label}: bot protection (Cloudflare challenge); check it in a browser"), None
            if status in (404, 410):
                return Result(url, "broken", status, resp.final_url, label), None
            if status in FORBIDDEN:
                return Result(url, "unverified", status, resp.final_url,
                              f"{label}: the server refuses automated checks; check it in a browser"), None
            if retryable:
                if attempt < o.retries:
                    why_not = await self.wait_before_retry(attempt, url, retry_after)
                    attempt += 1
                    if why_not is None:
                        continue
                    return Result(url, "unverified", status, resp.final_url, f"{label}; {why_not}"), None
                return Result(url, "unverified", status, resp.final_url,
                              f"{label} after {attempt + 1} attempts"), None
            if 400 <= status < 500:
                return Result(url, "broken", status, resp.final_url, label), None
            return Result(url, "unverified", status, resp.final_url, label), None

    def success(self, url: str, resp: Response) -> Result:
        if resp.chain and resp.chain[0][0] in PERMANENT:
            moved_to = resp.chain[0][2]
            for status, _, target in resp.chain[1:]:
                if status not in PERMANENT:
                    break
                moved_to = target
            return Result(url, "redirect", resp.status, resp.final_url, f"moved: update the link to {moved_to}")
        detail = f"redirected to {resp.final_url}" if resp.chain else ""
        return Result(url, "ok", resp.status, resp.final_url, detail)

    async def run(self, pages: dict[str, bool]) -> dict[str, tuple[Result, bytes | None]]:
        """Check each page URL once ({url: needs body}); returns {url: (result, body)}."""
        import asyncio

        import aiohttp

        loop = asyncio.get_running_loop()
        self.deadline = loop.time() + self.options.max_time
        self.global_slots = asyncio.Semaphore(self.options.global_limit)
        connector = aiohttp.TCPConnector(limit=self.options.global_limit, limit_per_host=0, ttl_dns_cache=300)
        headers = {
            "User-Agent": self.options.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
            "Accept-Language": "nl,en;q=0.8",
        }
        timeout = aiohttp.ClientTimeout(total=self.options.timeout, sock_connect=self.options.connect_timeout,
                                        sock_read=self.options.timeout)
        # trust_env=False: no proxy from the environment, so local test servers stay local.
        async with aiohttp.ClientSession(connector=connector, headers=headers, timeout=timeout,
                                         trust_env=False) as session:
            self.session = session
            tasks = {}
            for url, need_body in pages.items():
                task = asyncio.create_task(self.check(url, need_body))
                task.add_done_callback(lambda _t: self.on_done())
                tasks[url] = task
            if tasks:
                await asyncio.wait(tasks.values(), timeout=max(0.0, self.remaining()))
            results = {}
            for url, task in tasks.items():
                if task.done() and not task.cancelled() and task.exception() is None:
                    results[url] = task.result()
                    continue
                if not task.done():
                    task.cancel()
                detail = f"not finished within the run's time limit ({self.options.max_time:g} s)"
                if task.done() and not task.cancelled() and task.exception() is not None:
                    detail = f"checker error: {task.exception()!r}"
                results[url] = (Result(url, "unverified", detail=detail), None)
            pending = [t for t in tasks.values() if not t.done()]
            if pending:
                await asyncio.wait(pending, timeout=2)
        return results


# --- Fragments ------------------------------------------------------------------------

def fragment_verdict(fragment: str, page: Result, body: bytes | None) -> tuple[str, str]:
    """Verdict and detail for ``url#fragment`` given the page's own result."""
    if page.verdict not in SUCCESS:
        return page.verdict, page.detail
    if not fragment or fragment == "top":
        return page.verdict, page.detail
    if fragment.startswith(("/", "!", ":~:")) or "=" in fragment:
        return page.verdict, "fragment not checked: an app route or text fragment"
    if body is None:
        return page.verdict, "fragment not checked: the target is not HTML"
    wanted = {fragment, unquote(fragment)}
    for match in HTML_ID.finditer(body):
        value = next(g for g in match.groups() if g is not None)
        if value.decode("utf-8", "replace") in wanted:
            return page.verdict, page.detail
    return "broken", f"the page has no anchor #{fragment}"
