"""Hook: after the build, trim what the site never loads (scripts/site_build/unused_assets.py)."""
from __future__ import annotations

from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.plugins import event_priority
from site_build.unused_assets import remove_unused_assets


@event_priority(-300)  # after language_outputs (-200) has written each language's search index
def on_post_build(config):
    # Also runs after each language's own build; the default language's run comes last and sees all.
    remove_unused_assets(Path(config.site_dir))
