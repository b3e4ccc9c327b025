"""summarizer: claim-by-claim differences between two versions of a news article.

Public API::

    from summarizer import load_article, summarize, diff
    old = summarize(load_article("original.txt"))
    new = summarize(load_article("copy.txt"))
    report = diff(old, new)          # a SummaryDiff; report.model_dump_json() is the JSON contract
"""

from .articles import Article, load_article
from .config import Settings, resolve_settings
from .diff import DIFF_SCHEMA_VERSION, MultiDiff, SummaryDiff, diff, diff_many
from .errors import (
    ConfigError,
    InputError,
    InvalidOutputError,
    ModelError,
    PermanentAPIError,
    PromptError,
    RecordingMissError,
    RefusalError,
    ReportError,
    SummarizerError,
    TransportError,
    TruncatedError,
)
from .extract.local import extract_summary
from .pipeline import Summarizer, asummarize_many, summarize
from .schema import ArticleSummary, Claim, Entity, Quantity, Quote

__version__ = "0.1.0"

__all__ = [
    "Article", "ArticleSummary", "Claim", "ConfigError", "DIFF_SCHEMA_VERSION", "Entity", "InputError",
    "InvalidOutputError", "ModelError", "MultiDiff", "PermanentAPIError", "PromptError", "Quantity", "Quote",
    "RecordingMissError", "RefusalError", "ReportError", "Settings", "SummarizerError", "Summarizer",
    "SummaryDiff", "TransportError", "TruncatedError", "__version__", "asummarize_many", "diff", "diff_many",
    "extract_summary", "load_article", "resolve_settings", "summarize",
]
