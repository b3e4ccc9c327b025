"""Prompt versions through the conformance double: requests and tokens per article, and the eval's plumbing.

    python benchmarks/prompts_on_double.py [--limit 20]

For each prompt version, the example pair is summarised against the strict OpenAI profile of the conformance
double (``tests/conformance.py``: answers built from each request's schema and article, by code, not a model), then
``summarizer eval`` runs the golden and BUMP suites through it and the results files are compared with
``--compare``. What this measures is plumbing (requests, schema, tokens sent, cost), not summary quality: that needs a
real model (``--llm-mode record`` against one, as the README shows).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import load_article  # noqa: E402
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.pipeline import Summarizer  # noqa: E402
from tests.conformance import PROFILES  # noqa: E402
from tests.fakeserver import FakeOpenAI  # noqa: E402

KEY = "sk-bench-not-a-real-key-0000"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20, help="cases per eval suite")
    args = parser.parse_args()
    server = FakeOpenAI(default=PROFILES["openai"].answer).start()
    out = Path(tempfile.mkdtemp(prefix="prompts-"))
    try:
        for version in ("v1", "v2"):
            settings = resolve_settings(env={}, backend="openai", server="openai", base_url=server.base_url,
                                        api_key=KEY, llm_mode="live", prompt_version=version, use_cache=False)
            engine = Summarizer(settings=settings)
            before = len(server.requests)
            for name in ("korea-original", "korea-rewrite"):
                article = load_article(ROOT / "examples" / f"{name}.txt")
                plan = engine.plan(article)
                s = engine.summarize(article)
                print(f"{version} {name}: {len(plan.chunks)} request(s) planned, {s.meta.usage.calls} made; "
                      f"{plan.input_tokens} tokens sent (tiktoken, everything in the request), "
                      f"{plan.output_tokens_estimate} out estimated; {len(s.claims)} claims, "
                      f"{s.meta.ungrounded} ungrounded")
            print(f"{version}: {len(server.requests) - before} requests for the pair; {engine.stats.line(settings)}")
            cmd = [sys.executable, "-m", "summarizer", "eval", "--suite", "golden", "--suite", "bump", "--limit",
                   str(args.limit), "--backend", "openai", "--server", "openai", "--base-url", server.base_url,
                   "--prompt-version", version, "--llm-mode", "live", "--no-cache", "-q", "--format", "json",
                   "--out", str(out / f"{version}.json")]
            if version == "v2":
                cmd += ["--compare", str(out / "v1.json"), "--max-drop", "1000000"]
            env = {**os.environ, "OPENAI_API_KEY": KEY, "NO_COLOR": "1", "COLUMNS": "100"}
            r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
            results = json.loads((out / f"{version}.json").read_text())
            golden = results["suites"]["golden"]["metrics"]
            print(f"{version} eval: exit {r.returncode}; golden input tokens per article "
                  f"{golden['summary_input_tokens']['value']:.0f}, cost per article "
                  f"{golden['summary_cost_usd']['value']:.4f} USD")
            if version == "v2":
                print(r.stdout[r.stdout.find("┃ suite"):] if "┃ suite" in r.stdout else r.stdout[-3000:])
    finally:
        server.stop()


if __name__ == "__main__":
    main()
