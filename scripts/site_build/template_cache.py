"""Compile each theme template once per build, not once per language.

mkdocs-static-i18n runs MkDocs' build once per language, and every run makes a new Jinja
environment that compiles Material's templates and ours again: about a quarter of a plain
build's time. This keeps the compiled code in memory for the whole process and hands it to
each new environment (Jinja's own bytecode cache interface). An entry is used only while its
template's source is unchanged (Jinja compares a checksum), so ``mkdocs serve`` picks up
every edit of a template.
"""
from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

_compiled: dict[str, tuple[str, object]] = {}  # bucket key -> (source checksum, code)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in a dict shared by every environment of the process."""

    def __init__(self, store: dict | None = None):
        self.store = _compiled if store is None else store

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.store.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self.store.clear()


def share_compiled_templates(env: jinja2.Environment) -> jinja2.Environment:
    # Every language build's environment has the same loader paths, extensions and settings,
    # so one template compiles to the same code in each.
    if env.bytecode_cache is None:
        env.bytecode_cache = MemoryBytecodeCache()
    return env
