"""The site against the guide itself (tests/fixtures/source/): nothing lost, no extraction fault copied.

- every URL the guide gives is in docs/data/links.yml;
- all 14 quotes appear word for word in the Dutch pages, with the right speaker;
- none of the text extraction's known faults has made it into docs/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_build import links
from site_build.datafiles import DOCS_DIR
from page_content import body, pages, quotes

SOURCE = Path(__file__).resolve().parents[1] / "fixtures" / "source" / "handreiking-hervestigers-2020.md"
SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")

# Typos of the extraction (see tests/fixtures/source/README.md): wrong -> right.
TYPO_FIXES = {
    "bezigt": "bezig bent",
    "burens": "buren",
    "verblijfslaan": "verblijfsland",
    "huurderiving": "huurderving",
    "overgangperiode": "overgangsperiode",
    "VluchtingenWerk": "VluchtelingenWerk",
    "Vorbereiding": "Voorbereiding",
}
FAULTS = [rf"\b{re.escape(wrong)}\b" for wrong in TYPO_FIXES] + [
    r"de Grijter",                           # the colofon's misspelling of the author de Gruijter
    r"https?://\S*\\_",                      # '\\_' or '\_' inside a URL
    r"\[(https?://[^\]\s]+)\]\(\1\)",        # [url](url) wrappers
]
SPEAKER_NAMES = {"gemeente": "Gemeente", "hervestiger": "Hervestiger", "expert": "Expert"}
SOURCE_QUOTE = re.compile(r"^\s*”\s*(?P<text>.+?)\s*\((?P<speaker>Gemeente|hervestiger|expert)\)\s*$", re.M)


def fix_extraction(text: str) -> str:
    text = text.replace("\\\\_", "_")
    text = re.sub(r"\[(https?://[^\]\s]+)\]\(\1\)", r"\1", text)
    for wrong, right in TYPO_FIXES.items():
        text = re.sub(rf"\b{wrong}\b", right, text)
    return text


def normalise(text: str) -> str:
    """Compare words, not typography: escapes, ellipses, apostrophes and whitespace evened out."""
    text = re.sub(r"\\([\[\]()*_.!#`-])", r"\1", text)  # Markdown escapes
    text = text.replace("…", "...").replace("’", "'").replace("‘", "'")
    text = re.sub(r"\.{3,}", "...", text)
    return " ".join(text.split())


def source_quotes() -> list[tuple[str, str]]:
    found = []
    for match in SOURCE_QUOTE.finditer(SOURCE_TEXT):
        text = fix_extraction(match.group("text"))
        text = text.rstrip("”\".  ")  # the closing quotation mark and full stop, in either order
        found.append((normalise(text), SPEAKER_NAMES[match.group("speaker").lower()]))
    return found


def source_urls() -> list[str]:
    text = fix_extraction(SOURCE_TEXT)
    urls = re.findall(r"https?://[^\s<>()\[\]]+", text)
    return list(dict.fromkeys(url.rstrip(".,;") for url in urls))


def test_source_has_what_the_readme_says():
    # If the extraction changes, the expectations below must be revisited.
    assert len(source_quotes()) == 14
    assert len(source_urls()) >= 25


@pytest.mark.parametrize("url", source_urls(), ids=lambda url: url.split("//", 1)[1][:60])
def test_every_url_of_the_guide_is_in_the_link_data(url):
    known = {link.url for link in links.load().links if link.url}
    known |= {link.archived for link in links.load().links if getattr(link, "archived", None)}
    assert url in known, f"the guide links to {url}, but docs/data/links.yml has no entry with that url"


DUTCH_QUOTES = [
    (normalise(q.text), q.speaker, path.name)
    for langs in pages().values()
    for path in [langs["nl"]]
    for q in quotes(body(path))
]


@pytest.mark.parametrize("quote, speaker", source_quotes(), ids=lambda v: v[:40] if len(v) > 20 else v)
def test_every_quote_appears_verbatim_in_dutch(quote, speaker):
    matches = [(s, name) for text, s, name in DUTCH_QUOTES if quote in text]
    assert matches, f"quote not found word for word in any Dutch guide-quote: {quote[:80]}..."
    assert any(s == speaker for s, _ in matches), f"quote found in {matches}, but its speaker is {speaker}"


def test_no_more_quotes_than_the_guide_has():
    assert len(DUTCH_QUOTES) <= 14, [name for _, _, name in DUTCH_QUOTES]


def docs_files() -> list[Path]:
    return sorted(p for p in DOCS_DIR.rglob("*") if p.suffix in (".md", ".yml") and p.is_file())


@pytest.mark.parametrize("fault", FAULTS)
def test_no_extraction_fault_in_docs(fault):
    hits = []
    for path in docs_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if path.suffix == ".yml" and line.lstrip().startswith("#"):
                continue  # a maintainer's note may name the fault it fixed
            if re.search(fault, line):
                hits.append(f"{path.relative_to(DOCS_DIR)}:{number}")
    assert not hits, f"extraction fault /{fault}/ copied into: {', '.join(hits)}"


def page_break_joins() -> list[tuple[str, str]]:
    """Where the extraction broke a sentence with blank lines: (last word before, first word after)."""
    return re.findall(r"(\w+)[ \t]*\n(?:[ \t]*\n)+[ \t]*([a-z]\w*)", SOURCE_TEXT)


def test_source_has_page_break_debris():
    joins = page_break_joins()
    assert ("de", "buurt") in joins and ("voorbereidingen", "treffen") in joins, joins


@pytest.mark.parametrize("before, after", page_break_joins())
def test_no_sentence_broken_by_page_break_in_docs(before, after):
    broken = re.compile(rf"\b{before}[ \t]*\n(?:[ \t]*\n)+[ \t]*{after}\b")
    hits = [str(p.relative_to(DOCS_DIR)) for p in docs_files() if broken.search(p.read_text(encoding="utf-8"))]
    assert not hits, f"'{before} / {after}' is split by blank lines, as in the extraction: {hits}"


# --- Tips: every tip of the guide is still there, also when split into several items ---

CHAPTER_PAGES = {"Voorbereiding": "voorbereiding",  # after fix_extraction()
                 "Plaatsing": "plaatsing", "Begeleiding": "begeleiding",
                 "Integratie": "integratie"}
WORD = re.compile(r"[A-Za-zÀ-ÿ]{6,}")


def source_tips() -> list[tuple[str, str]]:
    """(phase, tip) for the guide's tips: the plain bullets of a phase chapter (informatie is '- >')."""
    found = []
    for chapter in re.split(r"^# ", fix_extraction(SOURCE_TEXT), flags=re.M):
        phase = CHAPTER_PAGES.get(chapter.split("\n", 1)[0].strip())
        if phase:
            found += [(phase, line[2:]) for line in chapter.split("\n") if line.startswith("- ") and not line.startswith("- >")]
    return found


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def test_source_has_tips():
    assert len(source_tips()) >= 20


@pytest.mark.parametrize("phase, tip", source_tips(), ids=lambda v: v[:40])
def test_every_tip_of_the_guide_is_kept_in_its_checklist_or_page(phase, tip):
    """A tip may be split into several one-action items, its reasons moved into the page text:
    together they still say what the guide's tip says (most of its longer words are there)."""
    from site_build import checklists

    checklist = checklists.load_all()[phase]
    kept = words(" ".join(item.text["nl"] for item in checklist.items) + body(DOCS_DIR / f"{phase}.nl.md"))
    tip_words = words(tip)
    share = len(tip_words & kept) / len(tip_words)
    assert share >= 0.35, f"{phase}: a tip of the guide seems lost (only {share:.0%} of its words kept): {tip[:100]}"


@pytest.mark.parametrize("phase", sorted(set(CHAPTER_PAGES.values())))
def test_a_checklist_has_at_least_the_guide_tips(phase):
    from site_build import checklists

    guide = sum(1 for p, _ in source_tips() if p == phase)
    assert len(checklists.load_all()[phase].items) >= guide, f"{phase}: fewer items than the guide has tips"
