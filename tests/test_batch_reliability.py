"""Batch runs under abuse: bad input lines, odd results files, interrupts, kills and the run log (issue 13, items 2,
4, 7 and 9)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.batch import BatchRunner, Item, read_items
from summarizer.cli import cli
from summarizer.config import resolve_settings
from summarizer.pipeline import Summarizer

from .test_batch import KEY, TEXTS, echo_summary, lines

GOOD = {"id": "good", "old": {"text": TEXTS["a"]}, "new": {"text": TEXTS["b"]}}


def local_engine(tmp_path: Path) -> Summarizer:
    return Summarizer(settings=resolve_settings(env={}, backend="local", cache_dir=tmp_path / "cache"))


def run_items(engine: Summarizer, items, out: Path, **kw):
    return asyncio.run(BatchRunner(engine=engine, out=out, concurrency=2, workers=1, **kw).run(iter(items)))


# --- item 4: input lines are validated by a model; a bad line fails its item, the rest runs ---------------------------
@pytest.mark.parametrize("bad", [
    {"id": "bad", "old": 5, "new": 6},
    {"id": "bad", "articles": [None, 3]},
    {"id": "bad", "articles": ["only-one.txt"]},
    {"id": "bad", "old": {"title": "no text"}, "new": "b.txt"},
])
def test_a_line_whose_articles_are_not_paths_or_inline_articles_fails_only_its_item(tmp_path, bad):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(bad) + "\n" + json.dumps(GOOD) + "\n")
    stats = run_items(local_engine(tmp_path), read_items(src), tmp_path / "out.jsonl")
    rows = {r["id"]: r for r in lines(tmp_path / "out.jsonl")}
    assert (stats.done, stats.failed) == (1, 1) and rows["good"]["status"] == "ok"
    assert rows["bad"]["status"] == "failed" and rows["bad"]["error"]["error"] == "InputError"
    assert f"{src}:1: not a valid item" in rows["bad"]["error"]["message"]


@pytest.mark.parametrize("line, found", [('{"id": "x", "old": ', "not valid JSON"), ("[1, 2]", "found list"),
                                         ("null", "found NoneType")])
def test_a_line_that_is_not_a_json_object_fails_as_an_item_named_by_its_line(tmp_path, line, found):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD) + "\n" + line + "\n")
    r = CliRunner().invoke(cli, ["batch", str(src), "--out", str(tmp_path / "out.jsonl"), "--backend", "local",
                                 "--cache-dir", str(tmp_path / "cache"), "-q"])
    rows = {row["id"]: row for row in lines(tmp_path / "out.jsonl")}
    assert r.exit_code == 1 and rows["good"]["status"] == "ok"
    assert found in rows["2"]["error"]["message"] and f"{src}:2:" in rows["2"]["error"]["message"]


@pytest.mark.parametrize("junk", ["[]", "null", "42", '"text"', '{"no": "id"}'])
def test_a_results_line_that_is_not_a_result_object_is_skipped_with_a_warning_naming_it(tmp_path, junk):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps(GOOD) + "\n")
    out.write_text(junk + "\n")
    r = CliRunner().invoke(cli, ["batch", str(src), "--out", str(out), "--backend", "local", "--cache-dir",
                                 str(tmp_path / "cache")])
    assert r.exit_code == 0, r.output
    assert f"{out}:1: skipped a line that is not" in r.output
    assert [row["id"] for row in lines(out)] == ["good"]


# --- item 9: the results file keeps one row per id --------------------------------------------------------------------
def test_a_rerun_replaces_the_failed_row_instead_of_adding_one(tmp_path):
    items = [Item("x", [{"text": TEXTS["a"]}, str(tmp_path / "later.txt")]),
             Item("y", [{"text": TEXTS["a"]}, {"text": TEXTS["c"]}])]
    out = tmp_path / "out.jsonl"
    assert run_items(local_engine(tmp_path), items, out).failed == 1
    (tmp_path / "later.txt").write_text(TEXTS["b"])
    second = run_items(local_engine(tmp_path), items, out)
    assert (second.skipped, second.done) == (1, 1)
    rows = lines(out)
    assert sorted(r["id"] for r in rows) == ["x", "y"] and all(r["status"] == "ok" for r in rows)


def test_a_file_left_with_two_rows_for_an_id_is_rewritten_with_the_last_one(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x", "status": "failed"}\n{"id": "y", "status": "ok"}\n{"id": "x", "status": "ok"}\n')
    stats = run_items(local_engine(tmp_path), [Item("x", []), Item("y", [])], out)
    assert stats.skipped == 2 and lines(out) == [{"id": "y", "status": "ok"}, {"id": "x", "status": "ok"}]


def test_two_runs_cannot_write_the_same_results_file_at_once(tmp_path):
    from summarizer.batch import ResultsFile
    from summarizer.errors import ConfigError

    first = ResultsFile(tmp_path / "out.jsonl").open()
    try:
        with pytest.raises(ConfigError, match="another batch run is writing"):
            ResultsFile(tmp_path / "out.jsonl").open()
    finally:
        first.close()
    ResultsFile(tmp_path / "out.jsonl").open().close()  # free again once the first run ends


# --- item 7: the run log ----------------------------------------------------------------------------------------------
def runs_db(cache: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(cache / "runs.sqlite"))
    db.row_factory = sqlite3.Row
    return db


def test_the_run_log_holds_one_items_row_per_item_with_its_verdict_or_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD) + "\n" + json.dumps({"id": "bad", "old": "missing.txt", "new": "x.txt"}) + "\n")
    r = CliRunner().invoke(cli, ["batch", str(src), "--out", str(tmp_path / "out.jsonl"), "--backend", "local",
                                 "--cache-dir", str(tmp_path / "cache"), "-q"])
    assert r.exit_code == 1
    rows = {row["item_id"]: row for row in runs_db(tmp_path / "cache").execute("SELECT * FROM items")}
    verdict = {row["id"]: row.get("verdict") for row in lines(tmp_path / "out.jsonl")}["good"]
    assert rows["good"]["status"] == "ok" and rows["good"]["verdict"] == verdict and verdict
    assert rows["bad"]["status"] == "failed" and "missing.txt: file not found" in rows["bad"]["error"]


def test_calls_for_articles_that_failed_count_in_the_run_totals(fake_openai, tmp_path):
    def answer(body):
        return {"status": 500} if "voted 7" in body["messages"][1]["content"] else echo_summary(body)

    fake_openai.default = answer
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "old": {"text": TEXTS["a"]}, "new": {"text": TEXTS[k]}}) + "\n"
                           for k in ("b", "c")))
    cfg = tmp_path / "config.toml"
    cfg.write_text("transport_attempts = 2\nbackoff_initial = 0.001\nbackoff_max = 0.01\n")
    r = CliRunner().invoke(cli, ["batch", str(src), "--out", str(tmp_path / "out.jsonl"), "--cache-dir",
                                 str(tmp_path / "cache"), "-q", "--base-url", fake_openai.base_url],
                           env={"OPENAI_API_KEY": KEY, "SUMMARIZER_CONFIG": str(cfg)})
    assert r.exit_code == 1, r.output
    run = runs_db(tmp_path / "cache").execute("SELECT * FROM runs").fetchone()
    assert len(fake_openai.requests) == 4  # a, b, and c twice (500, retried once)
    assert run["calls"] == 4 and run["failures"] == 1 and run["status"] == "done"


def slow_batch(fake_openai, tmp_path: Path, n: int, concurrency: int, delay: float, chunks: int = 1,
               retry_after: str | None = None) -> tuple[list[str], dict]:
    """A batch command of ``n`` items whose articles take ``chunks`` sequential model calls each, each answered
    after ``delay`` seconds (and, with ``retry_after``, first refused with a 429 asking to retry after that long)."""
    seen: set[str] = set()

    def answer(body: dict) -> dict:
        key = json.dumps(body, sort_keys=True)
        with fake_openai._lock:
            first = key not in seen
            seen.add(key)
        if retry_after and first:
            return {"status": 429, "headers": {"Retry-After": retry_after}}
        return {"delay": delay, **echo_summary(body)}

    fake_openai.default = answer
    filler = " ".join(f"Officials counted {k} more ships in the outer harbour that week." for k in range(30))
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "articles": [
        {"text": "\n\n".join([f"Story {i}: the port handled {i} ships on Monday."] + [filler] * (chunks - 1))},
        {"text": "\n\n".join([f"Story {i}: the port handled {i + 2} ships on Monday."] + [filler] * (chunks - 1))},
    ]}) + "\n" for i in range(n)))
    cfg = tmp_path / "config.toml"
    cfg.write_text("chunk_tokens = 300\n")
    env = {**os.environ, "OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": fake_openai.base_url,
           "SUMMARIZER_CONFIG": str(cfg)}
    cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "--out", str(tmp_path / "out.jsonl"),
           "--cache-dir", str(tmp_path / "cache"), "--concurrency", str(concurrency), "-q"]
    return cmd, env


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.parametrize("sig, concurrency", [(signal.SIGINT, 4), (signal.SIGTERM, 32)])
def test_an_interrupted_model_batch_sends_nothing_more_and_exits_at_once_saying_how_to_resume(
        fake_openai, tmp_path, sig, concurrency):
    # Every request is first refused with "retry after 10 s" (far from the signal) and each article takes 3 calls:
    # a run that kept going after the signal would send the retries and the next chunks.
    cmd, env = slow_batch(fake_openai, tmp_path, n=3 * concurrency, concurrency=concurrency, delay=0.3, chunks=3,
                          retry_after="10")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Signal while every worker waits out its "retry after 10 s": nothing is on its way to the server then (chunks of
    # an article run at once, so wait until the first wave of every chunk has been refused and all is quiet).
    def quiet() -> bool:
        with fake_openai._lock:
            last = max((r.get("at", 0.0) for r in fake_openai.requests), default=0.0)
        return fake_openai.answered >= concurrency and fake_openai.answered == len(fake_openai.requests) and \
            time.monotonic() - last > 0.5

    wait_for(quiet)
    with fake_openai._lock:
        signalled, seen = time.monotonic(), len(fake_openai.requests)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=30)
    exit_seconds = time.monotonic() - signalled
    err = stderr.decode()
    after = [r["at"] - signalled for r in fake_openai.requests[seen:]]
    # What a loaded machine lets through between the signal and its handler (at most the requests allowed in flight,
    # all within a second); a retry or a next chunk sent after the handler would arrive 10 s later. The transport's
    # own guarantee (nothing leaves once cancelled, a retry wait ends at once) is tested in test_servers.py.
    assert len(after) <= concurrency and all(t < 1.0 for t in after), f"{len(after)} requests after the signal"
    assert exit_seconds < 5, exit_seconds  # generous: measured about 0.5 s; nothing in flight is awaited
    assert proc.returncode == 130 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "run the same command again to resume" in err
    rows = lines(out) if out.exists() else []  # every line whole
    assert len({r["id"] for r in rows}) == len(rows)
    db = runs_db(tmp_path / "cache")
    run = db.execute("SELECT * FROM runs").fetchone()
    assert run["status"] == "interrupted" and run["seconds"] > 0.5  # its real duration, not 0
    if concurrency <= 4:  # resuming finishes the rest (once is enough: it is the same at any concurrency)
        fake_openai.default = echo_summary
        r = subprocess.run(cmd, env=env, capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr.decode()
        assert sorted(r["id"] for r in lines(out)) == sorted(f"p{i}" for i in range(3 * concurrency))


def test_a_killed_run_is_marked_interrupted_with_its_totals_when_the_log_is_next_opened(fake_openai, tmp_path):
    cmd, env = slow_batch(fake_openai, tmp_path, n=20, concurrency=4, delay=0.3)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for(lambda: out.exists() and len(out.read_text().splitlines()) >= 2)
    proc.kill()
    proc.wait(timeout=30)
    assert runs_db(tmp_path / "cache").execute("SELECT status FROM runs").fetchone()["status"] == "running"
    r = CliRunner().invoke(cli, ["history", "--format", "json", "--cache-dir", str(tmp_path / "cache")])
    run = json.loads(r.output)[0]
    assert run["status"] == "interrupted" and run["items"] >= 1 and run["calls"] >= 2 and run["seconds"] > 0


# --- the process pool of an offline batch -----------------------------------------------------------------------------
def test_an_offline_batch_runs_its_items_on_a_process_pool_with_the_same_results(tmp_path, monkeypatch):
    import summarizer.batch.runner as runner_mod
    from summarizer import config

    submitted: list[str] = []

    class SpyPool(runner_mod.ProcessPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(config, "BATCH_POOL_AFTER_ARTICLES", 0)
    monkeypatch.setattr(runner_mod, "ProcessPoolExecutor", SpyPool)
    items = [Item(f"p{i}", [{"text": f"Story {i}: the mayor opened {i} schools on Monday, officials said."},
                            {"text": f"Story {i}: the mayor opened {i + 1} schools on Tuesday."},
                            {"text": f"Story {i}: the mayor closed {i} schools on Monday."}][: 2 + i % 2])
             for i in range(6)]
    one = run_items(local_engine(tmp_path / "a"), items, tmp_path / "one.jsonl")
    assert submitted == []
    two = asyncio.run(BatchRunner(engine=local_engine(tmp_path / "b"), out=tmp_path / "two.jsonl", concurrency=4,
                                  workers=2).run(iter(items)))
    assert submitted == ["local_item"] * 6  # whole items: only text crosses the process boundary
    assert (one.done, two.done, two.articles) == (6, 6, 15)
    by_id = lambda path: sorted(lines(path), key=lambda r: r["id"])  # noqa: E731
    assert by_id(tmp_path / "one.jsonl") == by_id(tmp_path / "two.jsonl")


def test_ctrl_c_on_an_offline_batch_ends_it_cleanly_with_no_worker_traceback(tmp_path):
    body = " ".join(f"Officials said {k} ships entered the port of Rotterdam on Monday." for k in range(60))
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "old": {"text": f"Story {i}. {body}"},
                                       "new": {"text": f"Story {i}. {body} Then {i} more."}}) + "\n"
                           for i in range(400)))
    proc = subprocess.Popen([sys.executable, "-m", "summarizer", "batch", str(src), "--out", str(out), "--backend",
                             "local", "--cache-dir", str(tmp_path / "cache"), "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    wait_for(lambda: out.exists() and len(out.read_text().splitlines()) >= 20)  # the pool is running (> 16)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole process group
    _, stderr = proc.communicate(timeout=60)
    err = stderr.decode()
    assert proc.returncode == 130 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    rows = lines(out)
    assert 20 <= len(rows) < 400 and len({r["id"] for r in rows}) == len(rows)


def test_an_exchange_reported_after_the_log_closed_is_ignored(tmp_path):
    from summarizer.batch import RunLog

    log = RunLog(tmp_path / "runs.sqlite")
    log.start(command="batch")
    log.close()
    log.exchange({"request_hash": "h", "status": "Interrupted", "attempts": 1})  # an abandoned worker, late
    log.close()
    assert runs_db(tmp_path).execute("SELECT COUNT(*) FROM exchanges").fetchone()[0] == 0


# --- the batch and history commands, in-process -----------------------------------------------------------------------
def batch_input(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD) + "\n" + json.dumps({"id": "bad", "old": "missing.txt", "new": "x.txt"}) + "\n")
    return src


def test_a_dry_run_prints_calls_tokens_and_cost_and_names_unreadable_items(tmp_path):
    args = ["batch", str(batch_input(tmp_path)), "--out", str(tmp_path / "out.jsonl"), "--dry-run", "--backend",
            "openai", "--cache-dir", str(tmp_path / "cache")]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0 and "2 items, 2 distinct articles (0 cached): 2 model calls" in text.output
    assert "note: item bad cannot be read: " in text.output and "missing.txt: file not found" in text.output
    data = json.loads(CliRunner().invoke(cli, args + ["--format", "json"]).output)
    assert (data["items"], data["model_calls"], data["model"]) == (2, 2, "gpt-4o-mini")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_batch_prints_its_totals_and_history_lists_the_run(tmp_path):
    cache = str(tmp_path / "cache")
    r = CliRunner().invoke(cli, ["batch", str(batch_input(tmp_path)), "--out", str(tmp_path / "out.jsonl"),
                                 "--backend", "local", "--cache-dir", cache, "--format", "json"])
    totals = json.loads(r.output[r.output.index("{"):])
    assert r.exit_code == 1 and "2 items: 1 done, 1 failed, 0 skipped" in r.output
    assert (totals["done"], totals["failed"], totals["articles"], totals["interrupted"]) == (1, 1, 2, False)
    table = CliRunner().invoke(cli, ["history", "--cache-dir", cache])
    assert table.exit_code == 0 and "recent runs" in table.output and "done" in table.output
    runs = json.loads(CliRunner().invoke(cli, ["history", "--cache-dir", cache, "--format", "json"]).output)
    assert [(run["status"], run["items"], run["failures"]) for run in runs] == [("done", 2, 1)]


def test_history_with_no_run_log_yet_is_an_empty_table(tmp_path):
    r = CliRunner().invoke(cli, ["history", "--cache-dir", str(tmp_path / "none"), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == []


def test_a_batch_via_the_provider_needs_the_model_backend(tmp_path):
    r = CliRunner().invoke(cli, ["batch", str(batch_input(tmp_path)), "--out", str(tmp_path / "out.jsonl"),
                                 "--via", "openai-batch", "--backend", "local", "--cache-dir", str(tmp_path / "c")])
    assert r.exit_code == 2 and "--via openai-batch needs the model backend" in r.output
