"""The directives' HTML templates, in ``overrides/partials/directives/`` (Jinja).

One Environment for the whole build: each template is compiled once and reused by every
page and language, and kept compiled in ``.cache/jinja`` for the next build (it is compiled
again when its file changes, also during ``mkdocs serve``). Output
is escaped with ``html.escape``, as the renderers written in Python escape theirs, so one
page spells ``'`` and ``"`` one way. ``trim_blocks`` and ``lstrip_blocks`` keep the tags
out of the output: a line with only ``{% ... %}`` writes nothing. Note that ``{#`` opens a
Jinja comment: a Markdown heading's id is written ``{{ "{#" ~ id ~ "}" }}``, and ``directive(name, arg)``
writes a directive for the expander.
"""
from __future__ import annotations

import functools
import html
import json

import jinja2
from markupsafe import Markup

from .datafiles import REPO_ROOT

TEMPLATE_DIR = REPO_ROOT / "overrides" / "partials" / "directives"
# Compiled templates kept between builds (Jinja checks each against its source's checksum):
# compiling them costs more than rendering them.
BYTECODE_DIR = REPO_ROOT / ".cache" / "jinja"


def _escape(value) -> Markup:
    return value if hasattr(value, "__html__") else Markup(html.escape(str(value), quote=True))


@functools.cache
def environment() -> jinja2.Environment:
    BYTECODE_DIR.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True, finalize=_escape,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(BYTECODE_DIR)),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    env.globals["directive"] = directive
    return env


def directive(name: str, arg: str) -> Markup:
    """``{{ name("arg") }}``: a directive a template writes for the expander to fill in."""
    return Markup(f'{{{{ {name}("{arg}") }}}}')


def script_json(data) -> str:
    """``data`` as JSON for a ``<script type="application/json">``: data, not a script, so it runs
    nothing and a strict Content-Security-Policy needs no hash for it; "</" would end the element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render(name: str, **context) -> str:
    """The template ``name`` filled in with ``context``, as a plain string."""
    return str(environment().get_template(name).render(**context))
