"""The model path: prompts, structured output, retries and re-asks against a local stand-in server, recordings,
replay of the hand-written fixtures, grounding, chunking and the cache. All offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import diff, load_article
from summarizer.config import resolve_settings
from summarizer.errors import (
    InvalidOutputError,
    PermanentAPIError,
    PromptError,
    RecordingMissError,
    RefusalError,
    TransportError,
    TruncatedError,
)
from summarizer.grounding import ground
from summarizer.llm.prompts import load_prompt, parse_prompt
from summarizer.llm.strict import strict_schema
from summarizer.llm.transport import OpenAITransport
from summarizer.pipeline import Summarizer
from summarizer.schema import ArticleSummary, ClaimDraft, SummaryDraft

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "tests" / "recordings"
GOLDEN = ROOT / "evals" / "golden" / "korea"
SECRET = "sk-test-FAKEKEY-0123456789abcdef"


def draft_json(claims: list[dict] | None = None, **over) -> str:
    claims = claims if claims is not None else [dict(
        id="c1", text="Zhao met Kim in Pyongyang.", kind="event", actors=["Zhao", "Kim"], time_text=None, time=None,
        place="Pyongyang", quantities=[], attribution=None, certainty="asserted", negated=False,
        evidence="Zhao met Kim in Pyongyang.")]
    data = dict(title=None, gist="A meeting.", publication_date=None, claims=claims,
                entities=[dict(name="Kim Jong-un", type="person", aliases=["Kim"])], quotes=[])
    data.update(over)
    return SummaryDraft.model_validate(data).model_dump_json()  # in the schema's key order, as a strict server writes


def engine(server, tmp_path, **over) -> Summarizer:
    settings = resolve_settings(env={}, backend="openai", base_url=server.base_url, api_key=SECRET,
                                llm_mode=over.pop("llm_mode", "live"), cache_dir=tmp_path / "cache",
                                recordings_dir=tmp_path / "rec", **over)
    return Summarizer(settings=settings, transport=OpenAITransport(settings, backoff_initial=0.01, backoff_max=0.05))


ARTICLE = "Zhao met Kim in Pyongyang. They discussed trade."


# --- prompts -------------------------------------------------------------------------------------------------------
def test_prompt_carries_version_and_hash():
    p = load_prompt()
    assert (p.id, p.version) == ("summarize", "v2") and len(p.hash) == 16
    assert any(line.startswith("v2:") for line in p.changelog) and any(x.startswith("v1:") for x in p.changelog)
    assert load_prompt("summarize", "v1").version == "v1"  # the old version stays selectable


def write_prompt(tmp_path, **over) -> Path:
    fields = dict(id='"summarize"', version='"v9"', description='"d"', changelog='["v9: test"]',
                  variables='["article", "title", "publication_date"]', system='"s"',
                  user='"$article $title $publication_date"')
    fields.update(over)
    path = tmp_path / "summarize.v9.toml"
    path.write_text("\n".join(f"{k} = {v}" for k, v in fields.items() if v is not None))
    return path


@pytest.mark.parametrize("over,message", [
    (dict(user=None), "lacks ['user']"),
    (dict(user='"$article $title"'), "do not match declared variables"),
    (dict(user='"$article $title $publication_date $extra"'), "do not match declared variables"),
    (dict(changelog='["v1: old"]'), "changelog needs a line starting 'v9:'"),
    (dict(system='"costs $ 5"'), "malformed"),
])
def test_prompt_validation_errors(tmp_path, over, message):
    with pytest.raises(PromptError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_prompt(write_prompt(tmp_path, **over))


def test_rendering_with_a_missing_variable_is_an_error():
    with pytest.raises(PromptError, match="variables missing"):
        load_prompt("summarize", "v1").render(article="x", title="y")


def test_unknown_prompt_version_lists_available():
    with pytest.raises(PromptError, match="summarize.v1.toml"):
        load_prompt("summarize", "v404")


def test_strict_schema_closes_every_object():
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield node
            for v in node.values():
                yield from objects(v)
        elif isinstance(node, list):
            for v in node:
                yield from objects(v)
    objs = list(objects(strict_schema(SummaryDraft)))
    assert objs and all(o["additionalProperties"] is False and set(o["required"]) == set(o["properties"])
                        for o in objs)


# --- replay of the hand-written fixtures -------------------------------------------------------------------------
def replay(path: Path, tmp_path: Path) -> ArticleSummary:
    settings = resolve_settings(env={}, backend="openai", llm_mode="replay", recordings_dir=RECORDINGS,
                                cache_dir=tmp_path / "cache")
    return Summarizer(settings=settings).summarize(load_article(path))


def test_replayed_summaries_equal_the_hand_written_goldens(korea_pair, tmp_path):
    for path, golden in zip(korea_pair, ("korea-original", "korea-rewrite"), strict=True):
        s = replay(path, tmp_path)
        expected = SummaryDraft.model_validate_json((GOLDEN / f"{golden}.summary.json").read_text())
        assert [c.text for c in s.claims] == [c.text for c in expected.claims]
        assert s.meta.mode == "replay" and s.meta.prompt_version == "v2" and s.meta.ungrounded == 0
    for rec in RECORDINGS.glob("*.json"):
        assert json.loads(rec.read_text())["provenance"]["kind"] == "hand-written"


def test_golden_diff_of_the_example_pair(korea_pair, tmp_path):
    report = diff(replay(korea_pair[0], tmp_path), replay(korea_pair[1], tmp_path))
    assert report.verdict == "contradictions"
    by_old = {ch.old_claim.text: ch for ch in report.changes if ch.old_claim}
    trip = by_old["Kim travelled to Russia in September for a summit with the Russian president, Vladimir Putin."]
    assert [(f.field, f.severity) for f in trip.fields] == [("time", "contradiction")]
    pledge = by_old["China says it will not provide Moscow with direct military support."]
    assert {(f.field, f.change) for f in pledge.fields} == {("modality", "weakened"), ("attribution", "detached")}
    omitted = [t for t, ch in by_old.items() if ch.kind == "removed"]
    assert any("Choe Ryong-hae" in t for t in omitted) and any("conventional weapons" in t for t in omitted)
    added = [ch.new_claim.text for ch in report.changes if ch.kind == "added"]
    assert any("crucial for its survival" in t for t in added)
    assert any("easing of travel restrictions" in t for t in added)


def test_replay_miss_names_the_article_key_and_fix(tmp_path):
    settings = resolve_settings(env={}, backend="openai", llm_mode="replay", recordings_dir=tmp_path / "none",
                                cache_dir=tmp_path / "cache")
    with pytest.raises(RecordingMissError) as err:
        Summarizer(settings=settings).summarize(load_article(ROOT / "examples" / "korea-original.txt"))
    msg = str(err.value)
    assert "korea-original.txt" in msg and err.value.key[:16] in msg and "--llm-mode record" in msg


# --- grounding and chunking ----------------------------------------------------------------------------------------
def test_grounding_marks_a_fabricated_evidence_quote():
    claims = [ClaimDraft(id="c1", text="t", kind="event", actors=[], time_text=None, time=None, place=None,
                         quantities=[], attribution=None, certainty="asserted", negated=False, evidence=ev)
              for ev in ("Zhao met Kim in Pyongyang.", "zhao  met KIM in \u201cPyongyang\u201d",
                         "Kim promised to denuclearise by 2025.")]
    assert [c.grounded for c in ground(claims, "Reports said Zhao met Kim in \"Pyongyang\" today.")] == \
        [True, True, False]


def test_a_long_article_is_chunked_and_merged(tmp_path):
    from .fakes import ProfileTransport

    fake = ProfileTransport("openai")
    settings = resolve_settings(env={}, backend="openai", server="openai", api_key=SECRET, llm_mode="live",
                                cache_dir=tmp_path / "cache", chunk_tokens=300)
    paragraphs = [f"Paragraph {i}: Kim Jong-un inspected factory number {i} in the north." * 3 for i in range(40)]
    s = Summarizer(settings=settings, transport=fake).summarize("\n\n".join(paragraphs))
    assert s.meta.chunks == len(fake.bodies) > 1
    assert [c.id for c in s.claims] == [f"c{i + 1}" for i in range(len(s.claims))]
    assert len(s.claims) == 120 and all(c.grounded for c in s.claims)
    assert len({e.name for e in s.entities}) == len(s.entities)  # merged by normalised name


# --- failures, retries and re-asks against the stand-in server ------------------------------------------------------
def test_429_with_retry_after_is_retried_after_the_wait(fake_openai, tmp_path):
    fake_openai.push({"status": 429, "headers": {"Retry-After": "7"}}, {"content": draft_json()})
    slept: list[float] = []
    settings = resolve_settings(env={}, backend="openai", base_url=fake_openai.base_url, api_key=SECRET,
                                llm_mode="live", cache_dir=tmp_path / "cache")
    e = Summarizer(settings=settings, transport=OpenAITransport(settings, sleep=slept.append))  # a fake clock
    s = e.summarize(ARTICLE)
    assert len(fake_openai.requests) == 2 and slept == [7.0]
    assert e.transport.waited == pytest.approx(7.0) and s.meta.usage.calls == 2


def test_500_then_success(fake_openai, tmp_path):
    fake_openai.push({"status": 500}, {"drop": True}, {"content": draft_json()})
    assert engine(fake_openai, tmp_path).summarize(ARTICLE).claims[0].text == "Zhao met Kim in Pyongyang."
    assert len(fake_openai.requests) == 3


def test_persistent_503_stops_at_the_bound_in_one_layer(fake_openai, tmp_path):
    fake_openai.push(*[{"status": 503}] * 10)
    with pytest.raises(TransportError) as err:
        engine(fake_openai, tmp_path).summarize(ARTICLE)
    assert len(fake_openai.requests) == 4 == err.value.attempts  # 4 tries in all: not 4 x the SDK's 3


def test_retry_after_is_capped(fake_openai, tmp_path):
    fake_openai.push({"status": 429, "headers": {"Retry-After": "3600"}}, {"content": draft_json()})
    settings = resolve_settings(env={}, backend="openai", base_url=fake_openai.base_url, api_key=SECRET,
                                llm_mode="live", cache_dir=tmp_path / "c")
    transport = OpenAITransport(settings, retry_after_cap=0.2)
    Summarizer(settings=settings, transport=transport).summarize(ARTICLE)
    assert transport.waited == pytest.approx(0.2)


def test_invalid_json_is_re_asked_with_the_validator_error(fake_openai, tmp_path):
    fake_openai.push({"content": "{not json"}, {"content": draft_json()})
    s = engine(fake_openai, tmp_path).summarize(ARTICLE)
    assert len(fake_openai.requests) == 2 and s.meta.usage.calls == 2
    reask = fake_openai.requests[1]["body"]["messages"]
    assert reask[-2] == {"role": "assistant", "content": "{not json"}
    assert "not valid for the schema" in reask[-1]["content"] and "json" in reask[-1]["content"].lower()


def test_schema_invalid_output_fails_after_bounded_re_asks(fake_openai, tmp_path):
    fake_openai.push(*[{"content": json.dumps({"title": None, "gist": 5})}] * 5)
    with pytest.raises(InvalidOutputError) as err:
        engine(fake_openai, tmp_path).summarize(ARTICLE)
    assert len(fake_openai.requests) == 3 and err.value.attempts == 3 and err.value.last_response
    assert err.value.usage["input_tokens"] == 300


def test_length_is_truncation_not_a_parse_error(fake_openai, tmp_path):
    fake_openai.push({"content": '{"title": nu', "finish_reason": "length"})
    with pytest.raises(TruncatedError, match="token limit"):
        engine(fake_openai, tmp_path).summarize(ARTICLE)
    assert len(fake_openai.requests) == 1


def test_refusal_is_reported_as_a_refusal(fake_openai, tmp_path):
    fake_openai.push({"content": None, "refusal": "I can't help with that."})
    with pytest.raises(RefusalError, match="refused"):
        engine(fake_openai, tmp_path).summarize(ARTICLE)
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize("status,message", [(401, "rejected the API key"), (404, "not found"),
                                            (400, "rejected the request")])
def test_permanent_errors_fail_fast(fake_openai, tmp_path, status, message):
    fake_openai.push({"status": status, "message": "bad thing"})
    with pytest.raises(PermanentAPIError, match=message) as err:
        engine(fake_openai, tmp_path).summarize(ARTICLE)
    assert len(fake_openai.requests) == 1 and SECRET not in str(err.value)


def test_rejected_json_schema_falls_back_to_json_mode(fake_openai, tmp_path):
    fake_openai.push({"status": 400, "message": "response_format json_schema is not supported"},
                     {"content": draft_json()})
    engine(fake_openai, tmp_path).summarize(ARTICLE)
    formats = [r["body"]["response_format"]["type"] for r in fake_openai.requests]
    assert formats == ["json_schema", "json_object"]
    assert "JSON schema" in fake_openai.requests[1]["body"]["messages"][0]["content"]


def test_request_is_deterministic_by_default(fake_openai, tmp_path):
    fake_openai.push({"content": draft_json()})
    engine(fake_openai, tmp_path).summarize(ARTICLE)
    body = fake_openai.requests[0]["body"]
    assert body["temperature"] == 0 and isinstance(body["seed"], int)
    assert body["response_format"]["json_schema"]["strict"] is True


# --- recordings, cache, secrets -----------------------------------------------------------------------------------
def test_recording_then_replay_then_cache_without_secrets(fake_openai, tmp_path):
    fake_openai.push({"content": draft_json()})
    recorded = engine(fake_openai, tmp_path, llm_mode="record").summarize(ARTICLE)
    assert fake_openai.requests[0]["headers"].get("authorization") == f"Bearer {SECRET}"
    replayed = engine(fake_openai, tmp_path, llm_mode="replay", use_cache=False).summarize(ARTICLE)
    cached = engine(fake_openai, tmp_path, llm_mode="live").summarize(ARTICLE)
    assert len(fake_openai.requests) == 1  # replay and cache made no call
    assert recorded.claims == replayed.claims == cached.claims
    assert (replayed.meta.mode, cached.meta.mode) == ("replay", "cache")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.parent.name == "rec" for p in files)
    for p in files:
        text = p.read_text()
        assert SECRET not in text and "Authorization" not in text and "Bearer" not in text
    rec = json.loads(next((tmp_path / "rec").glob("*.json")).read_text())
    assert rec["provenance"]["kind"] == "recorded" and rec["meta"]["prompt"] == "summarize.v2"


def test_errors_are_not_cached(fake_openai, tmp_path):
    fake_openai.push({"status": 401})
    with pytest.raises(PermanentAPIError):
        engine(fake_openai, tmp_path).summarize(ARTICLE)
    fake_openai.push({"content": draft_json()})
    assert engine(fake_openai, tmp_path).summarize(ARTICLE).meta.mode == "live"


def test_without_an_encoding_file_tokens_are_estimated_and_said_once(monkeypatch):
    import tiktoken

    from summarizer.llm import tokens

    notes: list[str] = []
    monkeypatch.setattr(tokens, "_encodings", {})
    monkeypatch.setattr(tokens, "_failed", set())
    monkeypatch.setattr(tokens, "notice", notes.append)
    monkeypatch.setattr(tiktoken, "get_encoding", lambda name: (_ for _ in ()).throw(OSError("no network")))
    first = tokens.count_tokens("x" * 300, "gpt-4o-mini")
    second = tokens.count_tokens("y" * 30, "gpt-4o-mini")
    assert (first.tokens, first.estimated, second.tokens) == (75, True, 8)
    assert len(notes) == 1 and "TIKTOKEN_CACHE_DIR" in notes[0]


def test_unknown_models_count_with_o200k_base():
    from summarizer.llm.tokens import encoding_name

    assert encoding_name("my-local-llama") == "o200k_base" and encoding_name("gpt-4") == "cl100k_base"


def test_async_summaries_of_many_articles_keep_input_order(fake_openai, tmp_path):
    import asyncio

    from summarizer import asummarize_many

    from .test_batch import echo_summary

    fake_openai.default = echo_summary
    texts = [f"Article {i} says the port reopened on Monday. More followed." for i in range(6)]
    s = resolve_settings(env={}, backend="openai", base_url=fake_openai.base_url, api_key=SECRET, llm_mode="live",
                         cache_dir=tmp_path / "c")
    out = asyncio.run(asummarize_many(texts, s, concurrency=3))
    assert [o.claims[0].text for o in out] == [f"Article {i} says the port reopened on Monday." for i in range(6)]


def test_429_without_retry_after_backs_off_with_jitter(fake_openai, tmp_path):
    fake_openai.push({"status": 429}, {"status": 503}, {"content": draft_json()})
    e = engine(fake_openai, tmp_path)
    e.summarize(ARTICLE)
    assert len(fake_openai.requests) == 3 and 0 <= e.transport.waited <= 0.1


def test_config_file_key_must_be_private(tmp_path):
    from summarizer.errors import ConfigError

    cfg = tmp_path / "config.toml"
    cfg.write_text('model = "gpt-4.1-mini"\napi_key = "sk-test-file-0000"\ntimeout = 12\n')
    cfg.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        resolve_settings(env={"SUMMARIZER_CONFIG": str(cfg)})
    cfg.chmod(0o600)
    s = resolve_settings(env={"SUMMARIZER_CONFIG": str(cfg)})
    assert (s.model, s.timeout, s.api_key) == ("gpt-4.1-mini", 12, "sk-test-file-0000")
    assert "sk-test-file" not in repr(s)
