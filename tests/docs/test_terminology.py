"""One English term per Dutch term: no English text uses a rejected alternative (docs/data/terminology.yml).

English text is every English page and, in the data files, every value under an `en:` key,
plus the English settings in mkdocs.yml (the nav titles and footer). A hit names the file,
the line, the words found and the term to use instead. Also: KIS has one English name, and
every English page says what a Dutch body or place in the list `explained` is where it
first names it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_build import terminology
from site_build.datafiles import DATA_DIR, REPO_ROOT, LineDict, load_yaml
from site_build.errors import ContentError
from page_content import body, pages

TERMS = terminology.load()
# Not prose: directives, link targets, tags, attribute lists, code, URLs (an address may hold any word).
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\]\([^)]*\)|<[^>]+>|\{:[^}]*\}|`[^`]*`|https?://\S+|mailto:\S+")


def blank(text: str) -> str:
    """``text`` with its non-prose parts replaced by spaces, so line numbers stay right."""
    return NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def english_of_data(value, under_en: bool = False) -> list[tuple[int, str]]:
    """(line, text) of every string under an `en:` key, at any depth."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            inside = under_en or key == "en"
            if isinstance(item, str) and inside:
                line = value.line_of(key) if isinstance(value, LineDict) else 0
                found.append((line, item))
            else:
                found += english_of_data(item, inside)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str) and under_en:
                found.append((getattr(value, "line", 0), item))
            else:
                found += english_of_data(item, under_en)
    return found


def english_sources() -> list[tuple[str, int, str]]:
    """(file, first line, text) for all English text the site shows."""
    sources = []
    for langs in pages().values():
        path = langs["en"]
        text = path.read_text(encoding="utf-8")
        offset = text.count("\n", 0, len(text) - len(body(path))) if body(path) in text else 0
        sources.append((str(path.relative_to(REPO_ROOT)), 1 + offset, body(path)))
    for path in sorted(DATA_DIR.rglob("*.yml")):
        if path.name == "terminology.yml":
            continue  # lists the rejected words on purpose
        for line, text in english_of_data(load_yaml(path)):
            sources.append((str(path.relative_to(REPO_ROOT)), line, text))
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    english = re.search(r"^ {8}- locale: en\n(?P<block>(?: {10}.*\n|\s*\n)+)", config, re.M)
    assert english, "mkdocs.yml: no '- locale: en' block under the i18n plugin's languages"
    sources.append(("mkdocs.yml", config.count("\n", 0, english.start("block")) + 1, english.group("block")))
    return sources


SOURCES = english_sources()


@pytest.mark.parametrize("name, first_line, text", SOURCES, ids=[f"{n}:{l}" for n, l, _ in SOURCES])
def test_no_rejected_alternative_in_english_text(name, first_line, text):
    hits = terminology.find_rejected(blank(text), TERMS)
    assert not hits, "\n".join(
        f"{name}:{first_line + line}: '{words}' is a rejected alternative for Dutch '{term.nl}': "
        f"write '{term.en}' (docs/data/terminology.yml)"
        for line, words, term in hits
    )


def test_finder_catches_variants_and_spares_chosen_terms(tmp_path: Path):
    # Guards the test above against a matcher that silently finds nothing.
    data = tmp_path / "terminology.yml"
    data.write_text(
        "terms:\n"
        "  - {nl: begeleiding, en: ongoing support, rejected: [guidance]}\n"
        "  - {nl: maatschappelijke begeleiding, en: social guidance, rejected: [social coaching]}\n"
        "  - {nl: huisarts, en: GP, rejected: [family doctor]}\n",
        encoding="utf-8",
    )
    terms = terminology.load(data)
    text = "Guidance tips\nsocial guidance from a Family\n  Doctors' practice\nguidanceX, self-guidance"
    hits = [(line, " ".join(words.split()).casefold()) for line, words, _ in terminology.find_rejected(text, terms)]
    assert hits == [(0, "guidance"), (1, "family doctors")]


def test_kis_has_one_english_name_everywhere():
    kis = next((t for t in TERMS if t.nl.startswith("Kennisplatform Integratie")), None)
    assert kis, "docs/data/terminology.yml: no entry for Kennisplatform Integratie & Samenleving"
    variants = {}
    for name, first_line, text in SOURCES:
        for match in re.finditer(r"Knowledge\s+(?:Platform|Centre)[^,.;:()\n]*", blank(text)):
            found = " ".join(match.group(0).split())
            if found != kis.en:
                variants.setdefault(found, []).append(f"{name}:{first_line + text.count(chr(10), 0, match.start())}")
    assert not variants, f"KIS is '{kis.en}' in English; other forms found: {variants}"
    glossary_kis = [e for _, _, e in SOURCES if "Kennisplatform Integratie & Samenleving (" in e]
    assert any(kis.en in text for text in glossary_kis), "the glossary's KIS expansion does not give its English name"


def test_broken_terminology_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "terminology.yml"
    bad.write_text("terms:\n  - nl: huisarts\n    en: GP\n    rejected: []\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        terminology.load(bad)
    assert f"{bad.name}:4" in str(error.value) or ":4:" in str(error.value)
    assert "rejected" in str(error.value)


EXPLAINED = terminology.load_explained()
ENGLISH_PAGES = {base: langs["en"] for base, langs in pages().items()}


def rendered(path: Path) -> str:
    """The page's Markdown with its directives expanded: checklists and the link directory included."""
    from site_build import checklists, glossary, links  # noqa: F401  (each registers its directives)
    from site_build.directives import expand

    return expand(body(path), "en", str(path))


@pytest.mark.parametrize("base", sorted(ENGLISH_PAGES))
def test_dutch_bodies_are_explained_at_first_mention(base):
    path = ENGLISH_PAGES[base]
    prose = blank(body(path))
    paragraphs = re.split(r"\n\s*\n", prose)
    shown = rendered(path).casefold()
    problems = []
    for item in EXPLAINED:
        name = re.compile(rf"(?<![\w-]){re.escape(item.name)}(?![\w])")
        first = next((p for p in paragraphs if name.search(p)), None)
        if first is not None and not any(e.casefold() in first.casefold() for e in item.explained_by):
            problems.append(f"'{item.name}' first appears in a paragraph that does not say what it is "
                            f"(add one of {list(item.explained_by)}): {' '.join(first.split())[:120]}...")
        elif name.search(rendered(path)) and not any(e.casefold() in shown for e in item.explained_by):
            problems.append(f"'{item.name}' appears (in a checklist or the link directory) but the page never "
                            f"says what it is (one of {list(item.explained_by)})")
    assert not problems, f"{path.relative_to(REPO_ROOT)}:\n  " + "\n  ".join(problems)
