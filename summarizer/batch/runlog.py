"""The run log: every batch run, model exchange and diff, in an embedded SQLite database (no server).

Tables: ``runs`` (one row per run, totals written when it ends), ``exchanges`` (request hash, model, prompt, tokens,
duration, status per model call), ``items`` (one row per diffed pair or group: verdict or error). No request
bodies, headers or keys are stored.

A run that cannot finish its row (SIGKILL, power loss) stays ``running`` only while it lives: every write refreshes
the run's heartbeat, and whenever the log is opened, a ``running`` run whose process is gone (same host) or whose
heartbeat is older than ``RUN_STALE_AFTER_S`` (another host) is marked ``interrupted``, with its totals taken from
its exchanges and items and its duration up to its last heartbeat.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from ..config import RUN_STALE_AFTER_S

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL, finished REAL, command TEXT, input TEXT,
  backend TEXT, model TEXT, prompt TEXT, items INTEGER DEFAULT 0, failures INTEGER DEFAULT 0,
  calls INTEGER DEFAULT 0, cache_hits INTEGER DEFAULT 0, input_tokens INTEGER DEFAULT 0,
  output_tokens INTEGER DEFAULT 0, cost_usd REAL, seconds REAL, status TEXT DEFAULT 'running', pid INTEGER,
  host TEXT, heartbeat REAL);
CREATE TABLE IF NOT EXISTS exchanges (
  run_id INTEGER, at REAL, request_hash TEXT, model TEXT, prompt TEXT, input_tokens INTEGER,
  output_tokens INTEGER, duration_ms INTEGER, attempts INTEGER, status TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS items (
  run_id INTEGER, at REAL, item_id TEXT, status TEXT, verdict TEXT, error TEXT);
"""
_ADDED_COLUMNS = {"pid": "INTEGER", "host": "TEXT", "heartbeat": "REAL"}  # absent from logs of older versions


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def mark_stale_runs(db: sqlite3.Connection, now: float | None = None) -> int:
    """Mark ``running`` runs that can no longer finish as ``interrupted`` (see the module docstring)."""
    now = time.time() if now is None else now
    host = socket.gethostname()
    stale = []
    for run_id, pid, run_host, started, beat in db.execute(
            "SELECT id, pid, host, started, heartbeat FROM runs WHERE status = 'running'").fetchall():
        last = beat or started
        gone = run_host == host and pid is not None and not _alive(pid)
        if gone or now - last > RUN_STALE_AFTER_S:
            stale.append((run_id, last, started))
    with db:
        for run_id, last, started in stale:
            db.execute(
                "UPDATE runs SET status='interrupted', finished=?, seconds=?, "
                "calls=(SELECT COALESCE(SUM(attempts), 0) FROM exchanges WHERE run_id=? AND source != 'replay'), "
                "input_tokens=(SELECT COALESCE(SUM(input_tokens), 0) FROM exchanges WHERE run_id=?), "
                "output_tokens=(SELECT COALESCE(SUM(output_tokens), 0) FROM exchanges WHERE run_id=?), "
                "items=(SELECT COUNT(*) FROM items WHERE run_id=?), "
                "failures=(SELECT COUNT(*) FROM items WHERE run_id=? AND status='failed') WHERE id=?",
                (last, round(last - started, 3), run_id, run_id, run_id, run_id, run_id, run_id))
    return len(stale)


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db.executescript(SCHEMA)
    have = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    with db:
        for name, kind in _ADDED_COLUMNS.items():
            if name not in have:
                db.execute(f"ALTER TABLE runs ADD COLUMN {name} {kind}")
    mark_stale_runs(db)
    return db


class RunLog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = _open(path)
        self._lock = threading.Lock()
        self._closed = False
        self.run_id: int | None = None

    def start(self, **fields: Any) -> int:
        with self._lock, self._db:
            now = time.time()
            cur = self._db.execute("INSERT INTO runs (started, command, input, backend, model, prompt, pid, host, "
                                   "heartbeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   (now, fields.get("command"), fields.get("input"), fields.get("backend"),
                                    fields.get("model"), fields.get("prompt"), os.getpid(), socket.gethostname(),
                                    now))
            self.run_id = int(cur.lastrowid or 0)
        return self.run_id

    def exchange(self, e: dict[str, Any]) -> None:
        with self._lock:
            if self._closed:
                return
            self._exchange(e)

    def _exchange(self, e: dict[str, Any]) -> None:
        with self._db:
            self._db.execute("INSERT INTO exchanges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (self.run_id, time.time(), e.get("request_hash"), e.get("model"), e.get("prompt"),
                              e.get("input_tokens"), e.get("output_tokens"), e.get("duration_ms"), e.get("attempts"),
                              e.get("status"), e.get("source")))
            self._beat()

    def item(self, item_id: str, status: str, verdict: str | None, error: str | None) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)",
                             (self.run_id, time.time(), item_id, status, verdict, error))
            self._beat()

    def _beat(self) -> None:
        self._db.execute("UPDATE runs SET heartbeat=? WHERE id=?", (time.time(), self.run_id))

    def finish(self, status: str, **totals: Any) -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE runs SET finished=?, status=?, items=?, failures=?, calls=?, cache_hits=?, input_tokens=?, "
                "output_tokens=?, cost_usd=?, seconds=? WHERE id=?",
                (time.time(), status, totals.get("items", 0), totals.get("failures", 0), totals.get("calls", 0),
                 totals.get("cache_hits", 0), totals.get("input_tokens", 0), totals.get("output_tokens", 0),
                 totals.get("cost_usd"), totals.get("seconds"), self.run_id))

    def close(self) -> None:
        """Close the log; a worker thread still reporting an exchange after this (an interrupted run abandons
        requests in flight) is ignored, never written to a closed connection."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()


def recent_runs(path: Path, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first (runs that died without finishing are marked interrupted first)."""
    if not path.is_file():
        return []
    db = _open(path)
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]
    finally:
        db.close()
