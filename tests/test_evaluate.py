"""The eval machinery computes its metrics right on tiny cases with known answers (evals themselves are not tests)."""

from __future__ import annotations

import json

import pytest

from summarizer import diff
from summarizer.errors import ReportError
from summarizer.evaluate import (
    balanced_accuracy,
    compare_results,
    diff_metrics,
    load_results,
    match_diff,
    prf,
    sample,
    sentence_pairs,
    split_of,
    summary_metrics,
)
from summarizer.schema import SummaryDraft

from .helpers import claim, summary


def test_prf_perfect_one_miss_one_false_alarm_and_empty():
    assert prf(3, 0, 0) == (1.0, 1.0, 1.0)
    p, r, f = prf(2, 0, 1)
    assert (p, round(r, 4), round(f, 4)) == (1.0, 0.6667, 0.8)
    p, r, f = prf(2, 1, 0)
    assert (round(p, 4), r) == (0.6667, 1.0)
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 2, 0)[0] == 0.0 and prf(0, 0, 2)[1] == 0.0


def test_balanced_accuracy():
    assert balanced_accuracy(tp=5, fn=5, tn=10, fp=0) == 0.75
    assert balanced_accuracy(tp=3, fn=1, tn=0, fp=0) == 0.75  # one class only: its rate
    assert balanced_accuracy(0, 0, 0, 0) is None


OLD = summary(claim("Kim travelled to Russia in September.", "c1", time_text="in September"),
              claim("Zhao met Choe Ryong-hae on Thursday.", "c2"))
NEW = summary(claim("Kim travelled to Russia in 2019.", "c1", time="2019", time_text="in 2019"),
              claim("Travel restrictions are easing across the region.", "c2"))


def test_diff_matching_perfect():
    expected = [{"kind": "contradiction", "side": "old", "claim": "Kim travelled to Russia", "field": "time"},
                {"kind": "omitted", "side": "old", "claim": "Zhao met Choe"},
                {"kind": "added", "side": "new", "claim": "Travel restrictions are easing"}]
    m = match_diff(expected, diff(OLD, NEW))
    assert {k: v["tp"] for k, v in m.items()} == {"contradiction": 1, "distortion": 0, "added": 1, "omitted": 1}
    assert all(v["fp"] == 0 and v["fn"] == 0 for v in m.values())


def test_diff_matching_one_miss_and_one_false_alarm():
    expected = [{"kind": "contradiction", "side": "old", "claim": "Kim travelled to Russia", "field": "quantity"},
                {"kind": "added", "side": "new", "claim": "Travel restrictions are easing"}]
    m = match_diff(expected, diff(OLD, NEW))
    assert m["contradiction"] == {"tp": 0, "fp": 1, "fn": 1}  # wrong slot: a miss and a false alarm
    assert m["omitted"] == {"tp": 0, "fp": 1, "fn": 0}
    assert m["added"] == {"tp": 1, "fp": 0, "fn": 0}


def test_diff_metrics_aggregate_and_verdicts():
    metrics, outcomes = diff_metrics([("a", [], "consistent", diff(OLD, OLD)),
                                      ("b", [{"kind": "added", "side": "new", "claim": "Travel restrictions"}],
                                       "contradictions", diff(OLD, NEW))])
    assert metrics["verdict_accuracy"].value == 1.0  # identical counts as consistent
    assert metrics["added_recall"].value == 1.0 and metrics["added_precision"].value == 1.0
    assert metrics["contradiction_recall"].value == 1.0 and metrics["contradiction_precision"].value == 0.0
    assert outcomes["a"]["verdict_ok"] and outcomes["b"]["found"] == 1


def test_empty_cases_give_neutral_metrics():
    metrics, outcomes = diff_metrics([])
    assert metrics["verdict_accuracy"].value is None and outcomes == {}


def test_summary_metrics_against_a_golden():
    gold = SummaryDraft(title=None, gist="g", publication_date=None, entities=[], quotes=[], claims=[
        c.model_dump(exclude={"grounded"}) for c in OLD.claims])
    perfect = summary_metrics(OLD, gold, "Kim travelled to Russia in September. Zhao met Choe Ryong-hae on Thursday.")
    assert perfect["claim_f1"].value == 1.0 and perfect["time_accuracy"].value == 1.0
    assert perfect["grounding_rate"].value == 1.0
    half = summary_metrics(summary(OLD.claims[0]), gold, "Kim travelled to Russia in September.")
    assert half["claim_recall"].value == 0.5 and half["claim_precision"].value == 1.0


