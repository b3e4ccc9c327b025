"""Evaluation: metrics with a direction, golden cases, external benchmarks, results files and their comparison.

Suites (each returns metrics and a per-case outcome so that two runs can be compared case by case):
- golden   hand-written golden summaries and golden diffs (evals/golden/*/case.json) and the seeded perturbation
           cases (evals/golden/perturbed.jsonl): summary metrics against golden summaries, diff metrics against
           golden diffs.
- bump     BUMP minimal pairs: is the planted edit reported as a material change (located) and typed by the right
           slot; a summary against itself must be identical.
- iterater IteraTeR Wikinews revisions: meaning-changed revisions must show a material change, the others must not.
- summedits SummEdits news: article vs summary, consistent or not (balanced accuracy).

Diff matching rule: an expected item {kind, side, claim, field?} matches a produced change of the same category
(contradiction: a changed claim with a contradiction-severity slot; distortion: with a distortion-severity slot;
added; omitted) whose claim on that side contains the expected text (folded) in its text or evidence, or scores
rapidfuzz token_set_ratio >= 85 against it, and, when a field is given, whose slots of that severity include it
(``field_any`` lists alternatives). Each produced item matches at most one expected item, in order.

Conventions on empty inputs: precision is 1.0 when nothing was produced, recall 1.0 when nothing was expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import random
import re
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from rapidfuzz import fuzz

from .articles import Article, article_from_text, load_article
from .diff import diff
from .diff.align import align
from .diff.report import SummaryDiff
from .errors import ReportError
from .grounding import is_grounded
from .llm.tokens import estimate_cost
from .normalize import build_alias_map, compare_times, entity_key, fold, fold_lower, time_parts
from .schema import ArticleSummary, SummaryDraft, SummaryMeta

HIGHER, LOWER = "higher", "lower"
MATCH_MIN = 85.0
BUMP_SLOTS = {
    "circumstance": {"time", "place", "quantity"},
    "entity": {"actors", "entity", "place", "attribution"},
    "predicate": {"action", "negation", "certainty", "modality"},
}


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
    gold_claims = ArticleSummary(**gold.model_dump(exclude={"claims"}), claims=[
        c.model_dump() for c in gold.claims], meta=SummaryMeta(backend="golden", mode="golden")).claims
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
    items = []
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
    tp = Counter()
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


def diff_metrics(cases: list[tuple[str, list[dict[str, Any]], str | list[str], SummaryDiff]]) -> tuple[dict[str, Metric],
                                                                                           dict[str, Any]]:
    """Aggregate precision/recall per category and verdict accuracy over (id, expected, verdict, report) cases."""
    totals = {cat: Counter() for cat in CATEGORIES}
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


# --- suites ------------------------------------------------------------------------------------------------------
Summarize = Callable[[Article], ArticleSummary]


def _memo(summarize: Summarize) -> Summarize:
    cache: dict[str, ArticleSummary] = {}

    def run(article: Article) -> ArticleSummary:
        key = f"{article.title}\x00{article.text}"
        if key not in cache:
            cache[key] = summarize(article)
        return cache[key]

    return run


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: cannot read JSONL ({exc}): regenerate it or check the path") from None


def sample(rows: list[dict[str, Any]], limit: int | None, seed: int) -> list[dict[str, Any]]:
    """A seeded sample of ``limit`` rows (all rows, in file order, without a limit)."""
    if not limit or limit >= len(rows):
        return rows
    idx = sorted(random.Random(seed).sample(range(len(rows)), limit))
    return [rows[i] for i in idx]


def golden_suite(root: Path, summarize: Summarize, limit: int | None, seed: int) -> SuiteResult:
    res = SuiteResult("golden")
    cases: list[tuple[str, list[dict[str, Any]], str, SummaryDiff]] = []
    summary_scores: dict[str, list[float]] = {}
    for case_file in sorted((root / "golden").glob("*/case.json")):
        case = json.loads(case_file.read_text(encoding="utf-8"))
        articles = [load_article(root.parent / case[side]) for side in ("old", "new")]
        summaries = [summarize(a) for a in articles]
        for side, art, summ in zip(("old", "new"), articles, summaries):
            gold = SummaryDraft.model_validate_json((root.parent / case[f"{side}_summary"]).read_text("utf-8"))
            for name, metric in summary_metrics(summ, gold, art.text).items():
                if metric.value is not None:
                    summary_scores.setdefault(name, []).append(metric.value)
        cases.append((case["id"], case["expected"], case["verdict"], diff(*summaries)))
    perturbed = sample(read_jsonl(root / "golden" / "perturbed.jsonl"), limit, seed)
    for row in perturbed:
        old = summarize(article_from_text(row["old_text"], source=f"{row['id']}/old"))
        new = summarize(article_from_text(row["new_text"], source=f"{row['id']}/new"))
        cases.append((row["id"], row["expected"], row.get("verdict_any") or row["verdict"], diff(old, new)))
    metrics, outcomes = diff_metrics(cases)
    res.metrics.update(metrics)
    for name, values in sorted(summary_scores.items()):
        direction = LOWER if name.endswith(("_tokens", "_usd")) else HIGHER
        res.metrics[f"summary_{name}"] = Metric(sum(values) / len(values), direction, len(values))
    res.cases.update(outcomes)
    return res


def edit_span(old: str, new: str) -> tuple[list[str], list[str]]:
    """The words a minimal edit removed and inserted (difflib over whitespace tokens)."""
    a, b = fold(old).split(), fold(new).split()
    gone: list[str] = []
    came: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            gone += a[i1:i2]
            came += b[j1:j2]
    return gone, came


def _bump_type(row: dict[str, Any]) -> str | None:
    label = (row.get("corrected_error_type") or row.get("error_type") or "").lower()
    return next((k for k in BUMP_SLOTS if k in label), None)


def bump_suite(root: Path, summarize: Summarize, limit: int | None, seed: int) -> SuiteResult:
    """Located: a changed or added claim (not a rewording) whose text holds the edit's words. Typed: that change's
    slots include one matching the BUMP error type. Identical: the reference summary against itself."""
    res = SuiteResult("bump")
    rows = sample(read_jsonl(root / "data" / "bump" / "data.jsonl"), limit, seed)
    located = typed = typed_n = identical = 0
    per_type: dict[str, Counter] = {k: Counter() for k in BUMP_SLOTS}
    for row in rows:
        a = summarize(article_from_text(row["original_text"], source=row["id"]))
        b = summarize(article_from_text(row["derived_text"], source=row["id"]))
        report = diff(a, b)
        gone, came = edit_span(row["original_text"], row["derived_text"])
        key = [k for k in (re.sub(r"\W", "", w.lower()) for w in (came or gone)) if k]
        is_located = is_typed = False
        kind = _bump_type(row)
        for ch in report.changes:
            if ch.kind == "removed" or ch.new_claim is None:
                continue
            text = re.sub(r"[^\w ]", "", fold_lower(ch.new_claim.text))
            if key and all(k in text for k in key):
                is_located = True
                if kind and {f.field for f in ch.fields} & BUMP_SLOTS[kind]:
                    is_typed = True
        located += is_located
        if kind:
            typed_n += 1
            typed += is_typed
            per_type[kind].update({"n": 1, "located": is_located, "typed": is_typed})
        same = diff(a, a).verdict == "identical"
        identical += same
        res.cases[row["id"]] = {"located": is_located, "typed": is_typed if kind else None, "identical": same}
    n = len(rows)
    res.metrics["located"] = Metric(located / n if n else None, n=n)
    res.metrics["typed"] = Metric(typed / typed_n if typed_n else None, n=typed_n)
    res.metrics["identical"] = Metric(identical / n if n else None, n=n)
    for kind, c in per_type.items():
        if c["n"]:
            res.metrics[f"typed_{kind}"] = Metric(c["typed"] / c["n"], n=c["n"])
    return res


def _binary_suite(name: str, rows: list[dict[str, Any]], summarize: Summarize, *, old_key: str, new_key: str,
                  positive: Callable[[dict[str, Any]], bool], flagged: Callable[[SummaryDiff], bool],
                  labels: tuple[str, str, str]) -> SuiteResult:
    """A yes/no benchmark: diff each row's two texts, flag it, score flags against labels (balanced accuracy)."""
    res = SuiteResult(name)
    c = Counter()
    for row in rows:
        report = diff(summarize(article_from_text(row[old_key], source=row["id"])),
                      summarize(article_from_text(row[new_key], source=row["id"])))
        pos, flag = positive(row), flagged(report)
        c[(pos, flag)] += 1
        res.cases[row["id"]] = {labels[0]: pos, "flagged": flag, "ok": pos == flag}
    tp, fn, tn, fp = c[(True, True)], c[(True, False)], c[(False, False)], c[(False, True)]
    res.metrics["balanced_accuracy"] = Metric(balanced_accuracy(tp, fn, tn, fp), n=len(rows))
    res.metrics[labels[1]] = Metric(tp / (tp + fn) if tp + fn else None, n=tp + fn)
    res.metrics[labels[2]] = Metric(tn / (tn + fp) if tn + fp else None, n=tn + fp)
    return res


