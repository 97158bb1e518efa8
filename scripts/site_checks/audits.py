"""Quality audits of a built site: accessibility, keyboard, privacy, SEO, weight, build time.

Shared by ``scripts/audit.py`` (one command, prints a table) and the test suite
(``tests/site/``), so both judge the site by the same code. Every audit returns
plain data (lists of problems, figures); the callers decide how to report it.

Browser audits take a Playwright page that has already loaded the page to audit.
Playwright and axe-core are imported only where needed, so the static audits
run without a browser.
"""
from __future__ import annotations

import functools
import gzip
import html.parser
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_build.datafiles import DEFAULT_LANGUAGE, LANGUAGES, REPO_ROOT

# --- budgets -------------------------------------------------------------------------
KB = 1024  # gzip sizes are printed in KB of 1024 bytes, like scripts/checklist_budget.py
GZIP_LEVEL = 9  # what a static host or a pre-compressing build step uses
BUDGET_PHASE_PAGE_KB = 80  # first view of a phase page: HTML + CSS + JS
BUDGET_OWN_ASSETS_KB = 12  # the site's own JS + CSS, all components together
BUDGET_SEARCH_INDEX_KB = 40  # per language
BUDGET_BUILD_RATIO = 1.3  # project build / plain Material + i18n build

# Pages that stand in for others (missing, not stored offline) or copy them (the printable whole
# guide): not indexed, so no sitemap entry or counterpart checks.
NOT_INDEXED = ("404", "offline", "hele-gids")
PHASE_PAGES = ("overwegingen", "voorbereiding", "plaatsing", "begeleiding", "integratie")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A word that appears on most pages, so the search dialog shows results.
SEARCH_QUERIES = {"nl": "gemeente", "en": "municipality"}
# Requests made by Material's search worker in the background (not needed to show the page).
SEARCH_BACKGROUND = re.compile(r"/assets/javascripts/(workers|lunr)/|/search/search_index\.json$")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def kb(size: int) -> float:
    return size / KB


# --- the built site's pages -------------------------------------------------------------
@dataclass(frozen=True)
class SitePage:
    """One built HTML page: ``name`` is the page's file name without language ('index', '404')."""

    name: str
    lang: str
    path: str  # URL path from the site root: '' (home), 'en/voorbereiding/', 'en/404.html'
    file: str  # file inside the site dir: 'en/voorbereiding/index.html'

    @property
    def label(self) -> str:
        return f"{self.name} ({self.lang})"


def _page_order(name: str) -> tuple:
    if name == "index":
        return (0, "")
    if name in PHASE_PAGES:
        return (1, f"{PHASE_PAGES.index(name):02d}")
    if name == "404":
        return (3, "")
    return (2, name)


def site_pages(site_dir: Path) -> list[SitePage]:
    """Every HTML page of the built site, in reading order, Dutch before English."""
    site_dir = Path(site_dir)
    pages = []
    for file in site_dir.rglob("*.html"):
        rel = file.relative_to(site_dir)
        parts = rel.parts
        if parts[0] in ("assets", "search"):
            continue
        lang = parts[0] if parts[0] in LANGUAGES and parts[0] != DEFAULT_LANGUAGE and len(parts) > 1 else DEFAULT_LANGUAGE
        inner = parts[1:] if lang != DEFAULT_LANGUAGE else parts
        if rel.name == "index.html":
            name = inner[-2] if len(inner) > 1 else "index"
            path = "" if len(parts) == 1 else rel.parent.as_posix() + "/"
        else:
            name = rel.stem
            path = rel.as_posix()
        pages.append(SitePage(name, lang, path, rel.as_posix()))
    return sorted(pages, key=lambda p: (_page_order(p.name), LANGUAGES.index(p.lang) if p.lang in LANGUAGES else 9))


def source_pages(docs_dir: Path | None = None) -> list[SitePage]:
    """The pages the build should produce: from the Markdown files (both languages), the 404 pages,
    and the pages the offline hook writes (offline page, printable whole guide).

    Known before building, so tests can be parametrized with one test per page.
    """
    from site_build.pages import page_files

    pages = []
    for base, by_lang in (page_files(docs_dir) if docs_dir else page_files()).items():
        name = Path(base).with_suffix("").as_posix()
        inner = "" if name == "index" else (name[: -len("/index")] + "/" if name.endswith("/index") else name + "/")
        for lang in by_lang:
            if lang is None:
                continue
            prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
            pages.append(SitePage(Path(name).name if name != "index" else "index", lang, prefix + inner,
                                  prefix + inner + "index.html"))
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        pages.append(SitePage("404", lang, prefix + "404.html", prefix + "404.html"))
        # Written by overrides/hooks/offline.py: the offline page and the printable whole guide.
        pages.append(SitePage("offline", lang, prefix + "offline.html", prefix + "offline.html"))
        pages.append(SitePage("hele-gids", lang, prefix + "hele-gids/", prefix + "hele-gids/index.html"))
    return sorted(pages, key=lambda p: (_page_order(p.name), LANGUAGES.index(p.lang)))


# --- a local static server ---------------------------------------------------------------
class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like a static host: the language's own 404 page for unknown URLs."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            root = Path(self.directory)
            first = self.path.lstrip("/").split("/", 1)[0]
            page = root / first / "404.html" if first else root / "404.html"
            if not page.is_file():
                page = root / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().send_error(code, message, explain)


