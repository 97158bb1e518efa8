"""site_build.templates: the renderers' Jinja templates, compiled once, escaped as html.escape escapes."""
from __future__ import annotations

import html

import pytest
from site_build import templates


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(templates, "TEMPLATE_DIR", tmp_path / "templates")
    monkeypatch.setattr(templates, "BYTECODE_DIR", tmp_path / "bytecode")
    templates.TEMPLATE_DIR.mkdir()
    templates.environment.cache_clear()
    yield templates.TEMPLATE_DIR
    templates.environment.cache_clear()


def test_output_is_escaped_like_the_python_renderers_escape_theirs(template_dir):
    (template_dir / "t.html").write_text('<p title="{{ text }}">{{ text }}</p>{{ markup|safe }}\n', encoding="utf-8")
    text = "Children's \"rights\" & <duties>"
    out = templates.render("t.html", text=text, markup="<b>ok</b>")
    assert out == f'<p title="{html.escape(text)}">{html.escape(text)}</p><b>ok</b>\n'


def test_lines_with_only_tags_write_nothing_and_the_last_newline_stays(template_dir):
    (template_dir / "t.html").write_text("<ul>\n{% for n in items %}\n  <li>{{ n }}</li>\n{% endfor %}\n</ul>\n",
                                         encoding="utf-8")
    assert templates.render("t.html", items=[1, 2]) == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n"


def test_a_template_is_compiled_once_for_every_page(template_dir):
    (template_dir / "t.html").write_text("{{ n }}\n", encoding="utf-8")
    first = templates.environment().get_template("t.html")
    for n in range(3):
        templates.render("t.html", n=n)
    assert templates.environment().get_template("t.html") is first


def test_the_next_build_compiles_a_changed_template_again(template_dir):
    (template_dir / "t.html").write_text("old {{ n }}\n", encoding="utf-8")
    assert templates.render("t.html", n=1) == "old 1\n"
    assert any(templates.BYTECODE_DIR.iterdir())
    templates.environment.cache_clear()  # as in a new build
    (template_dir / "t.html").write_text("new {{ n }}\n", encoding="utf-8")
    assert templates.render("t.html", n=1) == "new 1\n"


def test_a_missing_value_is_an_error_not_an_empty_string(template_dir):
    (template_dir / "t.html").write_text("{{ missing }}\n", encoding="utf-8")
    with pytest.raises(Exception, match="missing"):
        templates.render("t.html")


def test_directive_writes_what_the_expander_reads():
    from site_build.directives import DIRECTIVE

    match = DIRECTIVE.fullmatch(str(templates.directive("checklist_progress", "plaatsing")))
    assert match and match["name"] == "checklist_progress" and match["arg"] == "plaatsing"