def test_sampling_is_seeded_and_ordered():
    rows = [{"i": i} for i in range(100)]
    assert sample(rows, 5, 1) == sample(rows, 5, 1)
    assert [r["i"] for r in sample(rows, 5, 1)] == sorted(r["i"] for r in sample(rows, 5, 1))
    assert sample(rows, None, 1) == rows


def results(value: float, case: bool) -> dict:
    return {"meta": {}, "suites": {"bump": {"metrics": {"located": {"value": value, "direction": "higher", "n": 1}},
                                            "cases": {"x": {"located": case}}, "seconds": 0}}}


def test_comparison_reports_deltas_flips_and_regressions():
    c = compare_results(results(0.8, True), results(0.7, False), max_drop=0.05)
    assert c.deltas[0]["delta"] == -0.1 and c.flipped["bump"][0]["case"] == "x"
    assert c.regressions == ["bump.located: 0.8000 -> 0.7000"]
    assert compare_results(results(0.8, True), results(0.78, True), max_drop=0.05).regressions == []


def test_a_results_file_of_the_wrong_shape_is_one_clear_error(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"verdict": "identical"}))
    with pytest.raises(ReportError, match="not an eval results file"):
        load_results(path)


def test_split_keeps_the_rows_of_one_article_or_document_together_and_the_halves_disjoint():
    from summarizer.evaluate.suites import group_id, split_of

    rows = [{"id": f"doc{k}_{n}"} for k in range(20) for n in range(3)]
    rows += [{"id": f"{k}-depth{d}"} for k in range(20) for d in (1, 2)]
    rows += [{"id": f"task1-{k}", "article_id": k // 2} for k in range(20)]
    assert split_of({"id": "abc_og"}) == split_of({"id": "abc_7"})
    assert group_id({"id": "abc_og"}) == group_id({"id": "abc_7"}) == "abc"
    assert group_id({"id": "123-depth2"}) == "123"
    # a sentence pair of a revised document goes with the document's revisions
    assert group_id({"id": "sent-train-854", "doc_id": "123"}) == group_id({"id": "123-depth1", "doc_id": "123"})
    dev, held = sample(rows, None, 0, "dev"), sample(rows, None, 0, "heldout")
    assert dev and held and len(dev) + len(held) == len(rows)
    assert not {group_id(r) for r in dev} & {group_id(r) for r in held}


def test_the_edit_span_of_a_bump_pair_ignores_spacing_around_punctuation():
    from summarizer.evaluate import edit_span
    assert edit_span("He served four years . He paid $100,000 .", "He served eight years. He paid $100,000.") == (
        ["four"], ["eight"])


def test_sentence_pairs_take_the_edited_sentence_and_the_article_sentence_that_holds_its_reference():
    row = {"id": "task1-1", "article_id": 7,
           "source_text": "Rain fell all day.\nThe mayor opened the new bridge on Monday. Crowds cheered loudly.",
           "original_text": "The city is wet . The mayor opened the bridge on Monday .",
           "derived_text": "The city is wet . The mayor closed the bridge on Monday ."}
    unsupported = {**row, "id": "task1-2", "original_text": "The city is wet . The mayor opened a tunnel on Monday .",
                   "derived_text": "The city is wet . The mayor closed a tunnel on Monday ."}
    friday = row | {"id": "task1-3", "derived_text": row["original_text"].replace("Monday", "Friday")}
    pairs = sentence_pairs([row, friday, unsupported])
    assert [(p["id"], p["label"], p["derived_text"]) for p in pairs] == [
        ("task1-1/reference", 1, "The mayor opened the bridge on Monday ."),
        ("task1-1/edited", 0, "The mayor closed the bridge on Monday ."),
        ("task1-3/edited", 0, "The mayor opened the bridge on Friday ."),
    ]  # the reference pair once; 'tunnel' is not in the article sentence, so that row gives no pair
    assert {p["source_text"] for p in pairs} == {"The mayor opened the new bridge on Monday."}
    assert {split_of(p) for p in pairs} == {split_of(row)}
