"""The public API is what __all__ says, and every model field carries a description (it is part of the prompt)."""

from __future__ import annotations

import summarizer
from summarizer import schema
from summarizer.diff import report

EXPECTED = {
    "Article", "ArticleSummary", "Claim", "ConfigError", "DIFF_SCHEMA_VERSION", "Entity", "InputError",
    "InvalidOutputError", "ModelError", "MultiDiff", "PermanentAPIError", "PromptError", "Quantity", "Quote",
    "RecordingMissError", "RefusalError", "ReportError", "Settings", "SummarizerError", "Summarizer", "SummaryDiff",
    "TransportError", "TruncatedError", "__version__", "asummarize_many", "diff", "diff_many", "extract_summary",
    "load_article", "resolve_settings", "summarize",
}


def test_public_api_does_not_drift():
    assert set(summarizer.__all__) == EXPECTED
    assert all(hasattr(summarizer, name) for name in summarizer.__all__)


def test_every_model_field_has_a_description():
    models = [v for m in (schema, report) for v in vars(m).values()
              if isinstance(v, type) and issubclass(v, schema.BaseModel) and v.__module__ == m.__name__
              and v.model_fields]
    missing = [f"{m.__name__}.{n}" for m in models for n, f in m.model_fields.items() if not f.description]
    assert models and missing == []


def test_unknown_keys_are_rejected():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        schema.Quote(speaker=None, text="x", verbatim=True, mood="happy")


def test_summary_round_trips_through_json(korea_pair):
    s = summarizer.extract_summary(summarizer.load_article(korea_pair[0]))
    again = schema.ArticleSummary.model_validate_json(s.model_dump_json())
    assert again == s and again.model_dump_json() == s.model_dump_json()
