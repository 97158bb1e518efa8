"""The hooks are thin and typed like Material's own: event functions with annotated, keyword-only arguments.

MkDocs passes every argument but an event's first by name, so keyword-only parameters keep a hook
from depending on their order; the annotations say what each event hands over.
"""
from __future__ import annotations

import importlib.util
import inspect
import sys

import pytest
from helpers import REPO_ROOT
from site_build.facts import load_mkdocs_config

HOOKS = [REPO_ROOT / path for path in load_mkdocs_config().get("hooks") or []]
# Events whose one argument is the config, passed positionally (on_config) or by name (the others).
CONFIG_ONLY = {"on_config": "positional", "on_pre_build": "keyword", "on_post_build": "keyword"}


def load(path):
    sys.path.insert(0, str(path.parent))  # as MkDocs does for a hook
    try:
        spec = importlib.util.spec_from_file_location(f"hook_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


@pytest.mark.parametrize("path", HOOKS, ids=[p.name for p in HOOKS])
def test_event_functions_are_typed_with_keyword_only_arguments(path):
    assert path.is_file(), f"mkdocs.yml names a hook that does not exist: {path}"
    module = load(path)
    events = {name: func for name, func in vars(module).items() if name.startswith("on_") and callable(func)}
    assert events, f"{path.name} handles no MkDocs event"
    for name, func in events.items():
        params = list(inspect.signature(func).parameters.values())
        first_positional = CONFIG_ONLY.get(name) != "keyword"
        rest = params[1:] if first_positional else params
        assert all(p.kind is p.KEYWORD_ONLY for p in rest), f"{path.name}: {name}{inspect.signature(func)}"
        assert all(p.annotation is not p.empty for p in params), f"{path.name}: {name} has unannotated arguments"
        assert inspect.signature(func).return_annotation is not inspect.Signature.empty, f"{path.name}: {name}"
