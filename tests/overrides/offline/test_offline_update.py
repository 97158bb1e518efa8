"""A new build deployed to the same host replaces the offline copy as a whole (overrides/assets/offline/):
the reader is told, one reload shows the new version, the old copy is deleted; a failed update or a
damaged entry never leaves the reader with half a version."""
from __future__ import annotations

import shutil

import pytest
from helpers import build_or_fail, copy_project, serve_directory
from site_build import ui
from site_checks import audits
from site_checks.offline import offline_state, precache_lists, wait_for_update_attempt, wait_until_cached

CHANGED_PAGE = "plaatsing"
NEW_SENTENCE = "Deze zin staat alleen in de nieuwe versie van de gids."


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory, built_site):
    """The same site with one sentence added to a page: a new deploy."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    page = project / "docs" / f"{CHANGED_PAGE}.nl.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{NEW_SENTENCE}\n", encoding="utf-8")
    return build_or_fail(project / "mkdocs.yml", tmp_path_factory.mktemp("changed-site"), "build of the changed site")


@pytest.fixture
def host(tmp_path, built_site):
    """A local host serving a copy of the built site; ``deploy(site)`` replaces what it serves."""
    root = tmp_path / "host"
    shutil.copytree(built_site, root)
    server, url = serve_directory(root)

    def deploy(site):
        for child in root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(site, root, dirs_exist_ok=True)

    yield url, root, deploy
    server.shutdown()


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


@pytest.mark.slow
def test_a_new_deploy_reaches_the_reader_after_one_reload_and_the_old_copy_goes(browser, host, changed_site, built_site,
                                                                             tmp_path):
    url, root, deploy = host
    old, new = precache_lists(built_site)["nl"]["version"], precache_lists(changed_site)["nl"]["version"]
    assert old != new, "a changed page must change the build's version"
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(url + "voorbereiding/")
        wait_until_cached(page, "nl")
        assert [name.endswith(old) for name in cache_names(page)] == [True]

        deploy(changed_site)
        # Reading on: the next page comes from the copy, the new version loads in the background.
        page.goto(url + f"{CHANGED_PAGE}/")
        assert NEW_SENTENCE not in page.content()
        notice = page.locator(".offline-update[role=status]")
        notice.wait_for(timeout=30_000)
        words = ui.texts("offline", "nl")  # the notice's words, from the page (docs/data/ui/offline.yml)
        assert words["updated"] in notice.inner_text()
        assert notice.get_by_role("button", name=words["close"]).count() == 1
        assert audits.axe_violations(page, ".offline-update") == []
        page.screenshot(path=str(tmp_path / "update-notice.png"))

        notice.get_by_role("button", name=words["reload"]).click()  # the one reload
        page.wait_for_load_state()
        assert NEW_SENTENCE in page.locator("article").inner_text()
        names = cache_names(page)
        assert len(names) == 1 and names[0].endswith(new), names
        # The new copy is complete: offline, every page of the language still opens.
        context.set_offline(True)
        for path in precache_lists(changed_site)["nl"]["urls"]:
            if path == "" or path.endswith("/"):
                response = page.goto(url + path)
                assert response.ok and page.locator("h1#offline").count() == 0, path
    finally:
        context.close()


@pytest.mark.slow
def test_a_failing_network_mid_update_keeps_the_old_version_and_retries(browser, host, changed_site, built_site):
    url, root, deploy = host
    old, new = precache_lists(built_site)["nl"]["version"], precache_lists(changed_site)["nl"]["version"]
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(url + "voorbereiding/")
        wait_until_cached(page, "nl")

        # A deploy that is not finished: one file of the new version cannot be fetched yet.
        deploy(changed_site)
        missing = root / "assets" / "site.css"
        held_back = missing.read_bytes()
        missing.unlink()
        page.goto(url + f"{CHANGED_PAGE}/")
        wait_for_update_attempt(page)
        state = offline_state(page)
        assert [entry.split(" ")[0].endswith(old) for entry in state["found"]] == [True], state
        assert all(name.endswith(old) for name in cache_names(page)), "a half-fetched version was kept"
        assert NEW_SENTENCE not in page.content()
        assert page.locator(".offline-update").count() == 0

        # The deploy completes: the next visit tries again and gets the whole new version.
        missing.write_bytes(held_back)
        page.goto(url + "voorbereiding/")
        page.locator(".offline-update").wait_for(timeout=30_000)
        page.reload()  # the reader's one reload; the new worker has finished clearing by then
        names = cache_names(page)
        assert len(names) == 1 and names[0].endswith(new), names
        assert NEW_SENTENCE in (page.goto(url + f"{CHANGED_PAGE}/") and page.content())
    finally:
        context.close()


def test_a_damaged_entry_is_fetched_again_and_replaced(browser, host):
    url, root, deploy = host
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(url)
        wait_until_cached(page, "nl")
        target = url + f"{CHANGED_PAGE}/"
        page.evaluate("""async (target) => {
            const [name] = await caches.keys();
            await (await caches.open(name)).put(target, new Response("damaged", { status: 500 }));
        }""", target)
        page.goto(target)
        assert page.locator("article h1").count() == 1
        status = page.evaluate("""async (target) => {
            const [name] = await caches.keys();
            return (await (await caches.open(name)).match(target)).status;
        }""", target)
        assert status == 200
    finally:
        context.close()
