"""The model client: one Chat Completions call with structured output, its retry layer and its re-ask loop.

Failure handling, one layer per kind:
- transport (429 honouring Retry-After, 408/409/5xx, timeouts, connection errors): retried here with tenacity,
  exponential backoff with full jitter, ``transport_attempts`` tries, at most ``BACKOFF_TOTAL_CAP_S`` of waiting. The
  SDK's own retries are switched off (``max_retries=0``), so a request is never retried at two layers.
- permanent (400, 401, 403, 404, 422): never retried; raised at once with its own message. A 400 that rejects the
  ``json_schema`` response format switches once to JSON mode (the schema then goes into the system message).
- output: ``finish_reason == "length"`` -> TruncatedError; a refusal -> RefusalError; invalid JSON or a schema
  violation -> re-ask, at most ``reask_limit`` times, feeding back the validator's error text.
"""

from __future__ import annotations

import json
import threading
import time
from functools import lru_cache
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Protocol

from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from ..config import Settings
from ..errors import (
    ConfigError, InvalidOutputError, PermanentAPIError, RefusalError, TransportError, TruncatedError,
)
from ..schema import SummaryDraft, Usage
from .recordings import RecordingStore, request_key, scrub


@dataclass
class Completion:
    content: str | None
    finish_reason: str | None
    refusal: str | None
    usage: dict[str, int]
    raw: dict[str, Any]
    request_id: str | None = None
    attempts: int = 1
    source: str = "live"  # live or replay

    @classmethod
    def from_raw(cls, raw: dict[str, Any], *, request_id: str | None = None, attempts: int = 1,
                 source: str = "live") -> "Completion":
        choice = (raw.get("choices") or [{}])[0]
        message = choice.get("message") or {}
        usage = raw.get("usage") or {}
        return cls(content=message.get("content"), finish_reason=choice.get("finish_reason"),
                   refusal=message.get("refusal"),
                   usage={"input_tokens": int(usage.get("prompt_tokens") or 0),
                          "output_tokens": int(usage.get("completion_tokens") or 0)},
                   raw=raw, request_id=request_id, attempts=attempts, source=source)


Observer = Callable[[dict[str, Any]], None]


class Transport(Protocol):
    """The seam around the model: one request body in, one completion out."""

    def complete(self, body: dict[str, Any]) -> Completion: ...


_lock = threading.Lock()  # guards lazy client creation and the shared backoff total


class SchemaUnsupported(Exception):
    """The server rejected the json_schema response format (internal: triggers the JSON-mode fallback)."""


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    status = _status(exc)
    return status is not None and (status in (408, 409, 429) or status >= 500)


