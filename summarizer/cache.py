"""The summary cache: finished summaries on disk, keyed like recordings, written atomically. Errors are never
cached: only a validated ``ArticleSummary`` is ever written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .files import atomic_write_text, canonical_hash
from .schema import ArticleSummary


def summary_key(parts: dict[str, Any]) -> str:
    return canonical_hash(parts)


class SummaryCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory) / "summaries"

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> ArticleSummary | None:
        path = self._path(key)
        try:
            return ArticleSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (ValidationError, ValueError, OSError):
            return None  # a stale or foreign file is a miss, recomputed and overwritten

    def put(self, key: str, summary: ArticleSummary) -> None:
        atomic_write_text(self._path(key), summary.model_dump_json(indent=1) + "\n")
