"""Weight budgets: gzip sizes of the site's own assets, the search indexes and a phase page's first view."""
from __future__ import annotations

import gzip
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from site_build.datafiles import DEFAULT_LANGUAGE, LANGUAGES, REPO_ROOT
from site_build.facts import load_mkdocs_config

from .site_pages import SitePage

KB = 1024  # gzip sizes are printed in KB of 1024 bytes, like scripts/checklist_budget.py
GZIP_LEVEL = 9  # what a static host or a pre-compressing build step uses
BUDGET_PHASE_PAGE_KB = 90  # first view of a phase page: HTML + CSS + JS (Material itself: about 60 KB;
# the checklist controls are rendered into the HTML at build time, which costs bytes and saves main-thread time)
BUDGET_OWN_ASSETS_KB = 12  # the site's own JS + CSS, every component but those with a budget of their own:
# the checklists (scripts/checklist_budget.py, 9 KB) and the arrival planner (BUDGET_PLANNER_KB below)
OWN_BUDGET_FOLDERS = ("assets/checklist/", "assets/planner/")
BUDGET_SEARCH_INDEX_KB = 40  # per language
# Project build / plain Material + i18n build, at 1x and 10x content. With the offline copy, CSP hashes,
# folder sitemaps, whole guide and build-time checklist controls the median measures about 1.1-1.2
# at 1x and 1.2-1.25 at 10x (scripts/README.md); single pairs at 10x spread 1.18-1.43 on a quiet run,
# so 1.35 leaves CI's noise room; the layer before its last speed-up measured 1.32-1.39.
BUDGET_BUILD_RATIO = 1.35


# Requests made by Material's search worker in the background (not needed to show the page).
SEARCH_BACKGROUND = re.compile(r"/assets/javascripts/(workers|lunr)/|/search/search_index\.json$")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def kb(size: int) -> float:
    return size / KB


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
    files = {name: gzip_size((Path(site_dir) / name).read_bytes()) for name in own_asset_files(site_dir, repo_root)
             if not name.startswith(OWN_BUDGET_FOLDERS)}
    return Weight("site's own JS + CSS (checklists and planner apart)", sum(files.values()), BUDGET_OWN_ASSETS_KB, files)


BUDGET_PLANNER_KB = 6  # the planner's own JS + CSS, loaded only on its page
PLANNER_FILES = ("assets/planner/dates.js", "assets/planner/planner.js", "assets/planner/planner.css")


def planner_weight(site_dir: Path) -> Weight:
    """The arrival planner's page-only files (each gzipped on its own, as served)."""
    files = {name: gzip_size((Path(site_dir) / name).read_bytes()) for name in PLANNER_FILES
             if (Path(site_dir) / name).is_file()}
    return Weight("arrival planner's own JS + CSS (planner page only)", sum(files.values()), BUDGET_PLANNER_KB, files)


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
    # Without the service worker: the offline copy it stores after a first view is weighed on its own
    # (offline.offline_cache_weights), and storing it would only slow the measurement.
    context = browser.new_context(service_workers="block")
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
