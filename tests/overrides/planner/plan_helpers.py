"""Shared by the planner's browser tests: one arrival date, the dates the page must show for it."""
from __future__ import annotations

import datetime as dt

from site_build import planner

ARRIVAL = "30-11-2026"
# Offset from arrival on 30 November 2026 (a Monday) -> (Dutch, English) as the page must show it.
DATES = {
    "-1m": ("vr 30 oktober 2026", "Fri, 30 October 2026"),
    "0d": ("ma 30 november 2026", "Mon, 30 November 2026"),
    "1d": ("di 1 december 2026", "Tue, 1 December 2026"),
    "2d": ("wo 2 december 2026", "Wed, 2 December 2026"),
    "1w": ("ma 7 december 2026", "Mon, 7 December 2026"),
    "2w": ("ma 14 december 2026", "Mon, 14 December 2026"),
    "6w": ("ma 11 januari 2027", "Mon, 11 January 2027"),
    "3m": ("zo 28 februari 2027", "Sun, 28 February 2027"),
    "7m": ("wo 30 juni 2027", "Wed, 30 June 2027"),
}
ISO = {"0d": dt.date(2026, 11, 30), "2d": dt.date(2026, 12, 2), "1w": dt.date(2026, 12, 7),
       "6w": dt.date(2027, 1, 11), "3m": dt.date(2027, 2, 28), "7m": dt.date(2027, 6, 30)}
WORDS = {"nl": {"before": "vóór ", "from": "vanaf "}, "en": {"before": "before ", "from": "from "}}
PATH = {"nl": "planner/", "en": "en/planner/"}
SAVE = {"nl": "Datum opslaan", "en": "Save date"}
DEVICES = {
    "phone": {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
STAGES = planner.load_stages()


def lookup(offset: str, lang: str) -> str:
    assert offset in DATES, f"add the date of arrival {ARRIVAL} + {offset} to DATES in this test"
    return DATES[offset][lang == "en"]


def expected(stage, lang: str) -> str:
    """What the page must show for a stage, from its offsets in the data file."""
    if stage.on:
        return lookup(stage.on, lang)
    if stage.start and stage.end:
        return lookup(stage.start, lang) + " – " + lookup(stage.end, lang)
    if stage.start:
        return WORDS[lang]["from"] + lookup(stage.start, lang)
    return WORDS[lang]["before"] + lookup(stage.end, lang)


def set_arrival(page, text: str, lang: str = "nl"):
    page.fill("#planner-arrival", text)
    page.get_by_role("button", name=SAVE[lang]).click()


def shown_dates(page) -> dict:
    return {stage.id: page.locator(f"#stage-{stage.id} .planner__date").inner_text() for stage in STAGES}


def stored_plan(page):
    return page.evaluate("() => window.hervestigersStore.plan() || null")


