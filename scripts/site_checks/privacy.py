"""Privacy audits: remote assets referenced by the built files, requests that leave the site."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from .html_collector import parse_html

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
