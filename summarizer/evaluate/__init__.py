"""Evaluation: metrics with a direction (``metrics``), the golden and external suites and the run that writes a
results file (``suites``), and the comparison of two results files (``compare``)."""

from .compare import Comparison, compare_results, load_results
from .metrics import (
    CATEGORIES,
    HIGHER,
    LOWER,
    Metric,
    SuiteResult,
    balanced_accuracy,
    diff_metrics,
    match_diff,
    prf,
    produced_items,
    summary_metrics,
)
from .suites import BUMP_SLOTS, SUITES, edit_span, git_commit, read_jsonl, run_evals, sample, sentence_pairs, split_of

__all__ = [
    "BUMP_SLOTS", "CATEGORIES", "Comparison", "HIGHER", "LOWER", "Metric", "SUITES", "SuiteResult",
    "balanced_accuracy", "compare_results", "diff_metrics", "edit_span", "git_commit", "load_results", "match_diff",
    "prf", "produced_items", "read_jsonl", "run_evals", "sample", "sentence_pairs", "split_of", "summary_metrics",
]
