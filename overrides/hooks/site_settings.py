"""Hook: hand the publisher, contact address and repository from mkdocs.yml to the
``publisher()`` and ``feedback()`` directives (logic in scripts/site_build/settings.py).
A malformed CONTACT_EMAIL stops the build with a message."""
from __future__ import annotations

import _guide_path  # noqa: F401  (puts scripts/ on sys.path)
from mkdocs.config.defaults import MkDocsConfig
from site_build import settings
from site_build.errors import ContentError
from mkdocs.exceptions import PluginError


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    try:
        settings.configure(config)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    return config
