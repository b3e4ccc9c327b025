"""Metric arithmetic, summary metrics against a golden summary, and diff metrics against a golden diff.

Diff matching rule: an expected item {kind, side, claim, field?} matches a produced change of the same category
(contradiction: a changed claim with a contradiction-severity slot; distortion: with a distortion-severity slot;
added; omitted) whose claim on that side contains the expected text (folded) in its text or evidence, or scores
rapidfuzz token_set_ratio >= 85 against it, and, when a field is given, whose slots of that severity include it
(``field_any`` lists alternatives, ``kind_any`` accepted categories). Each produced item matches at most one expected
item, in order. Empty inputs: precision is 1.0 when nothing was produced, recall 1.0 when nothing was expected.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..config import DIFF_DEFAULTS
from ..diff.align import align
from ..diff.report import SummaryDiff
from ..grounding import is_grounded
from ..llm.tokens import estimate_cost
from ..normalize import build_alias_map, compare_times, entity_key, fold_lower, time_parts
from ..schema import ArticleSummary, SummaryDraft, SummaryMeta

HIGHER, LOWER = "higher", "lower"
MATCH_MIN = DIFF_DEFAULTS.eval_match_min


@dataclass
class Metric:
    value: float | None
    direction: str = HIGHER
    n: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"value": None if self.value is None else round(self.value, 4), "direction": self.direction,
                "n": self.n}


@dataclass
class SuiteResult:
    name: str
    metrics: dict[str, Metric] = field(default_factory=dict)
    cases: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"metrics": {k: v.as_dict() for k, v in sorted(self.metrics.items())},
                "cases": dict(sorted(self.cases.items())), "seconds": round(self.seconds, 2)}


# --- metric arithmetic ------------------------------------------------------------------------------------------
def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1. No predictions: precision 1.0; nothing expected: recall 1.0."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def balanced_accuracy(tp: int, fn: int, tn: int, fp: int) -> float | None:
    """Mean of the true-positive and true-negative rates over the classes present; None with no cases."""
    rates = []
    if tp + fn:
        rates.append(tp / (tp + fn))
    if tn + fp:
        rates.append(tn / (tn + fp))
    return sum(rates) / len(rates) if rates else None


# --- summary metrics ---------------------------------------------------------------------------------------------
def summary_metrics(pred: ArticleSummary, gold: SummaryDraft, article_text: str) -> dict[str, Metric]:
    """Claims (recall/precision/F1 by the diff engine's alignment), entities (F1 after alias folding), time and
    quantity accuracy on aligned claims, grounding rate, and tokens when a model ran."""
    gold_claims = ArticleSummary.model_validate({**gold.model_dump(exclude={"claims"}), "claims": [
        c.model_dump() for c in gold.claims], "meta": SummaryMeta(backend="golden", mode="golden")}).claims
    al = align(gold_claims, pred.claims)
    matched = len(al.pairs)
    p, r, f = prf(matched, len(pred.claims) - matched, len(gold_claims) - matched)
    names = [e.name for s in (pred, gold) for e in s.entities] + [a for s in (pred, gold) for e in s.entities
                                                                  for a in e.aliases]
    alias = build_alias_map(names)

    def keys(s: Any) -> set[str]:
        return {alias.get(entity_key(e.name), entity_key(e.name)) for e in s.entities}

    ek_p, ek_g = keys(pred), keys(gold)
    _, _, ef = prf(len(ek_p & ek_g), len(ek_p - ek_g), len(ek_g - ek_p))
    time_ok = time_n = qty_ok = qty_n = 0
    for i, j, _ in al.pairs:
        g, c = gold_claims[i], pred.claims[j]
        if g.time or g.time_text:
            time_n += 1
            time_ok += compare_times(time_parts(g.time, g.time_text), time_parts(c.time, c.time_text)) == "same"
        if g.quantities:
            qty_n += 1
            qty_ok += {q.value for q in g.quantities} == {q.value for q in c.quantities}
    folded = fold_lower(article_text)
    grounded = sum(1 for c in pred.claims if is_grounded(c.evidence, folded))
    out = {
        "claim_precision": Metric(p, n=len(pred.claims)), "claim_recall": Metric(r, n=len(gold_claims)),
        "claim_f1": Metric(f, n=len(gold_claims)), "entity_f1": Metric(ef, n=len(ek_g)),
        "time_accuracy": Metric(time_ok / time_n if time_n else None, n=time_n),
        "quantity_accuracy": Metric(qty_ok / qty_n if qty_n else None, n=qty_n),
        "grounding_rate": Metric(grounded / len(pred.claims) if pred.claims else None, n=len(pred.claims)),
    }
    if pred.meta.usage.calls:
        u = pred.meta.usage
        out["input_tokens"] = Metric(u.input_tokens, LOWER, 1)
        out["output_tokens"] = Metric(u.output_tokens, LOWER, 1)
        cost = estimate_cost(pred.meta.model or "", u.input_tokens, u.output_tokens)
        if cost is not None:
            out["cost_usd"] = Metric(cost, LOWER, 1)
    return out


# --- diff metrics ------------------------------------------------------------------------------------------------
CATEGORIES = ("contradiction", "distortion", "added", "omitted")


def produced_items(report: SummaryDiff) -> list[dict[str, Any]]:
    """The diff as (category, side, text, evidence, fields) items, in report order."""
    items: list[dict[str, Any]] = []
    for ch in report.changes:
        if ch.kind == "added" and ch.new_claim:
            items.append(dict(kind="added", side="new", text=ch.new_claim.text, evidence=ch.new_claim.evidence,
                              fields=set()))
        elif ch.kind == "removed" and ch.old_claim:
            items.append(dict(kind="omitted", side="old", text=ch.old_claim.text, evidence=ch.old_claim.evidence,
                              fields=set()))
        else:
            for cat in ("contradiction", "distortion"):
                fields = {f.field for f in ch.fields if f.severity == cat}
                if fields:
                    for side, claim in (("old", ch.old_claim), ("new", ch.new_claim)):
                        if claim:
                            items.append(dict(kind=cat, side=side, text=claim.text, evidence=claim.evidence,
                                              fields=fields, pair=id(ch)))
    return items


def _text_matches(expected: str, item: dict[str, Any]) -> bool:
    e = fold_lower(expected)
    for t in (item["text"], item["evidence"]):
        t = fold_lower(t)
        if e in t or fuzz.token_set_ratio(e, t) >= MATCH_MIN:
            return True
    return False


def match_diff(expected: list[dict[str, Any]], report: SummaryDiff) -> dict[str, dict[str, int]]:
    """Per category: tp, fp, fn under the documented matching rule."""
    items = produced_items(report)
    used: set[int] = set()
    used_pairs: set[int] = set()
    tp: Counter[str] = Counter()
    for exp in expected:
        wanted = set(exp.get("field_any") or ([exp["field"]] if exp.get("field") else []))
        kinds = set(exp.get("kind_any") or [exp["kind"]])
        for k, it in enumerate(items):
            if k in used or it["kind"] not in kinds or it["side"] != exp.get("side", it["side"]):
                continue
            if wanted and not (wanted & it["fields"]):
                continue
            if _text_matches(exp["claim"], it):
                used.add(k)
                if "pair" in it:
                    used_pairs.add(it["pair"])
                tp[exp["kind"]] += 1
                if it["kind"] != exp["kind"]:  # matched under an accepted alternative kind: not a false alarm there
                    tp[f"alt:{it['kind']}"] += 1
                break
    out = {}
    for cat in CATEGORIES:
        n_expected = sum(1 for e in expected if e["kind"] == cat)
        # a changed pair counts once as produced, whichever side matched
        produced = {it.get("pair", k) for k, it in enumerate(items) if it["kind"] == cat}
        out[cat] = {"tp": tp[cat], "fp": max(0, len(produced) - tp[cat] - tp[f"alt:{cat}"]),
                    "fn": n_expected - tp[cat]}
    return out


DiffCase = tuple[str, list[dict[str, Any]], str | list[str], SummaryDiff]


def diff_metrics(cases: list[DiffCase]) -> tuple[dict[str, Metric],
                                                                                           dict[str, Any]]:
    """Aggregate precision/recall per category and verdict accuracy over (id, expected, verdict, report) cases."""
    totals: dict[str, Counter[str]] = {cat: Counter() for cat in CATEGORIES}
    verdict_ok = 0
    outcomes = {}
    for cid, expected, verdict, report in cases:
        m = match_diff(expected, report)
        for cat in CATEGORIES:
            totals[cat].update(m[cat])
        ok = _verdict_ok(verdict, report.verdict)
        verdict_ok += ok
        outcomes[cid] = {"verdict": report.verdict, "verdict_ok": ok,
                         "found": sum(m[c]["tp"] for c in CATEGORIES),
                         "expected": sum(m[c]["tp"] + m[c]["fn"] for c in CATEGORIES)}
    metrics: dict[str, Metric] = {}
    for cat in CATEGORIES:
        t = totals[cat]
        p, r, _ = prf(t["tp"], t["fp"], t["fn"])
        metrics[f"{cat}_precision"] = Metric(p, n=t["tp"] + t["fp"])
        metrics[f"{cat}_recall"] = Metric(r, n=t["tp"] + t["fn"])
    metrics["verdict_accuracy"] = Metric(verdict_ok / len(cases) if cases else None, n=len(cases))
    return metrics, outcomes


def _verdict_ok(expected: str | list[str], got: str) -> bool:
    """'consistent' and 'identical' are one class for goldens (no material difference); a list accepts any."""
    calm = {"identical", "consistent"}
    if isinstance(expected, list):
        return any(_verdict_ok(e, got) for e in expected)
    return expected == got or (expected in calm and got in calm)
