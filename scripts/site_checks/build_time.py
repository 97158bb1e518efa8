"""The build-time benchmark: the project's strict build against a plain Material + i18n build of the same Markdown."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_build.datafiles import REPO_ROOT
from site_build.facts import load_mkdocs_config

from .budgets import BUDGET_BUILD_RATIO

def plain_config(config: dict) -> dict:
    """The project's config reduced to Material + mkdocs-static-i18n: no hooks, overrides or extra assets.

    Navigation, languages and Markdown extensions stay, and ``prepare_trees`` gives the
    plain build the Markdown the project's hooks produce, so both builds render the same
    Markdown into the same pages; what differs is the project's own layer.
    """
    theme = {k: v for k, v in (config.get("theme") or {}).items() if k != "custom_dir"}
    plugins = []
    for plugin in config.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "i18n"):
            plugins.append(plugin)
    # Settings Material renders on every page (repository link, edit button, footer) stay too.
    keep = ("site_name", "site_url", "site_description", "copyright", "nav", "markdown_extensions",
            "docs_dir", "exclude_docs", "not_in_nav", "validation", "repo_url", "repo_name", "edit_uri", "extra")
    plain = {k: config[k] for k in keep if k in config}
    plain.update(theme=theme, plugins=plugins)
    return plain


def prepare_trees(repo_root: Path, work_dir: Path, scale: int = 1) -> tuple[Path, Path]:
    """Copy the project and a plain variant into ``work_dir``; with ``scale`` > 1 every page is copied
    (scale - 1) more times. Returns the two mkdocs.yml paths (project, plain).

    The plain variant's pages hold the Markdown the project's hooks hand to Markdown
    (directives expanded from this checkout's data files, acronym definitions appended),
    so it renders the same content: a plain build of the raw pages would leave the
    checklists, glossary and link directory out and compare unequal work.
    """
    project, plain = work_dir / "project", work_dir / "plain"
    config = load_mkdocs_config(repo_root / "mkdocs.yml")
    docs_name = config.get("docs_dir", "docs")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    project.mkdir(parents=True)
    for name in ("overrides", "scripts"):
        if (repo_root / name).is_dir():
            shutil.copytree(repo_root / name, project / name, ignore=ignore)
    shutil.copytree(repo_root / docs_name, project / docs_name, ignore=ignore)
    shutil.copy2(repo_root / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(repo_root / docs_name, plain / docs_name, ignore=ignore)
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(config), allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    for page in (plain / docs_name).rglob("*.md"):
        _write_rendered_markdown(page)
    if scale > 1:
        for tree in (project, plain):
            docs = tree / docs_name
            for page in sorted(docs.glob("*.md")):
                base, _, suffix = page.name.partition(".")
                for copy in range(2, scale + 1):
                    (docs / f"{base}-{copy}.{suffix}").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return project / "mkdocs.yml", plain / "mkdocs.yml"


def _write_rendered_markdown(page: Path) -> None:
    from site_build.directives import page_markdown
    from site_build.pages import FRONT_MATTER

    text = page.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    end = match.end() if match else 0
    lang = page.name.split(".")[-2]
    # MkDocs strips the front matter and the blank lines after it before the hooks see the page.
    page.write_text(text[:end] + "\n" + page_markdown(text[end:].lstrip("\n"), lang, page), encoding="utf-8")


def _timed_build(config_file: Path, site_dir: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The warm-up build compiles the project's hooks and scripts/ to bytecode, as Material and the
    # other installed packages already are: without it (a shell that sets this) every timed
    # project build would compile them from source again. Only the benchmark's temporary copy is written.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BuildFailed(config_file, (result.stdout + result.stderr).strip())
    shutil.rmtree(site_dir, ignore_errors=True)
    return elapsed


class BuildFailed(Exception):
    def __init__(self, config_file: Path, output: str):
        super().__init__(f"build of {config_file} failed:\n{output[-2000:]}")


@dataclass
class BuildTiming:
    scale: int
    pages: int  # Markdown pages per build (both languages)
    project: float  # seconds: best of the runs
    plain: float
    runs: int
    pair_ratios: tuple[float, ...] = ()  # project / plain of each interleaved pair

    @property
    def ratio(self) -> float:
        """The median of the pairs' ratios (best over best without pairs).

        The two builds of a pair run back to back, so a slow spell of a shared machine
        slows both; the fastest runs of each kind may come from different spells.
        """
        return statistics.median(self.pair_ratios) if self.pair_ratios else self.project / self.plain

    @property
    def ok(self) -> bool:
        return self.ratio <= BUDGET_BUILD_RATIO

    def line(self) -> str:
        verdict = "ok" if self.ok else "OVER BUDGET"
        # Every pair's ratio is printed: their spread shows how noisy the machine was.
        ratio = (f"median of the pairs {', '.join(f'{r:.2f}' for r in sorted(self.pair_ratios))}"
                 if self.pair_ratios else "best over best")
        return (f"build time at {self.scale}x content ({self.pages} pages): project {self.project:.2f} s, "
                f"plain Material + i18n {self.plain:.2f} s (best of {self.runs} each), ratio {self.ratio:.2f} "
                f"({ratio}; budget {BUDGET_BUILD_RATIO:g})  {verdict}")


def time_builds(repo_root: Path = REPO_ROOT, scale: int = 1, runs: int = 3, warmup: bool = True) -> BuildTiming:
    """Time the project's strict build against the plain build of the same Markdown.

    Runs are interleaved in pairs (plain then project, project then plain, …) after one
    untimed warm-up of each. The times reported are the fastest of each kind: on a busy
    machine (a 2-core CI runner) noise only ever adds time. The ratio is the median of the
    pairs' ratios, which a slow spell of the machine moves least (see ``BuildTiming.ratio``).
    """
    with tempfile.TemporaryDirectory(prefix="guide-buildtime-") as tmp:
        work = Path(tmp)
        project_cfg, plain_cfg = prepare_trees(repo_root, work, scale)
        pages = len(list((project_cfg.parent / load_mkdocs_config(project_cfg).get("docs_dir", "docs")).glob("*.md")))
        if warmup:  # first builds fill the OS file cache and compile bytecode: not timed
            _timed_build(plain_cfg, work / "out-plain", strict=False)
            _timed_build(project_cfg, work / "out-project", strict=True)
        plain_times, project_times = [], []
        for run in range(runs):
            # Alternate which build goes first, so neither always follows the other.
            if run % 2:
                project_times.append(_timed_build(project_cfg, work / "out-project", strict=True))
            plain_times.append(_timed_build(plain_cfg, work / "out-plain", strict=False))
            if not run % 2:
                project_times.append(_timed_build(project_cfg, work / "out-project", strict=True))
        ratios = tuple(project / plain for project, plain in zip(project_times, plain_times))
        return BuildTiming(scale, pages, min(project_times), min(plain_times), runs, ratios)
