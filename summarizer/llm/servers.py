"""What each kind of OpenAI-compatible server accepts, and the request body built for it.

A profile is chosen by the ``server`` setting (``--server``, ``SUMMARIZER_SERVER`` or the config file). With
``auto`` (the default) it is detected where detection is reliable: no base URL or an ``openai.com`` /
``openai.azure.com`` host is OpenAI; port 11434 (Ollama's default) is Ollama; anything else is ``compatible``.

| profile    | response_format        | output cap              | the model sees the schema | input truncation check |
|------------|------------------------|-------------------------|---------------------------|------------------------|
| openai     | json_schema, strict    | max_completion_tokens   | yes                       | no (it rejects)        |
| ollama     | json_schema (format)   | max_tokens              | no: field guide added     | yes (2,048 by default) |
| vllm       | json_schema (guided)   | max_tokens              | no: field guide added     | no (it rejects)        |
| llamacpp   | json_schema (grammar)  | max_tokens              | no: field guide added     | yes                    |
| compatible | json_schema            | max_tokens              | no: field guide added     | yes                    |
| json-mode  | json_object            | max_tokens              | no: guide and schema      | yes                    |
| plain      | none (JSON in text)    | max_tokens              | no: guide and schema      | yes                    |

Reasoning models (o-series, gpt-5 family; by name or ``reasoning = true``) get no ``temperature`` (only the default
is accepted) and ``max_completion_tokens``. A server that answers that it does not support ``json_schema`` is
switched once to JSON mode (``json_mode_fallback``); OpenAI's ``Invalid schema for response_format`` never is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from .. import config
from ..config import Settings
from ..schema import SummaryDraft
from .strict import field_guide, strict_schema

SCHEMA_NAME = "article_summary"


@dataclass(frozen=True)
class ServerProfile:
    name: str
    response_format: str  # json_schema | json_object | none
    max_tokens_param: str  # max_completion_tokens | max_tokens
    sees_schema: bool  # the server shows the schema to the model (OpenAI); else a field guide goes in the prompt
    may_truncate: bool  # the server may silently cut input beyond its context window

    def with_format(self, response_format: str) -> ServerProfile:
        return ServerProfile(self.name, response_format, self.max_tokens_param, False, self.may_truncate)


PROFILES: dict[str, ServerProfile] = {
    "openai": ServerProfile("openai", "json_schema", "max_completion_tokens", True, False),
    "ollama": ServerProfile("ollama", "json_schema", "max_tokens", False, True),
    "vllm": ServerProfile("vllm", "json_schema", "max_tokens", False, False),
    "llamacpp": ServerProfile("llamacpp", "json_schema", "max_tokens", False, True),
    "compatible": ServerProfile("compatible", "json_schema", "max_tokens", False, True),
    "json-mode": ServerProfile("json-mode", "json_object", "max_tokens", False, True),
    "plain": ServerProfile("plain", "none", "max_tokens", False, True),
}


def detect_server(base_url: str | None) -> str:
    """The profile name for ``server = "auto"``: only what the address says reliably."""
    if not base_url:
        return "openai"
    parsed = urlparse(base_url)
    host = (parsed.hostname or "").lower()
    if host == "openai.com" or host.endswith(".openai.com") or host.endswith(".openai.azure.com"):
        return "openai"
    if parsed.port == config.OLLAMA_PORT:
        return "ollama"
    return "compatible"


def server_profile(settings: Settings) -> ServerProfile:
    name = settings.server if settings.server != "auto" else detect_server(settings.base_url)
    return PROFILES[name]


def server_id(settings: Settings) -> str:
    """Which server answers: the profile and the address (part of cache keys and recordings' metadata)."""
    return f"{server_profile(settings).name} {settings.base_url or 'https://api.openai.com/v1'}"


def is_reasoning_model(settings: Settings) -> bool:
    if settings.reasoning is not None:
        return settings.reasoning
    return re.match(config.REASONING_MODEL_PATTERN, settings.model or "", re.I) is not None


def system_addendum(profile: ServerProfile) -> str:
    """What the system message gains for a server whose model does not see the schema."""
    if profile.sees_schema:
        return ""
    text = "\n\n" + field_guide(SummaryDraft)
    if profile.response_format in ("json_object", "none"):
        text += ("\n\nThe JSON must match this JSON schema exactly:\n"
                 + json.dumps(strict_schema(SummaryDraft), sort_keys=True))
    return text


def request_body(messages: list[dict[str, str]], settings: Settings, profile: ServerProfile) -> dict[str, Any]:
    """The Chat Completions body for one prompt on one server: deterministic for the same inputs."""
    addendum = system_addendum(profile)
    if addendum:
        first = dict(messages[0])
        first["content"] = first["content"] + addendum
        messages = [first, *messages[1:]]
    body: dict[str, Any] = {"model": settings.model, "messages": messages}
    reasoning = is_reasoning_model(settings)
    if not reasoning:
        body["temperature"] = settings.temperature
    body["seed"] = settings.seed
    body["max_completion_tokens" if reasoning else profile.max_tokens_param] = settings.max_output_tokens
    if profile.response_format == "json_schema":
        body["response_format"] = {"type": "json_schema", "json_schema": {
            "name": SCHEMA_NAME, "strict": True, "schema": strict_schema(SummaryDraft)}}
    elif profile.response_format == "json_object":
        body["response_format"] = {"type": "json_object"}
    return body
