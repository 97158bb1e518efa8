"""The web app manifest per language, so the guide can be installed on a phone's home screen.

Written after each language's build as ``manifest.webmanifest`` in that language's root
(``site/`` and ``site/en/``): name and description from the build's configuration (the
language's ``site_name`` and ``site_description``), the short name from
docs/data/app.yml, the theme colour from the site's stylesheet, the icons from
overrides/assets/app/. Every URL in it is relative, so the site works under any path.
Installed, the site is kept by browsers that clear the storage of sites not visited for
a while (Safari after 7 days), which is where the checklists' ticks live.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .datafiles import DATA_DIR, DEFAULT_LANGUAGE, LANGUAGES, REPO_ROOT, display_path, load_yaml
from .errors import ContentError

APP_DATA = DATA_DIR / "app.yml"
STYLESHEET = REPO_ROOT / "overrides" / "assets" / "site.css"
MANIFEST_NAME = "manifest.webmanifest"
ICONS = (  # (file, sizes, type, purpose): the PNGs keep the house inside the maskable safe zone
    ("assets/app/icon-192.png", "192x192", "image/png", "any"),
    ("assets/app/icon-512.png", "512x512", "image/png", "any"),
    ("assets/app/icon-512.png", "512x512", "image/png", "maskable"),
    ("assets/app/icon.svg", "any", "image/svg+xml", "any"),
)
SHORT_NAME_MAX = 12
PRIMARY_COLOUR = re.compile(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{3,8})\s*;")


def short_names(path: Path = APP_DATA) -> dict[str, str]:
    data = load_yaml(path)
    shown = display_path(path)
    names = data.get("short_name") if isinstance(data, dict) else None
    if not isinstance(names, dict):
        raise ContentError(shown, getattr(data, "line", None), "no 'short_name' with one entry per language",
                           "write short_name: with nl: and en: below it")
    for lang in LANGUAGES:
        name = names.get(lang)
        if not isinstance(name, str) or not name.strip():
            raise ContentError(shown, names.line_of("short_name") if hasattr(names, "line_of") else None,
                               f"short_name has no text for '{lang}'", f"add '{lang}: <short name>' under short_name")
        if len(name) > SHORT_NAME_MAX:
            raise ContentError(shown, names.line_of(lang), f"short_name '{name}' is longer than {SHORT_NAME_MAX} characters",
                               "phones cut it off under the icon: use a shorter name")
    return {lang: names[lang].strip() for lang in LANGUAGES}


def theme_colour(stylesheet: Path = STYLESHEET) -> str:
    match = PRIMARY_COLOUR.search(Path(stylesheet).read_text(encoding="utf-8"))
    if not match:
        raise ContentError(display_path(stylesheet), None, "no '--md-primary-fg-color: #rrggbb;' found",
                           "the web app manifest takes its theme colour from it: keep it a hex colour")
    return match.group(1)


def manifest(lang: str, name: str, description: str, short_name: str, colour: str) -> dict:
    """The manifest of one language, with URLs relative to where it is written."""
    to_root = "" if lang == DEFAULT_LANGUAGE else "../"
    return {
        "id": "./",
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": to_root or "./",
        "display": "standalone",
        "theme_color": colour,
        "background_color": "#ffffff",
        "icons": [{"src": to_root + src, "sizes": sizes, "type": kind, "purpose": purpose}
                  for src, sizes, kind, purpose in ICONS],
    }


def write_manifest(site_dir: Path, lang: str, name: str, description: str) -> Path:
    target = Path(site_dir) / ("" if lang == DEFAULT_LANGUAGE else lang) / MANIFEST_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    data = manifest(lang, name, description, short_names()[lang], theme_colour())
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return target
