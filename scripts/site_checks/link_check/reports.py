"""The link checker's output: the text summary, the Markdown report, GitHub annotations, the progress bar."""
from __future__ import annotations

import sys

from .model import VERDICTS, Result

LABELS = {"broken": "BROKEN", "invalid": "INVALID", "unverified": "UNVERIFIED", "redirect": "MOVED",
          "ok": "OK", "skipped": "SKIPPED"}


def where(result: Result) -> str:
    return ", ".join(f"{f}:{n}" for f, n in result.sources)


def text_report(results: list[Result], summary: dict) -> str:
    lines = ["", "Verdict      URLs", "-----------  ----"]
    for verdict in VERDICTS:
        lines.append(f"{verdict:<11}  {summary[verdict]:>4}")
    lines.append(f"{'total':<11}  {summary['total']:>4}   ({summary['from_cache']} from cache, "
                 f"{summary['files']} files, {summary['duration_seconds']:.1f} s)")
    problems = [r for r in results if r.verdict in ("broken", "invalid", "unverified", "redirect")]
    if problems:
        lines.append("")
    for r in problems:
        lines.append(f"{LABELS[r.verdict]:<10}  {r.url}")
        lines.append(f"{'':<10}  {r.detail}")
        lines.append(f"{'':<10}  in {where(r)}")
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_report(results: list[Result], summary: dict) -> str:
    """For $GITHUB_STEP_SUMMARY and the weekly issue."""
    out = [
        "## Link check",
        "",
        f"Checked {summary['total']} URLs from {summary['files']} files on {summary['checked_at']} "
        f"in {summary['duration_seconds']:.1f} s.",
        "",
        "| Verdict | URLs |",
        "| --- | ---: |",
        *(f"| {v} | {summary[v]} |" for v in VERDICTS),
        "",
    ]
    titles = {
        "broken": "Broken: fix or remove (an archived copy may help)",
        "invalid": "Invalid: malformed URLs",
        "redirect": "Moved permanently: update the link",
        "unverified": "Could not be verified: check in a browser",
    }
    for verdict, title in titles.items():
        rows = [r for r in results if r.verdict == verdict]
        if not rows:
            continue
        out += [f"### {title}", "", "| URL | Detail | Where |", "| --- | --- | --- |"]
        out += [f"| {_md_cell(r.url)} | {_md_cell(r.detail)} | {_md_cell(where(r))} |" for r in rows]
        out.append("")
    if not any(r.verdict in titles for r in results):
        out += ["All links work.", ""]
    return "\n".join(out)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(results: list[Result]) -> list[str]:
    """GitHub Actions workflow commands: an error per broken/invalid source, a warning per moved one."""
    lines = []
    for r in results:
        level = {"broken": "error", "invalid": "error", "redirect": "warning"}.get(r.verdict)
        if not level:
            continue
        title = {"broken": "Broken link", "invalid": "Invalid link", "redirect": "Link moved"}[r.verdict]
        for file, line in r.sources:
            lines.append(f"::{level} file={_escape_property(file)},line={line},title={_escape_property(title)}::"
                         f"{_escape_data(r.url + ' - ' + r.detail)}")
    return lines


class Progress:
    """A one-line progress bar on a terminal; nothing in CI or when output is redirected."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        self.draw()

    def step(self) -> None:
        self.done += 1
        self.draw()

    def draw(self) -> None:
        if not self.enabled or not self.total:
            return
        width = 30
        filled = int(width * self.done / self.total)
        sys.stderr.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} URLs ")
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()
