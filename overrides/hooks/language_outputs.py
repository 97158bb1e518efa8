"""Hook: give each language its own search index and its own 404 page.

mkdocs-static-i18n builds Dutch into site/ and English into site/en/, but the
search plugin writes one index with both languages (so English searches return
Dutch pages, with one stemmer for both) and both builds write site/404.html.
After the last build this hook splits the index per language, each with its
own stemmer, and writes each language's 404 page into its own folder. English
pages get their language root as search base, so Material's search loads
en/search/search_index.json. Nothing inside the plugins is patched.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

DEFAULT_LANGUAGE = "nl"
_404_pages: dict[str, str] = {}
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _language(config) -> str:
    return config.theme["language"]


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        lang = _language(config)
        # The 404 page is a template, not a page: its search base needs the same rebase.
        _404_pages[lang] = output if lang == DEFAULT_LANGUAGE else _rebase_search(output, lang)
    return output


def on_post_page(output, page, config):
    lang = getattr(page.file, "locale", DEFAULT_LANGUAGE)
    if lang == DEFAULT_LANGUAGE:
        return output
    return _rebase_search(output, lang)


def _rebase_search(output: str, lang: str) -> str:
    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        # With a trailing slash: Material resolves "search/search_index.json" against the base,
        # and against ".../en" (no slash) that would be the Dutch index at /search/.
        app["base"] = app["base"].rstrip("/") + f"/{lang}/" if app["base"] not in ("", ".") else f"{lang}/"
        return match.group(1) + json.dumps(app) + match.group(3)

    return CONFIG_SCRIPT.sub(rebase, output, count=1)


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
    # Runs after each language's build; splitting is idempotent, and the last
    # run (the default build, after the plugin's final index) sees every language.
    site_dir = Path(config.site_dir)
    split_search_index(site_dir)
    for lang, output in _404_pages.items():
        target = site_dir / "404.html" if lang == DEFAULT_LANGUAGE else site_dir / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
