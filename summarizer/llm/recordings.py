"""Recorded model exchanges, and the record/replay layer over a live transport.

A recording is a readable JSON file ``<key>.json``, the key being the sha256 of the canonical request body (model,
messages, response format, parameters: never headers). It holds the request, the raw response, the usage, ``meta``
(article source, prompt id and hash, server) and ``provenance``: ``recorded`` (from a live model: its model id and
date) or ``hand-written`` (a fixture a person wrote). Secrets are scrubbed before anything is written.

Modes: ``live`` calls the model; ``record`` calls it and writes each exchange; ``replay`` answers from recordings
only (a miss is ``RecordingMissError``; nothing is sent); ``auto`` replays a *recorded* exchange made against the
same server, else calls live. Hand-written fixtures are served only in ``replay`` mode, so they are never taken for a
server's live answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import RecordingError, RecordingMissError
from ..files import atomic_write_text, canonical_hash
from ..redact import scrub
from .transport import Completion, Transport

Observer = Callable[[dict[str, Any]], None]


def request_key(body: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the request body (sorted keys, no whitespace)."""
    return canonical_hash(body)


class RecordingStore:
    def __init__(self, directory: Path, secrets: tuple[str, ...] = ()) -> None:
        self.directory = Path(directory)
        self.secrets = secrets

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        """The recording for ``key``, None when there is none; ``RecordingError`` when the file is unusable."""
        path = self.path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise self._bad(path, f"cannot be read ({type(exc).__name__})") from None
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise self._bad(path, f"is not valid JSON ({exc.msg} at line {exc.lineno})") from None
        problem = _problem(record)
        if problem:
            raise self._bad(path, problem)
        return record

    @staticmethod
    def _bad(path: Path, what: str) -> RecordingError:
        return RecordingError(f"recording {path} {what}: delete it and record again with --llm-mode record, or "
                              "restore it from version control")

    def save(self, key: str, request: dict[str, Any], response: dict[str, Any], provenance: dict[str, Any],
             meta: dict[str, Any] | None = None) -> Path:
        record = {"key": key, "provenance": provenance, "meta": meta or {}, "request": request,
                  "response": response, "usage": response.get("usage")}
        text = json.dumps(scrub(record, self.secrets), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        path = self.path(key)
        atomic_write_text(path, text)
        return path


def _problem(record: Any) -> str | None:
    """What makes ``record`` unusable as a recorded chat completion, or None."""
    if not isinstance(record, dict):
        return f"holds a JSON {type(record).__name__}, not an object"
    response = record.get("response")
    if not isinstance(response, dict):
        return "has no 'response' object"
    choices = response.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return "has no 'response.choices' list"
    message = choices[0].get("message")
    if not isinstance(message, dict):
        return "has no 'response.choices[0].message' object"
    if not isinstance(message.get("content"), (str, type(None))) or not isinstance(message.get("refusal"),
                                                                                   (str, type(None))):
        return "has a message whose content or refusal is not text"
    usage = response.get("usage")
    if usage is not None and (not isinstance(usage, dict) or not all(
            isinstance(usage.get(k, 0) or 0, int) for k in ("prompt_tokens", "completion_tokens"))):
        return "has a 'response.usage' that is not token counts"
    if not isinstance(record.get("provenance", {}), dict) or not isinstance(record.get("meta", {}), dict):
        return "has a 'provenance' or 'meta' that is not an object"
    return None


class RecordingTransport:
    """Record/replay layer over a live transport (see the module docstring for the modes)."""

    def __init__(self, live: Transport | None, store: RecordingStore, mode: str, *, model: str,
                 meta: dict[str, Any] | None = None, observer: Observer | None = None) -> None:
        self.live, self.store, self.mode, self.model = live, store, mode, model
        self.meta = meta or {}
        self.used: set[str] = set()  # 'live' and/or 'replay'
        self.observer = observer

    def complete(self, body: dict[str, Any]) -> Completion:
        key = request_key(body)
        start = time.perf_counter()
        try:
            comp = self._complete(body, key)
        except Exception as exc:
            self._observe(key, start, type(exc).__name__, 0, 0, getattr(exc, "attempts", 0), self.mode)
            raise
        self._observe(key, start, "ok", comp.usage["input_tokens"], comp.usage["output_tokens"], comp.attempts,
                      comp.source)
        return comp

    def _observe(self, key: str, start: float, status: str, tin: int, tout: int, attempts: int, source: str) -> None:
        if self.observer:
            self.observer({"request_hash": key, "model": self.model, "prompt": self.meta.get("prompt"),
                           "status": status, "input_tokens": tin, "output_tokens": tout, "attempts": attempts,
                           "duration_ms": round((time.perf_counter() - start) * 1000), "source": source})

    def _usable(self, rec: dict[str, Any]) -> bool:
        if self.mode == "replay":
            return True
        # auto: only an exchange recorded from a live model, against this same server
        return (rec.get("provenance") or {}).get("kind") == "recorded" and \
            (rec.get("meta") or {}).get("server") == self.meta.get("server")

    def _complete(self, body: dict[str, Any], key: str) -> Completion:
        if self.mode in ("replay", "auto"):
            rec = self.store.load(key)
            if rec is not None and self._usable(rec):
                self.used.add("replay")
                return Completion.from_raw(rec["response"], source="replay")
            if self.mode == "replay":
                article = self.meta.get("source") or "the article"
                raise RecordingMissError(
                    f"no recording for {article} (key {key[:16]}, prompt {self.meta.get('prompt', '?')}, model "
                    f"{self.model}) in {self.store.directory}: record it with --llm-mode record (needs a model), "
                    "or run offline with --backend local",
                    key=key,
                )
        if self.live is None:
            raise RecordingMissError(f"no live model configured for {self.meta.get('source') or 'the article'}",
                                     key=key)
        comp = self.live.complete(body)
        self.used.add("live")
        if self.mode == "record":
            self.store.save(key, body, comp.raw,
                            {"kind": "recorded", "model": comp.raw.get("model") or self.model,
                             "date": time.strftime("%Y-%m-%d", time.gmtime())}, self.meta)
        return comp