def retry_after_seconds(exc: BaseException) -> float | None:
    """The server's Retry-After (seconds or HTTP date, or retry-after-ms), if it sent one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class OpenAITransport:
    """Live calls through the openai SDK, with the single transport-retry layer."""

    def __init__(self, settings: Settings, *, backoff_initial: float | None = None, backoff_max: float | None = None,
                 retry_after_cap: float | None = None, total_wait_cap: float | None = None) -> None:
        self.settings = settings
        self._client = None
        self._jitter = wait_random_exponential(
            multiplier=settings.backoff_initial if backoff_initial is None else backoff_initial,
            max=settings.backoff_max if backoff_max is None else backoff_max)
        self.retry_after_cap = settings.retry_after_cap if retry_after_cap is None else retry_after_cap
        self.total_wait_cap = settings.backoff_total_cap if total_wait_cap is None else total_wait_cap
        self._local = threading.local()
        self.waited = 0.0  # seconds spent backing off, over the transport's life

    def _get_client(self):
        with _lock:
            return self._make_client()

    def _make_client(self):
        if self._client is None:
            import openai

            s = self.settings
            if not s.api_key and not s.base_url:
                raise ConfigError(
                    "no API key: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server), "
                    "or run offline with --backend local"
                )
            self._client = openai.OpenAI(api_key=s.api_key or "unused-local-server", base_url=s.base_url,
                                         timeout=s.timeout, max_retries=0)
        return self._client

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        ra = retry_after_seconds(exc) if exc else None
        wait = min(ra, self.retry_after_cap) if ra is not None else self._jitter(state)
        wait = max(0.0, min(wait, self.total_wait_cap - self._local.waited))
        self._local.waited += wait
        with _lock:
            self.waited += wait
        return wait

    def complete(self, body: dict[str, Any]) -> Completion:
        client = self._get_client()
        self._local.waited = 0.0
        attempts = 0

        def call() -> Completion:
            nonlocal attempts
            attempts += 1
            raw = client.chat.completions.with_raw_response.create(**body)
            parsed = raw.parse()
            return Completion.from_raw(parsed.model_dump(mode="json", exclude_none=False),
                                       request_id=raw.headers.get("x-request-id"), attempts=attempts)

        retrying = Retrying(
            stop=stop_after_attempt(self.settings.transport_attempts)
            | (lambda st: self._local.waited >= self.total_wait_cap),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )
        try:
            return retrying(call)
        except Exception as exc:
            raise self._translate(exc, attempts, body) from None

    def _translate(self, exc: Exception, attempts: int, body: dict[str, Any]) -> Exception:
        import openai

        s = self.settings
        where = s.base_url or "api.openai.com"
        secrets = (s.api_key or "",)
        detail = scrub(_api_message(exc), secrets)
        status = _status(exc)
        request_id = getattr(exc, "request_id", None)
        kw = dict(attempts=attempts, status_code=status, request_id=request_id)
        if isinstance(exc, openai.APITimeoutError):
            return TransportError(f"the model server at {where} timed out {attempts} time(s) (timeout "
                                  f"{s.timeout:g}s): try again, raise the timeout, or use --backend local", **kw)
        if isinstance(exc, openai.APIConnectionError):
            return TransportError(f"cannot reach the model server at {where} after {attempts} attempt(s): check "
                                  "--base-url / OPENAI_BASE_URL and the network, or run offline with --backend local",
                                  **kw)
        if status == 401:
            return PermanentAPIError(f"the model server at {where} rejected the API key (401): check OPENAI_API_KEY",
                                     **kw)
        if status == 403:
            return PermanentAPIError(f"access denied by {where} (403): {detail}", **kw)
        if status == 404:
            return PermanentAPIError(f"model {body.get('model')!r} not found at {where} (404): check --model or "
                                     "SUMMARIZER_MODEL", **kw)
        if status == 400 and body.get("response_format", {}).get("type") == "json_schema" and (
                "response_format" in detail or "json_schema" in detail or "schema" in detail.lower()):
            return SchemaUnsupported(detail)
        if status in (400, 422):
            return PermanentAPIError(f"the model server at {where} rejected the request ({status}): {detail}", **kw)
        if _is_transient(exc):
            return TransportError(f"the model server at {where} kept failing ({status}: {detail}) after "
                                  f"{attempts} attempt(s): try again later or lower the concurrency", **kw)
        if isinstance(exc, openai.APIStatusError):
            return PermanentAPIError(f"the model server at {where} answered {status}: {detail}", **kw)
        return exc


def _api_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])[:300]
    return str(getattr(exc, "message", exc))[:300]


class RecordingTransport:
    """Record/replay layer over a live transport. Modes: live, record, replay, auto (replay if recorded, else live).
    A miss in replay mode raises ``RecordingMissError`` naming the key; nothing is ever sent in replay mode."""

    def __init__(self, live: Transport | None, store: RecordingStore, mode: str, *, model: str,
                 meta: dict[str, Any] | None = None, observer: Observer | None = None) -> None:
        self.live, self.store, self.mode, self.model = live, store, mode, model
        self.meta = meta or {}
        self.used: set[str] = set()  # 'live' and/or 'replay'
        self.observer = observer

    def complete(self, body: dict[str, Any]) -> Completion:
        key = request_key(body)
        start = time.perf_counter()
        try:
            comp = self._complete(body, key)
        except Exception as exc:
            if self.observer:
                self.observer({"request_hash": key, "model": self.model, "prompt": self.meta.get("prompt"),
                               "status": type(exc).__name__, "input_tokens": 0, "output_tokens": 0,
                               "duration_ms": round((time.perf_counter() - start) * 1000),
                               "attempts": getattr(exc, "attempts", 0), "source": self.mode})
            raise
        if self.observer:
            self.observer({"request_hash": key, "model": self.model, "prompt": self.meta.get("prompt"),
                           "status": "ok", "input_tokens": comp.usage["input_tokens"],
                           "output_tokens": comp.usage["output_tokens"], "attempts": comp.attempts,
                           "duration_ms": round((time.perf_counter() - start) * 1000), "source": comp.source})
        return comp

    def _complete(self, body: dict[str, Any], key: str) -> Completion:
        from ..errors import RecordingMissError

        if self.mode in ("replay", "auto"):
            rec = self.store.load(key)
            if rec is not None:
                self.used.add("replay")
                return Completion.from_raw(rec["response"], source="replay")
            if self.mode == "replay":
                article = self.meta.get("source") or "the article"
                raise RecordingMissError(
                    f"no recording for {article} (key {key[:16]}, prompt {self.meta.get('prompt', '?')}, model "
                    f"{self.model}) in {self.store.directory}: record it with --llm-mode record (needs a model), "
                    "or run offline with --backend local",
                    key=key,
                )
        assert self.live is not None
        comp = self.live.complete(body)
        self.used.add("live")
        if self.mode == "record":
            self.store.save(key, body, comp.raw,
                            {"kind": "recorded", "model": comp.raw.get("model") or self.model,
                             "date": time.strftime("%Y-%m-%d", time.gmtime())}, self.meta)
        return comp


@lru_cache(maxsize=8)
def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """(Memoised: treat the result as read-only.) The model's JSON schema in the form strict structured output requires: every object closed
    (additionalProperties false) with every property required; defaults and titles dropped."""
    schema = model.model_json_schema()

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: fix(v) for k, v in node.items() if k not in ("default", "title")}
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            return node
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    return fix(schema)


def request_body(messages: list[dict[str, str]], settings: Settings, fmt: str = "json_schema") -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": settings.model,
        "messages": messages,
        "temperature": settings.temperature,
        "seed": settings.seed,
        "max_completion_tokens": settings.max_output_tokens,
    }
    if fmt == "json_schema":
        body["response_format"] = {"type": "json_schema", "json_schema": {
            "name": "article_summary", "strict": True, "schema": strict_schema(SummaryDraft)}}
    else:
        body["response_format"] = {"type": "json_object"}
    return body


def _json_mode_messages(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    schema = json.dumps(strict_schema(SummaryDraft), sort_keys=True)
    first = dict(messages[0])
    first["content"] = first["content"] + "\n\nThe JSON must match this JSON schema exactly:\n" + schema
    return [first, *messages[1:]]


@dataclass
class DraftResult:
    draft: SummaryDraft
    usage: Usage = field(default_factory=Usage)
    sources: set[str] = field(default_factory=set)


def structured_summary(messages: list[dict[str, str]], transport: Transport, settings: Settings) -> DraftResult:
    """Ask for a ``SummaryDraft``; re-ask on invalid output at most ``settings.reask_limit`` times."""
    usage = Usage()
    fmt = "json_schema"
    base = list(messages)
    convo = list(messages)
    last: str | None = None
    sources: set[str] = set()
    reasks = 0
    while True:
        body = request_body(convo, settings, fmt)
        try:
            comp = transport.complete(body)
        except SchemaUnsupported:
            if fmt == "json_schema" and settings.json_mode_fallback:
                fmt = "json_object"
                base = _json_mode_messages(messages)
                convo = list(base)
                continue
            raise PermanentAPIError("the server rejected the json_schema response format: enable the JSON-mode "
                                    "fallback or use a server that supports structured output",
                                    usage=usage.model_dump()) from None
        sources.add(comp.source)
        usage.input_tokens += comp.usage["input_tokens"]
        usage.output_tokens += comp.usage["output_tokens"]
        usage.calls += comp.attempts
        last = comp.content
        kw = dict(attempts=usage.calls, usage=usage.model_dump(), last_response=last, request_id=comp.request_id)
        if comp.refusal or comp.finish_reason == "content_filter":
            raise RefusalError(f"the model refused to summarise this article: {comp.refusal or 'content filter'}",
                               **kw)
        if comp.finish_reason == "length":
            raise TruncatedError(
                f"the model's output hit the token limit ({settings.max_output_tokens} tokens) before the summary "
                "was complete: raise max_output_tokens or lower chunk_tokens in the config file", **kw)
        try:
            draft = SummaryDraft.model_validate_json(comp.content or "")
            return DraftResult(draft=draft, usage=usage, sources=sources)
        except ValidationError as exc:
            error = _validation_text(exc)
        if reasks >= settings.reask_limit:
            raise InvalidOutputError(
                f"the model's output was still invalid after {reasks} re-ask(s): {error[:300]}", **kw)
        reasks += 1
        convo = [*base, {"role": "assistant", "content": comp.content or ""},
                 {"role": "user", "content": "Your previous answer was not valid for the schema:\n" + error +
                  "\nAnswer again with the complete JSON object only, matching the schema exactly."}]


def _validation_text(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors()[:20]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        lines.append(f"- {loc or '(root)'}: {err.get('msg')}")
    return "\n".join(lines)
