"""Hook: after the build, trim what the site never loads and write the offline copy.

The logic is in scripts/site_build/: unused_assets.py (Lunr languages, source maps) and
offline.py (precache lists, service worker). The offline page is a static template
(overrides/offline.html) that every language's build renders to the same file, so this
keeps each language's rendering and writes it into that language's folder.
"""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.plugins import event_priority
from site_build.datafiles import DEFAULT_LANGUAGE
from site_build.offline import OFFLINE_PAGE, language_prefix, offline_page_links, write_offline_copy
from site_build.unused_assets import remove_unused_assets

_offline_pages: dict[str, str] = {}
SEARCH_BASE = re.compile(r'("base": ")([^"]*)(")')


def on_post_template(output, template_name, config):
    if template_name == OFFLINE_PAGE:
        lang = config.theme["language"]
        # Shown in place of any missing page, so its links must not depend on the page's URL.
        site_path = urllib.parse.urlsplit(config.site_url or "/").path or "/"
        output = output.replace("<head>", f'<head>\n<base href="{site_path}">', 1)
        if lang != DEFAULT_LANGUAGE:
            # Search from this language's root, as language_outputs does for the 404 page.
            output = SEARCH_BASE.sub(lambda m: m.group(1) + m.group(2).rstrip("/") + f"/{lang}/" + m.group(3), output, 1)
        _offline_pages[lang] = offline_page_links(output)
    return output


@event_priority(-300)  # after language_outputs (-200) has written each language's search index
def on_post_build(config):
    # Also runs after each language's own build; the default language's run comes last and sees all.
    site_dir = Path(config.site_dir)
    remove_unused_assets(site_dir)
    for lang, output in _offline_pages.items():
        target = site_dir / language_prefix(lang) / OFFLINE_PAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    write_offline_copy(site_dir, urllib.parse.urlsplit(config.site_url or "/").path or "/")
