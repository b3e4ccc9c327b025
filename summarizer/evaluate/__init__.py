"""Evaluation: metrics with a direction, golden cases, external benchmarks, results files and their comparison.

Suites (each returns metrics and a per-case outcome so that two runs can be compared case by case):
- golden   hand-written golden summaries and golden diffs (evals/golden/*/case.json) and the seeded perturbation
           cases (evals/golden/perturbed.jsonl): summary metrics against golden summaries, diff metrics against
           golden diffs.
- bump     BUMP minimal pairs: is the planted edit reported as a material change (located) and typed by the right
           slot; a summary against itself must be identical.
- iterater IteraTeR Wikinews revisions: meaning-changed revisions must show a material change, the others must not.
- summedits SummEdits news: article vs summary, consistent or not (balanced accuracy).

The diff matching rule is documented in ``metrics``; the suites in ``suites``.
"""

from .compare import Comparison, compare_results, load_results
from .metrics import (
    CATEGORIES, HIGHER, LOWER, Metric, SuiteResult, balanced_accuracy, diff_metrics, match_diff, prf, produced_items,
    summary_metrics,
)
from .suites import BUMP_SLOTS, SUITES, edit_span, git_commit, read_jsonl, run_evals, sample

__all__ = [
    "BUMP_SLOTS", "CATEGORIES", "Comparison", "HIGHER", "LOWER", "Metric", "SUITES", "SuiteResult",
    "balanced_accuracy", "compare_results", "diff_metrics", "edit_span", "git_commit", "load_results", "match_diff",
    "prf", "produced_items", "read_jsonl", "run_evals", "sample", "summary_metrics",
]
