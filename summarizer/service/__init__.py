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

Modules: ``models`` (the request and error contract), ``guards`` (body cap, bounded concurrency, token), ``app``
(the routes and the one error mapping).
"""

from .app import ServiceConfig, app_from_env, create_app, error_status
from .guards import token_ok
from .models import ArticleIn, DiffRequest, SummariesRequest

__all__ = ["ArticleIn", "DiffRequest", "ServiceConfig", "SummariesRequest", "app_from_env", "create_app",
           "error_status", "token_ok"]