def iterater_suite(root: Path, summarize: Summarize, limit: int | None, seed: int) -> SuiteResult:
    """Revisions with a meaning-changed edit must show a material change (verdict beyond consistent); the others
    must not."""
    rows = sample(read_jsonl(root / "data" / "iterater_news" / "data.jsonl"), limit, seed)
    return _binary_suite("iterater", rows, summarize, old_key="source_text", new_key="derived_text",
                         positive=lambda r: "meaning-changed" in r["label"],
                         flagged=lambda d: d.verdict not in ("identical", "consistent"),
                         labels=("meaning_changed", "meaning_changed_recall", "no_change_specificity"))


def summedits_suite(root: Path, summarize: Summarize, limit: int | None, seed: int) -> SuiteResult:
    """Article vs summary: the summary is judged inconsistent when the diff reports a contradiction, a distortion or
    an added claim (something the article does not say)."""
    rows = sample(read_jsonl(root / "data" / "summedits_news" / "data.jsonl"), limit, seed)
    return _binary_suite("summedits", rows, summarize, old_key="source_text", new_key="derived_text",
                         positive=lambda r: r["label"] == 0,
                         flagged=lambda d: d.scores.counts["contradiction"] + d.scores.counts["distortion"]
                         + d.scores.counts["added"] > 0,
                         labels=("inconsistent_label", "inconsistent_recall", "consistent_specificity"))


