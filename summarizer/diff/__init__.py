"""The diff engine: alignment, slot comparison and the report object."""

from .engine import diff, diff_many
from .report import DIFF_SCHEMA_VERSION, MultiDiff, SummaryDiff

__all__ = ["diff", "diff_many", "SummaryDiff", "MultiDiff", "DIFF_SCHEMA_VERSION"]
