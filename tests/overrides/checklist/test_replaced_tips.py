"""A reader's saved tick, who and note on a tip that was split or renamed appear on the item
that replaces it (overrides/assets/checklist/replaced-tips.js), on the real built site, on a
phone. The pair is taken from the data (docs/data/checklists/*.yml, `replaces`)."""
from __future__ import annotations

import json

import pytest
from site_build import checklists

STORAGE_KEY = "hervestigers.checklists"


def replaced_pair():
    pairs = checklists.replacements()
    if not pairs:
        pytest.skip("no checklist item replaces a retired id")
    old, new = sorted(pairs.items())[0]
    phase = next(c.id for c in checklists.load_all().values() if any(i.id == new for i in c.items))
    return old, new, phase


def saved(items: dict) -> str:
    return json.dumps({"format": "hervestigers-checklists", "version": 1, "active": "h1",
                       "households": [{"id": "h1", "name": "Gezin A", "items": items},
                                      {"id": "h2", "name": "Gezin B", "items": {}}]})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_saved_tick_on_a_replaced_tip_appears_on_its_replacement(phone_tab, site_url, lang):
    old, new, phase = replaced_pair()
    prefix = "" if lang == "nl" else "en/"
    phone_tab.goto(site_url + prefix + "over/")  # no checklist here: nothing reads or moves the saved data yet
    phone_tab.evaluate("([k, v]) => localStorage.setItem(k, v)",
                   [STORAGE_KEY, saved({old: {"done": True, "who": "COA", "note": "Gebeld op maandag"}})])
    phone_tab.goto(site_url + prefix + phase + "/")
    phone_tab.locator(".checklist--js").first.wait_for()
    item = phone_tab.locator(f"#tip-{new}")
    assert item.get_by_role("checkbox").is_checked()
    shown = item.inner_text()  # who and note are shown under the tip
    assert "COA" in shown and "Gebeld op maandag" in shown, shown
    # Not reported as "no longer in the guide", and stored under the new id only.
    stored = json.loads(phone_tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    items = stored["households"][0]["items"]
    assert old not in items and items[new]["who"] == "COA"
    assert old not in (phone_tab.locator(".checklist-household__removed").text_content() or "")
    assert phone_tab.errors == []


def test_a_replacement_with_its_own_saved_state_keeps_it(phone_tab, site_url):
    old, new, phase = replaced_pair()
    phone_tab.goto(site_url + "over/")
    phone_tab.evaluate("([k, v]) => localStorage.setItem(k, v)",
                   [STORAGE_KEY, saved({old: {"done": True, "note": "oud"}, new: {"note": "nieuw"}})])
    phone_tab.goto(site_url + phase + "/")
    phone_tab.locator(".checklist--js").first.wait_for()
    item = phone_tab.locator(f"#tip-{new}")
    assert not item.get_by_role("checkbox").is_checked()
    assert "nieuw" in item.inner_text() and "oud" not in item.inner_text()
    items = json.loads(phone_tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))["households"][0]["items"]
    assert items[old] == {"done": True, "note": "oud"}  # kept, shown as no longer in the guide
    assert phone_tab.errors == []
