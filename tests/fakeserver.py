"""A local OpenAI-compatible stand-in server for tests: /v1/chat/completions on 127.0.0.1, a random free port.

Answers follow a script of actions (then a default responder), and every request is kept (body and headers) so tests
can count them. An action is a dict:
  {"content": str, "finish_reason": "stop"|"length", "refusal": str|None}   a completion (default action kind)
  {"status": 429, "headers": {"Retry-After": "1"}, "message": "..."}        an HTTP error
  {"drop": True}                                                            close the connection with no answer
  {"delay": seconds, ...}                                                   wait first (combine with any of the above)
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

Action = dict[str, Any]


def completion(content: str, *, finish_reason: str = "stop", refusal: str | None = None, model: str = "fake-model",
               prompt_tokens: int = 100, completion_tokens: int = 50) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


class FakeOpenAI:
    def __init__(self, default: Callable[[dict[str, Any]], Action] | None = None) -> None:
        self.script: list[Action] = []
        self.requests: list[dict[str, Any]] = []
        self.default = default or (lambda body: {"status": 500, "message": "no scripted answer"})
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def push(self, *actions: Action) -> "FakeOpenAI":
        with self._lock:
            self.script.extend(actions)
        return self

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any]) -> Action:
        with self._lock:
            if self.script:
                return self.script.pop(0)
        return self.default(body)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def setup(self) -> None:
                super().setup()
                # headers and body go out in two writes: without this, Nagle + delayed ACK add ~40 ms per answer
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {}
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body, "headers": {k.lower(): v for k, v in self.headers.items()}})
                action = fake._next(body)
                if action.get("delay"):
                    time.sleep(action["delay"])
                if action.get("drop"):
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    self.close_connection = True
                    return
                status = action.get("status", 200)
                if status == 200:
                    payload = completion(action.get("content", ""), finish_reason=action.get("finish_reason", "stop"),
                                         refusal=action.get("refusal"), model=body.get("model", "fake-model"))
                else:
                    payload = {"error": {"message": action.get("message", f"status {status}"), "type": "fake",
                                         "code": None}}
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("x-request-id", f"req-{len(fake.requests)}")
                for k, v in (action.get("headers") or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        return Handler