SUITES: dict[str, Callable[[Path, Summarize, int | None, int], SuiteResult]] = {
    "golden": golden_suite, "bump": bump_suite, "iterater": iterater_suite, "summedits": summedits_suite,
}


def run_evals(root: Path, summarize: Summarize, *, suites: Iterable[str] = tuple(SUITES), limit: int | None = None,
              seed: int = 0, meta: dict[str, Any] | None = None,
              progress: Callable[[str], None] = lambda name: None) -> dict[str, Any]:
    """Run the named suites; the result is the JSON results file's content."""
    summarize = _memo(summarize)
    out: dict[str, Any] = {"meta": {**(meta or {}), "seed": seed, "limit": limit,
                                    "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                    "git_commit": git_commit(root)}, "suites": {}}
    start = time.perf_counter()
    for name in suites:
        if name not in SUITES:
            raise ReportError(f"unknown eval suite {name!r}: choose from {', '.join(SUITES)}")
        progress(name)
        t0 = time.perf_counter()
        result = SUITES[name](root, summarize, limit, seed)
        result.seconds = time.perf_counter() - t0
        out["suites"][name] = result.as_dict()
    out["meta"]["seconds"] = round(time.perf_counter() - start, 2)
    return out


def git_commit(root: Path) -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


# --- comparing two results files -------------------------------------------------------------------------------------
@dataclass
class Comparison:
    deltas: list[dict[str, Any]]
    flipped: dict[str, list[dict[str, Any]]]
    regressions: list[str]


def load_results(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a readable eval results file ({exc}): pass a file written by "
                          "'summarizer eval --out'") from None
    if not isinstance(data, dict) or "suites" not in data or "meta" not in data:
        raise ReportError(f"{path}: not an eval results file (expected keys 'meta' and 'suites'): pass a file "
                          "written by 'summarizer eval --out'")
    return data


def compare_results(old: dict[str, Any], new: dict[str, Any], max_drop: float = 0.0) -> Comparison:
    """Each metric's delta, the cases whose outcome changed, and the metrics that moved the wrong way by more than
    ``max_drop``."""
    deltas, regressions = [], []
    flipped: dict[str, list[dict[str, Any]]] = {}
    for suite in sorted(set(old["suites"]) & set(new["suites"])):
        om, nm = old["suites"][suite]["metrics"], new["suites"][suite]["metrics"]
        for name in sorted(set(om) & set(nm)):
            a, b = om[name]["value"], nm[name]["value"]
            if a is None or b is None:
                continue
            delta = b - a
            worse = -delta if nm[name]["direction"] == HIGHER else delta
            deltas.append({"suite": suite, "metric": name, "old": a, "new": b, "delta": round(delta, 4)})
            if worse > max_drop + 1e-12:
                regressions.append(f"{suite}.{name}: {a:.4f} -> {b:.4f}")
        oc, nc = old["suites"][suite]["cases"], new["suites"][suite]["cases"]
        changed = [{"case": k, "old": oc[k], "new": nc[k]} for k in sorted(set(oc) & set(nc)) if oc[k] != nc[k]]
        if changed:
            flipped[suite] = changed
    return Comparison(deltas=deltas, flipped=flipped, regressions=regressions)


