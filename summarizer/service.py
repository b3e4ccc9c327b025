"""The diff service: a JSON API and a web page over the same code path as the CLI (``compare.compare``).

    GET  /                    the form (no script); POST / answers with the HTML report and a JSON download
    POST /v1/diff             {"articles": [A, B, ...], ...options} -> SummaryDiff (two) or MultiDiff (more)
    POST /v1/summaries        {"articles": [...], ...options} -> [ArticleSummary, ...] in input order
    GET  /v1/schema/report    the shipped JSON Schema files (summarizer/schemas/)
    GET  /v1/schema/summary
    GET  /healthz             liveness; never needs the token
    GET  /openapi.json, /docs the OpenAPI document, generated from the same pydantic models

Errors are ``{"error": {"type", "message"}}``, mapped from the library's exception tree in one place
(``error_status``). The server keeps no state in memory between requests but its settings: summaries are cached on
disk as the CLI caches them, so any number of worker processes can serve the same folder.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import logging
import os
import threading
from dataclasses import dataclass
from typing import Any, Callable, Literal
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .articles import Article, article_from_text
from .compare import any_material, compare
from .config import (
    SERVICE_MAX_ARTICLES, SERVICE_MAX_BODY_BYTES, SERVICE_MAX_CONCURRENCY, SERVICE_RETRY_AFTER_S, Settings,
    resolve_settings,
)
from .contract import SCHEMAS, shipped_text
from .diff.report import MultiDiff, SummaryDiff
from .errors import (
    ConfigError, InputError, ModelError, PromptError, RecordingMissError, ReportError, SummarizerError,
)
from .fetch import FetchLimits, fetch_article
from .llm.client import Transport
from .pipeline import Summarizer
from .render.page import FORM_SLOTS, form_page, report_page
from .schema import ArticleSummary

log = logging.getLogger("summarizer.service")

# --- the request contract ----------------------------------------------------------------------------------------


class ArticleIn(BaseModel):
    """One article: its text (and optional title), or its URL."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article's text (plain, Markdown or an HTML page).")
    title: str | None = Field(default=None, description="The headline, when the text does not start with it.")
    url: str | None = Field(default=None, description="An http(s) address to fetch the article from, instead of "
                                                      "text.")

    @model_validator(mode="after")
    def _text_or_url(self) -> "ArticleIn":
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


# --- configuration and the one error mapping ---------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceConfig:
    """How one server process runs; the defaults live in ``config.py``."""

    settings: Settings = dataclasses.field(default_factory=resolve_settings)
    token: str | None = dataclasses.field(default=None, repr=False)
    allow_private_urls: bool = False
    max_body_bytes: int = SERVICE_MAX_BODY_BYTES
    max_concurrency: int = SERVICE_MAX_CONCURRENCY
    retry_after: int = SERVICE_RETRY_AFTER_S


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


def error_status(exc: BaseException) -> int:
    """The HTTP status of a library error: the one mapping, used by the API and the page."""
    if isinstance(exc, ModelError):
        return 502  # the model failed: a bad gateway, with the reason
    if isinstance(exc, (InputError, PromptError, RecordingMissError, ReportError, ConfigError)):
        return 422  # the request named something unusable (an empty article, an unknown prompt, a URL refused)
    return 500


def error_json(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)


_ERRORS = {400: {"model": ErrorResponse, "description": "Malformed JSON."},
           401: {"model": ErrorResponse, "description": "Missing or wrong bearer token."},
           413: {"model": ErrorResponse, "description": "Body over the size cap."},
           422: {"model": ErrorResponse, "description": "A missing or bad field, an empty article, a refused URL."},
           502: {"model": ErrorResponse, "description": "The model failed (the reason is in the message)."},
           503: {"model": ErrorResponse, "description": "Busy: try again after Retry-After seconds."}}


# --- the application ----------------------------------------------------------------------------------------------


