"""Batch input: the items of a JSONL file or a folder of groups, each line validated by a pydantic model.

A JSONL line is ``{"id": "x", "articles": [A, B, ...]}`` or ``{"id": "x", "old": A, "new": B}``, where each article
is a path (relative to the input file) or an inline ``{"text": "...", "title": "..."}``. A line that is not valid
(not JSON, not an object, articles that are neither paths nor inline articles) becomes an item carrying its error:
the runner fails that item with the message and runs the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError, model_validator

from ..articles import Article, article_from_text, load_article
from ..errors import InputError

LINE_EXAMPLE = '{"id": "x", "old": "a.txt", "new": "b.txt"}'


class InlineArticle(BaseModel):
    """An article given inline in the batch input instead of as a path."""

    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(description="The article's text (plain text, Markdown or HTML).")
    title: StrictStr | None = Field(default=None, description="Headline, when known.")
    id: StrictStr | StrictInt | None = Field(default=None, description="A name for the article in reports.")


ArticleRef = StrictStr | InlineArticle


class InputLine(BaseModel):
    """One line of a batch input file: an item to diff, two or more versions of an article."""

    model_config = ConfigDict(extra="forbid")

    id: StrictStr | StrictInt | None = Field(default=None, description="Item id (default: the line number).")
    articles: list[ArticleRef] | None = Field(default=None, min_length=2,
                                              description="Two or more versions; the first is the base.")
    old: ArticleRef | None = Field(default=None, description="The original (with 'new', instead of 'articles').")
    new: ArticleRef | None = Field(default=None, description="The copy (with 'old', instead of 'articles').")

    @model_validator(mode="after")
    def _one_shape(self) -> InputLine:
        pair = self.old is not None or self.new is not None
        if self.articles is not None and pair:
            raise ValueError("give either 'articles' or 'old' and 'new', not both")
        if self.articles is None and (self.old is None or self.new is None):
            raise ValueError("an item needs 'articles' (two or more) or both 'old' and 'new'")
        return self

    def sources(self) -> list[ArticleRef]:
        if self.articles is not None:
            return list(self.articles)
        assert self.old is not None and self.new is not None  # _one_shape: both are given when articles is not
        return [self.old, self.new]


@dataclass
class Item:
    """One item of a batch: its id and its article sources (paths or inline dicts), or why its line is unusable."""

    id: str
    sources: list[Any]
    error: str | None = None


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"] if not str(p).startswith(("function-", "str", "int")))
        parts.append(f"{where}: {err['msg']}" if where else err["msg"])
    return "; ".join(dict.fromkeys(parts))


def parse_line(line: str, n: int, base: Path, name: str = "input") -> Item:
    """One JSONL line -> an Item (with ``error`` set when the line is not a valid item)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Item(str(n), [], f"{name}:{n}: not valid JSON ({exc.msg}): each line must be an object like "
                                f"{LINE_EXAMPLE}")
    if not isinstance(row, dict):
        return Item(str(n), [], f"{name}:{n}: expected a JSON object per line like {LINE_EXAMPLE}, found "
                                f"{type(row).__name__}")
    raw_id = row.get("id")
    item_id = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else str(n)
    try:
        parsed = InputLine.model_validate(row)
    except ValidationError as exc:
        return Item(item_id, [], f"{name}:{n}: not a valid item ({_validation_message(exc)}): expected articles "
                                 f"as paths or {{\"text\": ...}} objects, like {LINE_EXAMPLE}")
    sources: list[Any] = []
    for s in parsed.sources():
        if isinstance(s, InlineArticle):
            sources.append(s.model_dump(exclude_none=True))
        else:
            sources.append(s if os.path.isabs(s) else str(base / s))
    return Item(item_id if parsed.id is None else str(parsed.id), sources)


def read_items(path: Path) -> Iterator[Item]:
    """Items from a JSONL file or a folder of groups, lazily, in input order."""
    if path.is_dir():
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            files = sorted(f for f in sub.iterdir() if f.is_file() and not f.name.startswith("."))
            if len(files) >= 2:
                yield Item(id=sub.name, sources=[str(f) for f in files])
        return
    try:
        fh = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise InputError(f"{path}: batch input not found: give a JSONL file or a folder of groups") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield parse_line(line, n, path.parent, str(path))


def count_items(path: Path) -> int:
    """How many items INPUT holds (for a progress total), without parsing them."""
    if path.is_dir():
        return sum(1 for p in path.iterdir() if p.is_dir())
    with path.open(encoding="utf-8", errors="replace") as fh:
        return sum(1 for line in fh if line.strip())


def load_source(source: Any) -> Article:
    """An item's article: a path is loaded from disk, an inline dict is cleaned like a file's text."""
    if isinstance(source, dict):
        if not isinstance(source.get("text"), str):
            raise InputError("an inline article needs a 'text' string")
        art = article_from_text(source["text"], source=str(source.get("id") or "<inline>"))
        return art.model_copy(update={"title": source.get("title") or art.title})
    return load_article(source)


def content_hash(article: Article) -> str:
    """The identity of an article in a batch: each distinct title and text is summarised once."""
    return hashlib.sha256(f"{article.title}\x00{article.text}".encode()).hexdigest()
