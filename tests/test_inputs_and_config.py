"""Odd bytes and bad config values end in one documented error line, never a stray exception (issue 13, 3 and 5)."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from summarizer.articles import article_from_bytes
from summarizer.cli import cli
from summarizer.config import Settings, resolve_settings
from summarizer.errors import ConfigError, InputError


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfA\xc3", b"\xff\xfeA", b"\xfe\xff\x00A\x00",
                                 b"\xef\xbb\xbf\xff\xfe text"])
def test_a_byte_order_mark_followed_by_undecodable_bytes_is_an_input_error(raw):
    with pytest.raises(InputError, match="byte-order mark but is not valid UTF-(8|16)"):
        article_from_bytes(raw, source="odd.txt")


def test_odd_bytes_on_the_command_line_are_one_line_and_exit_2(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xef\xbb\xbfA\xc3")
    r = CliRunner().invoke(cli, ["summarize", str(path), "--backend", "local", "-q"])
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "odd.txt: starts with a UTF-8 byte-order mark" in r.output


@pytest.mark.parametrize("line, key, expected", [
    ('model = 5', "model", "expected a string"),
    ('timeout = "abc"', "timeout", "expected a number > 0"),
    ("timeout = 0", "timeout", "expected a number > 0"),
    ('reask_limit = "x"', "reask_limit", "expected a whole number >= 0"),
    ("chunk_tokens = 0", "chunk_tokens", "expected a whole number >= 100"),
    ("transport_attempts = 0", "transport_attempts", "expected a whole number >= 1"),
    ("temperature = 5.0", "temperature", "expected a number >= 0 and <= 2"),
    ("use_cache = [1]", "use_cache", "expected true or false"),
])
def test_a_config_value_of_the_wrong_type_or_range_names_key_value_and_expectation(tmp_path, line, key, expected):
    cfg = tmp_path / "config.toml"
    cfg.write_text(line + "\n")
    with pytest.raises(ConfigError) as info:
        resolve_settings(env={"SUMMARIZER_CONFIG": str(cfg)})
    message = str(info.value)
    assert f"config file {cfg}: {key} = " in message and expected in message


def test_a_bad_config_file_is_one_line_on_the_command_line(tmp_path, korea_pair, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('timeout = "abc"\n')
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(cfg))
    r = CliRunner().invoke(cli, ["summarize", str(korea_pair[0]), "--backend", "local", "-q"])
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "timeout = 'abc' is not valid" in r.output
    assert "unexpected" not in r.output


def test_a_setting_added_later_is_validated_from_its_type_without_new_code(tmp_path, monkeypatch):
    import summarizer.config as config

    @dataclasses.dataclass(frozen=True)
    class Wider(Settings):
        poll_seconds: float = 1.0

    monkeypatch.setattr(config, "Settings", Wider)
    config._adapters.cache_clear()
    try:
        cfg = tmp_path / "config.toml"
        cfg.write_text('poll_seconds = "soon"\n')
        with pytest.raises(ConfigError, match="poll_seconds = 'soon' is not valid: expected a number"):
            resolve_settings(env={"SUMMARIZER_CONFIG": str(cfg)})
    finally:
        config._adapters.cache_clear()


def test_good_config_values_are_accepted_and_converted(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('model = "gpt-4.1"\ntimeout = 5\nchunk_tokens = 300\n')
    s = resolve_settings(env={"SUMMARIZER_CONFIG": str(cfg)})
    assert (s.model, s.timeout, s.chunk_tokens) == ("gpt-4.1", 5.0, 300) and isinstance(s.timeout, float)


def test_an_html_page_without_a_date_gets_none_not_a_year_from_its_body():
    from summarizer.articles import article_from_bytes

    para = "<p>" + "The city council approved plans for new parks by 2019 in the northern districts. " * 3 + "</p>"
    page = f"<!doctype html><html><head><title>Parks</title></head><body><article>{para * 3}</article></body></html>"
    assert article_from_bytes(page.encode()).publication_date is None
    dated = page.replace("<title>", "<meta property='article:published_time' content='2024-05-02T10:00:00Z'><title>")
    assert article_from_bytes(dated.encode()).publication_date == "2024-05-02"
