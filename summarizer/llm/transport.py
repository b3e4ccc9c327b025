"""The transport: one Chat Completions request to a live server, with the single transport-retry layer.

Failure handling, one layer per kind (the re-ask loop for invalid output lives in ``structured.py``):
- transient (429 honouring Retry-After, 408/409/5xx, timeouts, connection errors, a 200 that is not a chat
  completion, such as a proxy's HTML page): retried here with tenacity, exponential backoff with full jitter,
  ``transport_attempts`` tries, at most ``backoff_total_cap`` of waiting. The SDK's own retries are off
  (``max_retries=0``), so a request is never retried at two layers.
- permanent (400, 401, 403, 404, 422): never retried; raised at once with its own message. OpenAI's ``Invalid schema
  for response_format`` names the schema problem; only a server saying it does not support ``json_schema`` raises
  ``SchemaUnsupported`` (the caller switches to JSON mode once).
At most ``concurrency`` requests are in flight at once across every thread using one transport; once ``cancel()``
is called no new request leaves (``Interrupted``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential
from tenacity.stop import stop_base

from ..config import Settings
from ..errors import ConfigError, Interrupted, PermanentAPIError, TransportError
from ..redact import redact_text


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
                 source: str = "live") -> Completion:
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
    """The server does not support the json_schema response format (internal: triggers the JSON-mode fallback)."""

    attempts: int = 0  # the refused request counts in the run's calls


class NotACompletion(Exception):
    """A 200 answer that is not a chat completion (a proxy's HTML page, a login page): transient."""

    status_code = 200


_UNSUPPORTED = re.compile(r"not supported|unsupported|does not support|not support|unknown|unrecognized|"
                          r"invalid value|must be one of", re.I)


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, NotACompletion)):
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


class _WaitCapReached(stop_base):
    """Stop retrying once this request has waited ``total_wait_cap`` seconds in all."""

    def __init__(self, transport: OpenAITransport) -> None:
        self.transport = transport

    def __call__(self, retry_state: RetryCallState) -> bool:
        return bool(self.transport._local.waited >= self.transport.total_wait_cap)


class OpenAITransport:
    """Live calls through the openai SDK, with the single transport-retry layer."""

    def __init__(self, settings: Settings, *, backoff_initial: float | None = None, backoff_max: float | None = None,
                 retry_after_cap: float | None = None, total_wait_cap: float | None = None,
                 sleep: Callable[[float], None] | None = None) -> None:
        self.settings = settings
        self.cancelled = threading.Event()
        # a retry wait that cancel() ends at once; tests pass a fake clock
        self._sleep: Callable[[float], None] = sleep or self._interruptible_sleep
        self._client = None
        self._jitter = wait_random_exponential(
            multiplier=settings.backoff_initial if backoff_initial is None else backoff_initial,
            max=settings.backoff_max if backoff_max is None else backoff_max)
        self.retry_after_cap = settings.retry_after_cap if retry_after_cap is None else retry_after_cap
        self.total_wait_cap = settings.backoff_total_cap if total_wait_cap is None else total_wait_cap
        self._local = threading.local()
        self.waited = 0.0  # seconds spent backing off, over the transport's life
        self.gate = threading.BoundedSemaphore(settings.concurrency)  # requests in flight, in total

    def _interruptible_sleep(self, seconds: float) -> None:
        self.cancelled.wait(seconds)

    def cancel(self) -> None:
        """No new request or retry leaves after this; a retry wait ends at once (in-flight ones finish)."""
        self.cancelled.set()

    def close(self) -> None:
        """``cancel`` and close the client's connections: requests in flight end now."""
        self.cancel()
        with _lock:
            client = self._client
        if client is not None:
            try:
                client.close()
            except Exception:  # noqa: BLE001 - best effort: the run is ending
                pass

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
            if self.cancelled.is_set():
                raise Interrupted("interrupted: no further model request was sent")
            with self.gate:
                if self.cancelled.is_set():
                    raise Interrupted("interrupted: no further model request was sent")
                attempts += 1
                raw = client.chat.completions.with_raw_response.create(**body)
                parsed = raw.parse()
            return _completion(parsed, raw, attempts)

        retrying = Retrying(
            stop=stop_after_attempt(self.settings.transport_attempts) | _WaitCapReached(self),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            reraise=True,
            sleep=self._sleep,
        )
        try:
            return retrying(call)
        except Interrupted:
            raise
        except Exception as exc:
            raise self._translate(exc, attempts, body) from None

    def _translate(self, exc: Exception, attempts: int, body: dict[str, Any]) -> Exception:
        import openai

        s = self.settings
        where = s.base_url or "api.openai.com"
        secrets = (s.api_key or "",)
        detail = redact_text(_api_message(exc), secrets)
        status = _status(exc)
        request_id = getattr(exc, "request_id", None)
        kw: dict[str, Any] = dict(attempts=attempts, status_code=status, request_id=request_id)
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
        if isinstance(exc, NotACompletion):
            return TransportError(f"the server at {where} answered {attempts} time(s) with something that is not a "
                                  f"chat completion ({exc}): check --base-url / OPENAI_BASE_URL (a proxy or login "
                                  "page may be in the way)", **kw)
        if status == 400 and "invalid schema for response_format" in detail.lower():
            return PermanentAPIError(f"the model server at {where} rejected the JSON schema summarizer sent: "
                                     f"{detail}. This is a bug in summarizer's schema: please report it; "
                                     "meanwhile --server json-mode avoids it", **kw)
        if status == 400 and (body.get("response_format") or {}).get("type") == "json_schema" and (
                "json_schema" in detail or "response_format" in detail) and _UNSUPPORTED.search(detail):
            unsupported = SchemaUnsupported(detail)
            unsupported.attempts = attempts
            return unsupported
        if status in (400, 422):
            hint = ""
            if "temperature" in detail and ("default (1)" in detail or "not supported" in detail):
                hint = " (a reasoning model? set reasoning = true in the config file)"
            elif "max_tokens" in detail and "max_completion_tokens" in detail:
                hint = " (an OpenAI model that wants max_completion_tokens: use --server openai)"
            return PermanentAPIError(f"the model server at {where} rejected the request ({status}): {detail}{hint}",
                                     **kw)
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




def _completion(parsed: Any, raw: Any, attempts: int) -> Completion:
    """A ``Completion`` from the SDK's parsed answer, or ``NotACompletion`` when the 200 was something else."""
    from openai.types.chat import ChatCompletion

    if not isinstance(parsed, ChatCompletion) or not parsed.choices or getattr(parsed.choices[0], "message", None) \
            is None:
        ctype = raw.headers.get("content-type", "?")
        text = parsed if isinstance(parsed, str) else str(getattr(parsed, "model_dump", lambda: parsed)())
        snippet = " ".join(redact_text(text).split())[:80]
        raise NotACompletion(f"200 {ctype}: {snippet!r}")
    return Completion.from_raw(parsed.model_dump(mode="json", exclude_none=False),
                               request_id=raw.headers.get("x-request-id"), attempts=attempts)
