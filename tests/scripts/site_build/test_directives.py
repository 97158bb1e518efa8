"""site_build.directives: expanding {{ name("arg") }} in page Markdown, with file and line on errors."""
from __future__ import annotations

import functools
import subprocess
import sys
import textwrap

import pytest
from helpers import REPO_ROOT, SCRIPTS_DIR
from site_build import directives, registry
from site_build.errors import ContentError

TEST_RENDERERS = {
    "echo": lambda arg, lang: f"<{lang}:{arg}>",
    "nested": lambda arg, lang: 'line one\n{{ nope("x") }}',
}


@pytest.fixture
def echo(monkeypatch):
    """``directives.expand`` with a directive table of two test renderers."""
    monkeypatch.setattr(directives, "expand", functools.partial(directives.expand, renderers=TEST_RENDERERS))


def test_directives_are_replaced_outside_code_fences(echo):
    markdown = 'A {{ echo("x") }} b\n```\n{{ echo("y") }}\n```\n{{echo()}}'
    assert directives.expand(markdown, "nl", "docs/a.nl.md") == 'A <nl:x> b\n```\n{{ echo("y") }}\n```\n<nl:None>'


def test_errors_name_the_file_line(echo):
    with pytest.raises(ContentError) as error:
        directives.expand('tekst\n\n{{ ehco("x") }}', "nl", "docs/a.nl.md", first_line=5)
    assert (error.value.path, error.value.line) == ("docs/a.nl.md", 7)
    assert "unknown directive 'ehco'" in error.value.message and "echo" in error.value.hint


def test_where_the_page_starts_is_only_worked_out_for_an_error(echo):
    """The build passes functions, so a page is not read a second time just in case."""
    asked = []

    def path():
        asked.append("path")
        return "docs/a.nl.md"

    def first_line():
        asked.append("line")
        return 4

    assert directives.expand('{{ echo("x") }}\nok', "nl", path, first_line) == "<nl:x>\nok"
    assert asked == []
    with pytest.raises(ContentError) as error:
        directives.expand('ok\n{{ echo("x" }}', "nl", path, first_line)
    assert (error.value.path, error.value.line) == ("docs/a.nl.md", 5)
    assert "malformed directive" in error.value.message


def test_an_error_in_rendered_text_is_reported_from_the_directive_line(echo):
    with pytest.raises(ContentError) as error:
        directives.expand('a\n{{ nested() }}', "en", lambda: "docs/a.en.md", lambda: 10)
    assert (error.value.path, error.value.line) == ("docs/a.en.md", 12)  # line 11, second rendered line
    assert "unknown directive 'nope'" in error.value.message


def test_the_expander_works_imported_on_its_own():
    """No directive depends on some other module having been imported first."""
    checklist_id = sorted((REPO_ROOT / "docs" / "data" / "checklists").glob("*.yml"))[0].stem
    code = textwrap.dedent(f"""
        from site_build.directives import expand
        print(expand('{{{{ checklist("{checklist_id}") }}}}', "nl", "docs/a.nl.md"))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SCRIPTS_DIR)
    assert result.returncode == 0, result.stderr
    assert f'data-checklist="{checklist_id}"' in result.stdout and 'class="checklist__item"' in result.stdout


def test_the_table_names_every_directive_once_with_a_renderer():
    assert registry.DIRECTIVES and all(callable(render) for render in registry.DIRECTIVES.values())
    with pytest.raises(ContentError) as error:
        directives.expand('{{ nope() }}', "nl", "docs/a.nl.md")
    assert error.value.hint == "use one of: " + ", ".join(sorted(registry.DIRECTIVES))
