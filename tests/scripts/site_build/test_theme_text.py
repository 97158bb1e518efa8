"""site_build.theme_text: the theme's templates and site-wide scripts take their words from docs/data/,
in the language being built, and a text they lack stops the build naming the file."""
from __future__ import annotations

import json
import re
from types import SimpleNamespace

import jinja2
import pytest
from helpers import REPO_ROOT, build_or_fail, copy_project, mkdocs_build
from site_build import theme_text, ui
from site_build.datafiles import LANGUAGES, load_yaml
from site_build.errors import ContentError
from site_build.facts import language_prefix

THEME_TEMPLATES = sorted([*(REPO_ROOT / "overrides").glob("*.html"), *(REPO_ROOT / "overrides" / "partials").glob("*.html")])
# ui("key" / ui_markdown("key" / ui_json("key", "key2"): every key a theme template asks for.
_CALL = re.compile(r"\bui(?:_markdown|_json)?\(([^)]*)\)")
_KEY = re.compile(r"""["']([\w.]+)["']\s*(?=[,)]|$)""")


def render(source: str, lang: str | None, theme_lang: str = "nl", **context) -> str:
    env = theme_text.install(jinja2.Environment())
    config = SimpleNamespace(theme={"language": theme_lang})
    if lang:
        context["i18n_current_language"] = lang
    return env.from_string(source).render(config=config, **context)


def keys_in_templates() -> set[str]:
    keys = set()
    for path in THEME_TEMPLATES:
        for call in _CALL.finditer(path.read_text(encoding="utf-8")):
            keys |= set(_KEY.findall(call.group(1)))
    return keys


def data_text(key: str, lang: str):
    concept, _, name = key.rpartition(".")
    return ui.texts(concept or None, lang)[name]


def test_every_key_a_theme_template_asks_for_has_a_text_in_every_language():
    keys = keys_in_templates()
    assert {"footer_publisher", "offline.updated", "glossary.tooltip_more"} <= keys, keys
    for key in sorted(keys):
        for lang in LANGUAGES:
            assert isinstance(data_text(key, lang), str), (key, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_template_gets_the_text_of_the_language_being_built_escaped_and_filled_in(lang):
    expected = ui.text("footer_publisher", lang, publisher="A & B")
    assert render('{{ ui("footer_publisher", publisher="A & B") }}', lang) == expected.replace("&", "&amp;")
    # Pages have no i18n_current_language in their context: the theme's language is the page's.
    assert render('{{ ui("footer_publisher", publisher="X") }}', None, theme_lang=lang) == \
        ui.text("footer_publisher", lang, publisher="X")
    assert render("{{ language_path('hele-gids/') }}", lang) == language_prefix(lang) + "hele-gids/"


def test_a_markdown_text_becomes_a_paragraph_with_its_link():
    out = render('{{ ui_markdown("offline.text", home="/en/") }}', "en")
    assert out.startswith("<p>") and out.endswith("</p>") and '<a href="/en/">' in out


def test_script_texts_are_json_that_cannot_end_their_script_element(tmp_path, monkeypatch):
    monkeypatch.setattr(ui, "UI_DIR", tmp_path)
    (tmp_path / "thing.yml").write_text("more:\n  nl: 'a </script> b'\n  en: 'c \"d\"'\n", encoding="utf-8")
    out = render('{{ ui_json("thing.more") }}', "nl")
    assert "</script" not in out and json.loads(out) == {"more": "a </script> b"}
    assert json.loads(render('{{ ui_json("thing.more") }}', "en")) == {"more": 'c "d"'}


def test_a_text_the_files_lack_names_the_file_and_what_to_add():
    with pytest.raises(ContentError) as error:
        render('{{ ui("offline.no_such_text") }}', "en")
    assert error.value.path.endswith("docs/data/ui/offline.yml") and "no text 'no_such_text' in en" in str(error.value)


def test_a_placeholder_the_template_does_not_fill_in_names_file_and_line():
    with pytest.raises(ContentError) as error:
        render('{{ ui("footer_publisher") }}', "nl")
    assert error.value.path == "docs/data/ui.yml" and error.value.line == ui.texts(None, "nl").line_of("footer_publisher")
    assert "{publisher}" in error.value.message


# --- the real build, with the theme's words changed in a copy of the project -------------------------------

PUBLISHER, EMAIL = "Gemeente Voorbeeld", "fouten@example.org"
# Every key of the theme's files whose text the test changes, and where the build must show it.
CHANGED = ("footer_publisher", "footer_contact", "not_found_title", "offline.title", "offline.updated",
           "offline.reload", "offline.close", "glossary.tooltip_more")


def marked(lang: str, key: str) -> str:
    return f"[{lang} {key}]"


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("theme-text") / "project")
    for key in CHANGED:
        concept, _, name = key.rpartition(".")
        path = project / ui.concept_file(concept or None).relative_to(REPO_ROOT)
        lines = path.read_text(encoding="utf-8").splitlines()
        data = load_yaml(path)
        new = {lang: marked(lang, key) + "".join(f" {{{p}}}" for p in sorted(ui.placeholders(data[name][lang])))
               for lang in LANGUAGES}
        if data[name].line_of(LANGUAGES[0]) == data.line_of(name):  # written on one line: {nl: ..., en: ...}
            lines[data.line_of(name) - 1] = f"{name}: {json.dumps(new)}"
        else:
            for lang in LANGUAGES:
                line = data[name].line_of(lang) - 1
                indent = lines[line][:len(lines[line]) - len(lines[line].lstrip())]
                lines[line] = f"{indent}{lang}: {json.dumps(new[lang])}"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return build_or_fail(project / "mkdocs.yml", tmp_path_factory.mktemp("theme-text-site"),
                         env={"PUBLISHER": PUBLISHER, "CONTACT_EMAIL": EMAIL})


