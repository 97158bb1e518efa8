"""Host configuration with strict security headers, written into the built site.

- ``_headers`` (Netlify, Cloudflare Pages): a Content-Security-Policy that allows only the
  site's own origin, with no 'unsafe-inline' scripts: the few inline scripts Material
  writes into every page are allowed by their sha256 hashes, computed here from the built
  pages; plus Referrer-Policy, X-Content-Type-Options, Permissions-Policy and framing.
- ``_redirects`` (Netlify): a missing page under /en/ gets en/404.html. Cloudflare Pages
  serves the nearest 404.html by itself; GitHub Pages always serves the root one.
- ``_hosting/nginx.conf``: the same headers and 404 pages as an nginx snippet, with the
  site's path (from SITE_URL) in its locations.

Computed after everything else has written its HTML, so every inline script is counted.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .datafiles import DEFAULT_LANGUAGE, LANGUAGES

HEADERS_FILE = "_headers"
REDIRECTS_FILE = "_redirects"
NGINX_FILE = Path("_hosting") / "nginx.conf"
# Script types a browser runs (an empty type is JavaScript); JSON data blocks are not run.
_RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Features the guide never uses, switched off (only names browsers know: others are logged as errors).
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                      "microphone=(), payment=(), usb=()")


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_scripts(text: str) -> list[str]:
    """The source of every inline script the browser would run, exactly as written.

    A regular expression rather than html.parser: it runs over every built page, and the
    theme's pages hold no "</script>" inside a script."""
    scripts = []
    for match in _SCRIPT.finditer(text):
        attributes, source = match.groups()
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind.group(1).lower() if kind else "") in _RUN_TYPES:
            scripts.append(source)
    return scripts


def script_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def inline_script_hashes(site_dir: Path) -> list[str]:
    hashes = {script_hash(source) for file in Path(site_dir).rglob("*.html")
              for source in inline_scripts(file.read_text(encoding="utf-8"))}
    return sorted(hashes)


def content_security_policy(hashes: list[str]) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(site_dir: Path) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir)),
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY",
    }


# Browsers look for a new service worker on every page view; a cached copy would delay updates.
NO_CACHE = {"/service-worker.js": {"Cache-Control": "no-cache"}}


def headers_file(headers: dict[str, str]) -> str:
    lines = ["# Written by the build (scripts/site_build/hosting.py): Netlify and Cloudflare Pages.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    for path, extra in NO_CACHE.items():
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in extra.items()]
    return "\n".join(lines) + "\n"


def redirects_file() -> str:
    lines = ["# Written by the build: each language's own 404 page (Netlify)."]
    lines += [f"/{lang}/*  /{lang}/404.html  404" for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return "\n".join(lines) + "\n"


def nginx_snippet(headers: dict[str, str], site_path: str) -> str:
    prefix = site_path if site_path.endswith("/") else site_path + "/"
    # nginx drops a server's add_header lines in a location that has its own: repeat them.
    add = "".join(f'    add_header {name} "{value}" always;\n' for name, value in headers.items())
    blocks = [
        "# Written by the build (scripts/site_build/hosting.py). Include it in the server block that",
        f"# serves site/ at {prefix}, e.g. `root /var/www;` with site/ copied to /var/www{prefix}.",
        f"location {prefix} {{\n{add}    error_page 404 {prefix}404.html;\n}}",
        f"location = {prefix}service-worker.js {{\n{add}    add_header Cache-Control \"no-cache\" always;\n}}",
    ]
    blocks += [f"location {prefix}{lang}/ {{\n{add}    error_page 404 {prefix}{lang}/404.html;\n}}"
               for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return "\n".join(blocks) + "\n"


def write_host_configuration(site_dir: Path, site_path: str = "/") -> dict[str, str]:
    """Write _headers, _redirects and the nginx snippet; returns the headers every file gets."""
    site_dir = Path(site_dir)
    headers = security_headers(site_dir)
    (site_dir / HEADERS_FILE).write_text(headers_file(headers), encoding="utf-8")
    (site_dir / REDIRECTS_FILE).write_text(redirects_file(), encoding="utf-8")
    (site_dir / NGINX_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / NGINX_FILE).write_text(nginx_snippet(headers, site_path), encoding="utf-8")
    return headers
