"""Bounded fuzzing (issue 13, item 11): whatever a user feeds the loader, a batch line, the config file or a
recording, the only exceptions are the documented ones (``summarizer.errors``)."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.articles import article_from_bytes
from summarizer.batch.inputs import load_source, parse_line
from summarizer.config import Settings, resolve_settings
from summarizer.errors import ConfigError, SummarizerError

BOUNDED = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]
json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
json_values = st.recursive(json_scalars,
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                           max_leaves=12)


@BOUNDED
@given(st.sampled_from(BOMS), st.binary(max_size=300))
def test_loading_any_bytes_after_any_byte_order_mark_raises_only_input_errors(bom, data):
    try:
        article_from_bytes(bom + data, source="fuzz.txt")
    except SummarizerError:
        pass


line_values = st.fixed_dictionaries({}, optional={
    "id": json_values, "old": json_values, "new": json_values,
    "articles": st.lists(json_values | st.fixed_dictionaries({"text": st.text(max_size=40)}), max_size=4)})


@BOUNDED
@given(st.one_of(line_values, json_values, st.text(max_size=40).map(lambda t: {"raw": t})))
def test_a_batch_line_becomes_an_item_or_an_item_error_never_an_exception(tmp_path_factory, value):
    line = value["raw"] if isinstance(value, dict) and set(value) == {"raw"} else json.dumps(value)
    item = parse_line(line, 1, tmp_path_factory.getbasetemp())
    assert isinstance(item.id, str) and (item.error is None) == (len(item.sources) >= 2)
    for source in item.sources:
        try:
            load_source(source)
        except SummarizerError:
            pass


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    return "[" + ", ".join(toml_value(x) for x in v) + "]"


scalars = st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=12)
keys = st.sampled_from(sorted(f.name for f in __import__("dataclasses").fields(Settings)
                              if f.name not in ("prices", "api_key")) + ["unknown_key"])


@BOUNDED
@given(st.dictionaries(keys, scalars | st.lists(st.integers(0, 9), max_size=2), max_size=4))
def test_any_config_file_resolves_or_raises_one_config_error(tmp_path_factory, table):
    cfg = tmp_path_factory.mktemp("cfg") / "config.toml"
    cfg.write_text("".join(f"{k} = {toml_value(v)}\n" for k, v in table.items()))
    try:
        s = resolve_settings(env={"SUMMARIZER_CONFIG": str(cfg)})
    except ConfigError:
        return
    assert s.timeout > 0 and s.chunk_tokens >= 100 and math.isfinite(s.timeout)


@BOUNDED
@given(st.one_of(st.binary(max_size=200).map(lambda b: b.decode("latin-1")), json_values.map(json.dumps),
                 st.dictionaries(st.sampled_from(["response", "request", "key"]), json_values,
                                 max_size=3).map(json.dumps)))
def test_replaying_any_recording_file_raises_only_documented_errors(tmp_path_factory, text):
    from summarizer.llm.recordings import RecordingStore, RecordingTransport, request_key

    body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    folder = tmp_path_factory.mktemp("rec")
    (folder / f"{request_key(body)}.json").write_text(text)
    try:
        RecordingTransport(None, RecordingStore(folder), "replay", model="m").complete(body)
    except SummarizerError:
        pass