def serve(site_dir: Path):
    """Serve ``site_dir`` on 127.0.0.1 (a free port). Returns (server, base_url); call server.shutdown()."""
    handler = functools.partial(_StaticHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# --- HTML parsing (static audits) ------------------------------------------------------------
class _Collector(html.parser.HTMLParser):
    """Collects the tags the static audits look at, with their line numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict, int]] = []
        self.title = ""
        self.html_lang = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, attributes, self.getpos()[0]))
        if tag == "title":
            self._in_title = True
        if tag == "html":
            self.html_lang = attributes.get("lang")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_html(file: Path) -> _Collector:
    collector = _Collector()
    collector.feed(Path(file).read_text(encoding="utf-8"))
    collector.title = " ".join(collector.title.split())
    return collector


# --- privacy: third-party references in the built files ---------------------------------------
# Attributes that make the browser fetch something by itself. Plain <a href> links are content.
_FETCHING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "embed": ("src",), "object": ("data",), "input": ("src",), "image": ("href",), "use": ("href",),
    "form": ("action",),
}
# <link rel=...> values that fetch (or connect) without a click.
_FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "preconnect",
                  "dns-prefetch", "modulepreload", "manifest", "mask-icon", "prerender"}
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
# In JavaScript: a remote URL handed to something that loads it.
_JS_LOAD = re.compile(
    r"""(?:importScripts|import|fetch|sendBeacon|EventSource|WebSocket|Worker)\s*\(\s*['"`]((?:https?:|wss?:)?//[^'"`]+)"""
    r"""|\.(?:src|href|action)\s*=\s*['"`]((?:https?:)?//[^'"`]+)""",
    re.I,
)
# Known remote URLs in Material's bundle that are not loaded on this site, and why.
_KNOWN_VENDOR_URLS = {
    # Repository facts: only fetched for data-md-component="source", which overrides/partials/source.html removes.
    "https://api.github.com", "https://gitlab.com", "https://api.gitea.com", "https://codeberg.org",
}


def _is_remote(url: str) -> bool:
    return bool(_ABSOLUTE.match(url.strip())) and not url.strip().lower().startswith(("data:", "blob:"))


def third_party_references(site_dir: Path) -> dict[str, list[str]]:
    """Remote assets referenced by the built HTML, CSS and JS, by file: {file: ['line N: <tag> url']}."""
    site_dir = Path(site_dir)
    found: dict[str, list[str]] = {}
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(site_dir).as_posix()
        problems = []
        if file.suffix == ".html":
            for tag, attrs, line in parse_html(file).tags:
                names = list(_FETCHING_ATTRS.get(tag, ()))
                if tag == "link" and set(attrs.get("rel", "").lower().split()) & _FETCHING_RELS:
                    names.append("href")
                for name in names:
                    for url in re.split(r",\s*", attrs.get(name, "")):
                        url = url.strip().split(" ")[0]
                        if url and _is_remote(url):
                            problems.append(f"line {line}: <{tag} {name}> {url}")
                for url in _CSS_URL.findall(attrs.get("style", "")):
                    url = url[0] or url[1]
                    if _is_remote(url):
                        problems.append(f"line {line}: style url() {url}")
            text = file.read_text(encoding="utf-8")
            for block in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
                problems += [f"<style> {u[0] or u[1]}" for u in _CSS_URL.findall(block) if _is_remote(u[0] or u[1])]
        elif file.suffix == ".css":
            text = file.read_text(encoding="utf-8", errors="replace")
            problems += [f"url() {u[0] or u[1]}" for u in _CSS_URL.findall(text) if _is_remote(u[0] or u[1])]
        elif file.suffix in (".js", ".mjs"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for match in _JS_LOAD.finditer(text):
                url = match.group(1) or match.group(2)
                if not any(url.startswith(known) for known in _KNOWN_VENDOR_URLS):
                    problems.append(f"loads {url}")
        if problems:
            found[rel] = problems
    return found


def outside_requests(urls: list[str], base_url: str) -> list[str]:
    """The requested URLs that go anywhere but the local server (data: and blob: URLs stay local)."""
    own = urllib.parse.urlsplit(base_url)
    outside = []
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            outside.append(url)
    return outside


# --- SEO and sharing basics ---------------------------------------------------------------------
_STOPWORDS = {
    "nl": set("de het een en van voor die dat met zijn op te in is niet ook u uw of er wat als bij naar hoe wie we".split()),
    "en": set("the a an and of for that with are on to in is not also you your or there what as at how who we".split()),
}


def guess_language(text: str) -> str | None:
    """'nl' or 'en' by counting common words; None when the text gives no clue."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    scores = {lang: sum(word in stop for word in words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.get)
    ordered = sorted(scores.values(), reverse=True)
    return best if ordered[0] > ordered[1] else None


def _counterpart(page: SitePage, lang: str) -> str:
    """URL path of the same page in another language."""
    inner = page.path[len(page.lang) + 1:] if page.lang != DEFAULT_LANGUAGE else page.path
    return inner if lang == DEFAULT_LANGUAGE else f"{lang}/{inner}"


def seo_problems(site_dir: Path) -> dict[SitePage, list[str]]:
    """Title, description, canonical and hreflang of every page (404 pages are not indexed: skipped)."""
    site_dir = Path(site_dir)
    pages = [p for p in site_pages(site_dir) if p.name not in NOT_INDEXED]
    parsed = {p: parse_html(site_dir / p.file) for p in pages}
    problems: dict[SitePage, list[str]] = {p: [] for p in pages}
    titles: dict[str, list[SitePage]] = {}
    descriptions: dict[str, list[SitePage]] = {}
    sitemap = _sitemap_alternates(site_dir)
    for page, doc in parsed.items():
        add = problems[page].append
        metas = {a.get("name", "").lower(): a.get("content", "") for t, a, _ in doc.tags if t == "meta"}
        links = [a for t, a, _ in doc.tags if t == "link"]
        if doc.html_lang != page.lang:
            add(f'<html lang="{doc.html_lang}"> on a page in {page.lang}')
        if not doc.title:
            add("no <title>")
        titles.setdefault(doc.title, []).append(page)
        description = " ".join(metas.get("description", "").split())
        if not description:
            add('no <meta name="description">')
        else:
            descriptions.setdefault(description, []).append(page)
            guessed = guess_language(description)
            if guessed and guessed != page.lang:
                add(f"meta description looks {guessed}, page is {page.lang}: {description[:60]}…")
        canonical = [a.get("href", "") for a in links if a.get("rel", "").lower() == "canonical"]
        if len(canonical) != 1:
            add(f"{len(canonical)} canonical links (expected 1)")
        elif not re.match(r"^https?://", canonical[0]):
            add(f"canonical URL is not absolute: {canonical[0]}")
        elif not canonical[0].endswith("/" + page.path) and not (page.path == "" and canonical[0].endswith("/")):
            add(f"canonical URL {canonical[0]} is not this page ({page.path or '/'})")
        alternates = {a.get("hreflang"): a.get("href", "") for a in links
                      if a.get("rel", "").lower() == "alternate" and a.get("hreflang")}
        page_url = "http://site/" + page.path
        for lang in LANGUAGES:
            href = alternates.get(lang)
            expected = _counterpart(page, lang)
            if href is None:
                add(f'no <link rel="alternate" hreflang="{lang}">')
                continue
            target = urllib.parse.urljoin(page_url, href)
            if target != "http://site/" + expected:
                add(f'hreflang="{lang}" points to {href}, expected /{expected}')
            elif not (site_dir / expected / "index.html").is_file():
                add(f'hreflang="{lang}" points to a page that is not built: /{expected}')
        # Search engines want absolute hreflang URLs; the sitemap carries them for every page.
        if sitemap is not None:
            listed = sitemap.get(page.path)
            if listed is None:
                add("not in sitemap.xml")
            else:
                missing = [lang for lang in LANGUAGES if not re.match(r"^https?://", listed.get(lang, ""))]
                if missing:
                    add(f"sitemap.xml lacks absolute hreflang alternates for: {', '.join(missing)}")
    if sitemap is None:
        for page in pages:
            problems[page].append("no sitemap.xml in the built site")
    for title, same in titles.items():
        if len(same) > 1 and title:
            for page in same:
                problems[page].append(f"title '{title}' also used by " + ", ".join(p.label for p in same if p != page))
    for description, same in descriptions.items():
        if len(same) > 1:
            for page in same:
                problems[page].append("meta description also used by " + ", ".join(p.label for p in same if p != page))
    return problems


def _sitemap_alternates(site_dir: Path) -> dict[str, dict[str, str]] | None:
    """{url path: {lang: absolute href}} from sitemap.xml; None when there is no sitemap."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    text = sitemap.read_text(encoding="utf-8")
    result = {}
    for block in re.findall(r"<url>(.*?)</url>", text, re.S):
        loc = re.search(r"<loc>\s*(.*?)\s*</loc>", block)
        if not loc:
            continue
        path = urllib.parse.urlsplit(loc.group(1)).path.lstrip("/")
        alternates = dict((lang, href) for lang, href in re.findall(
            r'<xhtml:link[^>]*hreflang="([^"]+)"[^>]*href="([^"]+)"', block))
        result[path] = alternates
    # The sitemap's URLs may carry a path prefix (site_url below a folder); strip it.
    prefix = os.path.commonprefix([p for p in result if p]) if len(result) > 1 else ""
    prefix = prefix[: prefix.rfind("/") + 1] if "/" in prefix else ""
    if prefix and all(p.startswith(prefix) for p in result):
        result = {p[len(prefix):]: v for p, v in result.items()}
    return result


# --- weight --------------------------------------------------------------------------------------
@dataclass
class Weight:
    label: str
    size: int  # gzip bytes
    budget_kb: float | None
    files: dict = field(default_factory=dict)  # name -> gzip bytes

    @property
    def ok(self) -> bool:
        return self.budget_kb is None or kb(self.size) <= self.budget_kb

    def line(self) -> str:
        budget = f" (budget {self.budget_kb:g} KB)" if self.budget_kb is not None else ""
        verdict = "" if self.budget_kb is None else ("  ok" if self.ok else "  OVER BUDGET")
        return f"{self.label}: {kb(self.size):.1f} KB gzip{budget}{verdict}"


def own_asset_files(site_dir: Path, repo_root: Path = REPO_ROOT) -> list[str]:
    """The site's own CSS and JS in the build: files from overrides/ and extra_css/extra_javascript."""
    site_dir = Path(site_dir)
    names = set()
    overrides = repo_root / "overrides"
    for file in overrides.rglob("*"):
        rel = file.relative_to(overrides)
        if file.suffix in (".css", ".js") and rel.parts[0] != "hooks":
            names.add(rel.as_posix())
    config = load_mkdocs_config(repo_root / "mkdocs.yml")
    for key in ("extra_css", "extra_javascript"):
        for entry in config.get(key) or []:
            names.add(entry if isinstance(entry, str) else entry.get("path", ""))
    return sorted(name for name in names if name and (site_dir / name).is_file())


def own_assets_weight(site_dir: Path, repo_root: Path = REPO_ROOT) -> Weight:
    files = {name: gzip_size((Path(site_dir) / name).read_bytes()) for name in own_asset_files(site_dir, repo_root)}
    return Weight("site's own JS + CSS", sum(files.values()), BUDGET_OWN_ASSETS_KB, files)


def search_index_weights(site_dir: Path) -> list[Weight]:
    weights = []
    for lang in LANGUAGES:
        rel = "search/search_index.json" if lang == DEFAULT_LANGUAGE else f"{lang}/search/search_index.json"
        file = Path(site_dir) / rel
        size = gzip_size(file.read_bytes()) if file.is_file() else 0
        weights.append(Weight(f"search index ({lang}) {rel}" + ("" if file.is_file() else " MISSING"),
                              size, BUDGET_SEARCH_INDEX_KB if file.is_file() else 0, {rel: size}))
    return weights


def first_view_weight(browser, base_url: str, site_dir: Path, page: SitePage) -> tuple[Weight, Weight]:
    """Load ``page`` in a fresh profile (empty cache); return (first view, search in background).

    First view: the document and the stylesheets and scripts the page loads, gzip-compressed
    as a static host serves them. Material's search worker, its stemmers and the search index
    load in the background and are reported separately (the index has its own budget).
    """
    context = browser.new_context()
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))
    try:
        tab.goto(base_url + page.path, wait_until="networkidle")
    finally:
        sizes = {}
        for response in responses:
            request = response.request
            path = urllib.parse.urlsplit(response.url).path
            if not response.url.startswith(base_url):
                continue
            try:
                body = response.body()
            except Exception:  # worker responses are not always readable: use the file
                local = Path(site_dir) / urllib.parse.unquote(path).lstrip("/")
                body = local.read_bytes() if local.is_file() else (local / "index.html").read_bytes()
            sizes[(request.resource_type, path)] = gzip_size(body)
        context.close()
    view = {p: s for (kind, p), s in sizes.items()
            if kind in ("document", "stylesheet", "script") and not SEARCH_BACKGROUND.search(p)}
    background = {p: s for (kind, p), s in sizes.items() if SEARCH_BACKGROUND.search(p)}
    return (
        Weight(f"first view of {page.label} (HTML + CSS + JS)", sum(view.values()), BUDGET_PHASE_PAGE_KB, view),
        Weight(f"  + search loading in the background on {page.label}", sum(background.values()), None, background),
    )


# --- browser audits ---------------------------------------------------------------------------------
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's Chromium (Playwright cannot download browsers here), or CHROMIUM_PATH."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the loaded page (or inside ``selector``)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, context=selector, options=options).response["violations"]


def describe_violations(violations: list[dict], limit: int = 5) -> list[str]:
    """One readable line per violation and element: rule, impact, element, what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:limit]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}"
                         f" — {summary[:240]}")
        if len(violation["nodes"]) > limit:
            lines.append(f"{violation['id']}: … and {len(violation['nodes']) - limit} more elements")
    return lines


def settle(page) -> None:
    """Wait until Material and the site's scripts have run, and switch off transitions.

    Transitions only delay style changes; without them the focus and contrast checks
    see the final look at once (the same as with prefers-reduced-motion).
    """
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")


def focus_search(page) -> None:
    """Open the search dialog with the keyboard; the focus is then in the search field."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("s")  # Material's shortcut (also "/" and "f")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')",
                           timeout=5_000)


