"""The service's routes (listed in the package docstring) over the same code path as the CLI (``compare.compare``),
the one mapping of library errors to HTTP statuses (``error_status``), and the app built from the environment for
worker processes (``app_from_env``)."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..articles import Article, article_from_text
from ..compare import any_material, compare, verdict_of
from ..config import SERVICE_MAX_BODY_BYTES, SERVICE_MAX_CONCURRENCY, SERVICE_RETRY_AFTER_S, Settings, resolve_settings
from ..contract import SCHEMAS, shipped_text
from ..diff.report import MultiDiff, SummaryDiff
from ..errors import (
    ConfigError,
    InputError,
    ModelError,
    PromptError,
    RecordingMissError,
    ReportError,
    SummarizerError,
)
from ..fetch import FetchLimits, fetch_article
from ..llm.transport import Transport
from ..pipeline import Summarizer
from ..render.page import FORM_SLOTS, form_page, report_page
from ..schema import ArticleSummary
from .guards import BodyLimit, Busy, Limiter, token_ok
from .models import (
    ArticleIn,
    DiffRequest,
    ErrorResponse,
    Options,
    SummariesRequest,
    describe_validation,
    error_json,
    form_request,
)

log = logging.getLogger("summarizer.service")

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


def error_status(exc: BaseException) -> int:
    """The HTTP status of a library error: the one mapping, used by the API and the page."""
    if isinstance(exc, ModelError):
        return 502  # the model failed: a bad gateway, with the reason
    if isinstance(exc, (InputError, PromptError, RecordingMissError, ReportError, ConfigError)):
        return 422  # the request named something unusable (an empty article, an unknown prompt, a URL refused)
    return 500


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Malformed JSON."},
    401: {"model": ErrorResponse, "description": "Missing or wrong bearer token."},
    413: {"model": ErrorResponse, "description": "Body over the size cap."},
    422: {"model": ErrorResponse, "description": "A missing or bad field, an empty article, a refused URL."},
    502: {"model": ErrorResponse, "description": "The model failed (the reason is in the message)."},
    503: {"model": ErrorResponse, "description": "Busy: try again after Retry-After seconds."}}


# --- the application ----------------------------------------------------------------------------------------------


def create_app(config: ServiceConfig | None = None, *, transport: Transport | None = None):
    """The ASGI app. ``transport`` replaces the live model (tests pass an in-process fake)."""
    cfg = config or ServiceConfig()
    limiter = Limiter(cfg.max_concurrency)
    app = FastAPI(title="summarizer", version=__version__, responses=_ERRORS,
                  description="What changed, claim by claim, between versions of a news article.")
    app.state.limiter = limiter
    app.state.config = cfg

    def engine(opts: Options) -> Summarizer:
        overrides: dict[str, Any] = {k: v for k, v in (("backend", opts.backend), ("model", opts.model),
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
        if not cfg.token or path in ("/healthz", "/openapi.json", "/docs", "/docs/oauth2-redirect"):
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
