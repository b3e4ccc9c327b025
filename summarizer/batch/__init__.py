"""Batch runs: many pairs or groups of articles, each article summarised once, every item diffed.

    inputs    the input lines (a pydantic model per line) and the items they name
    results   the results file: JSONL, one row per item id, resumable
    runner    the run itself (threads for model calls, a process pool offline; Ctrl-C safe) and the dry run
    provider  the provider's Batch API engine (``--via openai-batch``)
    runlog    the SQLite run log: runs, model exchanges, items

Each module imports only the ones above it in this list (and the stages below the batch layer): no import circle.
"""

from .inputs import InlineArticle, InputLine, Item, content_hash, count_items, load_source, read_items
from .provider import BatchResultsTransport, ProviderBatch
from .results import ResultsFile, read_results
from .runlog import RunLog, recent_runs
from .runner import BatchRunner, BatchStats, dry_run, run_batch

__all__ = [
    "BatchResultsTransport", "BatchRunner", "BatchStats", "InlineArticle", "InputLine", "Item", "ProviderBatch",
    "ResultsFile", "RunLog", "content_hash", "count_items", "dry_run", "load_source", "read_items", "read_results",
    "recent_runs", "run_batch",
]
