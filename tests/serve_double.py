"""Run the conformance double as a server, for trying the model path by hand or running evals through it:

    python -m tests.serve_double --profile openai --port 8011
    summarizer eval --backend openai --server openai --base-url http://127.0.0.1:8011/v1 --prompt-version v2 ...

Its answers are built from each request by ``tests/conformance.py`` (hand-made, not a model's): they exercise the
plumbing (requests, schema, parameters, tokens), not summary quality, which needs a real model.
"""

from __future__ import annotations

import argparse
import time

from .conformance import PROFILES
from .fakeserver import FakeOpenAI


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="openai")
    parser.add_argument("--port", type=int, default=8011)
    args = parser.parse_args()
    server = FakeOpenAI(default=PROFILES[args.profile].answer, port=args.port).start()
    print(f"conformance double ({args.profile}) on {server.base_url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
