"""Publisher and feedback: who publishes the site and where readers report a mistake without an
account (CONTACT_EMAIL, PUBLISHER, REPO_URL), on the about and accessibility pages and in the
footer; the deploy workflow refuses to publish without them."""
from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml
from helpers import REPO_ROOT, mkdocs_build
from site_build import settings, ui
from site_build.errors import ContentError
from site_checks import audits

PAGES = [p for p in audits.source_pages() if p.name != "404"]
EMAIL = "redactie@example.org"


def test_publisher_other_than_kis_says_based_on_not_published_by():
    s = settings.Settings(EMAIL, "Gemeente Voorbeeld", "")
    assert "uitgegeven door **Gemeente Voorbeeld**" in settings.publisher_text("nl", s)
    assert "niet door hen uitgegeven" in settings.publisher_text("nl", s)
    assert "but it is not published by them" in settings.publisher_text("en", s)


def test_kis_as_publisher_is_not_told_it_is_not_the_publisher():
    s = settings.Settings(EMAIL, "Kennisplatform Integratie & Samenleving (KIS)", "")
    for lang in ("nl", "en"):
        assert "not published" not in settings.publisher_text(lang, s)
        assert "niet door hen" not in settings.publisher_text(lang, s)


def test_feedback_offers_the_address_and_the_repository_only_when_set():
    without = settings.feedback_text("nl", settings.Settings(EMAIL, "X", ""))
    assert f"[{EMAIL}](mailto:{EMAIL})" in without and "github" not in without.lower()
    with_repo = settings.feedback_text("en", settings.Settings(EMAIL, "X", "https://example.org/repo"))
    assert "https://example.org/repo/issues" in with_repo and "you do not need an account" in with_repo


@pytest.mark.parametrize("value", ["redactie", "redactie@", "re dactie@example.org", "<a@b.nl>"])
def test_malformed_contact_address_is_refused(value):
    with pytest.raises(ContentError, match="is not an e-mail address"):
        settings.configure({"extra": {"contact_email": value}, "repo_url": None})
    settings._configured = None


def test_repository_default_names_no_owner():
    # A build without REPO_URL must not link a repository whose owner may not exist.
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^repo_url: !ENV \[REPO_URL, null\]$", text, re.M), "repo_url must default to unset"


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("configured-site")
    env = {"CONTACT_EMAIL": EMAIL, "PUBLISHER": "Gemeente Voorbeeld", "REPO_URL": ""}
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", site, env={k: v for k, v in env.items() if v})
    if result.returncode:
        pytest.fail(f"build with CONTACT_EMAIL and PUBLISHER failed:\n{result.stderr}")
    return site


@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.label)
def test_every_footer_gives_the_contact_address_and_no_repository(configured_site, site_page):
    page = (configured_site / site_page.file).read_text(encoding="utf-8")
    footer = page[page.find('<div class="md-copyright">'):]
    contact = ui.text("footer_contact", site_page.lang, email=EMAIL)
    assert f'href="mailto:{EMAIL}" class="md-copyright__contact">{contact}</a>' in footer, site_page.label
    assert ui.text("footer_publisher", site_page.lang, publisher="Gemeente Voorbeeld") in footer
    assert "github.com/kis-hervestigers" not in page and 'class="md-source"' not in page, site_page.label


@pytest.mark.parametrize("name", ["over", "toegankelijkheid"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_about_and_accessibility_pages_name_the_address(configured_site, name, lang):
    page = (configured_site / ("" if lang == "nl" else "en/") / name / "index.html").read_text(encoding="utf-8")
    article = page[page.find("<article"):page.find("</article>")]
    assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in article
    if name == "over":
        said = "uitgegeven door <strong>Gemeente Voorbeeld</strong>" if lang == "nl" else \
            "published by <strong>Gemeente Voorbeeld</strong>"
        assert said in article


def deploy_check_script() -> str:
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    step = next(s for s in steps if "CONTACT_EMAIL" in s.get("env", {}) and "docs.py build" not in s.get("run", ""))
    build = next(i for i, s in enumerate(steps) if "docs.py build" in s.get("run", ""))
    assert steps.index(step) < build, "the check must run before the build"
    assert steps[build]["env"]["CONTACT_EMAIL"] == "${{ vars.CONTACT_EMAIL }}"
    return step["run"]


@pytest.mark.parametrize("env, fails", [({"CONTACT_EMAIL": "", "PUBLISHER": "Gemeente Voorbeeld"}, True),
                                        ({"CONTACT_EMAIL": EMAIL, "PUBLISHER": ""}, True),
                                        ({"CONTACT_EMAIL": EMAIL, "PUBLISHER": "Gemeente Voorbeeld"}, False)])
def test_deploy_fails_without_contact_address_or_publisher(env, fails):
    result = subprocess.run(["bash", "-e", "-c", deploy_check_script()], env={**os.environ, **env},
                            capture_output=True, text=True)
    assert (result.returncode != 0) == fails, result.stdout
    if fails:
        assert "::error::" in result.stdout
