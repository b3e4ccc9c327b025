"""One structured summary from the model: the request, the output checks, the bounded re-ask loop and the repairs.

Output faults, each handled as what it is:
- ``finish_reason == "length"``: ``TruncatedError``; a refusal or content filter: ``RefusalError``.
- the JSON is wrapped (a fenced block, prose around it: servers that ignore ``response_format``): unwrapped, no
  re-ask.
- not JSON, or not an instance of the schema: re-asked at most ``reask_limit`` times, feeding back the validator's
  own error text; then ``InvalidOutputError``.
Any instance of the schema is accepted as it is; checks of meaning are repaired or flagged deterministically after
validation (claim ids renumbered c1..cN, no claims, blank entity names), each noted in ``warnings``.
A server that may truncate input silently (Ollama) and reports far fewer prompt tokens than were sent gets a
warning naming the setting that fixes it.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from .. import config
from ..config import Settings
from ..errors import (
    InvalidOutputError,
    PermanentAPIError,
    RecordingError,
    RecordingMissError,
    RefusalError,
    TruncatedError,
)
from ..schema import SummaryDraft, Usage
from .servers import ServerProfile, request_body
from .tokens import count_tokens
from .transport import SchemaUnsupported, Transport

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)


class ServerState:
    """The profile in use for one server, shared by every request of a run: after one JSON-mode fallback, later
    requests go to JSON mode directly instead of meeting the same 400 again."""

    def __init__(self, profile: ServerProfile) -> None:
        self.profile = profile
        self._lock = threading.Lock()

    def fall_back(self, failed: ServerProfile) -> bool:
        """Switch to JSON mode; True when this call made the switch (so it is said once)."""
        with self._lock:
            if self.profile.response_format == failed.response_format == "json_schema":
                self.profile = failed.with_format("json_object")
                return True
            return False


@dataclass
class DraftResult:
    draft: SummaryDraft
    usage: Usage = field(default_factory=Usage)
    sources: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def unwrap_json(content: str) -> str:
    """The JSON object in ``content``: as is when it parses, else the first fenced block, else the outermost
    ``{...}`` span. Returns ``content`` unchanged when nothing better is found (validation then says why)."""
    text = content.strip()
    try:
        json.loads(text)
        return text
    except ValueError:
        pass
    for candidate in [m.group(1).strip() for m in _FENCE.finditer(text)] + [text[text.find("{"):text.rfind("}") + 1]]:
        if candidate:
            try:
                json.loads(candidate)
                return candidate
            except ValueError:
                continue
    return text


def repair(draft: SummaryDraft) -> tuple[SummaryDraft, list[str]]:
    """Deterministic repairs of a schema-valid draft, and a warning for each."""
    warnings: list[str] = []
    claims = draft.claims
    ids = [c.id for c in claims]
    wanted = [f"c{i + 1}" for i in range(len(claims))]
    if ids != wanted:
        claims = [c.model_copy(update={"id": w}) for c, w in zip(claims, wanted, strict=True)]
        why = "duplicate" if len(set(ids)) < len(ids) else "missing or out-of-order"
        warnings.append(f"claim ids renumbered c1..c{len(claims)} (the model's were {why})")
    if not claims:
        warnings.append("the model returned no claims for this text")
    elif all(not c.evidence.strip() for c in claims):
        warnings.append("the model left every evidence quote empty: a server that does not show the schema to its "
                        "model (Ollama, vLLM, llama.cpp) needs --server ollama, vllm, llamacpp or compatible, which "
                        "add a field guide to the prompt")
    entities = [e for e in draft.entities if e.name.strip()]
    if len(entities) < len(draft.entities):
        warnings.append(f"{len(draft.entities) - len(entities)} entity(ies) with a blank name dropped")
    if warnings:
        draft = draft.model_copy(update={"claims": claims, "entities": entities})
    return draft, warnings


def _validation_text(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors()[:20]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        lines.append(f"- {loc or '(root)'}: {err.get('msg')}")
    return "\n".join(lines)


def _one_line(error: str, limit: int = 200) -> str:
    return "; ".join(line.lstrip("- ") for line in error.splitlines())[:limit]


def _truncation_warning(sent: int, reported: int, settings: Settings, profile: ServerProfile) -> str | None:
    if not profile.may_truncate or reported <= 0 or reported >= sent:
        return None
    if reported >= sent * config.TRUNCATION_RATIO and reported not in config.CONTEXT_SIZES:
        return None  # tokenizers differ: only a large gap, or a count equal to a context size, is a cut
    fix = ("raise the server's context window (OLLAMA_CONTEXT_LENGTH=16384 when starting Ollama, or "
           "'PARAMETER num_ctx 16384' in a Modelfile)" if profile.name == "ollama"
           else "raise the server's context window")
    return (f"the server reported {reported} prompt tokens for a request of about {sent}: it may have cut the "
            f"article silently; {fix}, or lower chunk_tokens (now {settings.chunk_tokens}) in the config file")


def structured_summary(messages: list[dict[str, str]], transport: Transport, settings: Settings,
                       state: ServerState, notice: Callable[[str], None] = lambda message: None) -> DraftResult:
    """Ask for a ``SummaryDraft``; re-ask on invalid output at most ``settings.reask_limit`` times."""
    usage = Usage()
    sources: set[str] = set()
    warnings: list[str] = []
    convo = list(messages)
    reasks = 0
    first_error = ""
    while True:
        profile = state.profile
        body = request_body(convo, settings, profile)
        try:
            comp = transport.complete(body)
        except RecordingMissError as exc:
            if reasks == 0:
                raise
            raise RecordingError(f"the recorded answer was not valid for the schema ({_one_line(first_error)}) and no "
                                 f"re-ask was recorded (key {exc.key[:16]}): record this article again with "
                                 "--llm-mode record") from None
        except SchemaUnsupported as exc:
            usage.calls += 1
            if profile.response_format == "json_schema" and settings.json_mode_fallback:
                if state.fall_back(profile):
                    notice(f"the server does not support json_schema ({exc}); using JSON mode with the schema in "
                           "the prompt from now on (--server json-mode skips the refused request next time)")
                continue
            raise PermanentAPIError("the server rejected the json_schema response format: enable the JSON-mode "
                                    "fallback (json_mode_fallback = true) or set server = \"json-mode\"",
                                    usage=usage.model_dump()) from None
        sources.add(comp.source)
        usage.input_tokens += comp.usage["input_tokens"]
        usage.output_tokens += comp.usage["output_tokens"]
        usage.calls += comp.attempts
        kw: dict[str, Any] = dict(attempts=usage.calls, usage=usage.model_dump(), last_response=comp.content,
                  request_id=comp.request_id)
        if comp.refusal or comp.finish_reason == "content_filter":
            raise RefusalError(f"the model refused to summarise this article: {comp.refusal or 'content filter'}",
                               **kw)
        if comp.finish_reason == "length":
            raise TruncatedError(
                f"the model's output hit the token limit ({settings.max_output_tokens} tokens) before the summary "
                "was complete: raise max_output_tokens or lower chunk_tokens in the config file", **kw)
        if comp.source == "live" and profile.may_truncate:
            sent = count_tokens("\n".join(m["content"] for m in body["messages"]), settings.model).tokens
            warning = _truncation_warning(sent, comp.usage["input_tokens"], settings, profile)
            if warning and warning not in warnings:
                warnings.append(warning)
                notice(warning)
        content = comp.content or ""
        try:
            draft = SummaryDraft.model_validate_json(unwrap_json(content))
        except ValidationError as exc:
            error = _validation_text(exc)
        else:
            draft, repairs = repair(draft)
            return DraftResult(draft=draft, usage=usage, sources=sources, warnings=warnings + repairs)
        if reasks >= settings.reask_limit:
            hint = ""
            if "Invalid JSON" in error and profile.response_format == "json_schema":
                hint = (" (the server may not honour response_format: try --server plain, which takes the JSON from "
                        "the text, or --server json-mode)")
            raise InvalidOutputError(
                f"the model's output was still invalid after {reasks} re-ask(s): {error[:300]}{hint}", **kw)
        if reasks == 0:
            first_error = error
        reasks += 1
        convo = [*messages, {"role": "assistant", "content": content},
                 {"role": "user", "content": "Your previous answer was not valid for the schema:\n" + error +
                  "\nAnswer again with the complete JSON object only, matching the schema exactly."}]
