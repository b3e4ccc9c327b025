"""Redaction of secrets before anything is written or printed (bottom floor: used by the transport's error
messages, the recordings and the run log alike).

Removed: keys that name a credential or an account (Authorization, api_key, organization, project, ...). Replaced
by ``[REDACTED]``: the configured secrets themselves, anything shaped like an OpenAI key (``sk-...``), organisation
id (``org-...``) or project id (``proj_...``), and Bearer tokens.
"""

from __future__ import annotations

import re
from typing import Any

REDACTED = "[REDACTED]"
_SECRET_KEYS = re.compile(r"^(authorization|proxy-authorization|api[-_]?key|openai[-_]organization|openai[-_]project|"
                          r"organization|project|x-api-key|openai-organization|openai-project)$", re.I)
_SECRET_PATTERNS = re.compile(
    r"\bsk-[A-Za-z0-9_\-]{8,}"           # API keys (sk-..., sk-proj-...)
    r"|\borg-[A-Za-z0-9]{8,}"            # organisation ids
    r"|\bproj_[A-Za-z0-9]{8,}"           # project ids
    r"|(?i:\bbearer\s+)[A-Za-z0-9._~+/=\-]{8,}"  # bearer tokens
)


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """``text`` with the given secrets and every key-, org- or project-shaped token replaced."""
    for s in secrets:
        if s:
            text = text.replace(s, REDACTED)
    return _SECRET_PATTERNS.sub(REDACTED, text)


def scrub(obj: Any, secrets: tuple[str, ...] = ()) -> Any:
    """A copy of ``obj`` (JSON-like) with secret-named keys removed and secret values replaced."""
    if isinstance(obj, dict):
        return {k: scrub(v, secrets) for k, v in obj.items() if not _SECRET_KEYS.match(str(k))}
    if isinstance(obj, list):
        return [scrub(v, secrets) for v in obj]
    if isinstance(obj, str):
        return redact_text(obj, secrets)
    return obj
