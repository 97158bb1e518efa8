"""The link checker's cache: successes are kept for a while, failures are always checked again."""
from __future__ import annotations

import json
import time
from pathlib import Path

from .model import SUCCESS, Result

def load_cache(path: Path, max_age: float) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    now = time.time()
    return {url: e for url, e in entries.items()
            if isinstance(e, dict) and now - e.get("checked_at", 0) <= max_age and e.get("verdict") in SUCCESS}


def save_cache(path: Path, cache: dict, results: list[Result]) -> None:
    now = time.time()
    changed = False
    for r in results:
        if r.cached:
            continue
        if r.verdict in SUCCESS:
            cache[r.url] = {"verdict": r.verdict, "status": r.status, "final_url": r.final_url,
                            "detail": r.detail, "checked_at": now}
            changed = True
        elif cache.pop(r.url, None) is not None:  # only successes are cached
            changed = True
    if not changed and path.exists():
        return  # a run answered from the cache leaves it as it is (expired entries are skipped on loading)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    # Compact: json's C encoder handles only output without indentation.
    tmp.write_text(json.dumps({"version": 1, "entries": cache}, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
