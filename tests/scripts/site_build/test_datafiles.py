"""site_build.datafiles: YAML with line numbers, and the one cache every data file is read through."""
from __future__ import annotations

import os

import pytest
import yaml
from site_build import datafiles
from site_build.errors import ContentError


def test_lines_are_kept_for_mappings_lists_and_keys():
    data = datafiles.parse_yaml("title: x\nitems:\n  - id: a\n    nl: b\n", "x.yml")
    assert data.line == 1 and data.line_of("items") == 2
    assert data["items"].line == 3 and data["items"][0].line_of("nl") == 4


def test_a_duplicate_key_names_file_and_line():
    with pytest.raises(ContentError) as error:
        datafiles.parse_yaml("id: a\nnl: b\nid: c\n", "docs/data/x.yml")
    assert (error.value.path, error.value.line) == ("docs/data/x.yml", 3)
    assert "duplicate key 'id'" in error.value.message


def test_a_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("title: x\nitems: [a, b\nnext: 1\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        datafiles.load_yaml(path)
    assert error.value.path.endswith("broken.yml") and error.value.line in (2, 3)
    assert "invalid YAML" in error.value.message and "Traceback" not in str(error.value)


def test_a_file_that_is_not_yaml_text_is_a_content_error(tmp_path):
    path = tmp_path / "control.yml"
    path.write_text("title: \x07bell\n", encoding="utf-8")  # a control character PyYAML's reader refuses
    with pytest.raises(ContentError) as error:
        datafiles.load_yaml(path)
    assert "invalid YAML" in error.value.message


def test_load_cached_parses_once_until_the_file_changes(tmp_path):
    path = tmp_path / "data.yml"
    path.write_text("- a\n", encoding="utf-8")
    calls = []

    def parse(data, shown):
        calls.append(shown)
        return tuple(data)

    assert datafiles.load_cached(path, parse, "hint") == ("a",)
    assert datafiles.load_cached(path, parse, "hint") == ("a",)
    assert len(calls) == 1 and calls[0].endswith("data.yml")  # the parser gets the path as errors show it
    path.write_text("- b\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse file-system clocks (mkdocs serve)
    assert datafiles.load_cached(path, parse, "hint") == ("b",)
    assert len(calls) == 2


def test_load_cached_does_not_keep_a_failed_parse(tmp_path):
    path = tmp_path / "data.yml"
    path.write_text("- a\n", encoding="utf-8")

    def parse(data, shown):
        raise ContentError(shown, 1, "not valid")

    for _ in range(2):  # the error every time, not a stale result
        with pytest.raises(ContentError, match="not valid"):
            datafiles.load_cached(path, parse, "hint")


def test_load_cached_missing_file_says_where_the_data_belongs(tmp_path):
    with pytest.raises(ContentError) as error:
        datafiles.load_cached(tmp_path / "links.yml", lambda data, shown: data, "the links live in this file")
    assert error.value.message == "file not found" and error.value.hint == "the links live in this file"


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML without libyaml")
def test_libyaml_reads_the_same_as_the_pure_parser():
    text = (datafiles.DATA_DIR / "links.yml").read_text(encoding="utf-8")
    fast = datafiles._FastLineLoader(text)
    pure = datafiles._LineLoader(text)
    try:
        a, b = fast.get_single_data(), pure.get_single_data()
    finally:
        fast.dispose()
        pure.dispose()
    assert a == b
    assert [e.key_lines for e in a["links"]] == [e.key_lines for e in b["links"]]
