"""Text that is safe to show on a terminal: article and model text never carries a control sequence to the screen.

Bottom floor (imports nothing of summarizer). Every renderer passes the report through ``visible_model`` (rich,
Markdown, HTML) or its JSON text through ``json_visible``; the CLI passes messages through ``visible``.

- C0 controls other than newline and tab (ESC, BEL, backspace, carriage return ...) become their Unicode control
  pictures: ESC is shown as ``␛``, so ``ESC[2J`` prints as ``␛[2J`` and clears nothing.
- DEL becomes ``␡``; C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B) and the bidirectional overrides and
  isolates that reorder what a reader sees (U+202A-U+202E, U+2066-U+2069) become their escaped form ``\\u009b``.
- JSON keeps the data exact: JSON encoders already escape C0; ``json_visible`` escapes the rest as ``\\uXXXX``.
"""

from __future__ import annotations

import re
from typing import Any

_C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t")
_ESCAPED = ("\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
            + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = re.compile(f"[{re.escape(_C0 + _ESCAPED)}]")
_JSON_UNSAFE = re.compile(f"[{re.escape(_ESCAPED)}]")


def _picture(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character (except newline and tab) and bidi override made visible."""
    return _UNSAFE.sub(_picture, text) if _UNSAFE.search(text) else text


def json_visible(text: str) -> str:
    """JSON text with DEL, C1 controls and bidi overrides written as ``\\uXXXX`` escapes (the same data, parsed)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(v) for v in value)
    return value


def visible_model(model: Any) -> Any:
    """A copy of a pydantic model with every string in it passed through ``visible`` (the model itself when
    nothing needed it)."""
    data = model.model_dump()
    cleaned = _clean(data)
    return model if cleaned == data else type(model).model_validate(cleaned)
