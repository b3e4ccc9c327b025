"""The diff engine: one behaviour per test, on the smallest hand-made summaries that show it."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import diff
from summarizer.schema import Quote

from .helpers import claim, summary


def fields_of(report):
    return [(f.field, f.change, f.severity) for ch in report.changes for f in ch.fields]


def test_self_diff_is_identical():
    s = summary(claim("Kim travelled to Russia in September.", actors=["Kim"], time_text="in September"))
    report = diff(s, s)
    assert report.verdict == "identical"
    assert report.changes == []


def test_time_conflict_is_a_contradiction():
    old = summary(claim("Kim travelled to Russia in September 2023.", actors=["Kim"], time="2023-09",
                        time_text="in September 2023"))
    new = summary(claim("Kim travelled to Russia in 2019.", actors=["Kim"], time="2019", time_text="in 2019"))
    report = diff(old, new)
    assert ("time", "conflict", "contradiction") in fields_of(report)
    assert report.verdict == "contradictions"


def test_month_replaced_by_year_is_a_contradiction():
    old = summary(claim("Kim travelled to Russia in September.", time_text="in September"))
    new = summary(claim("Kim travelled to Russia in 2019.", time="2019", time_text="in 2019"))
    assert ("time", "substituted", "contradiction") in fields_of(diff(old, new))


def test_dropped_weekday_is_detail_lost_not_a_material_change():
    old = summary(claim("Zhao met Kim in Pyongyang on Saturday.", time_text="on Saturday"))
    new = summary(claim("Zhao met Kim in Pyongyang.", ))
    report = diff(old, new)
    assert fields_of(report) == [("time", "lost", "detail")]
    assert report.verdict == "consistent"


def test_quantity_value_changed_is_a_contradiction():
    old = summary(claim("Kim and Xi held two summits in 2019.", quantities=[dict(value=2, unit="summit",
                                                                                   text="two summits")]))
    new = summary(claim("Kim and Xi held three summits in 2019.", quantities=[dict(value=3, unit="summit",
                                                                                    text="three summits")]))
    assert ("quantity", "conflict", "contradiction") in fields_of(diff(old, new))


def test_quantity_dropped_is_detail_lost():
    old = summary(claim("Kim and Xi held two summits in 2019.", quantities=[dict(value=2, unit="summit",
                                                                                   text="two summits")]))
    new = summary(claim("Kim and Xi held summits in 2019."))
    assert fields_of(diff(old, new)) == [("quantity", "lost", "detail")]


def test_same_value_written_differently_is_no_change():
    old = summary(claim("Ties were set up 75 years ago.", quantities=[dict(value=75, unit="year", text="75 years")]))
    new = summary(claim("Ties were set up seventy-five years ago.",
                        quantities=[dict(value=75, unit="years", text="seventy-five years")]))
    report = diff(old, new)
    assert report.changes == []
    assert report.verdict == "consistent"


def test_negation_flip_is_a_contradiction():
    old = summary(claim("China will provide military support to Moscow.", actors=["China", "Moscow"]))
    new = summary(claim("China will not provide military support to Moscow.", actors=["China", "Moscow"],
                        negated=True))
    assert ("negation", "flipped", "contradiction") in fields_of(diff(old, new))


def test_alleged_stated_as_fact_is_strengthened():
    old = summary(claim("China allegedly violated UN sanctions.", certainty="alleged", actors=["China"]))
    new = summary(claim("China violated UN sanctions.", actors=["China"]))
    assert ("certainty", "strengthened", "distortion") in fields_of(diff(old, new))


def test_source_dropped_is_detached():
    old = summary(claim("Zhao met Choe on Thursday.", attribution="KCNA", certainty="reported"))
    new = summary(claim("Zhao met Choe on Thursday."))
    assert ("attribution", "detached", "distortion") in fields_of(diff(old, new))


def test_source_changed_is_reattributed():
    old = summary(claim("Zhao met Choe on Thursday.", attribution="Xinhua", certainty="reported"))
    new = summary(claim("Zhao met Choe on Thursday.", attribution="Reuters", certainty="reported"))
    assert ("attribution", "reattributed", "distortion") in fields_of(diff(old, new))


def test_pledge_restated_as_past_fact_is_weakened():
    old = summary(claim("China says it will not provide Moscow with direct military support.", kind="prediction",
                        attribution="China", certainty="reported", negated=True))
    new = summary(claim("China has not provided direct military support to Moscow.", negated=True))
    got = fields_of(diff(old, new))
    assert ("modality", "weakened", "distortion") in got
    assert ("attribution", "detached", "distortion") in got


def test_person_substituted_is_a_contradiction():
    old = summary(claim("Mary Keefe posed for the famous painting in 1943.", actors=["Mary Keefe"]))
    new = summary(claim("Jane Smith posed for the famous painting in 1943.", actors=["Jane Smith"]))
    assert ("actors", "substituted", "contradiction") in fields_of(diff(old, new))


def test_place_substituted_is_a_contradiction():
    old = summary(claim("The summit was held in Hanoi last week.", place="Hanoi"))
    new = summary(claim("The summit was held in Singapore last week.", place="Singapore"))
    assert ("place", "substituted", "contradiction") in fields_of(diff(old, new))


def test_unmatched_new_claim_is_added_and_old_is_omitted():
    old = summary(claim("Zhao met Choe Ryong-hae on Thursday.", "c1"),
                  claim("Kim travelled to Russia.", "c2"))
    new = summary(claim("Kim travelled to Russia.", "c1"),
                  claim("Cooperation with allies is crucial for North Korea's survival.", "c2"))
    report = diff(old, new)
    kinds = sorted((ch.kind, (ch.old_claim or ch.new_claim).id) for ch in report.changes)
    assert kinds == [("added", "c2"), ("removed", "c1")]
    assert report.scores.coverage == 0.5 and report.scores.support == 0.5


def test_added_removed_and_contradicted_are_disjoint():
    old = summary(claim("Kim travelled to Russia in September.", "c1", time_text="in September"),
                  claim("Zhao met Choe on Thursday.", "c2"))
    new = summary(claim("Kim travelled to Russia in 2019.", "c1", time="2019", time_text="in 2019"),
                  claim("Travel restrictions are easing gradually.", "c2"))
    report = diff(old, new)
    added = {ch.new_claim.id for ch in report.changes if ch.kind == "added"}
    removed = {ch.old_claim.id for ch in report.changes if ch.kind == "removed"}
    contradicted = {ch.new_claim.id for ch in report.changes if ch.severity == "contradiction"}
    assert added == {"c2"} and removed == {"c2"} and contradicted == {"c1"}
    assert not added & contradicted


def test_verbatim_quote_altered_and_paraphrased():
    old = summary(claim("x y z"), quotes=[Quote(speaker="Zhao", text="good neighbours who struggled together",
                                                verbatim=True)])
    altered = summary(claim("x y z"), quotes=[Quote(speaker="Zhao", text="good neighbors who fought together",
                                                    verbatim=True)])
    para = summary(claim("x y z"), quotes=[Quote(speaker="Zhao", text="good neighbours who struggled together",
                                                 verbatim=False)])
    assert [q.change for q in diff(old, altered).quote_changes] == ["altered"]
    assert [q.change for q in diff(old, para).quote_changes] == ["paraphrased"]


def test_alias_forms_are_the_same_entity():
    old = summary(claim("Kim Jong-un met officials from the U.S. and Nato.", actors=["Kim Jong-un", "U.S.", "Nato"]))
    new = summary(claim("Kim Jong Un met officials from the United States and NATO.",
                        actors=["Kim Jong Un", "United States", "NATO"]))
    report = diff(old, new)
    assert report.changes == [] and report.entities_added == [] and report.entities_removed == []


def test_json_report_contract_fields():
    old = summary(claim("Kim travelled to Russia in September.", time_text="in September"))
    new = summary(claim("Kim travelled to Russia in 2019.", time="2019", time_text="in 2019"))
    data = json.loads(diff(old, new).model_dump_json())
    assert data["schema_version"] == "2"
    assert {"verdict", "scores", "changes"} <= set(data)
    ch = data["changes"][0]
    assert ch["kind"] == "changed" and ch["severity"] == "contradiction"
    assert {"id", "text", "evidence"} <= set(ch["old_claim"]) and {"id", "text", "evidence"} <= set(ch["new_claim"])
    assert ch["fields"][0] == {"field": "time", "change": "substituted", "severity": "contradiction",
                               "old": "in September", "new": "in 2019"}


# --- properties ------------------------------------------------------------------------------------------------
WORDS = ["Kim", "Zhao", "China", "Russia", "met", "visited", "signed", "trade", "deal", "summit", "missiles",
         "sanctions", "border", "talks", "Putin", "Seoul", "aid", "two", "three", "weapons"]
claim_text = st.lists(st.sampled_from(WORDS), min_size=2, max_size=8).map(" ".join)
claim_strategy = st.builds(
    lambda text, neg, cert, time: (text, neg, cert, time),
    claim_text, st.booleans(), st.sampled_from(["asserted", "reported", "alleged", "speculative", "denied"]),
    st.sampled_from([None, "2019", "2023-09", "2024-04-13"]),
)


def build(specs):
    return summary(*[claim(t, f"c{i + 1}", negated=n, certainty=c, time=tm, time_text=tm,
                           actors=[w for w in t.split() if w[0].isupper()])
                     for i, (t, n, c, tm) in enumerate(specs)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claim_strategy, max_size=8), st.lists(claim_strategy, max_size=8))
def test_diff_is_deterministic_and_symmetric(a_specs, b_specs):
    a, b = build(a_specs), build(b_specs)
    first, second = diff(a, b), diff(a, b)
    assert first.model_dump_json() == second.model_dump_json()
    back = diff(b, a)
    added = sorted(ch.new_claim.id for ch in first.changes if ch.kind == "added")
    removed_back = sorted(ch.old_claim.id for ch in back.changes if ch.kind == "removed")
    assert added == removed_back


@settings(max_examples=40, deadline=None)
@given(st.lists(claim_strategy, max_size=10))
def test_self_diff_reports_nothing_material(specs):
    s = build(specs)
    report = diff(s, s)
    assert report.verdict in ("identical", "consistent")
    assert report.changes == []


def test_synonyms_fold_by_stem_so_a_swap_is_rewording():
    old = summary(claim("The goose was found on February 25, 2008 near the lake."))
    new = summary(claim("The goose was discovered on February 25, 2008 near the lake."))
    assert diff(old, new).changes == []


def test_a_pronoun_speaker_does_not_detach_the_source():
    old = summary(claim("Mrs Abbott told Wikinews that post offices are central spaces.", attribution="Mrs Abbott",
                        certainty="reported"))
    new = summary(claim("She told Wikinews that post offices are central spaces.", certainty="reported"))
    report = diff(old, new)
    assert report.verdict == "consistent"  # the name put as a pronoun is shown as a detail, the source stays
    assert not [f for ch in report.changes for f in ch.fields if f.field == "attribution"]


def test_a_name_swapped_in_place_is_an_actor_substitution_even_if_unrecognised():
    old = summary(claim("Police arrested the suspect in the car park on Friday night."))
    new = summary(claim("FBI arrested the suspect in the car park on Friday night.", actors=["FBI"]))
    assert ("actors", "substituted", "contradiction") in fields_of(diff(old, new))


def test_an_alias_written_differently_is_not_a_swap():
    old = summary(claim("The floor would be the third floor in the United States, he said.",
                        actors=["United States"]))
    new = summary(claim("The floor would be the third floor in the US, he said.", actors=["US"]))
    assert diff(old, new).changes == []


def test_diff_options_override_a_threshold_for_one_call():
    from summarizer.config import DIFF_DEFAULTS, DiffOptions

    old = summary(claim("Officials met in Seoul to discuss trade and tariffs on Monday.", place="Seoul"))
    new = summary(claim("Officials met in Tokyo to discuss trade and tariffs on Monday.", place="Tokyo"))
    assert ("place", "substituted", "contradiction") in fields_of(diff(old, new))
    assert diff(old, new, DIFF_DEFAULTS) == diff(old, new)
    strict = DiffOptions(substitution_min_context=1.01, align_threshold=0.3)
    assert ("place", "substituted", "contradiction") not in fields_of(diff(old, new, strict))
