"""The directive table: each ``{{ name("argument") }}`` a page may use, and what renders it.

One explicit mapping, read by ``directives.expand``: a new directive is a renderer in the
module of its content plus one line here. A renderer takes the argument (or None) and the
page language and returns Markdown or HTML; it raises ``DirectiveError`` for a bad argument.
"""
from __future__ import annotations

from types import MappingProxyType

from . import changes, checklists, glossary, links, planner, settings, terminology

DIRECTIVES = MappingProxyType({
    "checklist": checklists.render_checklist,
    "checklist_progress": checklists.render_progress,
    "feedback": settings.render_feedback,
    "glossary": glossary.render_glossary,
    "link": links.render_link,
    "link_directory": links.render_directory,
    "planner": planner.render_planner,
    "planner_due": planner.render_due,
    "publisher": settings.render_publisher,
    "since_2020": changes.render_note,
    "terminology": terminology.render_terminology,
    "url": links.render_url,
})
