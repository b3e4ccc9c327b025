"""The conformance double's brain: what real OpenAI-compatible servers enforce and how they answer.

Written from the servers' documentation and observed behaviour, independently of summarizer's own code, so a test
through it fails when summarizer sends what a real server would reject:
- ``strict_schema_errors``: OpenAI's documented rules for ``strict`` structured output (root object, every object
  closed with every property required, only supported keywords, at most 10 levels of nesting, 5,000 properties,
  1,000 enum values, 120,000 characters of names and enum values), with OpenAI's error text.
- ``instance``: an instance of the schema the request sent, built from that schema (only its properties, all of
  them, in its order) and filled from the article in the request: one claim per sentence, the sentence as evidence.
- ``Profile``: how one kind of server treats a request (parameters it rejects, whether it honours
  ``response_format``, whether it truncates input), turned into the stand-in server's action.
Answers are hand-made by this code, never a model's output.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

SUPPORTED_KEYWORDS = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs",
    "description", "title", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "multipleOf", "minItems", "maxItems",
}
MAX_DEPTH, MAX_PROPERTIES, MAX_ENUM_VALUES, MAX_NAME_CHARS = 10, 5000, 1000, 120_000


def strict_schema_errors(schema: Any) -> list[str]:
    """Every way ``schema`` breaks OpenAI's strict structured-output rules, in OpenAI's words."""
    errors: list[str] = []
    totals = {"properties": 0, "enum": 0, "chars": 0}
    if not isinstance(schema, dict) or schema.get("type") != "object" or "anyOf" in schema:
        return ["In context=(), schema must be a JSON Schema of 'type: \"object\"', got a different root."]
    defs = schema.get("$defs", {})

    def walk(node: Any, ctx: tuple[str, ...], depth: int) -> None:
        if not isinstance(node, dict):
            errors.append(f"In context={ctx}, schema must be an object.")
            return
        for key in node:
            if key not in SUPPORTED_KEYWORDS:
                errors.append(f"In context={ctx}, '{key}' is not permitted.")
        if "$ref" in node:
            ref = node["$ref"]
            name = ref.rsplit("/", 1)[-1]
            if not ref.startswith("#/$defs/") or name not in defs:
                errors.append(f"In context={ctx}, reference {ref!r} cannot be resolved.")
            if len(node) > 1 and set(node) - {"$ref", "description"}:
                errors.append(f"In context={ctx}, '$ref' cannot have keywords {sorted(set(node) - {'$ref'})}.")
            return
        if "anyOf" in node:
            for i, sub in enumerate(node["anyOf"]):
                walk(sub, ctx + ("anyOf", str(i)), depth)
        if "enum" in node:
            totals["enum"] += len(node["enum"])
            totals["chars"] += sum(len(str(v)) for v in node["enum"])
        t = node.get("type")
        if t == "object" or "properties" in node:
            if depth > MAX_DEPTH:
                errors.append(f"In context={ctx}, nesting depth exceeds {MAX_DEPTH}.")
            props = node.get("properties", {})
            if node.get("additionalProperties") is not False:
                errors.append(f"In context={ctx}, 'additionalProperties' is required to be supplied and to be false.")
            required = node.get("required")
            missing = [p for p in props if not isinstance(required, list) or p not in required]
            if missing:
                errors.append(f"In context={ctx}, 'required' is required to be supplied and to be an array including "
                              f"every key in properties. Missing '{missing[0]}'.")
            extra = [r for r in (required or []) if r not in props]
            if extra:
                errors.append(f"In context={ctx}, 'required' names '{extra[0]}', which is not in properties.")
            totals["properties"] += len(props)
            for name, sub in props.items():
                totals["chars"] += len(name)
                walk(sub, ctx + ("properties", name), depth + 1)
        if t == "array":
            if "items" not in node:
                errors.append(f"In context={ctx}, array schema missing items.")
            else:
                walk(node["items"], ctx + ("items",), depth)

    walk(schema, (), 1)
    for name, sub in defs.items():
        walk(sub, ("$defs", name), 2)
    if totals["properties"] > MAX_PROPERTIES:
        errors.append(f"In context=(), the schema has {totals['properties']} properties (at most {MAX_PROPERTIES}).")
    if totals["enum"] > MAX_ENUM_VALUES:
        errors.append(f"In context=(), the schema has {totals['enum']} enum values (at most {MAX_ENUM_VALUES}).")
    if totals["chars"] > MAX_NAME_CHARS:
        errors.append(f"In context=(), names and enum values total {totals['chars']} characters.")
    return errors


# --- answers built from the request ----------------------------------------------------------------------------
_FENCED = re.compile(r"<(article(?:-[0-9a-f]+)?)>\n(.*)\n</\1>", re.S)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\u201d\"']?|$)")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def article_in(body: dict[str, Any]) -> str:
    """The article text of the request (inside its fence), or the last user message."""
    user = [m["content"] for m in body.get("messages", []) if m.get("role") == "user"]
    text = user[0] if user else ""
    m = _FENCED.search(text)
    return m.group(2) if m else text


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if len(s.split()) >= 4]


@dataclass
class Fill:
    """What the double's 'model' writes into the schema's slots."""

    article: str
    knows_fields: bool = True  # False: the model was not told what the fields mean (no schema, no guide)
    alter_numbers: bool = False  # a hallucinating model: every number in the evidence is changed

    def claims(self) -> list[str]:
        return sentences(self.article)[:40]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def instance(schema: dict[str, Any], fill: Fill) -> Any:
    """An instance of ``schema`` (only its properties, every one of them, in its order), filled from the article."""
    defs = schema.get("$defs", {})

    def build(node: dict[str, Any], path: tuple[str, ...], item: int) -> Any:
        node = _resolve(node, defs)
        if "anyOf" in node:
            branches = [_resolve(b, defs) for b in node["anyOf"]]
            non_null = [b for b in branches if b.get("type") != "null"]
            if path[-1] in ("title", "time_text", "time", "place", "attribution", "publication_date", "value",
                            "unit", "speaker") and any(b.get("type") == "null" for b in branches):
                return None
            return build(non_null[0], path, item)
        if "enum" in node:
            return node["enum"][0]
        if "const" in node:
            return node["const"]
        t = node.get("type")
        if t == "object":
            return {name: build(sub, path + (name,), item) for name, sub in node.get("properties", {}).items()}
        if t == "array":
            n = {"claims": len(fill.claims()), "entities": 1}.get(path[-1], 0)
            return [build(node["items"], path, i) for i in range(n)]
        if t == "string":
            return self_text(path, item)
        if t in ("number", "integer"):
            return 0
        if t == "boolean":
            return False
        return None

    def self_text(path: tuple[str, ...], item: int) -> str:
        name = path[-1]
        claims = fill.claims()
        if name in ("evidence", "text") and path[-2:-1] != ("quotes",) and claims:
            if not fill.knows_fields:
                return ""
            sentence = claims[item % len(claims)]
            if fill.alter_numbers and name == "evidence":
                sentence = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), sentence)
            return sentence
        if name == "id":
            return f"c{item + 1}"
        if name == "gist":
            return (claims[0] if claims else "An article.") if fill.knows_fields else ""
        if name == "name":
            names = _NAME.findall(fill.article)
            return names[0] if names else "Unknown"
        return "x"

    return build(schema, ("root",), 0)


def schema_in_prompt(body: dict[str, Any]) -> dict[str, Any] | None:
    """A JSON schema the system message shows the model (JSON mode), if any."""
    system = next((m["content"] for m in body.get("messages", []) if m.get("role") == "system"), "")
    marker = "JSON schema exactly:\n"
    if marker not in system:
        return None
    return json.loads(system.split(marker, 1)[1].split("\n", 1)[0])


def guide_in_prompt(body: dict[str, Any]) -> bool:
    system = next((m["content"] for m in body.get("messages", []) if m.get("role") == "system"), "")
    return "- evidence (string):" in system or "JSON schema exactly:" in system


def rough_tokens(body: dict[str, Any]) -> int:
    return sum(len(m["content"]) for m in body.get("messages", [])) // 4 + 1


# --- profiles ---------------------------------------------------------------------------------------------------
def _error(status: int, message: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"status": status, "message": message, "param": param, "code": code}


@dataclass
class Profile:
    """One kind of server. ``answer(body)`` is the stand-in server's action for a chat completion request."""

    name: str = "openai"
    strict_schema: bool = True  # enforces json_schema (OpenAI, Ollama's format, vLLM guided decoding)
    shows_schema: bool = True  # OpenAI puts the schema in the model's context; local servers do not
    reasoning: bool = False  # o-series / gpt-5: only the default temperature, no max_tokens
    json_schema_supported: bool = True
    honours_format: bool = True
    fenced: bool = True  # when ignoring response_format: JSON in a ```json fence (else plain prose)
    context_tokens: int | None = None  # Ollama: input beyond this is cut silently
    output_cap_param: str = "max_completion_tokens"  # the one the server reads
    alter_numbers: bool = False

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.reasoning:
            if "max_tokens" in body:
                return _error(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                                   "'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter")
            if body.get("temperature", 1) != 1:
                return _error(400, f"Unsupported value: 'temperature' does not support {body['temperature']} with "
                                   "this model. Only the default (1) value is supported.", "temperature",
                              "unsupported_value")
        fmt = (body.get("response_format") or {}).get("type")
        schema = None
        if fmt == "json_schema" and self.honours_format:
            if not self.json_schema_supported:
                return _error(400, "response_format type 'json_schema' is not supported by this server; use "
                                   "'json_object' or 'text'", "response_format")
            spec = body["response_format"]["json_schema"]
            if self.strict_schema and spec.get("strict"):
                problems = strict_schema_errors(spec.get("schema"))
                if problems:
                    return _error(400, f"Invalid schema for response_format '{spec.get('name')}': {problems[0]}",
                                  "response_format", "invalid_json_schema")
            schema = spec["schema"]
        elif fmt == "json_object" and self.honours_format:
            if "json" not in json.dumps(body.get("messages", [])).lower():
                return _error(400, "'messages' must contain the word 'json' in some form, to use 'response_format' "
                                   "of type 'json_object'.", "messages")
            schema = schema_in_prompt(body)
        else:
            schema = schema_in_prompt(body)
            if schema is None and guide_in_prompt(body):
                schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema")
        article = article_in(body)
        prompt_tokens = rough_tokens(body)
        if self.context_tokens and prompt_tokens > self.context_tokens:
            keep = self.context_tokens * 4
            article = article[-keep:]  # the start is cut off silently
            prompt_tokens = self.context_tokens
        knows = self.shows_schema or guide_in_prompt(body)
        fill = Fill(article, knows_fields=knows, alter_numbers=self.alter_numbers)
        if schema is None:
            content = "Here is a summary of the article: " + (fill.claims()[0] if fill.claims() else "nothing.")
        else:
            content = json.dumps(instance(schema, fill), ensure_ascii=False)
            if not self.honours_format and self.fenced:
                content = "Sure! Here is the JSON:\n\n```json\n" + content + "\n```\n"
        cap = body.get(self.output_cap_param)
        completion_tokens = len(content) // 4 + 1
        if cap is not None and completion_tokens > cap:
            return {"content": content[: cap * 4], "finish_reason": "length", "prompt_tokens": prompt_tokens,
                    "completion_tokens": cap}
        return {"content": content, "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}


PROFILES = {
    "openai": Profile("openai"),
    "reasoning": Profile("reasoning", reasoning=True),
    "ollama": Profile("ollama", shows_schema=False, strict_schema=False, context_tokens=2048,
                      output_cap_param="max_tokens"),
    "json-mode-only": Profile("json-mode-only", shows_schema=False, json_schema_supported=False,
                              output_cap_param="max_tokens"),
    "ignores-format": Profile("ignores-format", shows_schema=False, honours_format=False,
                              output_cap_param="max_tokens"),
    "ignores-format-prose": Profile("ignores-format-prose", shows_schema=False, honours_format=False, fenced=False,
                                    output_cap_param="max_tokens"),
}
