"""The glossary covers the guide: required terms, every acronym the pages use, every link to it.

An acronym without an entry gets no tooltip and no explanation, so a reader of the
English pages meets an unexplained Dutch abbreviation: the test names it and the file.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_build import glossary
from site_build.datafiles import DATA_DIR, DOCS_DIR, LANGUAGES
from page_content import body, pages

ENTRIES = glossary.load()
BY_ID = {e.id: e for e in ENTRIES}
BY_ABBR = {e.abbr: e for e in ENTRIES if e.abbr}

REQUIRED_ACRONYMS = ["COA", "IND", "BRP", "ZRA", "TVS", "GGD", "GGZ", "JGZ", "azc", "UNHCR", "IOM", "VNG",
                     "CBS", "KIS", "WODC", "NJI", "EMN"]
REQUIRED_TERMS = {
    # id: words the entry must mention (nl term or definition), so the alternative names are findable
    "statushouder": ["vergunninghouder"],
    "hervestiger": ["uitgenodigde vluchteling"],
    "taakstelling": ["huisvesting vergunninghouders"],
    "kampeerklaar": [],
    "nareiziger": [],
    "gezinshereniging": [],
    "inburgering": [],
    "maatschappelijke-begeleiding": [],
    "culturele-orientatietraining": [],
    "verblijfspas": [],
    "sociale-kaart": [],
    "overdrachtsdossier": ["COA-overdrachtsdossier"],
    "bureau-medische-advisering": [],
    "communicatie-overzicht": [],
}

# All-caps words that are not acronyms of the subject, each with the reason.
NOT_GLOSSARY_TERMS = {
    "UNCHR": "the speaker's own slip for UNHCR in a verbatim quote (Overwegingen); kept, as it is a quote",
    "DR": "part of the country name 'DR Congo'",
    "ISBN": "the guide's book number on the about page",
    "PDF": "file format, marked on links",
    "CSV": "file format (checklist export)",
    "JSON": "file format (checklist export)",
    "WCAG": "the accessibility standard, spelled out where the accessibility statement names it",
    "AA": "a WCAG conformance level (accessibility statement)",
}

ACRONYM = re.compile(r"(?<![\w.@/-])(?:[A-Z]{2,}|azc)(?![a-z0-9])")
# Parts of Markdown and HTML that are not prose (and Dutch postcodes, '3512 HG'): directives, link targets, tags, attribute lists, code.
NOT_PROSE = re.compile(
    r"\b\d{4} ?[A-Z]{2}\b|\{\{.*?\}\}|\]\([^)]*\)|<[^>]+>|\{:[^}]*\}|`[^`]*`|https?://\S+|mailto:\S+|\[\^[^\]]+\]", re.S
)


def prose_of_data_file(path: Path) -> str:
    """The texts of a data file that end up on pages: every string value, not keys or comments."""
    from site_build.datafiles import load_yaml

    texts = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in ("id", "url", "archived", "abbr", "category", "type",
                                                    "language", "replaced_by"):
            texts.append(value)

    walk(load_yaml(path))
    return "\n".join(texts)


def content_sources() -> list[tuple[str, str]]:
    """(file, prose) for every page and every data file that is rendered into pages."""
    sources = [(path.name, body(path)) for langs in pages().values() for path in langs.values()]
    for path in sorted(DATA_DIR.rglob("*.yml")):
        # Interface text (data/ui/) is put in by scripts, where acronym tooltips do not apply.
        if path.name != "glossary.yml" and "ui" not in path.relative_to(DATA_DIR).parts:
            sources.append((str(path.relative_to(DOCS_DIR)), prose_of_data_file(path)))
    return sources


def acronyms_in(text: str) -> set[str]:
    return set(ACRONYM.findall(NOT_PROSE.sub(" ", text)))


def test_glossary_has_at_least_30_entries():
    assert len(ENTRIES) >= 30, f"only {len(ENTRIES)} glossary entries"


@pytest.mark.parametrize("abbr", REQUIRED_ACRONYMS)
def test_required_acronym_has_entry_in_both_languages(abbr):
    assert abbr in BY_ABBR, f"no glossary entry with abbr: {abbr}"
    entry = BY_ABBR[abbr]
    for lang in LANGUAGES:
        assert entry.expansion[lang] and entry.definition[lang], f"{abbr}: incomplete in {lang}"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TERMS))
def test_required_term_has_entry(entry_id):
    assert entry_id in BY_ID, f"no glossary entry '{entry_id}'"
    entry = BY_ID[entry_id]
    dutch = f"{entry.term['nl']} {entry.definition['nl']}".lower()
    for words in REQUIRED_TERMS[entry_id]:
        assert words.lower() in dutch, f"glossary '{entry_id}' (nl) does not mention '{words}'"


def test_every_acronym_in_the_content_has_a_glossary_entry():
    missing: dict[str, set[str]] = {}
    for name, text in content_sources():
        for acronym in acronyms_in(text) - BY_ABBR.keys() - NOT_GLOSSARY_TERMS.keys():
            missing.setdefault(acronym, set()).add(name)
    assert not missing, "acronyms without a glossary entry (add them to docs/data/glossary.yml with abbr:):\n" + \
        "\n".join(f"  {a}: used in {', '.join(sorted(files))}" for a, files in sorted(missing.items()))


def test_acronym_finder_sees_what_it_should():
    # Guards the test above against a regex that silently finds nothing.
    text = ('Het COA-overdrachtsdossier en de azc\'s; zie [TVS]({{ url("coa-voor-gemeenten") }}). '
            'VluchtelingenWerk, <abbr title="X">GGD</abbr> `IND` https://www.coa.nl/NL {: hreflang="nl" }')
    assert acronyms_in(text) == {"COA", "azc", "TVS", "GGD"}
    assert acronyms_in("Kromme Nieuwegracht 6, 3512 HG Utrecht") == set()  # a postcode


GLOSSARY_LINK = re.compile(r"begrippen\.md#([\w-]+)")
SAME_PAGE_LINK = re.compile(r"\]\(#([\w-]+)\)")


def test_links_to_glossary_terms_point_at_existing_entries():
    broken = []
    for name, text in content_sources():
        broken += [f"{name}: begrippen.md#{anchor}" for anchor in GLOSSARY_LINK.findall(text) if anchor not in BY_ID]
    for entry in ENTRIES:
        for lang in LANGUAGES:
            broken += [f"glossary.yml '{entry.id}' ({lang}): #{anchor}"
                       for anchor in SAME_PAGE_LINK.findall(entry.definition[lang]) if anchor not in BY_ID]
    assert not broken, "links to glossary terms that do not exist:\n  " + "\n  ".join(broken)
