"""Grounding: is each claim's evidence quote really in the article?

Evidence and article are folded the same way (Unicode, quote marks, dashes, whitespace, case). Exact containment
grounds a claim; otherwise rapidfuzz ``partial_ratio`` (best-matching window of the article) must reach
``GROUNDING_THRESHOLD`` (90/100: a few characters of difference in a sentence). Ungrounded claims are kept and
flagged, never dropped.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from . import config
from .normalize import fold_lower
from .schema import Claim, ClaimDraft


def is_grounded(evidence: str, folded_article: str, threshold: float = config.GROUNDING_THRESHOLD) -> bool:
    ev = fold_lower(evidence)
    if not ev:
        return False
    if ev in folded_article:
        return True
    return fuzz.partial_ratio(ev, folded_article, score_cutoff=threshold) >= threshold


def ground(claims: list[ClaimDraft], article_text: str,
           threshold: float = config.GROUNDING_THRESHOLD) -> list[Claim]:
    folded = fold_lower(article_text)
    return [Claim(**c.model_dump(exclude={"grounded"}), grounded=is_grounded(c.evidence, folded, threshold))
            for c in claims]
