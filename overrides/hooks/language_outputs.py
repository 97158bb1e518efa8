"""Hook: give each language its own search index and its own 404 page.

mkdocs-static-i18n builds Dutch into site/ and English into site/en/, but the
search plugin writes one index with both languages (so English searches return
Dutch pages, with one stemmer for both) and both builds write site/404.html.
After the last build this hook splits the index per language, each with its
own stemmer, and writes each language's 404 page into its own folder. English
pages get their language root as search base, so Material's search loads
en/search/search_index.json. Every page's search runs in overrides/assets/search/
search-worker.js, which stems the query words before Material's worker sees them.
Dutch pages also get a Dutch title on footnote back-links, English pages an English one on
heading permalinks. Nothing inside the
plugins is patched: the hook edits the page's own search settings and HTML.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

try:
    import _guide_path  # noqa: F401  (puts scripts/ on sys.path; MkDocs has this folder on it)
except ModuleNotFoundError:  # loaded by file path, as a test does
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from site_build.sitemaps import write_folder_sitemaps

DEFAULT_LANGUAGE = "nl"
_404_pages: dict[str, str] = {}
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/(search\.[\w.]+\.js)$")
STEMMING_WORKER = r"assets/search/search-worker.js?material=../javascripts/workers/\1"


def _language(config) -> str:
    return config.theme["language"]


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        lang = _language(config)
        # The 404 page is a template, not a page: its search base needs the same rebase.
        _404_pages[lang] = _configure_search(output, lang)
    return output


# Python-Markdown's footnotes give the back-link (an arrow) an English title, which is also
# its accessible name; one extension config serves both languages, so Dutch pages get theirs here.
FOOTNOTE_BACKLINK_TITLE = re.compile(r'(class="footnote-backref" href="#fnref[^"]*" title=")Jump back to footnote (\d+) in the text"')
FOOTNOTE_BACKLINK_TITLES = {"nl": r'\g<1>Terug naar voetnoot \2 in de tekst"'}


# The toc extension's permalink title is one setting for both languages (Dutch, in mkdocs.yml).
PERMALINK_TITLES = {"en": "Link to this section"}
PERMALINK = re.compile(r'(class="headerlink" href="#[^"]*" title=")Link naar deze sectie"')


def on_page_content(html, page, config, files):
    lang = getattr(page.file, "locale", DEFAULT_LANGUAGE)
    title = FOOTNOTE_BACKLINK_TITLES.get(lang)
    html = FOOTNOTE_BACKLINK_TITLE.sub(title, html) if title else html
    if lang in PERMALINK_TITLES:
        html = PERMALINK.sub(lambda m: m.group(1) + PERMALINK_TITLES[lang] + '"', html)
    return html


# mkdocs-static-i18n writes the hreflang alternates relative ("./", "../en/…"); search engines
# (and Lighthouse) want them absolute, like the canonical URL, from site_url.
ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')


def _absolute_alternates(output: str, page, config) -> str:
    site_url = config.get("site_url")
    if not site_url:
        return output
    here = urljoin(site_url.rstrip("/") + "/", page.url)
    return ALTERNATE.sub(lambda m: m.group(1) + urljoin(here, m.group(2)) + m.group(3), output)


def on_post_page(output, page, config):
    output = _absolute_alternates(output, page, config)
    return _configure_search(output, getattr(page.file, "locale", DEFAULT_LANGUAGE))


def _configure_search(output: str, lang: str) -> str:
    """The page's own search settings: its language's index, and the stemming worker."""
    def configure(match: re.Match) -> str:
        app = json.loads(match.group(2))
        if lang != DEFAULT_LANGUAGE:
            # With a trailing slash: Material resolves "search/search_index.json" against the base,
            # and against ".../en" (no slash) that would be the Dutch index at /search/.
            app["base"] = app["base"].rstrip("/") + f"/{lang}/" if app["base"] not in ("", ".") else f"{lang}/"
        worker, found = MATERIAL_WORKER.subn(STEMMING_WORKER, app.get("search", ""))
        if not found:
            raise PluginError(
                f"language_outputs hook: Material's search worker is no longer at {MATERIAL_WORKER.pattern!r} "
                f"(found {app.get('search')!r}). Update MATERIAL_WORKER in overrides/hooks/language_outputs.py "
                "after a Material upgrade, and check overrides/assets/search/search-worker.js still fits.")
        app["search"] = worker
        return match.group(1) + json.dumps(app) + match.group(3)

    return CONFIG_SCRIPT.sub(configure, output, count=1)


def split_search_index(site_dir: Path) -> None:
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    languages = [d.name for d in site_dir.iterdir() if d.is_dir() and (d / "index.html").exists() and len(d.name) == 2]
    by_lang: dict[str, list] = {DEFAULT_LANGUAGE: []}
    for lang in languages:
        by_lang[lang] = []
    for doc in index["docs"]:
        first = doc["location"].split("/", 1)[0]
        if first in languages:
            doc = dict(doc, location=doc["location"][len(first) + 1 :])
            by_lang[first].append(doc)
        else:
            by_lang[DEFAULT_LANGUAGE].append(doc)
    for lang, docs in by_lang.items():
        target = index_path if lang == DEFAULT_LANGUAGE else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = dict(index["config"], lang=[lang])
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


@event_priority(-200)  # after mkdocs-static-i18n (-100), which runs the other languages' builds
def on_post_build(config):
    # Runs after each language's build, and which run comes last is the plugin's business
    # (an English build can write the root 404.html after the Dutch one): so every run
    # redoes both steps, which are idempotent, and the last sees every language.
    site_dir = Path(config.site_dir)
    split_search_index(site_dir)
    # Material's language switch fetches a sitemap next to each alternate link of a page.
    write_folder_sitemaps(site_dir)
    for lang, output in _404_pages.items():
        target = site_dir / "404.html" if lang == DEFAULT_LANGUAGE else site_dir / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
