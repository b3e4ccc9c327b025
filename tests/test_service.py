"""The service in-process (ASGI test client): every route, and every error as one JSON shape with a fitting status."""

from __future__ import annotations

import base64
import json
import re

import pytest
from fastapi.testclient import TestClient

from summarizer.config import SERVICE_MAX_BODY_BYTES, resolve_settings
from summarizer.errors import TransportError
from summarizer.service import ServiceConfig, create_app, token_ok

from .conftest import EXAMPLES

OLD = (EXAMPLES / "korea-original.txt").read_text()
NEW = (EXAMPLES / "korea-rewrite.txt").read_text()


def client(transport=None, **config) -> TestClient:
    settings = config.pop("settings", None) or resolve_settings(backend="local")
    return TestClient(create_app(ServiceConfig(settings=settings, **config), transport=transport),
                      raise_server_exceptions=False)


def pair(**options):
    return {"articles": [{"text": OLD}, {"text": NEW}], **options}


def assert_error(r, status: int, kind: str, needle: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == kind
    assert needle in body["error"]["message"]
    assert "Traceback" not in r.text


# --- routes -------------------------------------------------------------------------------------------------------

def test_healthz():
    r = client().get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_diff_of_the_example_pair_is_the_cli_report():
    from summarizer import diff, extract_summary, load_article

    r = client().post("/v1/diff", json=pair(fail_on=["contradiction"]))
    assert r.status_code == 200
    data = r.json()
    assert data["verdict"] == "contradictions" and data["schema_version"] == "2"
    assert r.headers["x-summarizer-verdict"] == "contradictions" and r.headers["x-summarizer-material"] == "true"
    library = diff(*(extract_summary(load_article(EXAMPLES / f"korea-{n}.txt")) for n in ("original", "rewrite")))
    assert data["changes"] == json.loads(library.model_dump_json())["changes"]  # one code path, no second diff


def test_diff_is_deterministic():
    c = client()
    assert c.post("/v1/diff", json=pair()).content == c.post("/v1/diff", json=pair()).content


def test_three_articles_give_a_multidiff():
    r = client().post("/v1/diff", json={"articles": [{"text": OLD}, {"text": NEW}, {"text": OLD}]})
    assert r.status_code == 200 and len(r.json()["diffs"]) == 2 and r.json()["matrix"]


def test_a_title_given_with_the_text_is_kept():
    r = client().post("/v1/diff", json={"articles": [{"text": OLD}, {"text": NEW, "title": "The rewrite"}]})
    assert r.json()["new"]["title"] == "The rewrite" and r.json()["new"]["source"] == "version 2"


def test_summaries_in_input_order():
    r = client().post("/v1/summaries", json={"articles": [{"text": NEW}, {"text": OLD}]})
    assert r.status_code == 200
    words = [s["meta"]["words"] for s in r.json()]
    assert words == [590, 413]


@pytest.mark.parametrize("name", ["report", "summary"])
def test_schemas_are_the_shipped_files(name):
    from summarizer.contract import shipped_text

    r = client().get(f"/v1/schema/{name}")
    assert r.status_code == 200 and r.text == shipped_text(name)
    assert r.headers["content-type"].startswith("application/schema+json")


def test_openapi_document_comes_from_the_same_models():
    doc = client().get("/openapi.json").json()
    assert {"/v1/diff", "/v1/summaries", "/v1/schema/report", "/healthz", "/"} <= set(doc["paths"])
    assert {"SummaryDiff", "MultiDiff", "DiffRequest", "ArticleSummary"} <= set(doc["components"]["schemas"])


# --- errors -------------------------------------------------------------------------------------------------------

def test_malformed_json_is_400():
    r = client().post("/v1/diff", content=b'{"articles": [', headers={"content-type": "application/json"})
    assert_error(r, 400, "MalformedJSON", "not valid JSON")


def test_missing_field_is_422():
    assert_error(client().post("/v1/diff", json={}), 422, "ValidationError", "articles: Field required")


def test_one_article_is_422():
    r = client().post("/v1/diff", json={"articles": [{"text": OLD}]})
    assert_error(r, 422, "ValidationError", "at least 2 items")


def test_an_empty_article_is_422():
    r = client().post("/v1/diff", json={"articles": [{"text": OLD}, {"text": "  \n "}]})
    assert_error(r, 422, "InputError", "version 2: the article is empty")


def test_unknown_option_is_422_and_the_key_never_comes_from_a_request():
    r = client().post("/v1/diff", json=pair(api_key="sk-x", base_url="http://evil.test"))
    assert_error(r, 422, "ValidationError", "Extra inputs are not permitted")


def test_text_and_url_together_is_422():
    r = client().post("/v1/diff", json={"articles": [{"text": OLD, "url": "https://a.test/"}, {"text": NEW}]})
    assert_error(r, 422, "ValidationError", "either 'text' or 'url'")


def test_unknown_prompt_version_is_422():
    r = client().post("/v1/diff", json=pair(backend="openai", prompt_version="v999"))
    assert r.status_code == 422 and "v999" in r.json()["error"]["message"]


def test_body_over_the_cap_is_413_from_content_length_before_reading():
    r = client().post("/v1/diff", content=b"x" * (6 * 1024 * 1024), headers={"content-type": "application/json"})
    assert_error(r, 413, "PayloadTooLarge", f"limit of {SERVICE_MAX_BODY_BYTES} bytes")


def test_body_over_the_cap_without_content_length_is_413_while_streaming():
    def chunks():
        yield b'{"articles": [{"text": "'
        for _ in range(2000):
            yield b"x" * 1000
        yield b'"}]}'

    r = client(max_body_bytes=100_000).post("/v1/diff", content=chunks(),
                                            headers={"content-type": "application/json"})
    assert_error(r, 413, "PayloadTooLarge", "limit of 100000 bytes")


def test_chunked_body_under_the_cap_is_served():
    body = json.dumps(pair()).encode()
    r = client().post("/v1/diff", content=iter([body[:100], body[100:]]), headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["verdict"] == "contradictions"


def test_busy_server_is_503_with_retry_after():
    c = client(max_concurrency=1, retry_after=7)
    c.app.state.limiter.acquire()  # a request already summarising
    r = c.post("/v1/diff", json=pair())
    assert_error(r, 503, "Busy", "try again in 7 s")
    assert r.headers["retry-after"] == "7"
    c.app.state.limiter.release()
    assert c.post("/v1/diff", json=pair()).status_code == 200


class FailingModel:
    """A model server that keeps failing: the transport raises what the retry layer raises when it gives up."""

    def complete(self, body):
        raise TransportError("the model server kept answering 503 after 4 attempts: try again later", attempts=4)


def test_model_failure_is_502_with_the_reason():
    settings = resolve_settings(backend="openai", llm_mode="live", api_key="sk-test", use_cache=False)
    r = client(transport=FailingModel(), settings=settings).post("/v1/diff", json=pair())
    assert_error(r, 502, "TransportError", "kept answering 503 after 4 attempts")


def test_unknown_route_is_a_json_404():
    assert_error(client().get("/v2/nothing"), 404, "NotFound", "Not Found")


def test_url_on_loopback_is_refused_without_the_flag():
    r = client().post("/v1/diff", json={"articles": [{"text": OLD}, {"url": "http://127.0.0.1:9/a.html"}]})
    assert_error(r, 422, "URLRefusedError", "--allow-private-urls")


# --- the token ----------------------------------------------------------------------------------------------------

def test_with_a_token_every_api_call_needs_the_bearer_header():
    c = client(token="s3cret")
    assert_error(c.post("/v1/diff", json=pair()), 401, "Unauthorized", "Authorization: Bearer")
    assert c.get("/v1/schema/report", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/v1/schema/report", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/healthz").status_code == 200  # for load balancers


def test_with_a_token_the_page_asks_the_browser_for_it():
    c = client(token="s3cret")
    r = c.get("/")
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
    assert c.get("/", auth=("editor", "s3cret")).status_code == 200
    assert c.post("/v1/diff", json=pair(), auth=("editor", "s3cret")).status_code == 401  # the API takes Bearer


def test_token_comparison():
    assert token_ok("Bearer abc", "abc", basic=False)
    assert not token_ok("Bearer abd", "abc", basic=False) and not token_ok("", "abc", basic=False)
    basic = "Basic " + base64.b64encode(b"u:abc").decode()
    assert token_ok(basic, "abc", basic=True) and not token_ok(basic, "abc", basic=False)
    assert not token_ok("Basic !!!", "abc", basic=True)


# --- the page -----------------------------------------------------------------------------------------------------

def test_the_page_is_a_plain_form_with_no_script_and_no_external_asset():
    page = client().get("/").text
    assert "<form method=\"post\" action=\"/\"" in page and "<textarea" in page and "type=\"url\"" in page
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_the_form_answers_with_the_cli_html_report_and_a_json_download():
    from summarizer.render import diff_html

    r = client().post("/", data={"text1": OLD, "text2": NEW, "backend": "local"})
    assert r.status_code == 200
    page = r.text
    assert page.index("verdict contradictions") < page.index("Contradictions (1)")
    href = re.search(r'href="data:application/json;base64,([^"]+)" download="report.json"', page)
    report = json.loads(base64.b64decode(href.group(1)))
    assert report["verdict"] == "contradictions"
    assert "<script" not in page.lower() and not re.search(r"(src|href)=\"(https?:)?//", page)
    from summarizer.diff import SummaryDiff

    body = diff_html(SummaryDiff.model_validate(report), title="x").split("<div class=\"verdict", 1)[1]
    assert body in page  # the report itself is the CLI's renderer, unchanged


def test_the_form_escapes_article_text():
    evil = "<script>alert(1)</script> The minister said on Monday that taxes rose by 5 percent."
    r = client().post("/", data={"text1": evil, "text2": evil.replace("5", "7"), "backend": "local"})
    assert r.status_code == 200 and "<script>alert" not in r.text and "&lt;script&gt;" in r.text


def test_the_form_with_one_version_shows_the_error_above_the_refilled_form():
    r = client().post("/", data={"text1": "<b>only one</b>", "text2": ""})
    assert r.status_code == 422
    assert "give at least two versions" in r.text and "&lt;b&gt;only one&lt;/b&gt;</textarea>" in r.text


def test_every_request_field_has_a_description_and_unknown_keys_are_refused():
    from summarizer.service import models

    classes = [models.ArticleIn, models.DiffRequest, models.SummariesRequest, models.ErrorBody, models.ErrorResponse]
    missing = [f"{m.__name__}.{n}" for m in classes for n, f in m.model_fields.items() if not f.description]
    assert missing == []
    assert all(m.model_config.get("extra") == "forbid" for m in classes[:3])
