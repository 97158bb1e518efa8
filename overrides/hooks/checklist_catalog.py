"""Hook: write the checklists' catalogs (all item ids, titles, texts; one per language) into the built site.

overrides/assets/checklist/checklist.js reads them to report saved ticks whose tip
is no longer in the guide, and to export complete CSV files from any page.
"""
from __future__ import annotations

from pathlib import Path

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from site_build.checklists import write_catalog
from site_build.errors import ContentError


def on_post_build(*, config: MkDocsConfig) -> None:
    try:
        write_catalog(Path(config.site_dir))
    except ContentError as exc:
        raise PluginError(str(exc)) from None
