"""The offline copy of the site: the precache manifest per language and the service worker.

After the build, every page of a language is read for the files it loads (stylesheets,
scripts, images, the web app manifest, the search worker named in Material's page
config), together with the other languages' home and offline pages, so the language
switch leads somewhere offline. Added to them: every language's search index (each home
page searches) and the Lunr files it imports, the sitemaps Material's language switch
reads, and the data files scripts fetch for the language (``assets/**/*.<lang>.json``).
Each language's list is written to
``assets/offline/precache-<lang>.json`` with the build's version: a hash of every listed
file's content, so a deploy that changes any of them changes the version. The service
worker (``overrides/assets/offline/service-worker.js``) is written to the site root, where
its scope is the whole site, with the lists and version in it: a new build is a new
worker byte for byte, which is how browsers notice an update.

URLs in the lists are relative to the site root, so the same build works under any path.
"""
from __future__ import annotations

import functools
import hashlib
import html.parser
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import DEFAULT_LANGUAGE, LANGUAGES
from .facts import language_prefix
from .minify import minified
from .unused_assets import needed_lunr_files

SOURCE = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "offline" / "service-worker.js"
WORKER_NAME = "service-worker.js"
MANIFEST_DIR = Path("assets") / "offline"
OFFLINE_PAGE = "offline.html"
PLACEHOLDER = "\"__OFFLINE_BUILD__\""  # a string, so minifying keeps it
SKIP_DIRS = ("assets", "search")


