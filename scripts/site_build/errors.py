"""One error type for every content problem, so the build can report it cleanly."""
from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in a content or data file that a maintainer must fix.

    Printed as ``file:line: message`` followed by what to do, never as a traceback.
    """

    def __init__(self, path: str | Path, line: int | None, message: str, hint: str = ""):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  -> {self.hint}"
        return text
