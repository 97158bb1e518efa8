"""Checks of the built site's offline copy: its size budget and, in a browser, its readiness
and a reader's journey without a connection.

The size is what the service worker downloads, as a static host sends it (gzip): each
language's precache list (site/assets/offline/precache-<lang>.json), and both together
(shared files counted once). Used by scripts/audit.py and the tests.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from site_build.facts import language_prefix
from site_build.offline import MANIFEST_DIR, _local_file

from . import audits
from .browser import PHONE as BROWSER_PHONE
from .budgets import Weight, gzip_size

BUDGET_OFFLINE_ONE_LANGUAGE_KB = 400
BUDGET_OFFLINE_ALL_LANGUAGES_KB = 650


def precache_lists(site_dir: Path) -> dict[str, dict]:
    """{lang: {"version", "lang", "urls"}} from the build's precache manifests."""
    lists = {}
    for file in sorted((Path(site_dir) / MANIFEST_DIR).glob("precache-*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        lists[data["lang"]] = data
    return lists


def offline_cache_weights(site_dir: Path) -> list[Weight]:
    """The offline copy of each language and of all languages, gzip bytes, with their budgets."""
    site_dir = Path(site_dir)
    lists = precache_lists(site_dir)
    sizes: dict[str, int] = {}
    weights = []
    for lang, data in lists.items():
        files = {}
        for path in data["urls"]:
            if path not in sizes:
                sizes[path] = gzip_size(_local_file(site_dir, path).read_bytes())
            files[path or "./"] = sizes[path]
        weights.append(Weight(f"offline copy ({lang}): {len(files)} files", sum(files.values()),
                              BUDGET_OFFLINE_ONE_LANGUAGE_KB, files))
    union = {path: sizes[path] for data in lists.values() for path in data["urls"]}
    weights.append(Weight(f"offline copy (all languages): {len(union)} files", sum(union.values()),
                          BUDGET_OFFLINE_ALL_LANGUAGES_KB, union))
    return weights


# --- in the browser ---------------------------------------------------------------------------
_CACHED_LANGUAGES = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const m = request.url.match(/__offline-complete__\\/([a-z]+)$/);
      if (m) found.push(name + " " + m[1]);
    }
  }
  return { controlled: !!navigator.serviceWorker.controller, found };
}"""


def offline_state(page) -> dict:
    """{"controlled": bool, "found": ["<cache name> <lang>", ...]}: which languages are stored, per cache."""
    return page.evaluate(_CACHED_LANGUAGES)


def wait_until_cached(page, lang: str, timeout: float = 30) -> dict:
    """Wait until the page is controlled by the service worker and ``lang`` is completely stored."""
    deadline = time.monotonic() + timeout
    while True:
        state = offline_state(page)
        if state["controlled"] and any(entry.endswith(" " + lang) for entry in state["found"]):
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"the offline copy of '{lang}' was not stored within {timeout} s: {state}")
        page.wait_for_timeout(200)


_REGISTRATION = """async () => {
  const r = await navigator.serviceWorker.getRegistration();
  return { installing: !!(r && r.installing), waiting: !!(r && r.waiting) };
}"""


def wait_for_update_attempt(page, timeout: float = 20) -> None:
    """Wait until the browser has tried a new service worker and the attempt is over (installed or failed)."""
    deadline = time.monotonic() + timeout
    seen = False
    while time.monotonic() < deadline:
        installing = page.evaluate(_REGISTRATION)["installing"]
        if seen and not installing:
            return
        seen = seen or installing
        page.wait_for_timeout(50)
    raise AssertionError("no update of the service worker was tried" if not seen else "the update did not finish")


# --- the volunteer's offline journey (the tests run it on the normal and on a sub-path build) -----
PHONE = {**BROWSER_PHONE, "locale": "nl-NL"}


def search_on_phone(page, query: str) -> list[str]:
    """Tap the header's search button, type ``query``; the first result's link ([] if none)."""
    page.locator(audits.SEARCH_BUTTON).click()
    page.keyboard.type(query, delay=20)
    first = page.locator(".md-search-result__item a").first
    try:
        first.wait_for(timeout=10_000)
    except Exception:  # Playwright's TimeoutError: no results
        return []
    # Only the first: Material keeps adding results while they are read.
    return [first.get_attribute("href")]


def phase_page(lang_lists: dict, lang: str, visited: str) -> str:
    """A phase page of ``lang`` from the build's list, other than ``visited``."""
    prefix = language_prefix(lang)
    pages = [prefix + name + "/" for name in audits.PHASE_PAGES]
    return next(p for p in pages if p != visited and p in lang_lists[lang]["urls"])


def offline_journey(browser, site_url: str, site_dir) -> None:
    """Visit one page, go offline, open pages never visited, tick an item, come back online."""
    lists = precache_lists(site_dir)
    first = "voorbereiding/"
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + first)
        wait_until_cached(page, "nl")

        context.set_offline(True)
        never_visited = ["", "en/", phase_page(lists, "nl", first), "links/"]
        for path in never_visited:
            response = page.goto(site_url + path)
            assert response is not None and response.ok, f"{path} did not load offline"
            assert page.locator("h1#offline").count() == 0, f"{path} showed the offline page"
            assert page.locator("article h1").count() == 1, f"{path} has no content offline"
        # The link directory filters offline.
        page.goto(site_url + "links/")
        assert page.locator("[data-link-directory]").count() == 1
        # Search in the page's language works offline.
        page.goto(site_url + phase_page(lists, "nl", first))
        assert search_on_phone(page, audits.SEARCH_QUERIES["nl"]), "search found nothing offline"
        # A tick made offline ...
        page.goto(site_url + phase_page(lists, "nl", first))
        box = page.locator(audits.CHECKLIST_BOX).first
        box.check()
        item_id = box.get_attribute("id")
        context.set_offline(False)
        # ... is still there online, on a fresh load from the network.
        page.reload()
        page.locator(".checklist--js").first.wait_for()
        assert page.locator(f"[id='{item_id}']").is_checked()
        assert errors == [], errors
    finally:
        context.close()


