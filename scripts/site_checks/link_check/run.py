"""One whole run of the link checker over the URLs found: cache, requests, time bound, summary."""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
from urllib.parse import urldefrag

from .client import Checker, fragment_verdict
from .model import VERDICTS, WAYBACK, Options, Result, group_sources, precheck

def check_urls(found, options: Options, cache: dict | None = None, on_total=None, on_done=None,
               stats: dict | None = None) -> list[Result]:
    """Check the found URLs (each unique URL once); results sorted, most severe first.

    ``stats`` (optional) receives ``network_seconds``: the time spent on requests."""
    grouped = group_sources(found, options.include_fragments)
    results: dict[str, Result] = {}
    to_fetch: dict[str, list[str]] = {}  # page URL -> result keys that depend on it
    for key, sources in grouped.items():
        pre = precheck(key, options)
        if pre is not None:
            results[key] = pre
            continue
        hit = cache.get(key) if cache is not None else None
        if hit:
            results[key] = Result(key, hit["verdict"], hit.get("status"), hit.get("final_url"),
                                  hit.get("detail", ""), cached=True)
            continue
        to_fetch.setdefault(urldefrag(key)[0], []).append(key)
    if on_total:
        on_total(len(to_fetch))
    if to_fetch:
        need_body = {page: any(urldefrag(k)[1] for k in keys) for page, keys in to_fetch.items()}
        import asyncio

        import aiohttp  # noqa: F401  (imported here so network_seconds measures requests only)

        checker = Checker(options, on_done)
        network_started = time.monotonic()
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            fetched = asyncio.run(checker.run(need_body))
        else:
            # Called from code that already runs a loop in this thread (e.g. Playwright's
            # sync API in the same test process): asyncio.run() refuses, so use a thread.
            import concurrent.futures

            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                fetched = pool.submit(asyncio.run, checker.run(need_body)).result()
        if stats is not None:
            stats["network_seconds"] = round(time.monotonic() - network_started, 3)
        for page, keys in to_fetch.items():
            page_result, body = fetched[page]
            for key in keys:
                fragment = urldefrag(key)[1]
                if fragment and options.include_fragments:
                    verdict, detail = fragment_verdict(fragment, page_result, body)
                    results[key] = dataclasses.replace(page_result, url=key, verdict=verdict, detail=detail)
                else:
                    results[key] = dataclasses.replace(page_result, url=key)
    for key, result in results.items():
        result.sources = grouped[key]
        if result.verdict == "broken":
            result.detail += f"; archived copy to try: {WAYBACK.format(url=urldefrag(key)[0])}"
    return sorted(results.values(), key=lambda r: (VERDICTS.index(r.verdict), r.url))


def summarise(results: list[Result], started: float, files: int, stats: dict | None = None) -> dict:
    summary = {"total": len(results)}
    for verdict in VERDICTS:
        summary[verdict] = sum(1 for r in results if r.verdict == verdict)
    summary["from_cache"] = sum(1 for r in results if r.cached)
    summary["files"] = files
    summary["checked_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    summary["duration_seconds"] = round(time.monotonic() - started, 3)
    summary["network_seconds"] = (stats or {}).get("network_seconds", 0.0)
    return summary
