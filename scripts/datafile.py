"""Shared by the data build scripts: deterministic gzip JSON or text, and the write-or-check step."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path


def encode(data: dict) -> bytes:
    """Sorted, compact JSON in a gzip with no file name and no timestamp: the same data gives the same bytes."""
    raw = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def encode_text(text: str) -> bytes:
    """ASCII text in a gzip with no file name and no timestamp: the same text gives the same bytes."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("ascii"))
    return buf.getvalue()


def write_or_check(out: Path, blob: bytes, check: bool) -> int:
    """Write ``blob`` to ``out``, or (``check``) compare it with the shipped file: exit status 0 when identical."""
    if check:
        same = out.is_file() and out.read_bytes() == blob
        print(f"{out}: {'identical' if same else 'DIFFERS'} ({len(blob)} bytes rebuilt)")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    print(f"wrote {out} ({len(blob)} bytes)")
    return 0
