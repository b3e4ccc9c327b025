"""Batch runs: deduplication, streaming, resume, per-item failures, dry-run estimates, and a faulty server."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from pathlib import Path

from summarizer.batch import BatchRunner, Item, dry_run, read_items
from summarizer.config import resolve_settings
from summarizer.llm.tokens import estimate_cost
from summarizer.pipeline import Summarizer
from summarizer.schema import SummaryDraft

from .conformance import article_in

KEY = "sk-test-BATCH-0123456789abcdef"


def article_text(body: dict) -> str:
    return article_in(body)


def echo_summary(body: dict) -> dict:
    """A valid one-claim summary whose evidence is the article's first sentence (hand-written responder)."""
    first = article_text(body).split(". ")[0].rstrip(".") + "."
    claim = dict(id="c1", text=first, kind="event", actors=[], time_text=None, time=None, place=None, quantities=[],
                 attribution=None, certainty="asserted", negated=False, evidence=first)
    return {"content": SummaryDraft.model_validate(dict(title=None, gist=first, publication_date=None, claims=[claim],
                                                        entities=[], quotes=[])).model_dump_json()}


def model_engine(server, tmp_path, **over) -> Summarizer:
    settings = resolve_settings(env={}, backend="openai", base_url=server.base_url, api_key=KEY, llm_mode="live",
                                cache_dir=tmp_path / "cache", recordings_dir=tmp_path / "rec", backoff_initial=0.001,
                                backoff_max=0.01, **over)
    return Summarizer(settings=settings)


def run(engine, items, out: Path, concurrency: int = 4):
    return asyncio.run(BatchRunner(engine=engine, out=out, concurrency=concurrency).run(iter(items)))


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


TEXTS = {k: f"Version {k} of the story: the council voted {n} to 2 on Monday. More details followed."
         for k, n in (("a", 5), ("b", 6), ("c", 7))}


def test_three_versions_in_three_pairs_cost_three_model_calls(fake_openai, tmp_path):
    fake_openai.default = echo_summary
    items = [Item("ab", [{"text": TEXTS["a"]}, {"text": TEXTS["b"]}]),
             Item("bc", [{"text": TEXTS["b"]}, {"text": TEXTS["c"]}]),
             Item("ac", [{"text": TEXTS["a"]}, {"text": TEXTS["c"]}])]
    stats = run(model_engine(fake_openai, tmp_path, use_cache=False), items, tmp_path / "out.jsonl")
    assert len(fake_openai.requests) == 3 and stats.calls == 3 and stats.done == 3
    assert sorted(r["id"] for r in lines(tmp_path / "out.jsonl")) == ["ab", "ac", "bc"]


def test_a_rerun_skips_done_items_and_redoes_failed_ones(fake_openai, tmp_path):
    fake_openai.default = echo_summary
    items = [Item("ok", [{"text": TEXTS["a"]}, {"text": TEXTS["b"]}]),
             Item("bad", [{"text": TEXTS["a"]}, str(tmp_path / "missing.txt")])]
    out = tmp_path / "out.jsonl"
    first = run(model_engine(fake_openai, tmp_path), items, out)
    assert (first.done, first.failed) == (1, 1)
    failed = [r for r in lines(out) if r["status"] == "failed"][0]
    assert failed["id"] == "bad" and "missing.txt: file not found" in failed["error"]["message"]
    requests = len(fake_openai.requests)
    (tmp_path / "missing.txt").write_text("A new version: the council voted 9 to 2 on Monday.")
    second = run(model_engine(fake_openai, tmp_path), items, out)
    assert (second.skipped, second.done, second.failed) == (1, 1, 0)
    assert len(fake_openai.requests) == requests + 1  # only the new article; the other is cached


def test_a_torn_last_line_from_a_killed_run_is_dropped(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x", "status": "ok"}\n{"id": "y", "stat')
    engine = Summarizer(settings=resolve_settings(env={}, backend="local", cache_dir=tmp_path))
    stats = run(engine, [Item("x", [{"text": TEXTS["a"]}, {"text": TEXTS["b"]}]),
                         Item("y", [{"text": TEXTS["a"]}, {"text": TEXTS["c"]}])], out)
    assert (stats.skipped, stats.done) == (1, 1)
    assert [r["id"] for r in lines(out)] == ["x", "y"]


def test_results_stream_while_the_input_is_still_being_read(tmp_path):
    out = tmp_path / "out.jsonl"
    written_when_pulled: list[int] = []

    def items():
        for i in range(400):
            written_when_pulled.append(len(out.read_text().splitlines()) if out.exists() else 0)
            yield Item(str(i), [{"text": f"Story {i}: the mayor opened {i} new schools on Monday."},
                                {"text": f"Story {i}: the mayor opened {i + 1} new schools on Monday."}])

    engine = Summarizer(settings=resolve_settings(env={}, backend="local", cache_dir=tmp_path))
    stats = asyncio.run(BatchRunner(engine=engine, out=out, concurrency=4, workers=1).run(items()))
    assert stats.done == 400
    assert written_when_pulled[-1] >= 400 - 4 * 4 - 1  # at most 4 x concurrency items in flight
    assert all(r["verdict"] == "contradictions" for r in lines(out))


def test_dry_run_counts_calls_and_cost_without_sending(fake_openai, tmp_path):
    items = [Item("ab", [{"text": TEXTS["a"]}, {"text": TEXTS["b"]}]),
             Item("ba", [{"text": TEXTS["b"]}, {"text": TEXTS["a"]}])]
    totals = dry_run(iter(items), model_engine(fake_openai, tmp_path))
    assert fake_openai.requests == []
    assert (totals["items"], totals["articles"], totals["model_calls"]) == (2, 2, 2)
    assert totals["cost_usd"] == estimate_cost("gpt-4o-mini", totals["input_tokens"],
                                               totals["output_tokens_estimate"])


def test_jsonl_and_folder_inputs(tmp_path):
    (tmp_path / "a.txt").write_text(TEXTS["a"])
    (tmp_path / "b.txt").write_text(TEXTS["b"])
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "p", "old": "a.txt", "new": "b.txt"}\n\n{"articles": ["a.txt", {"text": "x y z"}]}\n')
    got = list(read_items(src))
    assert [i.id for i in got] == ["p", "3"] and got[0].sources == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    group = tmp_path / "groups" / "story1"
    group.mkdir(parents=True)
    (group / "1-original.txt").write_text(TEXTS["a"])
    (group / "2-copy.txt").write_text(TEXTS["b"])
    assert [(i.id, len(i.sources)) for i in read_items(tmp_path / "groups")] == [("story1", 2)]


