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

from .site_pages import (PHASE_PAGES, SitePage, site_pages, source_pages)  # noqa: F401
from .server import serve  # noqa: F401
from .html_collector import parse_html  # noqa: F401
from .privacy import (third_party_references, outside_requests)  # noqa: F401
from .seo import (guess_language, counterpart, seo_problems)  # noqa: F401
from .budgets import (KB, GZIP_LEVEL, BUDGET_PHASE_PAGE_KB, BUDGET_OWN_ASSETS_KB, BUDGET_PLANNER_KB, BUDGET_SEARCH_INDEX_KB,
                      BUDGET_BUILD_RATIO, SEARCH_BACKGROUND, gzip_size, kb, Weight, own_asset_files,
                      own_assets_weight, planner_weight, search_index_weights, first_view_weight)  # noqa: F401
from .browser import (AXE_TAGS, SEARCH_QUERIES, CHROMIUM_FLAGS, chromium_path, axe_violations, describe_violations,
                      settle, focus_search, open_search, search_results, CHECKLIST_BOX, use_checklist)  # noqa: F401
from .keyboard import (to_top, TabWalk, TAB_BATCH, walk_tab_order, tab_until, keyboard_problems, skip_link_problems,
                       keyboard_search_problems, keyboard_checklist_problems, PHONE, keyboard_menu_problems,
                       keyboard_language_switch_problems)  # noqa: F401
from .page_audit import (BROWSER_CHECKS, audit_page_in_browser)  # noqa: F401
from .build_time import (plain_config, prepare_trees, BuildFailed, BuildTiming, time_builds)  # noqa: F401
