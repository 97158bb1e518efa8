"""Hook: each language's build reuses the theme templates the first build compiled.

The logic (and why it is safe while templates change under ``mkdocs serve``) is in
site_build.template_cache.
"""
from __future__ import annotations

import jinja2

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from site_build.template_cache import share_compiled_templates


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return share_compiled_templates(env)
