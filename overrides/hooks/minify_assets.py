"""Hook: serve the site's own JS and CSS (overrides/assets/) minified.

MkDocs copies them as they are; after the build this writes the minified form over
each copy. The logic is in site_build.minify, which scripts/checklist_budget.py measures with.
"""
from __future__ import annotations

from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from site_build.minify import minify_assets

OWN_ASSETS = Path(__file__).resolve().parents[1] / "assets"


# After mkdocs-static-i18n (-100): every language's build copies the assets again, so only the
# run after the last copy minifies (the runs inside another language's build are skipped), and
# before the offline hook (-300), whose version hashes the files as served.
@event_priority(-250)
def on_post_build(*, config: MkDocsConfig) -> None:
    if getattr(config.plugins.get("i18n"), "building", False):
        return
    minify_assets(OWN_ASSETS, Path(config.site_dir) / "assets")
