"""The directive table: each ``{{ name("argument") }}`` a page may use, and what renders it.

One explicit mapping, read by ``directives.expand``: a new directive is a renderer in the
module of its content plus one line here. A renderer takes the argument (or None) and the
page language and returns Markdown or HTML; it raises ``DirectiveError`` for a bad argument.
"""
from __future__ import annotations

from types import MappingProxyType

from . import checklists, glossary, links, planner, terminology

DIRECTIVES = MappingProxyType({
    "checklist": checklists.render_checklist,
    "checklist_progress": checklists.render_progress,
    "glossary": glossary.render_glossary,
    "link": links.render_link,
    "link_directory": links.render_directory,
    "planner": planner.render_planner,
    "planner_due": planner.render_due,
    "terminology": terminology.render_terminology,
    "url": links.render_url,
})