def test_two_hundred_articles_through_429s_and_500s_none_lost(fake_openai, tmp_path):
    rng = random.Random(3)
    lock = threading.Lock()

    def flaky(body: dict) -> dict:
        with lock:
            roll = rng.random()
        if roll < 0.20:
            return {"status": 429, "headers": {"Retry-After": "0"}}
        if roll < 0.25:
            return {"status": 500}
        return echo_summary(body)

    fake_openai.default = flaky
    items = [Item(f"p{i}", [{"text": f"Story {i}: the port handled {i} ships on Monday. It reopened."},
                            {"text": f"Story {i}: the port handled {i + 1} ships on Monday. It reopened."}])
             for i in range(100)]
    out = tmp_path / "out.jsonl"
    first = run(model_engine(fake_openai, tmp_path, transport_attempts=2), items, out, concurrency=8)
    rows = lines(out)
    assert sorted(r["id"] for r in rows) == sorted(i.id for i in items)  # every item accounted for, none lost
    failed = [r for r in rows if r["status"] == "failed"]
    assert first.failed == len(failed) > 0 and first.done == 100 - len(failed)
    assert all(r["error"]["error"] == "TransportError" and r["error"]["attempts"] == 2 for r in failed)
    before = len(fake_openai.requests)
    fake_openai.default = echo_summary
    second = run(model_engine(fake_openai, tmp_path, transport_attempts=2), items, out, concurrency=8)
    assert second.skipped == 100 - len(failed) and second.done == len(failed) and second.failed == 0
    redone = fake_openai.requests[before:]
    assert 0 < len(redone) <= 2 * len(failed)  # only articles of failed items, and only those never summarised
    for p in (tmp_path / "cache").rglob("*"):
        assert p.is_file() is False or KEY not in p.read_text(errors="ignore")


def test_provider_batch_engine_submits_polls_collects_and_resumes(fake_openai, tmp_path):
    from click.testing import CliRunner

    from summarizer.cli import cli

    def answer(body):
        if "council voted 7" in article_text(body):
            return {"status": 500, "message": "overloaded"}
        return echo_summary(body)

    fake_openai.default = answer
    fake_openai.batch_polls = 2
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "articles": [{"text": TEXTS[a]}, {"text": TEXTS[b]}]}) + "\n"
                           for i, (a, b) in (("ab", "ab"), ("bc", "bc"), ("ba", "ba"))))
    out = tmp_path / "out.jsonl"
    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": fake_openai.base_url}
    args = ["batch", str(src), "--out", str(out), "--via", "openai-batch", "--poll-interval", "0.01", "--cache-dir",
            str(tmp_path / "cache"), "-q"]
    r = CliRunner().invoke(cli, args, env=env)
    assert r.exit_code == 1, r.output  # one item failed: its article was not answered
    paths = [req["path"] for req in fake_openai.requests]
    assert paths.count("/v1/files") == 1 and paths.count("/v1/batches") == 1
    assert not any(p.endswith("/chat/completions") for p in paths)  # nothing was sent outside the batch
    assert sum(p.startswith("/v1/batches/") for p in paths) == 3  # polled until completed
    batch_lines = fake_openai.files["file-1"].decode().splitlines()
    assert len(batch_lines) == 3  # three distinct articles, once each
    rows = {row["id"]: row for row in lines(out)}
    assert rows["ab"]["status"] == "ok" and rows["ba"]["status"] == "ok"
    assert rows["bc"]["status"] == "failed" and "answered 500" in rows["bc"]["error"]["message"]
    state = json.loads((tmp_path / "out.jsonl.openai-batch.json").read_text())
    r = CliRunner().invoke(cli, args + ["--batch-id", state["batch_id"]], env=env)
    assert [p["path"] for p in fake_openai.requests].count("/v1/batches") == 1  # resumed, not resubmitted
    assert {row["id"] for row in lines(out) if row["status"] == "ok"} == {"ab", "ba"}
