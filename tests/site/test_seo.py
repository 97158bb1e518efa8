"""SEO and sharing basics on every indexed page: a unique <title>, a meta description in
the page's language, a canonical URL and hreflang alternates (in the page, and absolute
in sitemap.xml). Pages that are not indexed (404, offline, the whole guide) are skipped."""
from __future__ import annotations

import pytest
from site_checks import audits

PAGES = [p for p in audits.source_pages() if p.name not in audits.NOT_INDEXED]


@pytest.fixture(scope="module")
def seo(built_site):
    return audits.seo_problems(built_site)


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.label)
def test_title_description_canonical_and_hreflang(seo, site_page):
    assert site_page in seo, f"{site_page.label} was not built"
    assert seo[site_page] == [], f"{site_page.label}:\n" + "\n".join(seo[site_page])
