"""The built site serves the site's own JS and CSS minified (overrides/hooks/minify_assets.py)."""
from __future__ import annotations

from site_build.minify import minified
from helpers import REPO_ROOT

OWN_ASSETS = REPO_ROOT / "overrides" / "assets"


def test_own_assets_are_served_minified(built_site):
    sources = [p for p in OWN_ASSETS.rglob("*") if p.suffix in (".js", ".css")]
    assert len(sources) >= 5
    for source in sources:
        served = built_site / "assets" / source.relative_to(OWN_ASSETS)
        if not served.exists():
            continue
        text = served.read_text(encoding="utf-8")
        assert text == minified(source), served
        assert len(text) < len(source.read_text(encoding="utf-8")), f"{served} is not smaller than its source"
    assert (built_site / "assets" / "checklist" / "checklist.js").exists()
