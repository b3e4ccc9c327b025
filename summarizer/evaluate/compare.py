"""Comparing two eval results files: each metric's delta, the cases that flipped, and regressions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReportError
from .metrics import HIGHER


@dataclass
class Comparison:
    deltas: list[dict[str, Any]]
    flipped: dict[str, list[dict[str, Any]]]
    regressions: list[str]


def load_results(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a readable eval results file ({exc}): pass a file written by "
                          "'summarizer eval --out'") from None
    if not isinstance(data, dict) or "suites" not in data or "meta" not in data:
        raise ReportError(f"{path}: not an eval results file (expected keys 'meta' and 'suites'): pass a file "
                          "written by 'summarizer eval --out'")
    return data


def compare_results(old: dict[str, Any], new: dict[str, Any], max_drop: float = 0.0) -> Comparison:
    """Each metric's delta, the cases whose outcome changed, and the metrics that moved the wrong way by more than
    ``max_drop``."""
    deltas, regressions = [], []
    flipped: dict[str, list[dict[str, Any]]] = {}
    for suite in sorted(set(old["suites"]) & set(new["suites"])):
        om, nm = old["suites"][suite]["metrics"], new["suites"][suite]["metrics"]
        for name in sorted(set(om) & set(nm)):
            a, b = om[name]["value"], nm[name]["value"]
            if a is None or b is None:
                continue
            delta = b - a
            worse = -delta if nm[name]["direction"] == HIGHER else delta
            deltas.append({"suite": suite, "metric": name, "old": a, "new": b, "delta": round(delta, 4)})
            if worse > max_drop + 1e-12:
                regressions.append(f"{suite}.{name}: {a:.4f} -> {b:.4f}")
        oc, nc = old["suites"][suite]["cases"], new["suites"][suite]["cases"]
        changed = [{"case": k, "old": oc[k], "new": nc[k]} for k in sorted(set(oc) & set(nc)) if oc[k] != nc[k]]
        if changed:
            flipped[suite] = changed
    return Comparison(deltas=deltas, flipped=flipped, regressions=regressions)
