"""Glossary: placeholder until docs/data/glossary.yml lands (being written now)."""
from __future__ import annotations


def abbreviations(lang: str) -> str:
    return ""