def open_search(page, query: str, timeout: float = 10_000) -> list[str]:
    """Open the search dialog with the keyboard, type ``query``; returns the result links' hrefs ([] if none)."""
    focus_search(page)
    page.keyboard.type(query, delay=20)
    return _search_results(page, timeout)


def _search_results(page, timeout: float) -> list[str]:
    results = page.locator(".md-search-result__item a")
    try:
        results.first.wait_for(timeout=timeout)
    except Exception:  # Playwright's TimeoutError: no results
        return []
    return [a.get_attribute("href") for a in results.all()]


CHECKLIST_BOX = "[data-checklist] input[type=checkbox]"


def use_checklist(page) -> bool:
    """Tick the first checklist item and fill in its details with the keyboard; False if no checklist."""
    box = page.locator(CHECKLIST_BOX)
    if box.count() == 0:
        return False
    box = box.first
    box.focus()
    if box.is_checked():  # ticked earlier in this browser profile (ticks are shared by both languages)
        page.keyboard.press("Space")
    page.keyboard.press("Space")
    if not box.is_checked():
        raise AssertionError("the first checklist item did not tick with the Space key")
    item = page.locator("[data-checklist] li:has(input[type=checkbox])").first
    summary = item.locator("summary")
    if summary.count():
        summary.first.focus()
        page.keyboard.press("Enter")
        fields = item.locator("details input:not([type=checkbox]), details textarea")
        for index in range(fields.count()):
            fields.nth(index).focus()
            page.keyboard.type("Test", delay=5)
    return True


