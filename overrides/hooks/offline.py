"""Hook: after the build, trim what the site never loads, write the web app manifests and the offline copy.

The logic is in scripts/site_build/: unused_assets.py (Lunr languages, source maps),
app_manifest.py (one manifest per language), offline.py (precache lists, service worker)
and hosting.py (_headers with the Content-Security-Policy, _redirects, the nginx snippet).
The offline page is a static template (overrides/offline.html) that every language's
build renders to the same file, so this keeps each language's rendering and writes it
into that language's folder.
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from site_build.app_manifest import theme_colour, write_manifest
from site_build.datafiles import DEFAULT_LANGUAGE
from site_build.errors import ContentError
from site_build.hosting import write_host_configuration
from site_build.offline import OFFLINE_PAGE, language_prefix, offline_page, write_offline_copy
from site_build.unused_assets import remove_unused_assets

_offline_pages: dict[str, str] = {}
_app_names: dict[str, tuple[str, str]] = {}


def on_config(config):
    # The browser's toolbar colour on phones, from the same place as the manifest's.
    try:
        config.extra["theme_colour"] = theme_colour()
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_post_template(output, template_name, config):
    if template_name == OFFLINE_PAGE:
        lang = config.theme["language"]
        site_path = urllib.parse.urlsplit(config.site_url or "/").path or "/"
        _offline_pages[lang] = offline_page(output, lang, site_path)
        # The configuration is this language's only while its pages render: keep its names.
        _app_names[lang] = (config.site_name, config.site_description or "")
    return output


@event_priority(-300)  # after language_outputs (-200) has written each language's search index
def on_post_build(config):
    # Runs after each language's build (in an order that is the i18n plugin's business, with
    # its configuration of the moment): every step is idempotent, and the last run sees all.
    site_dir = Path(config.site_dir)
    try:
        for lang, (name, description) in _app_names.items():
            write_manifest(site_dir, lang, name, description)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    remove_unused_assets(site_dir)
    for lang, output in _offline_pages.items():
        target = site_dir / language_prefix(lang) / OFFLINE_PAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    site_path = urllib.parse.urlsplit(config.site_url or "/").path or "/"
    write_offline_copy(site_dir, site_path)
    # Last: the Content-Security-Policy hashes the inline scripts of every page written above.
    write_host_configuration(site_dir, site_path)
