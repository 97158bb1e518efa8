"""SEO and sharing basics: title, description in the page language, canonical URL, hreflang, sitemap."""
from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

from site_build.datafiles import DEFAULT_LANGUAGE, LANGUAGES

from .html_collector import parse_html
from .site_pages import NOT_INDEXED, SitePage, site_pages

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


def counterpart(page: SitePage, lang: str) -> str:
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
            expected = counterpart(page, lang)
            if href is None:
                add(f'no <link rel="alternate" hreflang="{lang}">')
                continue
            target = urllib.parse.urljoin(page_url, href)
            if re.match(r"^https?://", href) and canonical and canonical[0].startswith(("http://", "https://")):
                # Absolute, as search engines want: relative to the site's base (the canonical URL's).
                site_base = canonical[0][: len(canonical[0]) - len(page.path)] if page.path else canonical[0]
                target = "http://site/" + href[len(site_base):] if href.startswith(site_base) else href
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