# Runs in the page: numbers the focusable elements, remembers how each looks unfocused,
# and records every focus stop with whether it is visible and looks different focused.
_FOCUS_RECORDER = """
() => {
  const props = ["outline-style", "outline-width", "outline-color", "box-shadow", "background-color",
                 "color", "border-top-color", "border-bottom-color", "text-decoration-line",
                 "text-decoration-thickness"];
  const styleOf = (el) => { const cs = getComputedStyle(el); return props.map((p) => cs.getPropertyValue(p)); };
  const describe = (el) => {
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
    const id = el.id ? "#" + el.id : "";
    const cls = [...el.classList].filter((c) => c !== "focus-visible").slice(0, 2).map((c) => "." + c).join("");
    return `${el.tagName.toLowerCase()}${id}${cls} "${text.slice(0, 40)}"`;
  };
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], [contenteditable]';
  const all = [...document.querySelectorAll(focusable)];
  const names = all.map(describe), base = all.map(styleOf);
  const index = new Map(all.map((el, i) => [el, i]));
  // Controls count even with tabindex="-1": a visible button that Tab skips is out of reach.
  const control = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const expected = all.map((el, i) => i).filter((i) => {
    const el = all[i];
    return !el.disabled && (el.tabIndex >= 0 || el.matches(control)) && !el.closest("[inert], [hidden]") &&
      el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && el.getClientRects().length > 0;
  });
  window.__audit = { stops: [], expected, names };
  if (window.__auditListener) document.removeEventListener("focusin", window.__auditListener, true);
  window.__auditListener = (event) => {
    const el = event.target, i = index.has(el) ? index.get(el) : -1;
    const now = styleOf(el), before = i >= 0 ? base[i] : [];
    const outline = now[0] !== "none" && parseFloat(now[1]) > 0;
    const rect = el.getBoundingClientRect();
    const visible = el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
      rect.width > 0 && rect.height > 0;
    window.__audit.stops.push({ i, el: i >= 0 ? names[i] : describe(el), visible, skip: el.matches(".md-skip"),
                                indicator: outline || now.some((value, k) => value !== before[k]) });
  };
  document.addEventListener("focusin", window.__auditListener, true);
}
"""


