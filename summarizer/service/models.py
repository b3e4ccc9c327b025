"""The service's request and error contract: pydantic models with a description on every field (the OpenAPI
document is generated from them), the one JSON error shape, and the form's fields turned into the same request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..config import SERVICE_MAX_ARTICLES
from ..errors import InputError
from ..render.page import FORM_SLOTS


class ArticleIn(BaseModel):
    """One article: its text (and optional title), or its URL."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article's text (plain, Markdown or an HTML page).")
    title: str | None = Field(default=None, description="The headline, when the text does not start with it.")
    url: str | None = Field(default=None, description="An http(s) address to fetch the article from, instead of "
                                                      "text.")

    @model_validator(mode="after")
    def _text_or_url(self) -> ArticleIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give either 'text' or 'url' for each article (not both, not neither)")
        if self.url is not None and self.title is not None:
            raise ValueError("'title' goes with 'text'; a fetched page keeps its own title")
        return self


class Options(BaseModel):
    """The CLI's options that a request may set. The API key, base URL, timeout and folders are the server's."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["auto", "openai", "local"] | None = Field(
        default=None, description="openai (a model), local (offline extractor) or auto (the server's default).")
    model: str | None = Field(default=None, max_length=100, description="Model id for the openai backend.")
    prompt_version: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$",
                                       description="Prompt version under prompts/, e.g. 'v1'.")
    llm_mode: Literal["auto", "live", "replay"] | None = Field(
        default=None, description="live: call the model; replay: recordings only; auto: replay if recorded.")
    no_cache: bool = Field(default=False, description="Neither read nor write the server's summary cache.")


class DiffRequest(Options):
    """POST /v1/diff: the first article is the original (the base), the others its versions."""

    articles: list[ArticleIn] = Field(min_length=2, max_length=SERVICE_MAX_ARTICLES,
                                      description="Two or more versions, the original first.")
    fail_on: list[Literal["contradiction", "addition", "omission", "any"]] = Field(
        default_factory=list, description="What counts as a material difference for the X-Summarizer-Material "
                                          "response header (default any).")


class SummariesRequest(Options):
    """POST /v1/summaries: one structured summary per article, in input order."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=SERVICE_MAX_ARTICLES,
                                      description="One or more articles.")


class ErrorBody(BaseModel):
    type: str = Field(description="The error's kind (the library's exception class name, or a protocol error).")
    message: str = Field(description="What was wrong and how to fix it.")


class ErrorResponse(BaseModel):
    error: ErrorBody = Field(description="The one error of this request.")



def error_json(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)



def form_request(fields: dict[str, str]) -> DiffRequest:
    """The form's fields as a ``DiffRequest`` (empty slots skipped; the same validation as the API)."""
    articles: list[dict[str, str]] = []
    for i in range(1, FORM_SLOTS + 1):
        url, text, title = (fields.get(f"{k}{i}", "").strip() for k in ("url", "text", "title"))
        if url and text:
            raise InputError(f"version {i}: give an address or a text, not both")
        if url:
            articles.append({"url": url})
        elif text:
            articles.append({"text": fields[f"text{i}"], **({"title": title} if title else {})})
    if len(articles) < 2:
        raise InputError(f"give at least two versions (found {len(articles)}): paste each one's text or its address")
    backend = fields.get("backend") or None
    return DiffRequest.model_validate({"articles": articles, **({"backend": backend} if backend else {})})


def describe_validation(errors: Sequence[Any]) -> str:
    """Pydantic errors as one readable line: where, what was wrong."""
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more + ": see /openapi.json (DiffRequest, SummariesRequest) for the request shape"