def site_text(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="site-text">(.*?)</script>', page, re.S)
    assert found, "no #site-text in the page"
    return json.loads(found.group(1))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_says_the_publisher_and_report_texts_of_the_page_language(changed_site, lang):
    page = (changed_site / language_prefix(lang) / "plaatsing" / "index.html").read_text(encoding="utf-8")
    footer = page[page.find('<div class="md-copyright">'):]
    assert f'md-copyright__publisher">{marked(lang, "footer_publisher")} {PUBLISHER}<' in footer
    assert f'md-copyright__contact">{marked(lang, "footer_contact")} {EMAIL}<' in footer
    others = [other for other in LANGUAGES if other != lang]
    assert not any(marked(other, "footer_publisher") in page for other in others)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_carries_the_scripts_texts_of_its_language(changed_site, lang):
    for name in ("index.html", "404.html", "offline.html", "hele-gids/index.html"):
        page = (changed_site / language_prefix(lang) / name).read_text(encoding="utf-8")
        assert site_text(page) == {key.rpartition(".")[2]: marked(lang, key) for key in CHANGED if "." in key
                                   and key != "offline.title"}, name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_and_offline_pages_take_their_words_from_the_data(changed_site, lang):
    not_found = (changed_site / language_prefix(lang) / "404.html").read_text(encoding="utf-8")
    assert f'<h1 id="not-found">{marked(lang, "not_found_title")}</h1>' in not_found
    offline = (changed_site / language_prefix(lang) / "offline.html").read_text(encoding="utf-8")
    assert f'<h1 id="offline">{marked(lang, "offline.title")}</h1>' in offline
    assert f"<title>{marked(lang, 'offline.title')} - " in offline


def test_a_broken_theme_text_file_stops_the_build_naming_file_and_line(project_copy):
    shown = "docs/data/ui/offline.yml"
    path = project_copy / shown
    data = load_yaml(path)
    key = next(iter(data))
    lines = path.read_text(encoding="utf-8").splitlines()
    del lines[data[key].line_of("en") - 1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy / "mkdocs.yml", project_copy / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{shown}:{data.line_of(key)}: '{key}' has no 'en' text" in output, output
    assert "Traceback" not in output


def test_a_text_a_template_asks_for_and_the_data_lacks_stops_the_build_naming_the_file(project_copy):
    template = project_copy / "overrides" / "partials" / "copyright.html"
    source = template.read_text(encoding="utf-8")
    call = next(call for call in _CALL.finditer(source) if _KEY.findall(call.group(1)))
    key = _KEY.findall(call.group(1))[0]
    template.write_text(source.replace(call.group(0), call.group(0).replace(key, key + "_missing", 1)), encoding="utf-8")
    result = mkdocs_build(project_copy / "mkdocs.yml", project_copy / "site", env={"PUBLISHER": PUBLISHER, "CONTACT_EMAIL": EMAIL})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{ui.concept_file(key.rpartition('.')[0] or None).relative_to(REPO_ROOT)}: no text '{key.rpartition('.')[2]}_missing'" in output, output
    assert "Traceback" not in output