def to_top(page) -> None:
    """Put the keyboard's starting point at the top of the page, as after loading it.

    Blurring alone leaves the browser's sequential focus starting point where the focus
    was; focusing a temporary element at the start of <body> resets it.
    """
    page.evaluate("""() => {
        const start = document.createElement("span");
        start.tabIndex = -1;
        document.body.prepend(start);
        start.focus();
        start.addEventListener("blur", () => start.remove(), { once: true });
        window.scrollTo(0, 0);
    }""")


@dataclass
class TabWalk:
    stops: list  # dicts: el, indicator, visible, skip
    expected: dict  # visible focusable elements: {index: description}


def walk_tab_order(page, max_stops: int = 600) -> TabWalk:
    """Press Tab through the whole page (from the top) and record each focus stop."""
    to_top(page)
    page.evaluate(_FOCUS_RECORDER)
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        # Stop when focus leaves the page (to the browser) or comes round to the first stop again.
        done = page.evaluate("""() => { const s = window.__audit.stops, a = document.activeElement;
            return !a || a === document.body || (s.length > 1 && s[s.length - 1].i === s[0].i); }""")
        if done:
            break
    data = page.evaluate("() => window.__audit")
    stops = data["stops"]
    if len(stops) > 1 and stops[-1]["i"] == stops[0]["i"]:
        stops = stops[:-1]
    return TabWalk(stops, {i: data["names"][i] for i in data["expected"]})


def keyboard_problems(page) -> list[str]:
    """Skip link first and working; every focus stop visible and visibly focused; nothing unreachable."""
    problems = []
    walk = walk_tab_order(page)
    stops = walk.stops
    if not stops:
        return ["Tab does not move the focus into the page"]
    if not stops[0]["skip"]:
        problems.append(f"the first Tab stop is {stops[0]['el']}, not the skip link")
    for stop in stops:
        if not stop["visible"]:
            problems.append(f"focus lands on an invisible element: {stop['el']}")
        elif not stop["indicator"]:
            problems.append(f"no visible focus indicator on {stop['el']}")
    reached = {stop["i"] for stop in stops}
    for index, element in walk.expected.items():
        if index not in reached:
            problems.append(f"not reachable with Tab: {element}")
    problems += skip_link_problems(page)
    return list(dict.fromkeys(problems))


