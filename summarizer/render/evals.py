"""Rich tables for eval results and their comparison. Reads result dictionaries only."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..evaluate import Comparison


def print_results(results: dict[str, Any], console: Console) -> None:
    meta = results["meta"]
    console.print(Text(f"backend {meta.get('backend')}  model {meta.get('model') or '-'}  prompt "
                       f"{meta.get('prompt_version') or '-'}  seed {meta.get('seed')}  limit {meta.get('limit') or '-'}"
                       f"  split {meta.get('split') or 'all'}  commit {(meta.get('git_commit') or '-')[:10]}",
                       style="dim"))
    for name, suite in results["suites"].items():
        table = Table(title=f"{name} ({suite['seconds']:.1f} s)", expand=False, title_justify="left")
        table.add_column("metric")
        table.add_column("value", justify="right")
        table.add_column("n", justify="right")
        table.add_column("better")
        for metric, m in suite["metrics"].items():
            value = "-" if m["value"] is None else (f"{m['value']:.1%}" if abs(m["value"]) <= 1 else f"{m['value']:g}")
            table.add_row(metric, value, str(m["n"]), "higher" if m["direction"] == "higher" else "lower")
        console.print(table)
    console.print(Text(f"total {meta.get('seconds', 0):.1f} s", style="bold"))


def print_comparison(comparison: Comparison, console: Console) -> None:
    table = Table(title="compared with the previous results", title_justify="left")
    for col in ("suite", "metric", "old", "new", "delta"):
        table.add_column(col, justify="right" if col in ("old", "new", "delta") else "left")
    for d in comparison.deltas:
        style = "" if d["delta"] == 0 else ("green" if d["delta"] > 0 else "red")
        table.add_row(d["suite"], d["metric"], f"{d['old']:.4f}", f"{d['new']:.4f}", Text(f"{d['delta']:+.4f}",
                                                                                            style=style))
    console.print(table)
    for suite, cases in comparison.flipped.items():
        console.print(Text(f"{suite}: {len(cases)} case(s) flipped: " + ", ".join(c["case"] for c in cases[:20])
                           + (" ..." if len(cases) > 20 else "")))
    if comparison.regressions:
        console.print(Text("regressions: " + "; ".join(comparison.regressions), style="bold red"))
    else:
        console.print(Text("no regression beyond the threshold", style="green"))
