"""The command line as a user runs it: outputs, exit codes, errors, escaping, and documentation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import DIFF_SCHEMA_VERSION
from summarizer.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "summarizer", *args], input=stdin, capture_output=True,
                          env=full_env, timeout=120)


def test_diff_example_rich_report(korea_pair):
    r = run("diff", str(korea_pair[0]), str(korea_pair[1]))
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "CONTRADICTIONS" in out and "time substituted: in September -> 2019" in out
    assert "\x1b[" not in out  # no ANSI codes when piped
    assert "413 (3 boilerplate" in " ".join(out.split())
    assert "offline extractor" in r.stderr.decode()  # one notice line saying the local backend was chosen
    assert max(len(line) for line in out.splitlines()) <= 80


def test_diff_json_is_the_contract_and_deterministic(korea_pair):
    a = run("diff", *map(str, korea_pair), "--format", "json", "-q")
    b = run("diff", *map(str, korea_pair), "--format", "json", "-q")
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["schema_version"] == DIFF_SCHEMA_VERSION == "2" and data["verdict"] == "contradictions"


def test_diff_markdown_and_html(korea_pair, tmp_path):
    md = run("diff", *map(str, korea_pair), "--format", "markdown", "-q").stdout.decode()
    assert md.startswith("# Article diff") and "## Contradictions (1)" in md
    out = tmp_path / "report.html"
    r = run("diff", *map(str, korea_pair), "--format", "html", "-o", str(out), "-q")
    assert r.returncode == 1 and r.stdout == b""
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page.split("<body>")[1]


def test_three_versions_give_a_matrix(korea_pair):
    r = run("diff", str(korea_pair[0]), str(korea_pair[1]), str(korea_pair[0]), "--format", "json", "-q")
    data = json.loads(r.stdout)
    assert len(data["diffs"]) == 2 and all(len(row["status"]) == 2 for row in data["matrix"])
    assert all(row["status"][1] == "kept" for row in data["matrix"])


def test_identical_articles_exit_zero(korea_pair):
    assert run("diff", str(korea_pair[0]), str(korea_pair[0]), "-q").returncode == 0


def test_fail_on_picks_what_counts(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Zhao met Choe Ryong-hae in Pyongyang on Thursday.\n\nKim inspected a missile factory.")
    b.write_text("Zhao met Choe Ryong-hae in Pyongyang on Thursday.")
    assert run("diff", str(a), str(b), "--fail-on", "addition", "-q").returncode == 0
    assert run("diff", str(a), str(b), "--fail-on", "omission", "-q").returncode == 1


def test_stdin_is_an_article(korea_pair):
    r = run("diff", "-", str(korea_pair[1]), "--format", "json", "-q", stdin=korea_pair[0].read_bytes())
    assert json.loads(r.stdout)["old"]["source"] == "-"


@pytest.mark.parametrize("content,needle", [
    (None, "file not found"),
    (b"", "empty"),
    (b"   \n\t \n", "empty"),
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
])
def test_bad_input_is_one_clear_line(tmp_path, content, needle):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    r = run("diff", str(path), str(path))
    err = r.stderr.decode().strip().splitlines()
    assert r.returncode == 2 and len(err) == 1 and needle in err[0] and "Traceback" not in r.stderr.decode()


def test_directory_instead_of_file(tmp_path):
    r = run("summarize", str(tmp_path))
    assert r.returncode == 2 and "is a directory" in r.stderr.decode()


def test_non_utf8_text_is_decoded_by_detection(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président a visité Pyongyang et a rencontré les dirigeants du pays.".encode("cp1252"))
    r = run("summarize", str(path), "--format", "json", "-q")
    assert r.returncode == 0 and "président" in json.loads(r.stdout)["claims"][0]["text"]


def test_missing_key_in_live_mode_says_how_to_fix(korea_pair):
    r = run("summarize", str(korea_pair[0]), "--backend", "openai", "--llm-mode", "live")
    assert r.returncode == 2 and "OPENAI_API_KEY" in r.stderr.decode() and "--backend local" in r.stderr.decode()


def test_unreachable_server_is_one_line(korea_pair, tmp_path):
    r = run("summarize", str(korea_pair[0]), "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1",
            "--llm-mode", "live", "--no-cache", env={"OPENAI_API_KEY": "sk-test-unreachable-000000"})
    err = r.stderr.decode()
    errors = [line for line in err.strip().splitlines() if not line.startswith("note: ")]  # offline: a tokenizer note
    assert r.returncode == 2 and len(errors) == 1 and "cannot reach the model server" in errors[0]
    assert "sk-test-unreachable" not in err and "Traceback" not in err


def test_traceback_only_when_asked(tmp_path):
    r = run("summarize", str(tmp_path / "missing.txt"), env={"SUMMARIZER_RAISE_ERRORS": "1"})
    assert r.returncode != 0 and "Traceback" in r.stderr.decode()


@pytest.mark.parametrize("fmt", ["rich", "json", "markdown", "html"])
def test_markup_in_articles_prints_literally(tmp_path, fmt):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The minister said [bold red]nothing[/bold red] about the deal on Monday.\n\n"
                 "Officials met in Seoul to discuss trade.")
    b.write_text("The minister said <script>alert(1)</script> about the deal on Monday.\n\n"
                 "Officials met in Tokyo to discuss trade with [link=http://x]partners[/link].")
    out = run("diff", str(a), str(b), "--format", fmt, "-q").stdout.decode()
    if fmt == "html":
        assert "<script>" not in out and "&lt;script&gt;" in out
    elif fmt == "markdown":
        assert "<script>" not in out and "\\[bold red\\]" in out
    elif fmt == "json":
        assert "[bold red]nothing[/bold red]" in out
    else:  # rich wraps the two evidence columns side by side: the markup survives as text, in pieces
        assert "[bold" in out and "[/bold red]" in "".join(out.split()).replace("[/boldred]", "[/bold red]")


def test_summarize_json_list_in_input_order(korea_pair):
    r = run("summarize", str(korea_pair[1]), str(korea_pair[0]), "--format", "json", "-q")
    data = json.loads(r.stdout)
    assert [d["meta"]["source"] for d in data] == [str(korea_pair[1]), str(korea_pair[0])]


def test_tokens_command_counts_and_prices(korea_pair):
    r = run("tokens", str(korea_pair[0]), "--format", "json", "-q")
    row = json.loads(r.stdout)[0]
    assert r.returncode == 0 and row["tokens"] > 300 and row["cost_usd"] is not None and row["model"] == "gpt-4o-mini"


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    runner = CliRunner()
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0
        assert f"summarizer {name}" in readme, f"README does not show 'summarizer {name}'"


def test_replayed_model_run_from_the_cli(korea_pair, tmp_path):
    r = run("diff", *map(str, korea_pair), "--backend", "openai", "--llm-mode", "replay", "--recordings",
            str(ROOT / "tests" / "recordings"), "--cache-dir", str(tmp_path), "--format", "json", "-q")
    data = json.loads(r.stdout)
    assert r.returncode == 1 and data["old"]["mode"] == "replay" and data["old"]["prompt_version"] == "summarize.v2"
    assert data["verdict"] == "contradictions"
    again = run("diff", *map(str, korea_pair), "--backend", "openai", "--llm-mode", "replay", "--recordings",
                str(ROOT / "tests" / "recordings"), "--cache-dir", str(tmp_path), "--format", "json", "-q")
    assert again.stdout == r.stdout  # byte-identical from run to run (a replay is never cached)
    v1 = run("diff", *map(str, korea_pair), "--backend", "openai", "--llm-mode", "replay", "--recordings",
             str(ROOT / "tests" / "recordings"), "--prompt-version", "v1", "--format", "json", "-q")
    assert json.loads(v1.stdout)["old"]["prompt_version"] == "summarize.v1"


def test_eval_quick_run_writes_results_and_compares(tmp_path):
    out = tmp_path / "results.json"
    r = run("eval", "--suite", "golden", "--suite", "bump", "--limit", "5", "--out", str(out), "-q",
            "--evals-dir", str(ROOT / "evals"))
    assert r.returncode == 0, r.stderr.decode()
    data = json.loads(out.read_text())
    assert data["meta"]["backend"] == "local" and data["meta"]["seed"] == 0 and data["meta"]["limit"] == 5
    assert len(data["suites"]["bump"]["cases"]) == 5 and "verdict_accuracy" in data["suites"]["golden"]["metrics"]
    better = json.loads(out.read_text())
    better["suites"]["bump"]["metrics"]["identical"]["value"] = 1.5  # a previous run that was 'better'
    prev = tmp_path / "prev.json"
    prev.write_text(json.dumps(better))
    r = run("eval", "--suite", "bump", "--limit", "5", "--compare", str(prev), "--max-drop", "0.01", "-q",
            "--evals-dir", str(ROOT / "evals"))
    assert r.returncode == 1 and "regressions: bump.identical" in " ".join(r.stdout.decode().split())


def test_batch_input_with_a_bad_json_line_fails_that_item_and_runs_the_rest(tmp_path):
    (tmp_path / "x.txt").write_text("The council voted 5 to 2 on Monday.")
    (tmp_path / "y.txt").write_text("The council voted 6 to 2 on Monday.")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "old": "x.txt", "new": "y.txt"}\n{"id": "b", "old": \n')
    r = CliRunner().invoke(cli, ["batch", str(src), "--out", str(tmp_path / "out.jsonl"), "-q"])
    rows = {row["id"]: row for row in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())}
    assert r.exit_code == 1 and rows["a"]["status"] == "ok"
    assert rows["2"]["status"] == "failed" and "in.jsonl:2: not valid JSON" in rows["2"]["error"]["message"]


@pytest.mark.needs_encodings
def test_the_readme_example_header_counts_tokens_exactly(korea_pair):
    r = CliRunner().invoke(cli, ["tokens", str(korea_pair[0]), "--format", "json", "-q"])
    row = json.loads(r.output)[0]
    assert (row["tokens"], row["encoding"], row["estimated"]) == (487, "o200k_base", False)  # as in the README


def test_markdown_input_is_read_as_text(tmp_path):
    md = tmp_path / "story.md"
    md.write_text("# Port reopens\n\nThe **port** reopened on [Monday](http://x) after a strike, officials said.\n")
    data = json.loads(run("summarize", str(md), "--format", "json", "-q").stdout)
    assert data["claims"][0]["text"].startswith("The port reopened on Monday")
