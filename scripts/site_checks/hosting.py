"""Serve a built site the way a static host configured by its ``_headers`` file would.

Netlify's and Cloudflare Pages' format: a line with a URL path pattern (``*`` matches
anything), then indented ``Name: value`` lines; a request gets the headers of every rule
that matches its path. ``mount`` serves the site below a sub-path (``/hervestiging/``),
as a host does for a site built with that SITE_URL.
"""
from __future__ import annotations

import fnmatch
import functools
from pathlib import Path

from .server import _StaticHandler, start


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(path pattern, [(name, value), ...]), ...] in file order; comments and blank lines skipped."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            raise ValueError(f"_headers line {number}: expected a path or an indented 'Name: value': {line!r}")
    return rules


def headers_for(path: str, rules) -> list[tuple[str, str]]:
    return [header for pattern, headers in rules if fnmatch.fnmatchcase(path, pattern) for header in headers]


class _HostHandler(_StaticHandler):
    rules: list = []
    mount = "/"

    def _unmount(self) -> bool:
        if not self.path.startswith(self.mount):
            self.send_error(404)
            return False
        self.path = "/" + self.path[len(self.mount):]
        return True

    def do_GET(self):
        if self._unmount():
            super().do_GET()

    def do_HEAD(self):
        if self._unmount():
            super().do_HEAD()

    def end_headers(self):
        for name, value in headers_for(self.path.split("?", 1)[0], self.rules):
            self.send_header(name, value)
        super().end_headers()


def page_policy(site_dir: Path) -> str:
    """The Content-Security-Policy the site's _headers file gives its HTML pages."""
    rules = parse_headers_file((Path(site_dir) / "_headers").read_text(encoding="utf-8"))
    return dict(headers_for("/index.html", rules))["Content-Security-Policy"]


def serve_as_host(site_dir: Path, mount: str = "/", port: int = 0):
    """Serve ``site_dir`` at ``mount`` on 127.0.0.1 (``port``, or a free one) with the headers of its _headers file.

    Pass the port the site was built for (SITE_URL): its hreflang URLs are absolute and
    Material's language switch fetches the sitemap next to them, which the policy's
    ``connect-src 'self'`` allows only from the same origin. Returns (server, url of the
    site); call server.shutdown().
    """
    rules = parse_headers_file((Path(site_dir) / "_headers").read_text(encoding="utf-8"))
    handler = type("Handler", (_HostHandler,), {"rules": rules, "mount": mount})
    server = start(functools.partial(handler, directory=str(site_dir)), port)
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount}"