def create_app(config: ServiceConfig | None = None, *, transport: Transport | None = None):
    """The ASGI app. ``transport`` replaces the live model (tests pass an in-process fake)."""
    from . import __version__

    cfg = config or ServiceConfig()
    limiter = Limiter(cfg.max_concurrency)
    app = FastAPI(title="summarizer", version=__version__, responses=_ERRORS,  # type: ignore[arg-type]
                  description="What changed, claim by claim, between versions of a news article.")
    app.state.limiter = limiter
    app.state.config = cfg

    def engine(opts: Options) -> Summarizer:
        overrides = {k: v for k, v in (("backend", opts.backend), ("model", opts.model),
                                       ("prompt_version", opts.prompt_version), ("llm_mode", opts.llm_mode)) if v}
        if opts.no_cache:
            overrides["use_cache"] = False
        return Summarizer(settings=dataclasses.replace(cfg.settings, **overrides), transport=transport)

    def article(i: int, a: ArticleIn) -> Article:
        if a.url is not None:
            return fetch_article(a.url, limits=FetchLimits(allow_private=cfg.allow_private_urls))
        art = article_from_text(a.text or "", source=f"version {i + 1}")
        return art.model_copy(update={"title": a.title}) if a.title else art

    async def run(work: Callable[[], Any]) -> Any:
        """Run summarising work in a thread, holding one of the bounded slots (503 when none is free)."""
        limiter.acquire()
        try:
            return await run_in_threadpool(work)
        finally:
            limiter.release()

    def run_diff(req: DiffRequest) -> SummaryDiff | MultiDiff:
        return compare([article(i, a) for i, a in enumerate(req.articles)], engine(req))

    # one place for every error: library errors, validation, protocol errors, the unexpected
    @app.exception_handler(SummarizerError)
    async def _library_error(request: Request, exc: SummarizerError) -> Response:
        return error_json(error_status(exc), type(exc).__name__, str(exc))

    @app.exception_handler(Busy)
    async def _busy(request: Request, exc: Busy) -> Response:
        return error_json(503, "Busy", f"all {cfg.max_concurrency} summarising slots are in use: try again in "
                                       f"{cfg.retry_after} s", {"Retry-After": str(cfg.retry_after)})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            detail = next(e for e in errors if e.get("type") == "json_invalid").get("ctx", {}).get("error", "")
            return error_json(400, "MalformedJSON", f"the body is not valid JSON ({detail}): send a JSON object "
                                                    "such as {\"articles\": [{\"text\": ...}, {\"text\": ...}]}")
        return error_json(422, "ValidationError", describe_validation(errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        kind = {401: "Unauthorized", 404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        return error_json(exc.status_code, kind, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        if os.environ.get("SUMMARIZER_RAISE_ERRORS") == "1":
            raise exc
        return error_json(500, "InternalError", f"unexpected {type(exc).__name__}: the server log has the details")

    @app.middleware("http")
    async def _auth(request: Request, call_next: Callable[[Request], Any]) -> Response:
        path = request.url.path
        if cfg.token is None or path in ("/healthz", "/openapi.json", "/docs", "/docs/oauth2-redirect"):
            return await call_next(request)
        if token_ok(request.headers.get("authorization", ""), cfg.token, basic=not path.startswith("/v1/")):
            return await call_next(request)
        if path.startswith("/v1/"):
            return error_json(401, "Unauthorized", "this server needs a token: send the header "
                                                   "'Authorization: Bearer TOKEN'", {"WWW-Authenticate": "Bearer"})
        return error_json(401, "Unauthorized", "this server needs a token: give it as the password (any user "
                                               "name)", {"WWW-Authenticate": 'Basic realm="summarizer"'})

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/v1/diff", summary="Diff two or more versions of an article",
              response_model=SummaryDiff | MultiDiff)
    async def post_diff(req: DiffRequest) -> Response:
        report = await run(lambda: run_diff(req))
        return Response(report.model_dump_json(), media_type="application/json",
                        headers={"X-Summarizer-Verdict": verdict_of(report),
                                 "X-Summarizer-Material": "true" if any_material(report, req.fail_on) else "false"})

    @app.post("/v1/summaries", summary="Structured summaries, in input order", response_model=list[ArticleSummary])
    async def post_summaries(req: SummariesRequest) -> Response:
        def work() -> list[ArticleSummary]:
            e = engine(req)
            return [e.summarize(article(i, a)) for i, a in enumerate(req.articles)]

        summaries = await run(work)
        return Response("[" + ",".join(s.model_dump_json() for s in summaries) + "]", media_type="application/json")

    def schema_route(name: str) -> Callable[[], Any]:
        async def get_schema() -> Response:
            return Response(shipped_text(name), media_type="application/schema+json")

        return get_schema

    for name in SCHEMAS:
        app.add_api_route(f"/v1/schema/{name}", schema_route(name), methods=["GET"],
                          summary=f"JSON Schema of the {name} contract", name=f"schema_{name}")

    @app.get("/", response_class=HTMLResponse, summary="The form")
    async def page() -> HTMLResponse:
        return HTMLResponse(form_page())

    @app.post("/", response_class=HTMLResponse, summary="The form's report")
    async def page_post(request: Request) -> HTMLResponse:
        raw = await request.body()
        fields = {k: v[-1] for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
        try:
            req = form_request(fields)
            report = await run(lambda: run_diff(req))
        except ValidationError as exc:
            return HTMLResponse(form_page(fields, error=describe_validation(exc.errors())), status_code=422)
        except SummarizerError as exc:
            return HTMLResponse(form_page(fields, error=str(exc)), status_code=error_status(exc))
        except Busy:
            return HTMLResponse(form_page(fields, error=f"the server is busy: try again in {cfg.retry_after} s"),
                                status_code=503, headers={"Retry-After": str(cfg.retry_after)})
        names = [fields.get(f"url{i}") or fields.get(f"title{i}") or f"version {i}" for i in range(1, FORM_SLOTS + 1)
                 if (fields.get(f"url{i}") or fields.get(f"text{i}") or "").strip()]
        return HTMLResponse(report_page(report, title="summarizer: " + " vs ".join(names)))

    return BodyLimit(app, cfg.max_body_bytes)


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


def describe_validation(errors: list[Any]) -> str:
    """Pydantic errors as one readable line: where, what was wrong."""
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more + ": see /openapi.json (DiffRequest, SummariesRequest) for the request shape"


def verdict_of(report: SummaryDiff | MultiDiff) -> str:
    if isinstance(report, SummaryDiff):
        return report.verdict
    from .diff.report import VERDICT_ORDER

    return max((d.verdict for d in report.diffs), key=VERDICT_ORDER.index)


def token_ok(header: str, token: str, *, basic: bool) -> bool:
    """Compare the Authorization header with the token in constant time (Bearer; Basic's password on the page)."""
    scheme, _, value = header.partition(" ")
    given = ""
    if scheme.lower() == "bearer":
        given = value.strip()
    elif basic and scheme.lower() == "basic":
        import base64
        import binascii

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


def app_from_env():
    """The app configured from the environment (for ``uvicorn --factory`` and ``summarizer serve --workers``):
    SUMMARIZER_TOKEN, SUMMARIZER_ALLOW_PRIVATE_URLS=1, SUMMARIZER_MAX_CONCURRENCY, SUMMARIZER_MAX_BODY_BYTES, plus
    every setting the CLI reads (OPENAI_API_KEY, SUMMARIZER_CACHE_DIR, ...)."""
    env = os.environ

    def number(name: str, default: int) -> int:
        raw = env.get(name)
        if not raw:
            return default
        if not raw.isdigit() or int(raw) < 1:
            raise ConfigError(f"{name} must be a positive whole number (not {raw!r})")
        return int(raw)

    return create_app(ServiceConfig(
        settings=resolve_settings(), token=env.get("SUMMARIZER_TOKEN") or None,
        allow_private_urls=env.get("SUMMARIZER_ALLOW_PRIVATE_URLS") == "1",
        max_concurrency=number("SUMMARIZER_MAX_CONCURRENCY", SERVICE_MAX_CONCURRENCY),
        max_body_bytes=number("SUMMARIZER_MAX_BODY_BYTES", SERVICE_MAX_BODY_BYTES)))

