"""What guards the service: the body cap (413, from Content-Length before reading), the bounded concurrency of
summarising work (503 with Retry-After), and the token check (constant time)."""

from __future__ import annotations

import base64
import binascii
import hmac
import threading
from collections.abc import Callable
from typing import Any

from .models import error_json


class Busy(Exception):
    """Every slot for summarising is taken."""


class Limiter:
    """At most ``n`` requests summarise at once; the next one is answered 503 at once rather than queued."""

    def __init__(self, n: int) -> None:
        self.free = n
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            if self.free <= 0:
                raise Busy
            self.free -= 1

    def release(self) -> None:
        with self._lock:
            self.free += 1


def token_ok(header: str, token: str, *, basic: bool) -> bool:
    """Compare the Authorization header with the token in constant time (Bearer; Basic's password on the page)."""
    scheme, _, value = header.partition(" ")
    given = ""
    if scheme.lower() == "bearer":
        given = value.strip()
    elif basic and scheme.lower() == "basic":
        try:
            given = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            given = ""
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


class BodyLimit:
    """ASGI middleware: a body over ``limit`` bytes gets 413, from Content-Length before anything is read; a body
    without Content-Length (chunked) is read here up to the limit first, and refused as soon as it passes it."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __getattr__(self, name: str) -> Any:  # app.state, app.openapi() ... for tests and tooling
        return getattr(self.app, name)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send, int(declared))
            return
        if declared or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)  # the server holds the body to its Content-Length
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            seen += len(message.get("body", b""))
            if seen > self.limit:
                await self._too_large(scope, receive, send, None)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: dict, receive: Callable, send: Callable, size: int | None) -> None:
        said = f"the body is {size} bytes," if size is not None else "the body is"
        response = error_json(413, "PayloadTooLarge", f"{said} over this server's limit of {self.limit} bytes: send "
                                                      "fewer or shorter articles, or give their URLs")
        response.headers["Connection"] = "close"
        await response(scope, receive, send)

