"""Main-thread cost of the checklist component on a phase page, as a slow phone feels it.

Total blocking time (TBT): for every long task (> 50 ms) that starts after the first
contentful paint and before the page has settled, the part beyond 50 ms, summed. Measured
in headless Chromium under 4x CPU throttling (CDP ``Emulation.setCPUThrottlingRate``), on
a phone viewport, in a fresh profile per load, once with the page as built and once with
the checklist's scripts served empty (the page without the component's behaviour). The
two kinds of load alternate (with, without, without, with, …) so a busy spell of the
machine falls on both. Figure: median TBT with / median TBT without; target <= 1.2.
Also printed: each load's main-thread CPU time (CDP Performance.getMetrics ThreadTime).

Run on its own: ``python scripts/site_checks/checklist_tbt.py --site site [--runs 5]``;
scripts/audit.py prints it with the budgets.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

TARGET_RATIO = 1.2
THROTTLING = 4
CHECKLIST_SCRIPTS = "**/assets/checklist/*.js"
SETTLE_MS = 3000  # after load, throttled: late tasks (Material's, the component's) still count

# Registered before any page script: records long tasks and the first contentful paint.
_RECORDER = """
window.__tbt = {tasks: [], fcp: null};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__tbt.tasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__tbt.fcp = e.startTime;
}).observe({type: "paint", buffered: true});
"""
_TBT = """() => {
  const {tasks, fcp} = window.__tbt;
  return tasks.filter(([start]) => fcp === null || start >= fcp)
    .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
}"""


@dataclass
class BlockingTime:
    label: str
    with_script: list[float] = field(default_factory=list)
    without_script: list[float] = field(default_factory=list)
    # Main-thread CPU time of each load (CDP Performance.getMetrics ThreadTime): what the page
    # itself costs, which other processes on a busy machine disturb far less than wall-clock TBT.
    cpu_with: list[float] = field(default_factory=list)
    cpu_without: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        without = statistics.median(self.without_script)
        # A page that blocks for no time at all: compare against 1 ms, not zero.
        return statistics.median(self.with_script) / max(without, 1.0)

    @property
    def ok(self) -> bool:
        return self.ratio <= TARGET_RATIO

    def line(self) -> str:
        runs = len(self.with_script)
        fmt = lambda values: ", ".join(f"{v:.0f}" for v in values)
        # The fastest runs of each kind are the least disturbed ones on a busy machine.
        return (f"checklist blocking time on {self.label} ({THROTTLING}x CPU, {runs} interleaved pairs): "
                f"median {statistics.median(self.with_script):.0f} ms with the script, "
                f"{statistics.median(self.without_script):.0f} ms without; ratio {self.ratio:.2f} "
                f"(target {TARGET_RATIO:g}) {'ok' if self.ok else 'OVER TARGET'}\n"
                f"    with: {fmt(self.with_script)} ms; without: {fmt(self.without_script)} ms; "
                f"fastest {min(self.with_script):.0f} / {min(self.without_script):.0f} ms"
                + (f"\n    main-thread CPU time: median {statistics.median(self.cpu_with):.0f} ms with, "
                   f"{statistics.median(self.cpu_without):.0f} ms without; ratio "
                   f"{statistics.median(self.cpu_with) / max(statistics.median(self.cpu_without), 1.0):.2f}"
                   if self.cpu_with and self.cpu_without else ""))


def blocking_time(browser, url: str, with_script: bool) -> tuple[float, float]:
    """(TBT, main-thread CPU time) in ms of one load of ``url`` in a fresh phone profile under CPU throttling."""
    from site_checks.browser import PHONE  # imported here: this file also runs as a script

    context = browser.new_context(**PHONE)
    try:
        if not with_script:
            context.route(CHECKLIST_SCRIPTS, lambda route: route.fulfill(body="", content_type="text/javascript"))
        page = context.new_page()
        page.add_init_script(_RECORDER)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLING})
        cdp.send("Performance.enable")
        page.goto(url, wait_until="load")
        page.wait_for_timeout(SETTLE_MS)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return page.evaluate(_TBT), metrics.get("ThreadTime", 0.0) * 1000
    finally:
        context.close()


def measure(browser, base_url: str, path: str = "voorbereiding/", runs: int = 5) -> BlockingTime:
    result = BlockingTime(path)
    for run in range(runs):
        order = (True, False) if run % 2 == 0 else (False, True)
        for with_script in order:
            tbt, cpu = blocking_time(browser, base_url + path, with_script)
            (result.with_script if with_script else result.without_script).append(tbt)
            (result.cpu_with if with_script else result.cpu_without).append(cpu)
    return result


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from site_checks import audits
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (mkdocs build)")
    parser.add_argument("--page", default="voorbereiding/", help="phase page path (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="interleaved pairs (default: %(default)s, at least 5)")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    if not (args.site / args.page / "index.html").is_file():
        print(f"checklist_tbt: {args.site / args.page} is not a page of a built site", file=sys.stderr)
        return 2
    server, base_url = audits.serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=audits.chromium_path(), args=audits.CHROMIUM_FLAGS)
            result = measure(browser, base_url, args.page, args.runs)
            browser.close()
    finally:
        server.shutdown()
    print(result.line())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
