"""The one place the hooks' import path is set: scripts/ (site_build), next to this folder.

MkDocs puts each hook's folder on sys.path, so every hook starts with ``import _guide_path``.
(The tests and the command-line tools get the same path from pyproject.toml and from
running in scripts/.)
"""
import sys
from pathlib import Path

SCRIPTS_DIR = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS_DIR not in sys.path:
    sys.path.insert(0, SCRIPTS_DIR)
