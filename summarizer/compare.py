"""Articles in, one report out: the code path the CLI, the service and its page share (no second diff).

Two articles give a ``SummaryDiff``; more give a ``MultiDiff`` (the first is the base). ``material`` says whether a
report holds a difference of the kinds a caller asked about (the CLI's exit code, the service's header).
"""

from __future__ import annotations

from collections.abc import Sequence

from .articles import Article
from .diff import MultiDiff, SummaryDiff, diff, diff_many
from .diff.report import VERDICT_ORDER, Verdict
from .errors import InputError
from .pipeline import Summarizer
from .schema import ArticleSummary

FAIL_ON = ("contradiction", "addition", "omission", "any")


def compare(articles: Sequence[Article], engine: Summarizer) -> SummaryDiff | MultiDiff:
    """Summarise each article (in order) and diff the first against the others."""
    if len(articles) < 2:
        raise InputError(f"a diff needs at least two articles (got {len(articles)}): give the original and a copy")
    if engine.settings.effective_backend == "openai":  # model calls wait on the network: summarise at once (the
        # transport's gate keeps requests in flight within the configured concurrency); imported here, as the
        # offline path, run by every user first, needs no threads
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(len(articles), engine.settings.concurrency)) as pool:
            summaries = list(pool.map(engine.summarize, articles))
    else:
        summaries = [engine.summarize(a) for a in articles]
    return diff_summaries(summaries)


def diff_summaries(summaries: Sequence[ArticleSummary]) -> SummaryDiff | MultiDiff:
    """Two summaries give a ``SummaryDiff``; more give a ``MultiDiff`` with the first as the base."""
    if len(summaries) == 2:
        return diff(summaries[0], summaries[1])
    return diff_many(summaries[0], list(summaries[1:]))


def verdict_of(report: SummaryDiff | MultiDiff) -> Verdict:
    """A report's verdict; for several versions, the most severe of its pairwise verdicts."""
    if isinstance(report, SummaryDiff):
        return report.verdict
    return max((d.verdict for d in report.diffs), key=VERDICT_ORDER.index)


def material(report: SummaryDiff, fail_on: Sequence[str]) -> bool:
    """Whether ``report`` holds a difference of a kind named in ``fail_on``."""
    c = report.scores.counts
    details_added = any(f.change in ("added", "attributed") for ch in report.changes for f in ch.fields)
    checks = {
        "contradiction": c.contradiction + c.distortion > 0,
        "addition": c.added > 0 or details_added,
        "omission": c.removed > 0 or (c.detail > 0 and not details_added),
        "any": report.verdict not in ("identical", "consistent"),
    }
    return any(checks[f] for f in fail_on)


def any_material(report: SummaryDiff | MultiDiff, fail_on: Sequence[str] = ()) -> bool:
    """``material`` over every pairwise diff of a report (default: any material difference)."""
    diffs = [report] if isinstance(report, SummaryDiff) else report.diffs
    return any(material(d, tuple(fail_on) or ("any",)) for d in diffs)
