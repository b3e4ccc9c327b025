"""Article and model text never carries a control sequence to the terminal, in any format (issue 13, item 1)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from summarizer.cli import cli
from summarizer.safetext import json_visible, visible

HOSTILE = ("The government will provide aid \x1b[2J\x1b[31mRED\x1b[0m, Reuters reported "
           "\x1b]8;;http://evil.example\x1b\\click here\x1b]8;;\x1b\\ today.")
CLEAN = "The government will provide aid, Reuters reported today."
# Anything a terminal acts on: C0 but newline and tab, DEL, C1 (e.g. the one-byte CSI), bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_pair(tmp_path, korea_pair):
    body = korea_pair[0].read_text()
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(body + "\n" + HOSTILE + " Officials \u202etxt.exe\u202c said \x9b2J so.\n")
    new.write_text(body + "\n" + CLEAN + "\n")
    return old, new


@pytest.mark.parametrize("fmt", ["rich", "json", "markdown", "html"])
def test_control_sequences_in_an_article_never_reach_the_output(hostile_pair, fmt):
    r = CliRunner().invoke(cli, ["diff", *map(str, hostile_pair), "--backend", "local", "--format", fmt, "-q"])
    assert r.exit_code == 1, r.output
    assert not RAW_CONTROL.findall(r.output)
    if fmt != "json":
        assert "\u241b" in r.output and "RED" in r.output  # shown, not obeyed


def test_json_output_escapes_every_control_character_and_keeps_the_data(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Officials said \u202etxt.exe\u202c and \x9b2J and \x1b[2J the port reopened on Monday.\n")
    r = CliRunner().invoke(cli, ["summarize", str(article), "--backend", "local", "--format", "json", "-q"])
    assert r.exit_code == 0 and not RAW_CONTROL.findall(r.output)
    assert "\u202etxt.exe\u202c and \x9b2J and \x1b[2J" in json.loads(r.output)["claims"][0]["text"]


def test_a_summary_with_control_characters_prints_them_visibly(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Officials said \x1b]8;;http://evil.example\x1b\\the port\x1b]8;;\x1b\\ reopened on Monday. "
                       "Ships returned.\n")
    r = CliRunner().invoke(cli, ["summarize", str(article), "--backend", "local", "-q"])
    assert r.exit_code == 0 and not RAW_CONTROL.findall(r.output) and "\u241b]8;;http://evil.example" in r.output


def test_an_error_naming_a_hostile_path_is_printed_visibly(tmp_path):
    r = CliRunner().invoke(cli, ["summarize", str(tmp_path / "a\x1b[2Jb.txt"), "--backend", "local"])
    assert r.exit_code == 2 and "a\u241b[2Jb.txt: file not found" in r.output and "\x1b" not in r.output


def test_visible_keeps_newlines_tabs_and_ordinary_text():
    assert visible("line one\n\tline two — ünïcode") == "line one\n\tline two — ünïcode"
    assert visible("\x1b[2J\x07\r\x7f\x9b\u202e") == "\u241b[2J\u2407\u240d\u2421\\u009b\\u202e"


def test_json_visible_escapes_what_json_leaves_raw_and_keeps_the_data():
    text = json.dumps({"t": "a\x7fb\x9bc\u202ed\x1b"}, ensure_ascii=False)
    safe = json_visible(text)
    assert not RAW_CONTROL.findall(safe) and json.loads(safe) == json.loads(text)
