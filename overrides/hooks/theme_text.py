"""Hook: the theme's templates get their interface text from docs/data/ as ``{{ ui("key") }}``
(and ``ui_markdown``, ``ui_json``, ``language_path``), in the language being built; the logic is
in scripts/site_build/theme_text.py. A broken text file stops the build naming file and line."""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from site_build import theme_text
from site_build.errors import ContentError


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    try:
        return theme_text.install(env, error=PluginError)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
