"""The run log: every batch run, model exchange and diff, in an embedded SQLite database (no server).

Tables: ``runs`` (one row per run, totals written when it ends), ``exchanges`` (request hash, model, prompt, tokens,
duration, status per model call), ``items`` (one row per diffed pair or group: verdict or error). No request
bodies, headers or keys are stored.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL, finished REAL, command TEXT, input TEXT,
  backend TEXT, model TEXT, prompt TEXT, items INTEGER DEFAULT 0, failures INTEGER DEFAULT 0,
  calls INTEGER DEFAULT 0, cache_hits INTEGER DEFAULT 0, input_tokens INTEGER DEFAULT 0,
  output_tokens INTEGER DEFAULT 0, cost_usd REAL, seconds REAL, status TEXT DEFAULT 'running');
CREATE TABLE IF NOT EXISTS exchanges (
  run_id INTEGER, at REAL, request_hash TEXT, model TEXT, prompt TEXT, input_tokens INTEGER,
  output_tokens INTEGER, duration_ms INTEGER, attempts INTEGER, status TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS items (
  run_id INTEGER, at REAL, item_id TEXT, status TEXT, verdict TEXT, error TEXT);
"""


class RunLog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()
        self.run_id: int | None = None

    def start(self, **fields: Any) -> int:
        with self._lock, self._db:
            cur = self._db.execute("INSERT INTO runs (started, command, input, backend, model, prompt) "
                                   "VALUES (?, ?, ?, ?, ?, ?)",
                                   (time.time(), fields.get("command"), fields.get("input"), fields.get("backend"),
                                    fields.get("model"), fields.get("prompt")))
            self.run_id = int(cur.lastrowid or 0)
        return self.run_id

    def exchange(self, e: dict[str, Any]) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT INTO exchanges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (self.run_id, time.time(), e.get("request_hash"), e.get("model"), e.get("prompt"),
                              e.get("input_tokens"), e.get("output_tokens"), e.get("duration_ms"), e.get("attempts"),
                              e.get("status"), e.get("source")))

    def item(self, item_id: str, status: str, verdict: str | None, error: str | None) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)",
                             (self.run_id, time.time(), item_id, status, verdict, error))

    def finish(self, status: str, **totals: Any) -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE runs SET finished=?, status=?, items=?, failures=?, calls=?, cache_hits=?, input_tokens=?, "
                "output_tokens=?, cost_usd=?, seconds=? WHERE id=?",
                (time.time(), status, totals.get("items", 0), totals.get("failures", 0), totals.get("calls", 0),
                 totals.get("cache_hits", 0), totals.get("input_tokens", 0), totals.get("output_tokens", 0),
                 totals.get("cost_usd"), totals.get("seconds"), self.run_id))

    def close(self) -> None:
        self._db.close()


def recent_runs(path: Path, limit: int = 20) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    db = sqlite3.connect(str(path))
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]
    finally:
        db.close()
