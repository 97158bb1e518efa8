"""A sitemap next to every page, for Material's language switch.

Material's script fetches ``sitemap.xml`` next to each ``<link rel="alternate">`` of a page
(it uses it to keep the reader on the same page when switching between separately built
language sites). mkdocs-static-i18n points those links at the page itself in each
language, so every page view asked for ``<page>/sitemap.xml`` and ``en/sitemap.xml``,
which did not exist: two 404s and console errors per view. This writes them.

Each sitemap lists only the URLs under its own folder, as the sitemap protocol requires
(a sitemap at ``/voorbereiding/`` may not list ``/begrippen/``), with the same hreflang
alternates as the site's ``sitemap.xml``: the root sitemap stays the one search engines use.
"""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

URL_BLOCK = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S)


def _loc_path(block: str, prefix: str) -> str | None:
    """The URL path of a <url> block relative to the site root ('' for the home page)."""
    match = LOC.search(block)
    if not match:
        return None
    path = urllib.parse.urlsplit(match.group(1)).path
    return path[len(prefix):] if path.startswith(prefix) else None


def write_folder_sitemaps(site_dir: Path) -> list[Path]:
    """Write ``<folder>/sitemap.xml`` for every built page folder; returns the files written.

    Reads the root ``sitemap.xml`` (which lists both languages); does nothing without one.
    """
    site_dir = Path(site_dir)
    root = site_dir / "sitemap.xml"
    if not root.is_file():
        return []
    text = root.read_text(encoding="utf-8")
    blocks = URL_BLOCK.findall(text)
    if not blocks:
        return []
    head = text[: text.index(blocks[0])]
    tail = text[text.rindex(blocks[-1]) + len(blocks[-1]):]
    # The site may live below a folder (site_url https://host/guide/): the common path of all locs.
    locs = [urllib.parse.urlsplit(LOC.search(b).group(1)).path for b in blocks if LOC.search(b)]
    home = min(locs, key=len)
    prefix = home if home.endswith("/") else home.rsplit("/", 1)[0] + "/"
    # Each <url> block goes to the sitemap of every folder its path lies under ("en/", "en/plaatsing/").
    under_folder: dict[str, list[str]] = {}
    for block in blocks:
        path = _loc_path(block, prefix)
        if path is None:
            continue
        end = path.find("/")
        while end >= 0:
            under_folder.setdefault(path[: end + 1], []).append(block)
            end = path.find("/", end + 1)
    written = []
    for index in sorted(site_dir.rglob("index.html"), key=lambda path: path.parts):  # Path order, faster
        folder = index.parent.relative_to(site_dir).as_posix()
        if folder == ".":
            continue  # the root sitemap is the plugin's
        listed = under_folder.get(folder + "/")
        if not listed:
            continue
        target = index.parent / "sitemap.xml"
        target.write_text(head + "".join(listed) + tail, encoding="utf-8")
        written.append(target)
    return written
