"""In-process fakes for unit tests (the HTTP conformance double in ``fakeserver.py`` is for end-to-end tests).

``ProfileTransport`` answers each request body the way a conformance profile would (``tests/conformance.py``: an
instance of the schema the request sent, filled from its article), without a socket. Its answers are made by code,
not by a model.
"""

from __future__ import annotations

import threading
from typing import Any

from summarizer.llm.transport import Completion

from .conformance import PROFILES, Profile
from .fakeserver import completion


class ProfileTransport:
    """A ``Transport`` that answers in-process; keeps every body it was sent."""

    def __init__(self, profile: Profile | str = "openai") -> None:
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        self.bodies: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def complete(self, body: dict[str, Any]) -> Completion:
        with self._lock:
            self.bodies.append(body)
        action = self.profile.answer(body)
        if action.get("status", 200) != 200:
            raise AssertionError(f"the in-process fake only answers successes; the profile said {action}")
        raw = completion(action.get("content", ""), finish_reason=action.get("finish_reason", "stop"),
                         model=body.get("model", "fake-model"), prompt_tokens=action.get("prompt_tokens", 100),
                         completion_tokens=action.get("completion_tokens", 50))
        return Completion.from_raw(raw)
