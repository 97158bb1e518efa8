"""A broken glossary stops the build with the file and line, not a traceback (through the directives hook)."""
from __future__ import annotations

import pytest
from helpers import copy_project, mkdocs_build

pytestmark = pytest.mark.timeout(180)


def test_duplicate_glossary_id_fails_the_build_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "data" / "glossary.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index("- id: zra") + 1
    lines[number - 1] = "- id: coa"
    path.write_text("\n".join(lines), encoding="utf-8")

    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/data/glossary.yml:{number}: duplicate glossary id 'coa'" in output
    assert "Traceback" not in output


def test_a_glossary_id_that_cannot_be_an_anchor_fails_the_build_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "data" / "glossary.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index("- id: zra") + 1
    lines[number - 1] = "- id: 1-zra"
    path.write_text("\n".join(lines), encoding="utf-8")

    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/data/glossary.yml:{number}: glossary entry '1-zra': the id cannot be an anchor" in output
    assert "Traceback" not in output
