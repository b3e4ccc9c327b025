"""A local OpenAI-compatible stand-in server for tests: /v1/chat/completions on 127.0.0.1, a random free port.

Answers follow a script of actions (then a default responder), and every request is kept (body and headers) so tests
can count them. An action is a dict:
  {"content": str, "finish_reason": "stop"|"length", "refusal": str|None}   a completion (default action kind)
  {"status": 429, "headers": {"Retry-After": "1"}, "message": "..."}        an HTTP error
  {"drop": True}                                                            close the connection with no answer
  {"delay": seconds, ...}                                                   wait first (combine with any of the above)
  {"raw": bytes, "content_type": "text/html"}                               a body that is not JSON (a proxy's page)
The default responder is usually a conformance profile (``tests/conformance.py``): an answer built from the request.
Every kept chat request also records ``at`` (``time.monotonic()`` when it arrived), and ``answered`` counts the chat
answers sent, so a test can tell how many requests were outstanding at some moment (a signal sent to a client).

It also serves the Files and Batches endpoints of the provider's batch engine: POST /v1/files (multipart upload),
POST /v1/batches (each request line is answered by the same script/default responder), GET /v1/batches/{id}
('in_progress' for ``batch_polls`` polls, then 'completed' with an output file), GET /v1/files/{id}/content.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Action = dict[str, Any]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a killed or interrupted run) is no server error: say nothing."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def completion(content: str | None, *, finish_reason: str = "stop", refusal: str | None = None,
               model: str = "fake-model", prompt_tokens: int = 100, completion_tokens: int = 50) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def _payload(action: Action, body: dict[str, Any]) -> dict[str, Any]:
    status = action.get("status", 200)
    if status == 200:
        return completion(action.get("content", ""), finish_reason=action.get("finish_reason", "stop"),
                          refusal=action.get("refusal"), model=body.get("model", "fake-model"),
                          prompt_tokens=action.get("prompt_tokens", 100),
                          completion_tokens=action.get("completion_tokens", 50))
    return {"error": {"message": action.get("message", f"status {status}"), "type": "invalid_request_error"
                      if status == 400 else "fake", "param": action.get("param"), "code": action.get("code")}}


class FakeOpenAI:
    def __init__(self, default: Callable[[dict[str, Any]], Action] | None = None, port: int = 0) -> None:
        self.script: list[Action] = []
        self.requests: list[dict[str, Any]] = []
        self.default = default or (lambda body: {"status": 500, "message": "no scripted answer"})
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_polls = 1
        self.answered = 0  # chat completions answered (any status), for counting requests outstanding

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def push(self, *actions: Action) -> FakeOpenAI:
        with self._lock:
            self.script.extend(actions)
        return self

    def start(self) -> FakeOpenAI:
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

    def _answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str], Action]:
        action = self._next(body)
        status = action.get("status", 200)
        return status, _payload(action, body), dict(action.get("headers") or {}), action

    def _file(self, content: bytes, purpose: str, filename: str) -> dict[str, Any]:
        fid = f"file-{len(self.files) + 1}"
        self.files[fid] = content
        return {"id": fid, "object": "file", "bytes": len(content), "created_at": 0, "filename": filename,
                "purpose": purpose, "status": "processed"}

    def _create_batch(self, req: dict[str, Any]) -> dict[str, Any]:
        lines = [json.loads(x) for x in self.files[req["input_file_id"]].decode().splitlines() if x.strip()]
        out = []
        for line in lines:
            status, payload, _, _ = self._answer(line["body"])
            out.append({"id": f"batch_req_{len(out)}", "custom_id": line["custom_id"], "error": None,
                        "response": {"status_code": status, "request_id": f"req-b{len(out)}", "body": payload}})
        output = self._file("".join(json.dumps(o) + "\n" for o in out).encode(), "batch_output", "output.jsonl")
        bid = f"batch_{len(self.batches) + 1}"
        self.batches[bid] = {"id": bid, "object": "batch", "endpoint": req["endpoint"], "input_file_id":
                             req["input_file_id"], "completion_window": req["completion_window"], "created_at": 0,
                             "status": "in_progress", "polls": 0, "ready_output": output["id"],
                             "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
                             "metadata": req.get("metadata")}
        return self._batch_view(bid)

    def _batch_view(self, bid: str) -> dict[str, Any]:
        b = self.batches[bid]
        view = {k: v for k, v in b.items() if k not in ("polls", "ready_output")}
        if b["status"] == "completed":
            view["output_file_id"] = b["ready_output"]
            view["request_counts"] = {**b["request_counts"], "completed": b["request_counts"]["total"]}
        return view

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

            def _json(self, status: int, payload: dict[str, Any], raw: bytes | None = None,
                      headers: dict[str, str] | None = None) -> None:
                data = raw if raw is not None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("x-request-id", f"req-{len(fake.requests)}")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": None,
                                          "headers": {k.lower(): v for k, v in self.headers.items()}})
                parts = self.path.split("?")[0].strip("/").split("/")
                if parts[:2] == ["v1", "batches"] and len(parts) == 3 and parts[2] in fake.batches:
                    b = fake.batches[parts[2]]
                    b["polls"] += 1
                    if b["polls"] > fake.batch_polls:
                        b["status"] = "completed"
                    return self._json(200, fake._batch_view(parts[2]))
                if parts[:2] == ["v1", "files"] and len(parts) == 4 and parts[3] == "content" and \
                        parts[2] in fake.files:
                    return self._json(200, {}, raw=fake.files[parts[2]])
                return self._json(404, {"error": {"message": f"no route {self.path}", "type": "fake"}})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                path = self.path.split("?")[0]
                if path.endswith("/files"):
                    import email

                    msg = email.message_from_bytes(b"Content-Type: " + self.headers["Content-Type"].encode()
                                                   + b"\r\n\r\n" + raw)
                    fields = {p.get_param("name", header="content-disposition"): p for p in msg.get_payload()}
                    content = fields["file"].get_payload(decode=True)
                    purpose = fields["purpose"].get_payload(decode=True).decode()
                    with fake._lock:
                        fake.requests.append({"path": self.path, "body": {"purpose": purpose}, "headers": {
                            k.lower(): v for k, v in self.headers.items()}})
                        info = fake._file(content, purpose, fields["file"].get_filename() or "upload.jsonl")
                    return self._json(200, info)
                if path.endswith("/batches"):
                    req = json.loads(raw)
                    with fake._lock:
                        fake.requests.append({"path": self.path, "body": req, "headers": {
                            k.lower(): v for k, v in self.headers.items()}})
                    return self._json(200, fake._create_batch(req))
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {}
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body, "at": time.monotonic(),
                                          "headers": {k.lower(): v for k, v in self.headers.items()}})
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
                data = action["raw"] if "raw" in action else json.dumps(_payload(action, body)).encode()
                self.send_response(status)
                self.send_header("Content-Type", action.get("content_type", "application/json"))
                self.send_header("Content-Length", str(len(data)))
                self.send_header("x-request-id", f"req-{len(fake.requests)}")
                for k, v in (action.get("headers") or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
                with fake._lock:
                    fake.answered += 1

        return Handler
