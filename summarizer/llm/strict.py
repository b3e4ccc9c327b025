"""The JSON schema sent to the model, in the form OpenAI's strict structured output accepts, and the compact field
guide given to servers that do not show the schema to the model.

Strict form (OpenAI "Supported schemas"): every ``$ref`` inlined (no ``$defs``), every object closed
(``additionalProperties: false``) with every property required, and no keyword outside the supported set (pydantic's
``default`` and ``title`` keywords are dropped; a *property* named ``title`` is kept: only schema keywords go).
Property order follows the pydantic model, so constrained decoding writes ``evidence`` before ``text``.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..files import canonical_hash

_DROPPED_KEYWORDS = ("default", "title")


@lru_cache(maxsize=8)
def _strict(model: type[BaseModel]) -> dict[str, Any]:
    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})

    def fix(node: Any) -> Any:
        if isinstance(node, list):
            return [fix(v) for v in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            return fix(merged)
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DROPPED_KEYWORDS:
                continue
            if key == "properties":  # a mapping of property names: names are data, never keywords
                out[key] = {name: fix(sub) for name, sub in value.items()}
            else:
                out[key] = fix(value)
        if out.get("type") == "object" and "properties" in out:
            out["additionalProperties"] = False
            out["required"] = list(out["properties"])
        return out

    return fix(raw)


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The strict JSON schema of ``model`` (a fresh copy: callers may change it)."""
    return copy.deepcopy(_strict(model))


@lru_cache(maxsize=8)
def schema_hash(model: type[BaseModel]) -> str:
    """sha256 (first 16 hex) of the strict schema: part of every cache key, so a schema change is a new key."""
    return canonical_hash(_strict(model))[:16]


def _type_text(node: dict[str, Any]) -> str:
    if "enum" in node:
        return " | ".join(f'"{v}"' for v in node["enum"])
    if "anyOf" in node:
        return " or ".join(_type_text(n) for n in node["anyOf"])
    t = node.get("type")
    if t == "array":
        item = node.get("items", {})
        return f"list of {'objects' if item.get('type') == 'object' else _type_text(item)}"
    return {"string": "string", "number": "number", "integer": "integer", "boolean": "true/false",
            "null": "null", "object": "object"}.get(str(t), str(t))


@lru_cache(maxsize=8)
def field_guide(model: type[BaseModel]) -> str:
    """A compact, deterministic description of every field, for servers that constrain the output to the schema
    without showing it to the model (Ollama, vLLM, llama.cpp) and for JSON mode."""
    lines: list[str] = ["Answer with one JSON object with exactly these keys, in this order:"]

    def walk(node: dict[str, Any], indent: str) -> None:
        for name, sub in node.get("properties", {}).items():
            lines.append(f"{indent}- {name} ({_type_text(sub)}): {sub.get('description', '').strip()}")
            item = sub.get("items", {}) if sub.get("type") == "array" else sub
            if item.get("type") == "object":
                walk(item, indent + "  ")

    walk(_strict(model), "")
    return "\n".join(lines)
