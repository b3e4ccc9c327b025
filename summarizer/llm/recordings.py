"""Recorded model exchanges: readable JSON files keyed by a stable hash of the canonical request.

A recording holds the request (model, messages, response format, parameters: never headers), the raw response, the
usage, and ``provenance``: ``recorded`` (from a live model: its model id and date) or ``hand-written`` (a fixture a
person wrote). Before anything is written, known secrets (the API key) are replaced and header-like keys dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

_SECRET_KEYS = re.compile(r"^(authorization|api[-_]?key|openai[-_]organization|openai[-_]project|organization|"
                          r"project|x-api-key)$", re.I)
_KEY_PATTERN = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}")


def request_key(body: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the request body (sorted keys, no whitespace)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scrub(obj: Any, secrets: tuple[str, ...] = ()) -> Any:
    """A copy of ``obj`` with secret-named keys removed and secret values (and sk-... keys) replaced."""
    if isinstance(obj, dict):
        return {k: scrub(v, secrets) for k, v in obj.items() if not _SECRET_KEYS.match(str(k))}
    if isinstance(obj, list):
        return [scrub(v, secrets) for v in obj]
    if isinstance(obj, str):
        for s in secrets:
            if s:
                obj = obj.replace(s, "[REDACTED]")
        return _KEY_PATTERN.sub("[REDACTED]", obj)
    return obj


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over ``path``: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class RecordingStore:
    def __init__(self, directory: Path, secrets: tuple[str, ...] = ()) -> None:
        self.directory = Path(directory)
        self.secrets = secrets

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        path = self.path(key)
        if not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def save(self, key: str, request: dict[str, Any], response: dict[str, Any], provenance: dict[str, Any],
             meta: dict[str, Any] | None = None) -> Path:
        record = {
            "key": key,
            "provenance": provenance,
            "meta": meta or {},
            "request": request,
            "response": response,
            "usage": response.get("usage"),
        }
        text = json.dumps(scrub(record, self.secrets), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        path = self.path(key)
        atomic_write_text(path, text)
        return path
