"""site_build.template_cache: a second language build reuses compiled templates, never stale ones."""
from __future__ import annotations

import jinja2

from site_build.template_cache import MemoryBytecodeCache, share_compiled_templates


class CountingEnvironment(jinja2.Environment):
    compiled: list

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        self.compiled.append(name)
        return super().compile(source, name, filename, raw, defer_init)


def environment(folder, store):
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False)
    env.compiled = []
    env.bytecode_cache = MemoryBytecodeCache(store)
    return env


def test_a_new_environment_renders_from_the_first_ones_compiled_code(tmp_path):
    (tmp_path / "base.html").write_text("<title>{% block title %}{% endblock %}</title>", encoding="utf-8")
    (tmp_path / "page.html").write_text('{% extends "base.html" %}{% block title %}{{ name }}{% endblock %}',
                                        encoding="utf-8")
    store = {}
    first, second = environment(tmp_path, store), environment(tmp_path, store)

    assert first.get_template("page.html").render(name="nl") == "<title>nl</title>"
    assert second.get_template("page.html").render(name="en") == "<title>en</title>"
    assert sorted(first.compiled) == ["base.html", "page.html"]
    assert second.compiled == []


def test_an_edited_template_is_compiled_again(tmp_path):
    (tmp_path / "page.html").write_text("old {{ name }}", encoding="utf-8")
    store = {}
    assert environment(tmp_path, store).get_template("page.html").render(name="x") == "old x"

    (tmp_path / "page.html").write_text("new {{ name }}", encoding="utf-8")  # as under mkdocs serve
    later = environment(tmp_path, store)
    assert later.get_template("page.html").render(name="x") == "new x"
    assert later.compiled == ["page.html"]


def test_an_environment_with_its_own_cache_keeps_it(tmp_path):
    own = jinja2.FileSystemBytecodeCache(str(tmp_path))
    env = jinja2.Environment(bytecode_cache=own)
    assert share_compiled_templates(env).bytecode_cache is own
    assert isinstance(share_compiled_templates(jinja2.Environment()).bytecode_cache, MemoryBytecodeCache)
