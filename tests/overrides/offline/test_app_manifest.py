"""The guide can be installed on a phone's home screen: a web app manifest per language
(scripts/site_build/app_manifest.py), linked from every page, with icons that exist."""
from __future__ import annotations

import json
import struct
import urllib.parse

import pytest
from site_build.app_manifest import short_names, theme_colour
from site_build.errors import ContentError
from site_checks import audits

FIELDS = ("name", "short_name", "icons", "theme_color", "start_url")


def linked_manifest(built_site, site_page) -> tuple[str, dict]:
    """The manifest URL (from the site root) the page links to, and its content."""
    doc = audits.parse_html(built_site / site_page.file)
    links = [a.get("href") for tag, a, _ in doc.tags if tag == "link" and a.get("rel") == "manifest"]
    assert len(links) == 1, f"{site_page.label}: {len(links)} manifest links"
    page_url = "http://site/" + site_page.file
    base = next((a.get("href") for tag, a, _ in doc.tags if tag == "base"), None)
    url = urllib.parse.urljoin(urllib.parse.urljoin(page_url, base) if base else page_url, links[0])
    path = urllib.parse.urlsplit(url).path.lstrip("/")
    return path, json.loads((built_site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("site_page", audits.source_pages(), ids=lambda p: p.label)
def test_every_page_links_the_manifest_of_its_language(built_site, site_page):
    path, manifest = linked_manifest(built_site, site_page)
    assert manifest["lang"] == site_page.lang
    assert path == ("" if site_page.lang == "nl" else f"{site_page.lang}/") + "manifest.webmanifest"


@pytest.mark.parametrize("lang", audits.LANGUAGES)
def test_manifest_has_the_fields_and_its_icons_exist(built_site, lang):
    path = ("" if lang == "nl" else f"{lang}/") + "manifest.webmanifest"
    manifest = json.loads((built_site / path).read_text(encoding="utf-8"))
    assert all(manifest.get(field) for field in FIELDS), manifest
    assert manifest["short_name"] == short_names()[lang]
    assert manifest["theme_color"] == theme_colour()
    home = audits.parse_html(built_site / path.replace("manifest.webmanifest", "index.html"))
    assert home.title.endswith(manifest["name"])  # the language's site name, as in the home page's title
    manifest_url = "http://site/" + path
    # The start URL is this language's home page; the scope is the whole site.
    assert urllib.parse.urljoin(manifest_url, manifest["start_url"]) == "http://site/" + path[: -len("manifest.webmanifest")]
    assert urllib.parse.urljoin(manifest_url, manifest["scope"]) == "http://site/"
    sizes = set()
    for icon in manifest["icons"]:
        file = built_site / urllib.parse.urlsplit(urllib.parse.urljoin(manifest_url, icon["src"])).path.lstrip("/")
        data = file.read_bytes()
        if icon["type"] == "image/png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n", icon
            width, height = struct.unpack(">II", data[16:24])
            assert icon["sizes"] == f"{width}x{height}", icon
            sizes.add(width)
        else:
            assert b"<svg" in data, icon
    # Android asks for 192 and 512 pixel icons.
    assert {192, 512} <= sizes


def test_short_name_too_long_names_file_and_line(tmp_path):
    data = tmp_path / "app.yml"
    data.write_text("short_name:\n  nl: Hervestigde vluchtelingen\n  en: Resettlement\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        short_names(data)
    assert error.value.line == 2 and "longer than" in str(error.value)


def test_short_name_missing_language_is_a_clear_error(tmp_path):
    data = tmp_path / "app.yml"
    data.write_text("short_name:\n  nl: Hervestigers\n", encoding="utf-8")
    with pytest.raises(ContentError, match="no text for 'en'"):
        short_names(data)


def test_persistent_storage_is_requested(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script("""
            window.__persistAsked = 0;
            const persist = navigator.storage.persist.bind(navigator.storage);
            navigator.storage.persist = () => { window.__persistAsked += 1; return persist(); };
        """)
        page.goto(site_url + "voorbereiding/")
        page.wait_for_function("window.__persistAsked > 0", timeout=5_000)
    finally:
        context.close()
