#!/usr/bin/env python3
"""Lighthouse (mobile) scores of the built site: accessibility, best practices, SEO, performance.

Builds the site with SITE_URL set to a local static server on 127.0.0.1 (so canonical and
hreflang URLs are absolute and on the same host, as on the real host), serves it, and runs
Lighthouse 12 from npm (`npx lighthouse@12.2.3`; 13 needs Node 22) in Debian's Chromium
against the home page, a phase page and the link directory in both languages (or against a
site that is already served, with --url). Prints the four scores and the layout shift (CLS)
per page and, for every score below 100 except performance, the audits that failed and the
elements they name. Installs Node and npm with apt when they are missing (as root). A
benchmark, not a test: the scores move with the machine's load (performance most). Needs
network access to the npm registry the first time.

    python3 scripts/lighthouse.py                 # build, serve, audit the six pages
    python3 scripts/lighthouse.py --pages en/links/ --json out.json
    python3 scripts/lighthouse.py --url https://example.org/gids/   # a site served elsewhere
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_build.datafiles import REPO_ROOT  # noqa: E402
from site_checks.audits import free_port, serve  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
PAGES = ("", "voorbereiding/", "links/", "en/", "en/voorbereiding/", "en/links/")


def ensure_node() -> None:
    if shutil.which("node") and shutil.which("npx"):
        return
    if os.geteuid() != 0:
        sys.exit("Node.js and npm are missing: install them with `apt-get install -y nodejs npm` (as root).")
    print("Installing Node.js and npm with apt …", file=sys.stderr)
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "nodejs", "npm"], check=True)


def build(site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"the build failed:\n{result.stdout}\n{result.stderr}")


def lighthouse(url: str, chromium: str) -> dict:
    command = ["npx", "-y", LIGHTHOUSE, url, f"--chrome-path={chromium}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--output=json", "--output-path=stdout",
               "--quiet", f"--only-categories={','.join(CATEGORIES)}"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def summary(report: dict) -> tuple[dict, list[str]]:
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    scores["CLS"] = round(report["audits"]["cumulative-layout-shift"].get("numericValue", 0), 3)
    failed = []
    for category in CATEGORIES[:-1]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{category}: {ref['id']} – {audit['title']}")
                nodes = [item["node"].get("selector", "") for item in audit.get("details", {}).get("items", [])
                         if isinstance(item.get("node"), dict)]
                failed += [f"    {selector}" for selector in nodes[:5]]
    return scores, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", nargs="*", default=list(PAGES),
                        help="URL paths from the site root (default: home, voorbereiding, links in nl and en)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium",
                        help="the Chromium to run (default /usr/bin/chromium)")
    parser.add_argument("--url", help="audit the site served at this root URL instead of building and serving one")
    parser.add_argument("--json", type=Path, help="also write {page: {scores, failed}} to this file")
    args = parser.parse_args()
    ensure_node()
    results = {}

    def audit(base: str) -> None:
        print(f"{'page':22} " + " ".join(f"{c:>14}" for c in (*CATEGORIES, "CLS")))
        for path in args.pages:
            scores, failed = summary(lighthouse(base + path, args.chromium))
            results[path or "/"] = {"scores": scores, "failed": failed}
            print(f"{(path or '/'):22} " + " ".join(f"{scores[c]:>14}" for c in (*CATEGORIES, "CLS")))
            for line in failed:
                print(f"{'':24}{line}")

    if args.url:
        audit(args.url.rstrip("/") + "/")
    else:
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            build(site, base)
            server, _ = serve(site, port)
            try:
                audit(base)
            finally:
                server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