def skip_link_problems(page) -> list[str]:
    """The skip link shows when focused and moves the keyboard past the header and navigation."""
    skip = page.locator("a.md-skip")
    if skip.count() == 0:
        return ["no skip link"]
    to_top(page)
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement && document.activeElement.matches('a.md-skip')"):
        return ["the skip link is not the first Tab stop"]
    problems = []
    if page.evaluate("() => getComputedStyle(document.activeElement).opacity") != "1":
        problems.append("the skip link stays invisible when focused")
    target = skip.get_attribute("href") or ""
    if not target.startswith("#") or not page.evaluate("id => !!document.getElementById(id)", target[1:]):
        return problems + [f"the skip link's target {target} does not exist"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # Material reacts to the new #hash 125 ms later (it closes the menu and the search);
    # let that pass so the next check does not see it.
    page.wait_for_timeout(250)
    after = page.evaluate(
        """id => { const t = document.getElementById(id), a = document.activeElement;
                   return !!a && a !== document.body &&
                          !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING || t.contains(a)); }""",
        target[1:],
    )
    if not after:
        problems.append("after the skip link, Tab does not continue in the main content")
    return problems


def keyboard_search_problems(page, base_url: str, lang: str, while_open=None) -> list[str]:
    """Reach the search field with Tab, type, pick a result with the arrow keys and Enter.

    ``while_open(page)`` is called while the dialog shows results (the axe check of that state).
    """
    to_top(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement && document.activeElement.matches('.md-search__input')"):
            break
    else:
        return ["the search field cannot be reached with Tab"]
    query = SEARCH_QUERIES[lang]
    page.keyboard.type(query, delay=20)
    if not _search_results(page, 10_000):
        return [f"typing '{query}' in the search field shows no results"]
    if while_open:
        while_open(page)
    page.keyboard.press("ArrowDown")
    if not page.evaluate("() => !!document.activeElement && !!document.activeElement.closest('.md-search-result')"):
        return ["ArrowDown does not move the focus to the search results"]
    before = page.url
    page.keyboard.press("Enter")
    try:
        page.wait_for_url(lambda url: url != before, timeout=5_000)
    except Exception:
        return ["Enter on a search result does not open it"]
    root = base_url if lang == DEFAULT_LANGUAGE else f"{base_url}{lang}/"
    others = [f"{base_url}{other}/" for other in LANGUAGES if other not in (lang, DEFAULT_LANGUAGE)]
    if lang == DEFAULT_LANGUAGE:
        others = [f"{base_url}{other}/" for other in LANGUAGES if other != DEFAULT_LANGUAGE]
    if not page.url.startswith(root) or any(page.url.startswith(other) for other in others):
        return [f"the search result opened a page in another language: {page.url}"]
    return []


def keyboard_checklist_problems(page) -> list[str]:
    """Tab to the first checklist item, tick and untick it with Space, open its details with Enter."""
    if page.locator(CHECKLIST_BOX).count() == 0:
        return []
    to_top(page)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement && document.activeElement.matches('{CHECKLIST_BOX}')"):
            break
    else:
        return ["no checklist item can be reached with Tab"]
    box = page.locator(f"{CHECKLIST_BOX}:focus")
    problems = []
    page.keyboard.press("Space")
    if not box.is_checked():
        problems.append("Space does not tick the focused checklist item")
    page.keyboard.press("Space")
    if box.is_checked():
        problems.append("Space does not untick the focused checklist item")
    item = page.locator("[data-checklist] li", has=box)
    summary = item.locator("summary")
    if summary.count():
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement && document.activeElement.tagName === 'SUMMARY'"):
                break
        else:
            return problems + ["the item's details cannot be reached with Tab"]
        page.keyboard.press("Enter")
        if not item.locator("details").first.evaluate("d => d.open"):
            problems.append("Enter does not open the item's details")
    return problems


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}  # also 400 % zoom


def _tab_to(page, selector: str, limit: int = 60) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def keyboard_menu_problems(page) -> list[str]:
    """On a small screen: open the menu with the keyboard, reach a menu link, close it with Escape;
    open the search with its button. Needs a narrow viewport (``PHONE``)."""
    menu = ".md-header label.md-header__button[for='__drawer']"
    if not page.locator(menu).is_visible():
        return ["the menu button is not shown (is the viewport narrow?)"]
    to_top(page)
    if not _tab_to(page, menu, 10):
        return ["the menu button cannot be reached with Tab"]
    page.keyboard.press("Enter")
    if not page.evaluate("() => document.getElementById('__drawer').checked"):
        return ["Enter on the menu button does not open the menu"]
    problems = []
    if page.locator(menu).get_attribute("aria-expanded") != "true":
        problems.append("the open menu's button does not say aria-expanded=true")
    if not _tab_to(page, ".md-nav--primary a.md-nav__link", 20):
        problems.append("no menu link can be reached with Tab in the open menu")
    elif not page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
            return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; }"""):
        problems.append("the focused menu link is off-screen")
    page.keyboard.press("Escape")
    if page.evaluate("() => document.getElementById('__drawer').checked"):
        problems.append("Escape does not close the menu")
    elif not page.evaluate(f"() => document.activeElement && document.activeElement.matches(\"{menu}\")"):
        problems.append("after Escape the focus is not back on the menu button")
    search = ".md-header label.md-header__button[for='__search']"
    to_top(page)
    if not _tab_to(page, search, 20):
        return problems + ["the search button cannot be reached with Tab"]
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')",
                               timeout=3_000)
    except Exception:
        problems.append("Enter on the search button does not open the search field")
    else:
        if not page.locator(".md-search__input").is_visible():
            problems.append("the search field has the focus but is not visible")
        page.keyboard.press("Escape")
        page.wait_for_timeout(100)
        if not page.evaluate(f"() => document.activeElement && document.activeElement.matches(\"{search}\")"):
            problems.append("after Escape in the search field the focus is not back on the search button")
    return problems


def keyboard_language_switch_problems(page, base_url: str, site_page: SitePage) -> list[str]:
    """Tab to the language menu, Tab to the other language, Enter: the same page in that language."""
    other = next(lang for lang in LANGUAGES if lang != site_page.lang)
    to_top(page)
    selector = f".md-header .md-select__link[hreflang='{other}']"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement && document.activeElement.matches(\"{selector}\")"):
            break
    else:
        return [f"the language menu's link to {other} cannot be reached with Tab"]
    if not page.locator(selector).is_visible():
        return [f"the language menu's link to {other} is focused but not visible"]
    page.keyboard.press("Enter")
    expected = base_url + _counterpart(site_page, other)
    try:
        page.wait_for_url(expected, timeout=5_000)
    except Exception:
        return [f"the language switch opened {page.url}, expected {expected}"]
    lang = page.locator("html").get_attribute("lang")
    return [] if lang == other else [f'after the language switch <html lang="{lang}">, expected {other}']


# --- the whole browser audit of one page (used by scripts/audit.py) ---------------------------------
BROWSER_CHECKS = ("axe", "axe: search open", "axe: checklist in use", "axe: phone, menu open", "keyboard",
                  "keyboard: search", "keyboard: language", "keyboard: phone")


def _guarded(results: dict, check: str, run) -> None:
    """Run one check; a crash (timeout, missing element) is that check's failure, not the audit's end."""
    try:
        results[check] = run()
    except Exception as exc:  # noqa: BLE001 - reported in the table, with the reason
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        results[check] = [f"check could not run: {first_line}"]


def audit_page_in_browser(browser, base_url: str, site_page: SitePage) -> dict[str, list[str] | None]:
    """Every browser check on one page; {check: problems, or None where not applicable}.

    Three fresh profiles (empty cache and storage): one for axe, the Tab walk and the
    checklist, one for the search, one for the language switch. Their network logs and
    cookies are all checked.
    """
    results: dict[str, list[str] | None] = {}
    url = base_url + site_page.path
    requests: list[str] = []
    errors: list[str] = []
    cookies: list[str] = []

    def session(checks, **options):
        context = browser.new_context(locale="nl-NL" if site_page.lang == DEFAULT_LANGUAGE else "en-GB", **options)
        context.on("request", lambda request: requests.append(request.url))
        try:
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url, wait_until="networkidle")
            settle(page)
            checks(page)
            page.wait_for_load_state("networkidle")
            cookies.extend(f"cookie set: {c['name']} ({c['domain']})" for c in context.cookies())
        finally:
            context.close()

    def first(page):
        _guarded(results, "axe", lambda: describe_violations(axe_violations(page)))
        _guarded(results, "keyboard", lambda: keyboard_problems(page) + keyboard_checklist_problems(page))
        if page.locator(CHECKLIST_BOX).count():
            _guarded(results, "axe: checklist in use",
                     lambda: use_checklist(page) and describe_violations(axe_violations(page)))
        else:
            results["axe: checklist in use"] = None

    def search(page):
        open_state: list[str] = []

        def while_open(p):
            open_state.extend(describe_violations(axe_violations(p)))
            results["axe: search open"] = open_state

        _guarded(results, "keyboard: search",
                 lambda: keyboard_search_problems(page, base_url, site_page.lang, while_open=while_open))
        if "axe: search open" not in results:
            # The search showed no results: still check the dialog, open with its message.
            page.goto(url, wait_until="networkidle")
            settle(page)
            _guarded(results, "axe: search open", lambda: (
                open_search(page, SEARCH_QUERIES[site_page.lang], timeout=2_000),
                describe_violations(axe_violations(page)))[1])

    def language(page):
        _guarded(results, "keyboard: language", lambda: keyboard_language_switch_problems(page, base_url, site_page))

    def phone(page):
        _guarded(results, "keyboard: phone", lambda: keyboard_problems(page) + keyboard_menu_problems(page))
        page.keyboard.press("Escape")

        def menu_open():
            page.evaluate("() => { const d = document.getElementById('__drawer'); if (!d.checked) d.click(); }")
            return describe_violations(axe_violations(page))

        _guarded(results, "axe: phone, menu open", menu_open)

    def run(checks, **options):
        try:
            session(checks, **options)
        except Exception as exc:  # noqa: BLE001 - the page itself failed to load
            errors.append(f"the page could not be loaded: {str(exc).strip().splitlines()[0]}")

    run(first)
    run(search)
    run(phone, **PHONE)
    if site_page.name not in NOT_INDEXED:
        run(language)
    else:
        results["keyboard: language"] = None
    for check in BROWSER_CHECKS:
        results.setdefault(check, ["not checked: the page could not be loaded"])
    results["network"] = [f"request to {u}" for u in dict.fromkeys(outside_requests(requests, base_url))]
    results["cookies"] = list(dict.fromkeys(cookies))
    results["page errors"] = list(dict.fromkeys(errors))
    return results


# --- build time ---------------------------------------------------------------------------------------
class _Tagged(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: !ENV takes the environment or its default, other tags stay None."""


