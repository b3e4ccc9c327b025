"""The results file of a batch: JSONL, one row per item id.

Rows are appended as items complete (one ``write`` per line, flushed), so a killed run loses at most the line being
written. The file is kept to one row per id: when a run starts, and when it ends or is interrupted, the file is
rewritten atomically (temporary file, fsync, rename) keeping the last row written for each id, without a torn last
line and without lines that are not JSON objects (each skipped with a warning naming the line). ``read_results``
reads a file by the same rule, so even a file a SIGKILLed run left with two rows for an id reads as one.
A lock file beside the output keeps two runs from writing the same results file at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import ConfigError
from ..llm.recordings import atomic_write_text
from ..safetext import json_visible


def read_results(path: Path, warn: Callable[[str], None] = lambda message: None) -> dict[str, dict[str, Any]]:
    """The last row per id of a results file, in the order each id was last written. A torn or non-object line is
    skipped (with a warning naming it, except a torn last line, which is what a killed run leaves)."""
    rows: dict[str, dict[str, Any]] = {}
    if not path.is_file():
        return rows
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            if n < len(lines):  # a complete line (a torn last line has no newline: a killed run left it)
                warn(f"{path}:{n}: skipped a line that is not JSON")
            continue  # the torn tail of an interrupted write
        if not isinstance(row, dict) or "id" not in row:
            warn(f"{path}:{n}: skipped a line that is not a result object with an id "
                 f"(found {type(row).__name__})")
            continue
        key = str(row["id"])
        rows.pop(key, None)
        rows[key] = row
    return rows


def results_line(row: dict[str, Any]) -> str:
    """A row as its results-file line (sorted keys; controls a terminal would act on escaped)."""
    return json_visible(json.dumps(row, ensure_ascii=False, sort_keys=True)) + "\n"


@dataclass
class ResultsFile:
    """An open results file for one run: ``done`` holds the ids already ok; ``write`` appends a row."""

    path: Path
    warn: Callable[[str], None] = lambda message: None
    done: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._fh: TextIO | None = None
        self._lock_fd: int | None = None
        self._written: set[str] = set()
        self._rewrite_needed = False

    def open(self) -> ResultsFile:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        rows = self.compact()
        self._previous = set(rows)
        self.done = {k for k, row in rows.items() if row.get("status") == "ok"}
        self._fh = self.path.open("a", encoding="utf-8")
        return self

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ConfigError(f"another batch run is writing {self.path} (lock {lock_path} is held): wait for it to "
                              "finish or give this run another --out") from None
        self._lock_fd = fd

    def compact(self) -> dict[str, dict[str, Any]]:
        """Rewrite the file as one row per id (the last written) when it holds anything else; returns the rows."""
        rows = read_results(self.path, self.warn)
        if self.path.is_file():
            text = "".join(results_line(r) for r in rows.values())
            if text != self.path.read_text(encoding="utf-8", errors="replace"):
                atomic_write_text(self.path, text)
        return rows

    def write(self, row: dict[str, Any]) -> None:
        self.write_line(str(row["id"]), results_line(row))

    def write_line(self, key: str, line: str) -> None:
        """Append one results line (made by ``results_line``) for item ``key``."""
        assert self._fh is not None
        if key in self._previous or key in self._written:
            self._rewrite_needed = True
        self._written.add(key)
        self._fh.write(line)
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            if self._rewrite_needed:
                self.compact()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
