"""Hook: trim what the site never loads (left out of the build's files, checked after the build), write the
web app manifests and the offline copy.

The logic is in scripts/site_build/: unused_assets.py (Lunr languages, source maps),
app_manifest.py (one manifest per language), offline.py (precache lists, service worker)
hosting.py (_headers with the Content-Security-Policy, _redirects, the nginx snippet) and
whole_guide.py (the printable whole guide, from the phase pages kept in memory here).
The offline page is a static template (overrides/offline.html) that every language's
build renders to the same file, so this keeps each language's rendering and writes it
into that language's folder.
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.app_manifest import theme_colour, write_manifest
from site_build.datafiles import DEFAULT_LANGUAGE
from site_build.errors import ContentError
from site_build.hosting import write_host_configuration
from site_build.facts import LANGUAGES, language_prefix
from site_build.offline import OFFLINE_PAGE, offline_page, write_development_worker, write_offline_copy
from site_build.unused_assets import never_loaded, remove_unused_assets
from site_build.whole_guide import Phase, phase_names, texts, write_whole_guides

_offline_pages: dict[str, str] = {}
_app_names: dict[str, tuple[str, str]] = {}
_phases: dict[str, dict[str, Phase]] = {}  # lang -> phase name -> its rendered content
_phase_cache: dict[str, list[str]] = {}
_command = {"name": "build"}


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # The browser's toolbar colour on phones, from the same place as the manifest's.
    try:
        config.extra["theme_colour"] = theme_colour()
        # The footer's link to the printable whole guide, with its title per language.
        config.extra["whole_guide"] = {lang: words["title"] for lang, words in texts().items()}
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    # Lunr languages and source maps the site never loads are not copied at all (every language's
    # build would copy them); each language gets its own search index (hooks/language_outputs.py).
    for file in [f for f in files if never_loaded(f.src_uri, [[lang] for lang in LANGUAGES])]:
        files.remove(file)
    return files


@event_priority(-50)  # after the hooks that change a page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    name = Path(page.file.src_uri).name.split(".", 1)[0]
    if name in _phase_order(config):
        lang = getattr(page.file, "locale", None) or config.theme["language"]
        _phases.setdefault(lang, {})[name] = Phase(name, page.title, html, page.meta.get("source_note", ""))
    return html


def _phase_order(config) -> list[str]:
    if "order" not in _phase_cache:
        _phase_cache["order"] = phase_names(config.nav)
    return _phase_cache["order"]


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name == OFFLINE_PAGE:
        lang = config.theme["language"]
        site_path = urllib.parse.urlsplit(config.site_url or "/").path or "/"
        _offline_pages[lang] = offline_page(output_content, lang, site_path)
        # The configuration is this language's only while its pages render: keep its names.
        _app_names[lang] = (config.site_name, config.site_description or "")
    return output_content


@event_priority(-300)  # after language_outputs (-200) has written each language's search index
def on_post_build(*, config: MkDocsConfig) -> None:
    # Runs after each language's build (in an order that is the i18n plugin's business, with
    # its configuration of the moment): every step is idempotent, and the last run sees all.
    # The plugin says when it is inside another language's build; those runs are skipped to
    # save build time (without that flag, every run does the work, with the same result).
    if getattr(config.plugins.get("i18n"), "building", False):
        return
    site_dir = Path(config.site_dir)
    try:
        for lang, (name, description) in _app_names.items():
            write_manifest(site_dir, lang, name, description)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    remove_unused_assets(site_dir)
    try:
        write_whole_guides(site_dir, _phases, _phase_order(config),
                           {lang: names[0] for lang, names in _app_names.items()}, config.site_url or "/")
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for lang, output in _offline_pages.items():
        target = site_dir / language_prefix(lang) / OFFLINE_PAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    site_path = urllib.parse.urlsplit(config.site_url or "/").path or "/"
    if _command["name"] == "serve":
        write_development_worker(site_dir)  # no offline copy while editing: every reload is the new build
    else:
        try:
            write_offline_copy(site_dir, site_path)
        except (FileNotFoundError, ValueError) as exc:
            raise PluginError(f"offline hook (overrides/hooks/offline.py): {exc}") from None
    # Last: the Content-Security-Policy hashes the inline scripts of every page written above.
    write_host_configuration(site_dir, site_path)