def _env_tag(loader, node):
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_Tagged.add_constructor("!ENV", _env_tag)
_Tagged.add_multi_constructor("", lambda loader, suffix, node: None)


def load_mkdocs_config(path: Path) -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Tagged) or {}


def plain_config(config: dict) -> dict:
    """The project's config reduced to Material + mkdocs-static-i18n: no hooks, overrides or extra assets.

    Navigation, languages and Markdown extensions stay, and ``prepare_trees`` gives the
    plain build the Markdown the project's hooks produce, so both builds render the same
    Markdown into the same pages; what differs is the project's own layer.
    """
    theme = {k: v for k, v in (config.get("theme") or {}).items() if k != "custom_dir"}
    plugins = []
    for plugin in config.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "i18n"):
            plugins.append(plugin)
    # Settings Material renders on every page (repository link, edit button, footer) stay too.
    keep = ("site_name", "site_url", "site_description", "copyright", "nav", "markdown_extensions",
            "docs_dir", "exclude_docs", "not_in_nav", "validation", "repo_url", "repo_name", "edit_uri", "extra")
    plain = {k: config[k] for k in keep if k in config}
    plain.update(theme=theme, plugins=plugins)
    return plain


def prepare_trees(repo_root: Path, work_dir: Path, scale: int = 1) -> tuple[Path, Path]:
    """Copy the project and a plain variant into ``work_dir``; with ``scale`` > 1 every page is copied
    (scale - 1) more times. Returns the two mkdocs.yml paths (project, plain).

    The plain variant's pages hold the Markdown the project's hooks hand to Markdown
    (directives expanded from this checkout's data files, acronym definitions appended),
    so it renders the same content: a plain build of the raw pages would leave the
    checklists, glossary and link directory out and compare unequal work.
    """
    project, plain = work_dir / "project", work_dir / "plain"
    config = load_mkdocs_config(repo_root / "mkdocs.yml")
    docs_name = config.get("docs_dir", "docs")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    project.mkdir(parents=True)
    for name in ("overrides", "scripts"):
        if (repo_root / name).is_dir():
            shutil.copytree(repo_root / name, project / name, ignore=ignore)
    shutil.copytree(repo_root / docs_name, project / docs_name, ignore=ignore)
    shutil.copy2(repo_root / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(repo_root / docs_name, plain / docs_name, ignore=ignore)
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(config), allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    for page in (plain / docs_name).rglob("*.md"):
        _write_rendered_markdown(page)
    if scale > 1:
        for tree in (project, plain):
            docs = tree / docs_name
            for page in sorted(docs.glob("*.md")):
                base, _, suffix = page.name.partition(".")
                for copy in range(2, scale + 1):
                    (docs / f"{base}-{copy}.{suffix}").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return project / "mkdocs.yml", plain / "mkdocs.yml"


def _write_rendered_markdown(page: Path) -> None:
    from site_build.directives import page_markdown
    from site_build.pages import FRONT_MATTER

    text = page.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    end = match.end() if match else 0
    lang = page.name.split(".")[-2]
    # MkDocs strips the front matter and the blank lines after it before the hooks see the page.
    page.write_text(text[:end] + "\n" + page_markdown(text[end:].lstrip("\n"), lang, page), encoding="utf-8")


def _timed_build(config_file: Path, site_dir: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BuildFailed(config_file, (result.stdout + result.stderr).strip())
    shutil.rmtree(site_dir, ignore_errors=True)
    return elapsed


class BuildFailed(Exception):
    def __init__(self, config_file: Path, output: str):
        super().__init__(f"build of {config_file} failed:\n{output[-2000:]}")


@dataclass
class BuildTiming:
    scale: int
    pages: int  # Markdown pages per build (both languages)
    project: float  # seconds: best of the runs
    plain: float
    runs: int
    pair_ratios: tuple[float, ...] = ()  # project / plain of each interleaved pair

    @property
    def ratio(self) -> float:
        """The median of the pairs' ratios (best over best without pairs).

        The two builds of a pair run back to back, so a slow spell of a shared machine
        slows both; the fastest runs of each kind may come from different spells.
        """
        return statistics.median(self.pair_ratios) if self.pair_ratios else self.project / self.plain

    @property
    def ok(self) -> bool:
        return self.ratio <= BUDGET_BUILD_RATIO

    def line(self) -> str:
        verdict = "ok" if self.ok else "OVER BUDGET"
        # Every pair's ratio is printed: their spread shows how noisy the machine was.
        ratio = (f"median of the pairs {', '.join(f'{r:.2f}' for r in sorted(self.pair_ratios))}"
                 if self.pair_ratios else "best over best")
        return (f"build time at {self.scale}x content ({self.pages} pages): project {self.project:.2f} s, "
                f"plain Material + i18n {self.plain:.2f} s (best of {self.runs} each), ratio {self.ratio:.2f} "
                f"({ratio}; budget {BUDGET_BUILD_RATIO:g})  {verdict}")


def time_builds(repo_root: Path = REPO_ROOT, scale: int = 1, runs: int = 3, warmup: bool = True) -> BuildTiming:
    """Time the project's strict build against the plain build of the same Markdown.

    Runs are interleaved in pairs (plain then project, project then plain, …) after one
    untimed warm-up of each. The times reported are the fastest of each kind: on a busy
    machine (a 2-core CI runner) noise only ever adds time. The ratio is the median of the
    pairs' ratios, which a slow spell of the machine moves least (see ``BuildTiming.ratio``).
    """
    with tempfile.TemporaryDirectory(prefix="guide-buildtime-") as tmp:
        work = Path(tmp)
        project_cfg, plain_cfg = prepare_trees(repo_root, work, scale)
        pages = len(list((project_cfg.parent / load_mkdocs_config(project_cfg).get("docs_dir", "docs")).glob("*.md")))
        if warmup:  # first builds fill the OS file cache and compile bytecode: not timed
            _timed_build(plain_cfg, work / "out-plain", strict=False)
            _timed_build(project_cfg, work / "out-project", strict=True)
        plain_times, project_times = [], []
        for run in range(runs):
            # Alternate which build goes first, so neither always follows the other.
            if run % 2:
                project_times.append(_timed_build(project_cfg, work / "out-project", strict=True))
            plain_times.append(_timed_build(plain_cfg, work / "out-plain", strict=False))
            if not run % 2:
                project_times.append(_timed_build(project_cfg, work / "out-project", strict=True))
        ratios = tuple(project / plain for project, plain in zip(project_times, plain_times))
        return BuildTiming(scale, pages, min(project_times), min(plain_times), runs, ratios)

