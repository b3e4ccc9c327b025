"""The rich terminal report, rendered in-process on a pinned console (80 columns, no colour)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from summarizer import diff, diff_many, extract_summary, load_article
from summarizer.render import print_diff, print_multi, print_summary

from .helpers import claim, summary


def render(fn, *args, **kw) -> str:
    console = Console(file=io.StringIO(), width=80, color_system=None, highlight=False)
    fn(*args, console, **kw)
    return console.file.getvalue()


@pytest.fixture(scope="module")
def korea_summaries():
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples"
    return [extract_summary(load_article(examples / name)) for name in ("korea-original.txt", "korea-rewrite.txt")]


def test_the_full_report_has_header_verdict_sections_quotes_entities_and_scores(korea_summaries):
    out = render(print_diff, diff(*korea_summaries))
    for part in ("source", "CONTRADICTIONS", "Contradictions (1)", "time substituted: in September -> 2019",
                 "Added (not in the original)", "Omitted (dropped from the original)", "Quotations (1)",
                 "only in old: Choe Ryong-hae, Xinhua", "Scores: coverage"):
        assert part in out, part
    assert max(len(line) for line in out.splitlines()) <= 80


def test_the_header_leaves_out_rows_with_nothing_on_either_side(korea_summaries):
    header = render(print_diff, diff(*korea_summaries)).split("CONTRADICTIONS")[0]
    assert "title" in header and "claims" in header  # the old side has a title
    assert "tokens" not in header and "prompt" not in header  # offline: no tokens counted, no prompt sent


def test_quiet_leaves_out_the_header_quotes_and_entities(korea_summaries):
    out = render(print_diff, diff(*korea_summaries), quiet=True)
    assert "CONTRADICTIONS" in out and "Quotations (1)" not in out and "only in old:" not in out
    assert "korea-original.txt" not in out  # the header names the sources


def test_an_ungrounded_claim_is_flagged_in_the_report_and_the_summary():
    old = summary(claim("Kim travelled to Russia in September.", time_text="in September"))
    new = summary(claim("Kim travelled to Russia in 2019.", time_text="2019", evidence="not in the article"),
                  claim("Putin hosted a dinner.", "c2", evidence="nowhere"))
    new = new.model_copy(update={"claims": [c.model_copy(update={"grounded": False}) for c in new.claims]})
    out = render(print_diff, diff(old, new))
    assert " ".join(out.split()).count("[not backed by its article: quote or claim not found]") == 2
    assert "UNGROUNDED" in render(print_summary, new)


def test_an_ungrounded_claim_on_the_old_side_is_flagged_in_every_format():
    from summarizer.render import diff_html, diff_markdown

    old = summary(claim("Kim travelled to Russia in September.", time_text="in September"),
                  claim("Putin hosted a dinner.", "c2"))
    old = old.model_copy(update={"claims": [c.model_copy(update={"grounded": False}) for c in old.claims]})
    new = summary(claim("Kim travelled to Russia in 2019.", time_text="2019"))
    report = diff(old, new)
    flag = "not backed by its article"
    assert " ".join(render(print_diff, report).split()).count(flag) == 2  # the changed pair's old side, the omission
    assert diff_markdown(report).count(flag) == 2 and diff_html(report).count(flag) == 2


def test_three_versions_print_the_claim_matrix_and_each_diff(korea_summaries):
    base, copy = korea_summaries
    out = render(print_multi, diff_many(base, [copy, base]))
    assert "Each base claim in every version" in out and "V1" in out and "V2" in out
    assert out.count("=== Base vs V") == 2 and "IDENTICAL" in out


def test_a_summary_shows_gist_claims_and_their_slots(korea_summaries):
    out = render(print_summary, korea_summaries[0])
    assert "China reaffirms ties with North" in out and "time: " in out and "c1" in out


def test_a_quotation_moved_to_another_speaker_names_both_and_the_counts_show_it():
    from summarizer.articles import article_from_text

    old = extract_summary(article_from_text('"We will rebuild the bridge by spring," Mayor Ana Ruiz said on Monday.'))
    new = extract_summary(article_from_text('"We will rebuild the bridge by spring," Chief Tom Hale said on Monday.'))
    report = diff(old, new)
    assert [q.change for q in report.quote_changes] == ["reattributed"]
    out = render(print_diff, report)
    assert "(Mayor Ana Ruiz -> Chief Tom Hale)" in " ".join(out.split())
    assert "1 quotation changed" in " ".join(out.split())


def test_a_long_slot_value_wraps_under_itself_and_kinds_with_none_are_not_counted():
    old = summary(claim("The council met on Monday.", time_text="on Monday"))
    new = summary(claim("The council met on Monday and approved a long list of new rules for parking, housing, "
                        "refuse collection and the weekly market in the old town square.", time_text="on Monday"))
    report = diff(old, new)
    out = render(print_diff, report)
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if " -> " in line and ":" in line.split(" -> ")[0])
    indent = lines[first].index(": ") + 2
    assert lines[first + 1][:indent].strip() == "" and lines[first + 1][indent:].strip()  # hangs under the value
    assert "0 contradicted" not in out and "0 added" not in out and " kept" in out


def test_two_names_that_traded_places_are_both_marked_in_the_claim_text():
    from summarizer.articles import article_from_text
    from summarizer.render import diff_html

    report = diff(extract_summary(article_from_text("Carla Ortiz beat Mei Tanaka in the final on Sunday.")),
                  extract_summary(article_from_text("Mei Tanaka beat Carla Ortiz in the final on Sunday.")))
    page = diff_html(report)
    assert page.count("<mark>Carla Ortiz</mark>") == 2 and page.count("<mark>Mei Tanaka</mark>") == 2
