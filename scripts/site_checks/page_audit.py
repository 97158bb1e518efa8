"""The whole browser audit of one page, as scripts/audit.py reports it: {check: problems}."""
from __future__ import annotations

from site_build.datafiles import DEFAULT_LANGUAGE

from .browser import (CHECKLIST_BOX, SEARCH_QUERIES, TALL_PHONE, axe_violations, describe_violations, each_sub_menu_open, open_search,
                      settle,
                      use_checklist)
from .keyboard import (keyboard_checklist_problems, keyboard_language_switch_problems, keyboard_menu_problems,
                       keyboard_problems, keyboard_search_problems)
from .privacy import outside_requests
from .site_pages import NOT_INDEXED, SitePage

BROWSER_CHECKS = ("axe", "axe: search open", "axe: checklist in use", "axe: phone, menu open", "keyboard",
                  "keyboard: search", "keyboard: language", "keyboard: phone")


def _guarded(results: dict, check: str, run) -> None:
    """Run one check; a crash (timeout, missing element) is that check's failure, not the audit's end."""
    try:
        results[check] = run()
    except Exception as exc:  # noqa: BLE001 - reported in the table, with the reason
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        results[check] = [f"check could not run: {first_line}"]


def audit_page_in_browser(browser, base_url: str, site_page: SitePage) -> dict[str, list[str] | None]:
    """Every browser check on one page; {check: problems, or None where not applicable}.

    Fresh profiles (empty cache and storage): one for axe, the Tab walk and the checklist, one
    for the search, one at phone width, one for the language switch. Their network logs and
    cookies are all checked. The service worker runs in the first only: what it stores is the
    same from every page, and storing it again in every profile was most of an audit's time.
    """
    results: dict[str, list[str] | None] = {}
    url = base_url + site_page.path
    requests: list[str] = []
    errors: list[str] = []
    cookies: list[str] = []

    def session(checks, **options):
        context = browser.new_context(locale="nl-NL" if site_page.lang == DEFAULT_LANGUAGE else "en-GB", **options)
        context.on("request", lambda request: requests.append(request.url))
        try:
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url, wait_until="networkidle")
            settle(page)
            checks(page)
            page.wait_for_load_state("networkidle")
            cookies.extend(f"cookie set: {c['name']} ({c['domain']})" for c in context.cookies())
        finally:
            context.close()

    def first(page):
        _guarded(results, "axe", lambda: describe_violations(axe_violations(page)))
        _guarded(results, "keyboard", lambda: keyboard_problems(page) + keyboard_checklist_problems(page))
        if page.locator(CHECKLIST_BOX).count():
            _guarded(results, "axe: checklist in use",
                     lambda: use_checklist(page) and describe_violations(axe_violations(page)))
        else:
            results["axe: checklist in use"] = None

    def search(page):
        open_state: list[str] = []

        def while_open(p):
            open_state.extend(describe_violations(axe_violations(p)))
            results["axe: search open"] = open_state

        _guarded(results, "keyboard: search",
                 lambda: keyboard_search_problems(page, base_url, site_page.lang, while_open=while_open))
        if "axe: search open" not in results:
            # The search showed no results: still check the dialog, open with its message.
            page.goto(url, wait_until="networkidle")
            settle(page)
            _guarded(results, "axe: search open", lambda: (
                open_search(page, SEARCH_QUERIES[site_page.lang], timeout=2_000),
                describe_violations(axe_violations(page)))[1])

    def language(page):
        _guarded(results, "keyboard: language", lambda: keyboard_language_switch_problems(page, base_url, site_page))

    def phone(page):
        _guarded(results, "keyboard: phone", lambda: keyboard_problems(page) + keyboard_menu_problems(page))
        page.keyboard.press("Escape")

        def menu_open():
            page.evaluate("() => { const d = document.getElementById('__drawer'); if (!d.checked) d.click(); }")
            found = describe_violations(axe_violations(page))
            for name in each_sub_menu_open(page):
                found += [f"sub-menu '{name}' open: {line}" for line in describe_violations(axe_violations(page))]
            return found

        _guarded(results, "axe: phone, menu open", menu_open)

    def run(checks, **options):
        try:
            session(checks, **options)
        except Exception as exc:  # noqa: BLE001 - the page itself failed to load
            errors.append(f"the page could not be loaded: {str(exc).strip().splitlines()[0]}")

    run(first)
    run(search, service_workers="block")
    run(phone, **TALL_PHONE, service_workers="block")
    if site_page.name not in NOT_INDEXED:
        run(language, service_workers="block")
    else:
        results["keyboard: language"] = None
    for check in BROWSER_CHECKS:
        results.setdefault(check, ["not checked: the page could not be loaded"])
    results["network"] = [f"request to {u}" for u in dict.fromkeys(outside_requests(requests, base_url))]
    results["cookies"] = list(dict.fromkeys(cookies))
    results["page errors"] = list(dict.fromkeys(errors))
    return results
