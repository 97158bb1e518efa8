"""Helpers shared by the tests and their fixtures (importable as `helpers`).



"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPTS_DIR = REPO_ROOT / "scripts"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the strict build like scripts/docs.py does; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        # Serve the site's own 404 pages like a static host would.
        if code == 404:
            root = Path(self.directory)
            lang_404 = root / self.path.lstrip("/").split("/", 1)[0] / "404.html"
            page = lang_404 if lang_404.is_file() else root / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().send_error(code, message, explain)


def serve_directory(directory: Path):
    """Start a static server on 127.0.0.1 (random port); returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def copy_project(target: Path) -> Path:
    """A throw-away copy of everything the build reads, for tests that break things on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides", "scripts"):
        shutil.copytree(REPO_ROOT / folder, target / folder,
                        ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    return target
