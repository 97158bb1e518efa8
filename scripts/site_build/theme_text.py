"""Interface text for the theme's templates (``overrides/*.html``, ``overrides/partials/``).

The hook ``overrides/hooks/theme_text.py`` gives Material's Jinja environment these globals;
each reads the language of the page being rendered (the i18n plugin builds one language at a
time):

- ``ui("key", name=value)``: the text of ``docs/data/ui.yml``, placeholders filled in, escaped;
  ``ui("offline.title")`` is the key ``title`` of the concept file ``docs/data/ui/offline.yml``.
- ``ui_markdown("key", ...)``: the same text as a Markdown paragraph, for a sentence with a link.
- ``ui_json("key", ...)``: the texts as a JSON object ``{"key": text}`` for a
  ``<script type="application/json">`` that a browser script reads (data, so no CSP hash).
- ``language_path("path/")``: ``path/`` in the page's language's folder ("" or "en/" before it).

A missing text stops the build naming the file and what to add.
"""
from __future__ import annotations

import html

import jinja2
import markdown
from markupsafe import Markup

from . import templates, ui
from .datafiles import display_path
from .errors import ContentError
from .facts import language_prefix


def page_language(context) -> str:
    """The language being rendered, as the templates read it: the i18n plugin's, else the theme's."""
    return context.get("i18n_current_language") or context["config"].theme["language"]


def _filled(context, key: str, values: dict) -> str:
    concept, _, name = key.rpartition(".")
    texts = ui.texts(concept or None, page_language(context))
    text = texts[name]
    if not isinstance(text, str):
        raise ContentError(display_path(ui.concept_file(concept or None)), texts.line_of(name),
                           f"'{name}' is not one text", "a template writes one text per key")
    try:
        return text.format(**values)
    except KeyError as missing:
        raise ContentError(display_path(ui.concept_file(concept or None)), texts.line_of(name),
                           f"'{name}' has the placeholder {{{missing.args[0]}}}, which the template does not fill in",
                           "use the placeholders the template passes, or pass this one") from None


def text(context, key: str, **values) -> Markup:
    return Markup(html.escape(_filled(context, key, {k: str(v) for k, v in values.items()}), quote=True))


def markdown_text(context, key: str, **values) -> Markup:
    return Markup(markdown.markdown(_filled(context, key, values)))


def json_texts(context, *keys: str) -> Markup:
    texts = {key.rpartition(".")[2]: _filled(context, key, {}) for key in keys}
    if len(texts) < len(keys):
        raise ValueError(f"ui_json{keys}: two keys of one name; the script could not tell them apart")
    return Markup(templates.script_json(texts))


def language_path(context, path: str) -> str:
    return language_prefix(page_language(context)) + path


GLOBALS = {"ui": text, "ui_markdown": markdown_text, "ui_json": json_texts, "language_path": language_path}


def install(env: jinja2.Environment, error: type[Exception] = ContentError) -> jinja2.Environment:
    """Add the globals to ``env``; check the files now, so a broken one stops the build before any page.

    A text a template asks for and the files lack raises ``error`` (the hook's PluginError, which
    MkDocs prints without a traceback) with the ContentError's file and message."""
    ui.load_all()
    for name, function in GLOBALS.items():
        env.globals[name] = _reporting(function, error)
    return env


def _reporting(function, error: type[Exception]):
    @jinja2.pass_context
    def call(context, *args, **values):
        try:
            return function(context, *args, **values)
        except ContentError as exc:
            if error is ContentError:
                raise
            raise error(str(exc)) from None
    return call
