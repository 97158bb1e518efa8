"""site_build.language_outputs: the search index split, the page's search settings, the footnote titles.

The whole-build behaviour (each language's index, 404 page and search base in the real site)
is tested in tests/overrides/hooks/test_language_outputs.py.
"""
from __future__ import annotations

import json
import re

import pytest
from site_build import language_outputs
from site_build.facts import DEFAULT_LANGUAGE, LANGUAGES

OTHER = next(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
MATERIAL_CONFIG = {"base": "..", "features": [], "search": "../assets/javascripts/workers/search.abc123.min.js"}


def page(config: dict) -> str:
    return f'<html><script id="__config" type="application/json">{json.dumps(config)}</script></html>'


def settings(html: str) -> dict:
    return json.loads(re.search(r'type="application/json">(.*?)</script>', html).group(1))


def test_the_index_is_split_by_the_language_folder_of_each_entry(tmp_path):
    for folder in ("", OTHER):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "index.html").write_text("<html></html>", encoding="utf-8")
    index = {"config": {"lang": [DEFAULT_LANGUAGE, OTHER], "separator": "[\\s]+"},
             "docs": [{"location": "", "title": "Start", "text": "a"},
                      {"location": "voorbereiding/#tip", "title": "Tip", "text": "b"},
                      {"location": f"{OTHER}/", "title": "Home", "text": "c"},
                      {"location": f"{OTHER}/voorbereiding/", "title": "Preparation", "text": "d"}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    language_outputs.split_search_index(tmp_path)
    default = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    other = json.loads((tmp_path / OTHER / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in default["docs"]] == ["", "voorbereiding/#tip"]
    assert [d["location"] for d in other["docs"]] == ["", "voorbereiding/"]  # relative to the language root
    assert default["config"]["lang"] == [DEFAULT_LANGUAGE] and other["config"]["lang"] == [OTHER]
    assert other["config"]["separator"] == index["config"]["separator"]  # the rest of the settings kept


def test_a_site_without_a_search_index_is_left_alone(tmp_path):
    language_outputs.split_search_index(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("base, expected", [("..", f"../{OTHER}/"), (".", f"{OTHER}/"), ("", f"{OTHER}/")])
def test_other_languages_search_their_own_index_with_the_stemming_worker(base, expected):
    app = settings(language_outputs.configure_search(page(dict(MATERIAL_CONFIG, base=base)), OTHER))
    assert app["base"] == expected
    assert app["search"] == "../assets/search/search-worker.js?material=../javascripts/workers/search.abc123.min.js"
    assert settings(language_outputs.configure_search(page(MATERIAL_CONFIG), DEFAULT_LANGUAGE))["base"] == ".."


def test_a_material_upgrade_that_moves_its_worker_stops_the_build_with_what_to_update():
    moved = page(dict(MATERIAL_CONFIG, search="assets/js/search-worker.js"))
    with pytest.raises(language_outputs.WorkerMoved,
                       match=r"no longer at .*Update MATERIAL_WORKER in scripts/site_build/language_outputs.py"):
        language_outputs.configure_search(moved, DEFAULT_LANGUAGE)


def test_footnote_back_links_get_the_page_language_title():
    html = '<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a>'
    assert 'title="Terug naar voetnoot 1 in de tekst"' in language_outputs.footnote_titles(html, "nl")
    assert language_outputs.footnote_titles(html, "en") == html
