"""scripts/docs.py and the build's error reporting, on throw-away copies of the project."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import REPO_ROOT, mkdocs_build

DOCS_PY = REPO_ROOT / "scripts" / "docs.py"


def build_output(project: Path) -> tuple[int, str]:
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    return result.returncode, result.stdout + result.stderr


def test_help_lists_the_commands():
    result = subprocess.run([sys.executable, str(DOCS_PY), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("serve", "build", "test", "check", "new-page"):
        assert command in result.stdout


def test_unknown_command_is_a_usage_error():
    result = subprocess.run([sys.executable, str(DOCS_PY), "deploy-to-mars"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_check_passes_on_the_repository():
    result = subprocess.run([sys.executable, str(DOCS_PY), "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_broken_internal_link_fails_the_build_naming_the_file(project_copy):
    page = project_copy / "docs" / "voorbereiding.nl.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nZie [de woning](woning-bestaat-niet.md).\n",
                    encoding="utf-8")
    status, output = build_output(project_copy)
    assert status != 0
    assert "voorbereiding.nl.md" in output and "woning-bestaat-niet.md" in output


def test_missing_translation_fails_naming_the_missing_file(project_copy):
    (project_copy / "docs" / "integratie.en.md").unlink()
    status, output = build_output(project_copy)
    assert status != 0
    assert "docs/integratie.en.md" in output and "missing translation" in output
    assert "Traceback" not in output


def test_missing_description_fails_naming_the_file(project_copy):
    page = project_copy / "docs" / "begeleiding.en.md"
    text = page.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("description:")]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, output = build_output(project_copy)
    assert status != 0
    assert "docs/begeleiding.en.md" in output and "'description'" in output
    assert "Traceback" not in output


def test_broken_front_matter_fails_with_file_and_line(project_copy):
    page = project_copy / "docs" / "plaatsing.nl.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("page_changed:", "page_changed: [2026-12-01\nbroken:", 1), encoding="utf-8")
    status, output = build_output(project_copy)
    assert status != 0
    assert "docs/plaatsing.nl.md:" in output and "broken front matter" in output
    assert "Traceback" not in output


def test_unknown_directive_fails_with_file_and_line(project_copy):
    page = project_copy / "docs" / "integratie.nl.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append('{{ checklst("integratie") }}')
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, output = build_output(project_copy)
    assert status != 0
    assert f"docs/integratie.nl.md:{len(lines)}" in output and "unknown directive 'checklst'" in output


def test_malformed_config_fails_with_a_message(project_copy):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  - [unclosed\n", 1),
                      encoding="utf-8")
    status, output = build_output(project_copy)
    assert status != 0
    assert "configuration file" in output and "line" in output
    assert "Traceback" not in output


def test_new_page_creates_both_languages(tmp_path, monkeypatch):
    import docs

    monkeypatch.setattr(docs, "REPO_ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    assert docs.main(["new-page", "woning", "--title-nl", "Woning", "--title-en", "Housing"]) == 0
    nl = (tmp_path / "docs" / "woning.nl.md").read_text(encoding="utf-8")
    en = (tmp_path / "docs" / "woning.en.md").read_text(encoding="utf-8")
    assert "# Woning" in nl and "# Housing" in en and "page_changed:" in en
    assert docs.main(["new-page", "woning", "--title-nl", "W", "--title-en", "H"]) == 2


def readme_commands() -> list[str]:
    """The commands of the README's first code block, without their comments."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```", 2)[1].split("\n", 1)[1]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_command():
    # A newcomer copies these two lines; CI proves the second one on a fresh machine.
    commands = readme_commands()
    assert [c.split()[-1] for c in commands] == ["serve", "test"], commands
    assert all(c.startswith("python3 scripts/docs.py ") for c in commands), commands
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in [line.strip() for line in ci.splitlines()], ".ci/run must run the README's test command"
