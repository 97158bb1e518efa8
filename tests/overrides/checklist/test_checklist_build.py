"""The checklist component in the build: size budget, catalog, where its assets load."""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys

from helpers import REPO_ROOT as ROOT

BUDGET_SCRIPT = ROOT / "scripts" / "checklist_budget.py"


def run_budget(*args):
    return subprocess.run([sys.executable, str(BUDGET_SCRIPT), *args], capture_output=True, text=True)


def test_js_and_css_stay_within_9_kb_gzip():
    result = run_budget()
    print(result.stdout)  # the figure, shown with `pytest -s` or in the failure report
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checklist JS+CSS:" in result.stdout and "within the budget of 9,216 bytes" in result.stdout


def test_budget_script_fails_over_budget_and_on_missing_files(tmp_path):
    over = run_budget("--budget", "100")
    assert over.returncode == 1 and "OVER the budget of 100 bytes" in over.stdout
    missing = run_budget("--dir", str(tmp_path))
    assert missing.returncode == 2 and "store.js: file not found" in missing.stderr


def test_catalogs_are_written_with_every_fixture_item(fixture_site):
    folder = fixture_site / "assets" / "checklist"
    for lang in ("nl", "en"):
        catalog = json.loads((folder / f"catalog.{lang}.json").read_text(encoding="utf-8"))
        assert [(c["id"], [i["id"] for i in c["items"]]) for c in catalog["checklists"]] == [
            ("voorbereiding", ["fixture-woning-kiezen", "fixture-plaatsing-lezen", "fixture-tolk-regelen"]),
            ("plaatsing", ["fixture-sleutel-overhandigen", "fixture-buren-informeren"]),
        ]
    assert catalog["checklists"][0]["items"][1]["text"] == "First read the placement tips."


PAGE_TEXT = re.compile(r'<script type="application/json" id="checklist-text"([^>]*)>(.*?)</script>', re.S)


def test_each_page_names_the_catalog_the_build_wrote_and_its_version(fixture_site):
    """checklist.js holds no catalog name or version of its own: it fetches the file the page names,
    beside itself, and accepts the version the page names. Both must be what the build wrote."""
    pages = [p for p in sorted(fixture_site.rglob("*.html")) if 'id="checklist-text"' in p.read_text(encoding="utf-8")]
    assert {"index.html", "voorbereiding/index.html", "en/plaatsing/index.html"} <= {
        p.relative_to(fixture_site).as_posix() for p in pages}
    for page in pages:
        attrs, text = PAGE_TEXT.search(page.read_text(encoding="utf-8")).groups()
        data = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', html.unescape(attrs)))
        lang = json.loads(text)["lang"]
        # Beside checklist.js in the built site, where main.html loads it from.
        script = fixture_site / "assets" / "checklist" / "checklist.js"
        catalog = json.loads((script.parent / data["catalog"]).read_text(encoding="utf-8"))
        assert (str(catalog["version"]), catalog["lang"]) == (data["catalog-version"], lang), page


def test_assets_load_only_where_a_checklist_or_overview_renders(fixture_site):
    for page, expected in (("index.html", True), ("en/index.html", True), ("voorbereiding/index.html", True),
                           ("en/plaatsing/index.html", True), ("over/index.html", False),
                           ("en/begrippen/index.html", False)):
        html = (fixture_site / page).read_text(encoding="utf-8")
        for asset in ("dom/dom.js", "checklist/store.js", "checklist/checklist.js", "checklist/checklist.css"):
            assert (f"assets/{asset}" in html) is expected, (page, asset)
    for asset in ("store.js", "checklist.js", "checklist.css", "catalog.nl.json", "catalog.en.json"):
        assert (fixture_site / "assets" / "checklist" / asset).is_file()
    # The component's README stays in the repository, not in the published site.
    assert not (fixture_site / "assets" / "checklist" / "README.md").exists()
