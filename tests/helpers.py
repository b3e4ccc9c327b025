"""Builders for small hand-made summaries used by the unit tests (hand-written, not model output)."""

from __future__ import annotations

from typing import Any

from summarizer.schema import ArticleSummary, Claim, Quantity, Quote, SummaryMeta


def claim(text: str, cid: str = "c1", **slots: Any) -> Claim:
    quantities = [Quantity(**q) for q in slots.pop("quantities", [])]
    base: dict[str, Any] = dict(id=cid, text=text, kind="event", actors=[], time_text=None, time=None, place=None,
                                quantities=quantities, attribution=None, certainty="asserted", negated=False,
                                evidence=slots.pop("evidence", text))
    base.update(slots)
    return Claim(**base)


def summary(*claims: Claim, quotes: list[Quote] | None = None) -> ArticleSummary:
    return ArticleSummary(title=None, gist="test", publication_date=None, claims=list(claims), entities=[],
                          quotes=quotes or [], meta=SummaryMeta(backend="local", mode="offline"))
