"""The printable whole guide: one page per language with every phase, its checklist and sources.

Built from the phase pages as the build renders them (their HTML is kept in memory by the
hook, ``on_page_content``), never written into docs/. A phase is a page with a checklist
(docs/data/checklists/<page>.yml), in the order of the navigation. The page is written
after the build at ``<lang>/hele-gids/``, inside the page frame of the first phase page
(the same folder depth, so every relative link in the phases stays right), with its own
title, description, canonical URL and language menu; the frame's table of contents and
previous/next links, which belong to that phase, are removed. Headings move one level
down under the page's own title, and an id used by more than one phase ("tips") gets the
phase's name in front, so every anchor stays unique.
"""
from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from pathlib import Path

from .datafiles import DATA_DIR, LANGUAGES, display_path, load_yaml
from .facts import language_prefix
from .errors import ContentError

PAGE_DIR = "hele-gids"
TEXTS = DATA_DIR / "print.yml"
CHECKLISTS = DATA_DIR / "checklists"


@dataclass
class Phase:
    name: str  # the page's file name without language: "voorbereiding"
    title: str
    html: str
    source_note: str = ""


def texts(path: Path = TEXTS) -> dict[str, dict[str, str]]:
    """{lang: {"title": …, "intro": …}} from docs/data/print.yml."""
    data = load_yaml(path)
    shown = display_path(path)
    result: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for key in ("title", "intro"):
        entry = data.get(key) if isinstance(data, dict) else None
        for lang in LANGUAGES:
            value = entry.get(lang) if isinstance(entry, dict) else None
            if not isinstance(value, str) or not value.strip():
                line = entry.line_of(lang) if hasattr(entry, "line_of") else getattr(data, "line", None)
                raise ContentError(shown, line, f"'{key}' has no text for '{lang}'",
                                   f"write {key}: with one line per language ({', '.join(LANGUAGES)})")
            result[lang][key] = value.strip()
    return result


def phase_names(nav: list, checklists: Path = CHECKLISTS) -> list[str]:
    """Pages with a checklist, in navigation order."""
    def files(items):
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from files(value)
            elif isinstance(value, str):
                yield Path(value).stem
    have = {p.stem for p in Path(checklists).glob("*.yml")}
    return [name for name in files(nav) if name in have]


_HEADING = re.compile(r"<(/?)h([1-6])\b")
_ID = re.compile(r'\bid="([^"]+)"')


def _demote(text: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", text)


def _shared_ids(phases: list[Phase]) -> set[str]:
    seen: dict[str, int] = {}
    for phase in phases:
        for value in set(_ID.findall(phase.html)):
            seen[value] = seen.get(value, 0) + 1
    return {value for value, count in seen.items() if count > 1}


def _rename_ids(text: str, shared: set[str], prefix: str) -> str:
    def rename(value: str) -> str:
        return f"{prefix}-{value}" if value in shared else value
    text = _ID.sub(lambda m: f'id="{rename(m.group(1))}"', text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{rename(m.group(1))}"', text)
    return re.sub(r'\b(for|aria-controls|aria-labelledby|aria-describedby)="([^"]+)"',
                  lambda m: f'{m.group(1)}="{" ".join(rename(v) for v in m.group(2).split())}"', text)


# The checklists' interface text, which every phase page carries once (checklists.page_html):
# the whole guide needs it once too, under its own id, or the checklist script cannot start.
_CHECKLIST_TEXT = re.compile(r'\s*<script type="application/json" id="checklist-text"[^>]*>.*?</script>', re.S)


def body(phases: list[Phase], title: str, intro: str) -> str:
    """The article: the page's title and intro, then each phase as a section."""
    texts = [m.group(0) for phase in phases for m in [_CHECKLIST_TEXT.search(phase.html)] if m]
    phases = [dataclasses.replace(phase, html=_CHECKLIST_TEXT.sub("", phase.html)) for phase in phases]
    shared = _shared_ids(phases) | {PAGE_DIR}
    parts = [f'<h1 id="{PAGE_DIR}">{html.escape(title)}</h1>', f"<p>{html.escape(intro)}</p>"]
    parts += texts[:1]
    for phase in phases:
        content = _rename_ids(_demote(phase.html), shared, phase.name)
        note = f'<p class="page-source">{phase.source_note}</p>' if phase.source_note else ""
        parts.append(f'<section class="whole-guide__phase" id="fase-{phase.name}">\n{content}\n{note}\n</section>')
    return "\n".join(parts)


def _remove_element(text: str, start: str, tag: str) -> str:
    """Remove every element whose start tag begins with ``start`` (nested ``tag``s balanced)."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>")
    begin = text.find(start)
    while begin >= 0:
        depth = 0
        for match in pattern.finditer(text, begin):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                text = text[:begin] + text[match.end():]
                break
        else:
            return text
        begin = text.find(start, begin)
    return text


def _replace_article(text: str, content: str) -> str:
    start = re.search(r'<article class="md-content__inner md-typeset">', text)
    end = text.rfind("</article>")
    if not start or end < 0:
        raise ValueError("the phase page has no <article class=\"md-content__inner md-typeset\"> to fill")
    return text[: start.end()] + "\n" + content + "\n" + text[end:]


def page(frame: str, frame_name: str, phases: list[Phase], lang: str, title: str, intro: str,
         site_name: str, canonical: str) -> str:
    """The whole guide's HTML, inside the frame (a built phase page named ``frame_name``)."""
    text = _replace_article(frame, body(phases, title, intro))
    text = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)} - {html.escape(site_name)}</title>", text, 1, re.S)
    text = re.sub(r'<meta name="description" content="[^"]*"', f'<meta name="description" content="{html.escape(intro)}"',
                  text, 1)
    # A copy of pages that are indexed themselves: search engines should send readers there.
    text = re.sub(r'<link rel="canonical" href="[^"]*">', f'<link rel="canonical" href="{canonical}">\n'
                  '    <meta name="robots" content="noindex">', text, 1)
    # Not indexed, so no hreflang alternates (Material would also fetch a sitemap next to each,
    # and a page that is in no sitemap has none); the language switch points at the other
    # language's whole guide.
    text = re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">', "", text)
    text = re.sub(rf'(href="[^"]*?/){re.escape(frame_name)}/("[^>]*hreflang=)', rf"\g<1>{PAGE_DIR}/\g<2>", text)
    # What belongs to the frame's phase: its place in the menu, its contents, its previous/next.
    text = text.replace(" md-nav__link--active", "").replace(' aria-current="page"', "")
    text = _remove_element(text, '<nav class="md-nav md-nav--secondary"', "nav")
    text = _remove_element(text, '<nav class="md-footer__inner', "nav")
    return text


def write_whole_guides(site_dir: Path, captured: dict[str, dict[str, Phase]], order: list[str],
                       site_names: dict[str, str], site_url: str) -> list[Path]:
    """Write ``<lang>/hele-gids/index.html`` for each language with captured phases."""
    site_dir = Path(site_dir)
    words = texts()
    written = []
    for lang, by_name in captured.items():
        phases = [by_name[name] for name in order if name in by_name]
        if not phases:
            continue
        prefix = language_prefix(lang)
        frame_file = site_dir / prefix / phases[0].name / "index.html"
        if not frame_file.is_file():
            continue
        canonical = site_url.rstrip("/") + "/" + prefix + PAGE_DIR + "/"
        text = page(frame_file.read_text(encoding="utf-8"), phases[0].name, phases, lang, words[lang]["title"],
                    words[lang]["intro"], site_names.get(lang, ""), canonical)
        target = site_dir / prefix / PAGE_DIR / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