class _References(html.parser.HTMLParser):
    """What one start tag makes the browser load: ("url", …) or ("base", href), else None."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "base":
            self.found = ("base", a.get("href"))
        elif tag == "link" and rel & {"stylesheet", "icon", "manifest", "apple-touch-icon"}:
            self.found = ("url", a.get("href", ""))
        elif tag in ("script", "img") and a.get("src"):
            self.found = ("url", a["src"])


# The only tags whose URLs a page loads by itself: the parser reads just these (a whole page
# through html.parser costs more than the rest of the post-build work together).
_LOADING_TAG = re.compile(r"<(?:link|script|img|base)\b[^>]*>", re.I)


@functools.lru_cache(maxsize=4096)
def _tag_reference(tag: str) -> tuple[str, str | None] | None:
    # Every page repeats the theme's tags (stylesheets, scripts, icons): each is parsed once.
    parser = _References()
    # A script's start tag alone would open script content: close it.
    parser.feed(tag + "</script>" if tag[:7].lower() == "<script" else tag)
    return parser.found


@dataclass
class _PageReferences:
    urls: list[str] = field(default_factory=list)
    config: str = ""  # Material's page config (JSON)
    base: str | None = None  # <base href>, which the offline page has


def _references(text: str) -> _PageReferences:
    refs = _PageReferences()
    for tag in _LOADING_TAG.findall(text):
        found = _tag_reference(tag)
        if found is None:
            continue
        kind, value = found
        if kind == "url":
            refs.urls.append(value)
        elif refs.base is None:
            refs.base = value
    config = _CONFIG.search(text)
    refs.config = config.group(2) if config else ""
    return refs


_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
# The language switch (overrides/partials/alternate.html): its href, whatever attributes follow it.
_LANGUAGE_LINK = re.compile(r'<a href="[^"]*"(?=(?: [a-z-]+="[^"]*")*? hreflang="([a-z]{2})")'
                            r'(?=[^>]*\bclass="(?:[^"]* )?md-select__link[" ])')
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def offline_page(output: str, lang: str, site_path: str) -> str:
    """The offline page as rendered, made to work at any URL, since it stands in for any page.

    It is rendered at the site root, so every relative link and asset becomes an absolute
    path from there (a <base> would also move "#" links); Material's page config gets absolute
    paths too, with this language's root as search base; the language switch leads to the
    other language's home; no alternate URLs.
    """
    site_path = site_path if site_path.endswith("/") else site_path + "/"
    root = "http://site" + site_path

    def absolute(match: re.Match) -> str:
        value = match.group(2)
        if _NOT_RELATIVE.match(value):
            return match.group(0)
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(root, value))
        return f'{match.group(1)}="{urllib.parse.urlunsplit(("", "", parts.path, parts.query, parts.fragment))}"'

    output = _LANGUAGE_LINK.sub(lambda m: f'<a href="./{language_prefix(m.group(1))}"', output)
    output = _URL_ATTRIBUTE.sub(absolute, output)

    def configure(match: re.Match) -> str:
        app = json.loads(match.group(2))
        app["base"] = site_path + language_prefix(lang)
        app["search"] = site_path + re.sub(r"^(\./)+", "", app["search"])
        return match.group(1) + json.dumps(app) + match.group(3)

    output = _CONFIG.sub(configure, output, count=1)
    return _ALTERNATE.sub("", output)


def _site_path(url: str, page_url: str, root: str) -> str | None:
    """``url`` as written in the page at ``page_url``, relative to the site ``root``; None if elsewhere."""
    # A URL that climbs out of the page's folder ("../assets/…") means the same from every page
    # at that depth: it is resolved once against the folder it climbs to.
    ups = 0
    while url.startswith("../", 3 * ups):
        ups += 1
    if url and url[0] not in "?#":  # a path: relative to the page's folder, not the page
        page_path = page_url.split("?", 1)[0].split("#", 1)[0]
        folder = page_path[: page_path.rindex("/") + 1]
        if ups:
            parts = folder.split("/")  # "http:", "", host, …folders, ""
            if len(parts) - 4 >= ups:
                return _resolved(url[3 * ups:], "/".join(parts[: len(parts) - 1 - ups]) + "/", root)
        else:
            return _resolved(url, folder, root)
    return _resolved(url, page_url, root)


@functools.lru_cache(maxsize=8192)
def _resolved(url: str, page_url: str, root: str) -> str | None:
    absolute = urllib.parse.urljoin(page_url, url)
    parts = urllib.parse.urlsplit(absolute)
    if not absolute.startswith(root) or parts.scheme not in ("http", "https"):
        return None
    return urllib.parse.urlunsplit(("", "", parts.path, parts.query, ""))[len(urllib.parse.urlsplit(root).path):]


def page_files_of(site_dir: Path, lang: str) -> list[Path]:
    """The built HTML pages of ``lang`` and its offline page, then the other languages' home and offline pages.

    404 pages are left out: a missing page offline gets the offline page.
    """
    site_dir = Path(site_dir)
    pages = []
    # Sorted by parts, which is Path order (comparing Path objects is slow on a large site).
    for file in sorted(site_dir.rglob("index.html"), key=lambda path: path.parts):
        rel = file.relative_to(site_dir)
        if rel.parts[0] in SKIP_DIRS:
            continue
        file_lang = rel.parts[0] if len(rel.parts) > 1 and rel.parts[0] in LANGUAGES else DEFAULT_LANGUAGE
        if file_lang == lang:
            pages.append(file)
    offline = site_dir / language_prefix(lang) / OFFLINE_PAGE
    if offline.is_file():
        pages.append(offline)
    # The other languages' home and offline pages, so the language switch leads somewhere offline too.
    for other in LANGUAGES:
        if other != lang:
            pages += [file for file in (site_dir / language_prefix(other) / "index.html",
                                        site_dir / language_prefix(other) / OFFLINE_PAGE) if file.is_file()]
    return pages


def precache_paths(site_dir: Path, lang: str, site_path: str = "/") -> list[str]:
    """Every file a reader of ``lang`` needs offline, relative to the site root, pages first."""
    site_dir = Path(site_dir)
    root = "http://site" + (site_path if site_path.endswith("/") else site_path + "/")
    pages, assets = [], set()
    icons: dict[str, list[str]] = {}  # manifest -> its icons' paths
    configs: dict[str, dict] = {}  # Material's page config as written -> parsed
    for file in page_files_of(site_dir, lang):
        rel = file.relative_to(site_dir).as_posix()
        path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        pages.append(path)
        page_url = root + path
        refs = _references(file.read_text(encoding="utf-8"))
        if refs.base is not None:
            page_url = urllib.parse.urljoin(page_url, refs.base)
        for url in refs.urls:
            found = _site_path(url, page_url, root)
            if found:
                assets.add(found)
                if found.endswith(".webmanifest") and _local_file(site_dir, found).is_file():
                    # The icons an installed guide shows come from its manifest.
                    if found not in icons:
                        manifest = json.loads(_local_file(site_dir, found).read_text(encoding="utf-8"))
                        icons[found] = [_site_path(icon["src"], root + found, root)
                                        for icon in manifest.get("icons", [])]
                    assets.update(icons[found])
        if refs.config:
            if refs.config not in configs:
                configs[refs.config] = json.loads(refs.config)
            config = configs[refs.config]
            worker = _site_path(config["search"], page_url, root)  # relative to the page, not to "base"
            if worker:
                assets.add(worker)
                material = urllib.parse.parse_qs(urllib.parse.urlsplit(worker).query).get("material")
                if material:  # the stemming worker imports Material's own worker
                    assets.add(_site_path(material[0], root + worker, root))
    # Every language's search index: the other languages' home pages search too (small beside the pages).
    for index_lang in LANGUAGES:
        index = language_prefix(index_lang) + "search/search_index.json"
        if (site_dir / index).is_file():
            assets.add(index)
            index_languages = json.loads((site_dir / index).read_text(encoding="utf-8"))["config"]["lang"]
            assets.update(f"assets/javascripts/lunr/{name}" for name in needed_lunr_files([index_languages]))
    # Material's language switch reads the sitemap of the site and of each language.
    for folder in [""] + [language_prefix(other) for other in LANGUAGES] + pages:
        if folder.endswith("/") or folder == "":
            if (site_dir / folder / "sitemap.xml").is_file():
                assets.add(folder + "sitemap.xml")
    # Data that scripts fetch at run time, one file per language (the checklists' catalogs).
    assets.update(f.relative_to(site_dir).as_posix() for f in (site_dir / "assets").rglob(f"*.{lang}.json")
                  if f.parent != site_dir / MANIFEST_DIR)
    missing = [a for a in assets if not _local_file(site_dir, a).is_file()]
    if missing:
        raise FileNotFoundError(f"offline copy: pages of '{lang}' load files the build did not write: {sorted(missing)}; "
                                "fix the link to the file, or make the build write it")
    return pages + sorted(assets - set(pages))


def _local_file(site_dir: Path, path: str) -> Path:
    path = urllib.parse.unquote(path.split("?", 1)[0])
    file = Path(site_dir) / path
    return file / "index.html" if path == "" or path.endswith("/") else file


def build_version(site_dir: Path, lists: dict[str, list[str]], worker_source: str) -> str:
    digest = hashlib.sha256(worker_source.encode("utf-8"))
    for path in sorted({p for paths in lists.values() for p in paths}):
        digest.update(path.encode("utf-8") + b"\0" + _local_file(site_dir, path).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def write_offline_copy(site_dir: Path, site_path: str = "/", source: Path = SOURCE) -> dict:
    """Write the per-language manifests and the service worker; returns the build data the worker carries."""
    site_dir = Path(site_dir)
    languages = [lang for lang in LANGUAGES if (site_dir / language_prefix(lang) / "index.html").is_file()]
    lists = {lang: precache_paths(site_dir, lang, site_path) for lang in languages}
    worker_source = minified(source)
    version = build_version(site_dir, lists, worker_source)
    build = {
        "version": version,
        "default": DEFAULT_LANGUAGE,
        "offline": {lang: language_prefix(lang) + OFFLINE_PAGE for lang in languages},
        "languages": lists,
    }
    (site_dir / MANIFEST_DIR).mkdir(parents=True, exist_ok=True)
    for lang, paths in lists.items():
        (site_dir / MANIFEST_DIR / f"precache-{lang}.json").write_text(
            json.dumps({"version": version, "lang": lang, "urls": paths}, indent=1), encoding="utf-8")
    if PLACEHOLDER not in worker_source:
        raise ValueError(f"{source}: the line with {PLACEHOLDER!r} is missing; the build writes the precache lists there")
    (site_dir / WORKER_NAME).write_text(
        worker_source.replace(PLACEHOLDER, json.dumps(build, separators=(",", ":")), 1), encoding="utf-8")
    # The readable copy MkDocs put under assets/ is not the worker (wrong scope, no lists).
    stray = site_dir / MANIFEST_DIR / WORKER_NAME
    if stray.is_file():
        stray.unlink()
    return build


# For `mkdocs serve`: a worker that removes the offline copy and itself, so a maintainer's
# browser shows each rebuild at once instead of a stored version.
DEVELOPMENT_WORKER = """"use strict"
self.addEventListener("install", () => self.skipWaiting())
self.addEventListener("activate", event => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith("offline-guide:")) await caches.delete(name)
  await self.registration.unregister()
})()))
"""


def write_development_worker(site_dir: Path) -> None:
    (Path(site_dir) / WORKER_NAME).write_text(DEVELOPMENT_WORKER, encoding="utf-8")
    stray = Path(site_dir) / MANIFEST_DIR / WORKER_NAME
    if stray.is_file():
        stray.unlink()
