"""Parsing built HTML for the static audits: the tags, with their line numbers, and the title."""
from __future__ import annotations

import html.parser
from pathlib import Path

class _Collector(html.parser.HTMLParser):
    """Collects the tags the static audits look at, with their line numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict, int]] = []
        self.title = ""
        self.html_lang = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, attributes, self.getpos()[0]))
        if tag == "title":
            self._in_title = True
        if tag == "html":
            self.html_lang = attributes.get("lang")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_html(file: Path) -> _Collector:
    collector = _Collector()
    collector.feed(Path(file).read_text(encoding="utf-8"))
    collector.title = " ".join(collector.title.split())
    return collector
