"""The provider's batch engine (OpenAI Batch API) for large jobs: half the price, answers within 24 hours.

    submit  every distinct, not-yet-cached article's chunk requests go into one Batch API JSONL (the same request
            bodies a live run sends), uploaded with the Files API; a batch is created; its id is saved in a state
            file beside the output (``RESULTS.jsonl.openai-batch.json``), written atomically.
    wait    the batch is polled until it ends (completed, failed, expired, cancelled).
    collect the output file is downloaded; each article's chunk answers are validated (no re-ask is possible in a
            batch: an invalid answer is that article's failure), merged, grounded and written to the summary cache.

Then the ordinary batch run diffs every item from the cache; an article the provider batch did not answer fails
its items with the reason. Resumable: with the state file present (or ``--batch-id``), nothing is submitted again.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..cache import SummaryCache
from ..errors import ConfigError, InputError, ModelError
from ..files import atomic_write_text
from ..llm.planner import ArticlePlan
from ..llm.recordings import request_key
from ..llm.structured import repair, unwrap_json
from ..llm.transport import Completion, OpenAITransport
from ..pipeline import Summarizer
from ..schema import SummaryDraft, Usage
from .inputs import Item, content_hash, load_source

TERMINAL = ("completed", "failed", "expired", "cancelled")


@dataclass
class ProviderBatch:
    engine: Summarizer
    state_path: Path
    poll_interval: float = 30.0
    notice: Callable[[str], None] = lambda message: None
    failures: dict[str, str] = field(default_factory=dict)  # request key -> reason

    def _client(self):
        transport = self.engine.transport
        if not isinstance(transport, OpenAITransport):
            transport = OpenAITransport(self.engine.settings)
        return transport._get_client()

    def _uncached(self, items: Iterator[Item]) -> Iterator[ArticlePlan]:
        """The request plan of each readable, not yet cached article of the items, once each."""
        s = self.engine.settings
        cache = SummaryCache(s.cache_dir) if s.cache_dir else None
        seen: set[str] = set()
        for item in items:
            for source in item.sources:  # an item whose line was invalid has none: the run fails it
                try:
                    art = load_source(source)
                except InputError:
                    continue  # the batch run reports it on its item
                key = self.engine.cache_key(art)
                if key in seen or (cache is not None and cache.get(key) is not None):
                    continue
                seen.add(key)
                yield self.engine.plan(art)

    def _plan(self, items: Iterator[Item]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        lines: list[dict[str, Any]] = []
        articles: dict[str, dict[str, Any]] = {}
        for plan in self._uncached(items):
            ids = []
            for chunk in plan.chunks:
                cid = f"{content_hash(plan.article)[:24]}-{chunk.index}"
                lines.append({"custom_id": cid, "method": "POST", "url": "/v1/chat/completions", "body": chunk.body})
                ids.append({"custom_id": cid, "request_key": request_key(chunk.body)})
            articles[plan.key] = {"source": plan.article.source, "chunks": ids}
        return lines, articles

    def submit(self, items: Iterator[Item]) -> dict[str, Any]:
        lines, articles = self._plan(items)
        if not lines:
            state: dict[str, Any] = {"batch_id": None, "articles": {}}
            atomic_write_text(self.state_path, json.dumps(state, indent=2) + "\n")
            return state
        payload = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
        client = self._client()
        upload = client.files.create(file=("summarizer-batch.jsonl", io.BytesIO(payload)), purpose="batch")
        batch = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions",
                                      completion_window="24h", metadata={"tool": "summarizer"})
        state = {"batch_id": batch.id, "input_file_id": upload.id, "requests": len(lines), "articles": articles}
        atomic_write_text(self.state_path, json.dumps(state, indent=2) + "\n")
        self.notice(f"submitted provider batch {batch.id}: {len(lines)} requests for {len(articles)} articles "
                    f"(resume with --batch-id {batch.id})")
        return state

    def load_state(self, batch_id: str | None) -> dict[str, Any] | None:
        if self.state_path.is_file():
            try:
                state = json.loads(self.state_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                raise ConfigError(f"{self.state_path} is not a provider-batch state file: delete it to start "
                                  "a new batch") from None
            if batch_id and state.get("batch_id") != batch_id:
                raise ConfigError(f"{self.state_path} belongs to batch {state.get('batch_id')}, not {batch_id}: "
                                  "use another --out or delete the state file")
            return state
        if batch_id:
            raise ConfigError(f"--batch-id {batch_id} given but {self.state_path} is missing: the state file "
                              "written at submission maps the batch's answers to articles")
        return None

    def wait(self, batch_id: str) -> Any:
        client = self._client()
        while True:
            batch = client.batches.retrieve(batch_id)
            counts = batch.request_counts
            self.notice(f"provider batch {batch_id}: {batch.status}"
                        + (f" ({counts.completed}/{counts.total} done)" if counts else ""))
            if batch.status in TERMINAL:
                return batch
            time.sleep(self.poll_interval)

    def collect(self, batch: Any, state: dict[str, Any], items: Iterator[Item]) -> int:
        """Write the answered articles' summaries to the cache; remember why the others failed. Returns how many
        articles were summarised."""
        s = self.engine.settings
        client = self._client()
        answers: dict[str, dict[str, Any]] = {}
        for file_id in (getattr(batch, "output_file_id", None), getattr(batch, "error_file_id", None)):
            if file_id:
                for line in client.files.content(file_id).text.splitlines():
                    if line.strip():
                        row = json.loads(line)
                        answers[row["custom_id"]] = row
        cache = SummaryCache(s.cache_dir) if s.cache_dir else None
        done = 0
        wanted = state.get("articles", {})
        for plan in self._uncached(items):
            sent = wanted.get(plan.key)
            if sent is None:
                continue
            try:
                drafts, usage, warnings = self._drafts(sent["chunks"], answers, batch)
            except ModelError as exc:
                for chunk in sent["chunks"]:
                    self.failures[chunk["request_key"]] = str(exc)
                continue
            summary = self.engine.assemble(plan.article, plan.prompt, drafts, usage, len(drafts), plan.key, "batch",
                                           warnings)
            if cache is not None:
                cache.put(plan.key, summary)
            done += 1
        return done

    def _drafts(self, chunks: list[dict[str, str]], answers: dict[str, dict[str, Any]],
                batch: Any) -> tuple[list[SummaryDraft], Usage, list[str]]:
        drafts, usage, warnings = [], Usage(), []
        for chunk in chunks:
            row = answers.get(chunk["custom_id"])
            if row is None:
                raise ModelError(f"provider batch {batch.id} ended '{batch.status}' without an answer for this "
                                 "article: run the batch again without --via openai-batch, or resubmit")
            response = row.get("response") or {}
            if row.get("error") or response.get("status_code") != 200:
                detail = (row.get("error") or (response.get("body") or {}).get("error") or {}).get("message", "")
                raise ModelError(f"the provider batch answered {response.get('status_code')} for this article: "
                                 f"{detail}", status_code=response.get("status_code"))
            comp = Completion.from_raw(response["body"])
            usage.input_tokens += comp.usage["input_tokens"]
            usage.output_tokens += comp.usage["output_tokens"]
            usage.calls += 1
            if comp.refusal:
                raise ModelError(f"the model refused to summarise this article: {comp.refusal}")
            if comp.finish_reason == "length":
                raise ModelError("the model's output hit the token limit in the provider batch: raise "
                                 "max_output_tokens or lower chunk_tokens")
            try:
                draft = SummaryDraft.model_validate_json(unwrap_json(comp.content or ""))
            except ValidationError as exc:
                raise ModelError(f"the provider batch's answer failed validation (no re-ask in a batch): "
                                 f"{str(exc)[:200]}", last_response=comp.content) from None
            draft, repairs = repair(draft)
            drafts.append(draft)
            warnings += repairs
        return drafts, usage, warnings


class BatchResultsTransport:
    """Stands in for the live model after a provider batch: every article it answered is in the cache, so a call
    here means the batch did not answer that request; it fails with the reason, never calling the model live."""

    def __init__(self, failures: dict[str, str], batch_id: str | None) -> None:
        self.failures, self.batch_id = failures, batch_id

    def complete(self, body: dict[str, Any]) -> Completion:
        reason = self.failures.get(request_key(body), "not part of the provider batch")
        raise ModelError(f"provider batch {self.batch_id}: {reason}")
