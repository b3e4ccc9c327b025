"""Real processes for end-to-end tests: ``summarizer serve`` on a free port of 127.0.0.1 (found from uvicorn's own
start line), and a tiny static HTTP server for article URLs. Bounded waits; always stopped."""

from __future__ import annotations

import contextlib
import http.server
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

START_TIMEOUT_S = 60
REDIRECTS_BY_BASE: dict[str, dict[str, str]] = {}  # a static site's redirects (path -> Location), by its base URL


@contextlib.contextmanager
def summarizer_serve(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start ``summarizer serve --port 0 ARGS`` and yield its base URL; stop it at the end whatever happens."""
    cmd = [sys.executable, "-m", "summarizer", "serve", "--port", "0", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    lines: queue.Queue[str | None] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        while True:
            try:
                line = lines.get(timeout=START_TIMEOUT_S)
            except queue.Empty:
                raise AssertionError(
                    f"summarizer serve did not start within {START_TIMEOUT_S} s: {''.join(log)}") from None
            if line is None:
                raise AssertionError(f"summarizer serve exited ({proc.wait(10)}): {''.join(log)}")
            log.append(line)
            m = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            if m:
                _wait_healthy(m.group(1), proc)  # worker processes start listening after the parent binds
                yield m.group(1)
                return
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def _wait_healthy(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"summarizer serve at {base} did not answer /healthz within {START_TIMEOUT_S} s")


@contextlib.contextmanager
def static_site(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port); yield the base URL. Add redirects to
    ``REDIRECTS_BY_BASE[base]``."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(folder), **kw)

        def log_message(self, *a) -> None:
            pass

        def do_GET(self) -> None:
            target = REDIRECTS.get(self.path)
            if target:
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
                return
            super().do_GET()

    REDIRECTS: dict[str, str] = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    REDIRECTS_BY_BASE[base] = REDIRECTS
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        REDIRECTS_BY_BASE.pop(base, None)
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
