"""Quality audits of a built site: accessibility, keyboard, privacy, SEO, weight, build time.

Shared by ``scripts/audit.py`` (one command, prints a table) and the test suite
(``tests/site/``), so both judge the site by the same code. Every audit returns
plain data (lists of problems, figures); the callers decide how to report it.

This module is the one name to import (``from site_checks import audits``); each concern
lives in its own module beside it:

    site_pages      the built site's pages (what the build should produce, what it did)
    server          a local static server that answers like a static host
    html_collector  parsing built HTML (tags with line numbers)
    privacy         remote assets in the built files, requests that leave the site
    seo             title, description, canonical, hreflang, sitemap
    budgets         gzip weights and their budgets
    browser         Chromium, axe-core, the search dialog, using a checklist
    keyboard        Tab walk, skip link, search, checklist, menu and language switch by keyboard
    page_audit      every browser check on one page, for scripts/audit.py's table
    build_time      the build-time benchmark against a plain Material + i18n build

Browser audits take a Playwright page that has already loaded the page to audit.
Playwright and axe-core are imported only where needed, so the static audits
run without a browser.
"""
from __future__ import annotations

from site_build.facts import load_mkdocs_config  # noqa: F401

# Everything public in each module, so a function added to one is reachable as audits.<name> at once.
from .site_pages import *  # noqa: F401,F403
from .server import *  # noqa: F401,F403
from .html_collector import *  # noqa: F401,F403
from .privacy import *  # noqa: F401,F403
from .seo import *  # noqa: F401,F403
from .budgets import *  # noqa: F401,F403
from .browser import *  # noqa: F401,F403
from .keyboard import *  # noqa: F401,F403
from .page_audit import *  # noqa: F401,F403
from .build_time import *  # noqa: F401,F403
