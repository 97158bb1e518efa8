#!/usr/bin/env python3
"""Check every external link of the site (``--help`` says how).

The command-line entry of the link checker; the checker itself is the package
``scripts/site_checks/link_check/``: sources (where URLs are found), model (verdicts and
options), client (HTTP), cache, run, reports and cli.
"""
from __future__ import annotations

import sys

from site_checks.link_check.cli import main

if __name__ == "__main__":
    code = main()
    # The run is over and its files are closed: spare the interpreter's exit a cyclic garbage
    # collection over everything loaded (aiohttp, the event loop's leftovers), which took
    # 0.05-0.1 s, more than scanning the sources. The objects are freed with the process.
    import gc

    gc.freeze()
    sys.exit(code)
