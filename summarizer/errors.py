"""The one exception tree of summarizer.

Every error a user can cause or meet derives from ``SummarizerError`` and carries a message that says what was
expected, what was found and how to fix it. The CLI turns any of them into one line and exit code 2.

    SummarizerError
    ├── ConfigError            bad flag, config file or environment value; missing API key
    ├── InputError             article missing, unreadable, empty, binary, undecodable; bad JSON input
    │   └── FetchError         a URL could not be fetched (status, timeout, size, content type, redirects)
    │       └── URLRefusedError  the URL resolves to a loopback, private, link-local or reserved address
    ├── PromptError            prompt file missing, malformed, or a template variable missing
    ├── RecordingError         a recording file is unreadable or not a recorded exchange
    │   └── RecordingMissError replay mode and no recording for this request
    ├── Interrupted            Ctrl-C or SIGTERM: no further model request is sent
    ├── ModelError             the model call failed (carries attempts, usage, last raw response)
    │   ├── TransportError     server unreachable, timed out or kept failing after the retries
    │   ├── PermanentAPIError  401/403/404/400: retrying cannot help
    │   ├── TruncatedError     finish_reason == "length": the output hit the token limit
    │   ├── RefusalError       the model refused to answer
    │   └── InvalidOutputError output still failed JSON parsing or validation after the re-asks
    └── ReportError            a JSON report or summary file does not match its schema
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "SummarizerError",
    "ConfigError",
    "InputError",
    "FetchError",
    "URLRefusedError",
    "PromptError",
    "RecordingError",
    "RecordingMissError",
    "Interrupted",
    "ModelError",
    "TransportError",
    "PermanentAPIError",
    "TruncatedError",
    "RefusalError",
    "InvalidOutputError",
    "ReportError",
]


class SummarizerError(Exception):
    """Base class: every error summarizer raises on purpose."""


class ConfigError(SummarizerError):
    """A flag, config file or environment value is missing or wrong."""


class InputError(SummarizerError):
    """An article or input file cannot be used."""


class FetchError(InputError):
    """An article URL could not be fetched or is not an article page."""


class URLRefusedError(FetchError):
    """An article URL points at the server's own network (server-side request forgery guard)."""


class PromptError(SummarizerError):
    """A prompt file is missing, malformed, or rendered with a missing variable."""


class RecordingError(SummarizerError):
    """A recording file cannot be used (malformed JSON, not a recorded chat completion)."""


class Interrupted(SummarizerError):
    """The run was interrupted (Ctrl-C, SIGTERM): no further model request is sent."""


class RecordingMissError(RecordingError):
    """Replay mode found no recording for the request."""

    def __init__(self, message: str, *, key: str) -> None:
        super().__init__(message)
        self.key = key


class ModelError(SummarizerError):
    """The model call failed. Carries what is needed to debug it."""

    def __init__(
        self,
        message: str,
        *,
        attempts: int = 0,
        usage: dict[str, int] | None = None,
        last_response: str | None = None,
        request_id: str | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.usage = dict(usage or {})
        self.last_response = last_response
        self.request_id = request_id
        self.status_code = status_code

    def details(self) -> dict[str, Any]:
        """What a log line or a batch failure record keeps of this error."""
        return {
            "error": type(self).__name__,
            "message": str(self),
            "attempts": self.attempts,
            "usage": self.usage,
            "status_code": self.status_code,
            "request_id": self.request_id,
        }


class TransportError(ModelError):
    """Server unreachable, timed out, or rate-limited past the retry bound."""


class PermanentAPIError(ModelError):
    """A status retrying cannot fix (401, 403, 404, 400)."""


class TruncatedError(ModelError):
    """The model stopped at the output token limit (finish_reason == "length")."""


class RefusalError(ModelError):
    """The model refused to produce the summary."""


class InvalidOutputError(ModelError):
    """The output failed JSON parsing or schema validation after every re-ask."""


class ReportError(SummarizerError):
    """A JSON file given to a command does not match the expected schema."""
