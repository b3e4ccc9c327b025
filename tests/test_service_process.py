"""A real ``summarizer serve`` process on a free port of 127.0.0.1, spoken to over HTTP, and its page in a real
headless Chromium (Debian's chromium and chromium-driver through Selenium; skipped with the reason where they are
missing). Set SUMMARIZER_SCREENSHOT_DIR to keep screenshots of the form and the report for a person to look at."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from . import browser
from .conftest import EXAMPLES
from .servers import summarizer_serve

OLD = (EXAMPLES / "korea-original.txt").read_text()
NEW = (EXAMPLES / "korea-rewrite.txt").read_text()


def test_listening_beyond_loopback_without_a_token_is_refused():
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_TOKEN"}
    r = subprocess.run([sys.executable, "-m", "summarizer", "serve", "--host", "0.0.0.0"], capture_output=True,
                       text=True, env=env, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "error: refusing to listen on 0.0.0.0 without a token: pass --token TOKEN (or set SUMMARIZER_TOKEN), or "
        "listen on 127.0.0.1"]


def test_a_served_process_answers_every_route_over_http(tmp_path):
    with summarizer_serve("--backend", "local", "--cache-dir", str(tmp_path)) as base, \
            httpx.Client(base_url=base, timeout=120) as http:
        assert http.get("/healthz").json()["status"] == "ok"
        assert "<form" in http.get("/").text
        r = http.post("/v1/diff", json={"articles": [{"text": OLD}, {"text": NEW}]})
        assert r.status_code == 200 and r.json()["verdict"] == "contradictions"
        assert len(http.post("/v1/summaries", json={"articles": [{"text": OLD}]}).json()) == 1
        assert http.get("/v1/schema/report").json()["title"] == "summarizer diff report"
        big = http.post("/v1/diff", content=b" " * (6 * 1024 * 1024), headers={"content-type": "application/json"})
        assert big.status_code == 413 and big.json()["error"]["type"] == "PayloadTooLarge"
        ssrf = http.post("/v1/diff", json={"articles": [{"text": OLD}, {"url": f"{base}/healthz"}]})
        assert ssrf.status_code == 422 and ssrf.json()["error"]["type"] == "URLRefusedError"


def test_a_token_from_the_environment_guards_the_api_of_several_workers(tmp_path):
    with summarizer_serve("--backend", "local", "--workers", "2", "--cache-dir", str(tmp_path),
                          env={"SUMMARIZER_TOKEN": "t0ken"}) as base, httpx.Client(base_url=base, timeout=120) as http:
        assert http.get("/v1/schema/summary").status_code == 401
        ok = http.get("/v1/schema/summary", headers={"Authorization": "Bearer t0ken"})
        assert ok.status_code == 200 and ok.json()["title"] == "ArticleSummary"


@pytest.mark.skipif(browser.missing() is not None, reason=str(browser.missing()))
def test_the_page_in_headless_chromium_shows_the_verdict_of_the_example_pair(tmp_path):
    shots = Path(os.environ["SUMMARIZER_SCREENSHOT_DIR"]) if os.environ.get("SUMMARIZER_SCREENSHOT_DIR") else None
    with summarizer_serve("--backend", "local", "--cache-dir", str(tmp_path)) as base:
        driver = browser.chromium()
        try:
            driver.get(f"{base}/")
            assert driver.find_element("tag name", "h1").text == "Compare versions of a news article"
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(shots / "service-form.png"))
            driver.find_element("id", "title1").send_keys("The original")
            driver.find_element("id", "text1").send_keys(OLD)
            driver.find_element("id", "text2").send_keys(NEW)
            driver.find_element("id", "compare").click()
            verdict = browser.wait_for(driver, "div.verdict")  # the report page, once the server has answered
            assert verdict.get_attribute("class") == "verdict contradictions"
            assert verdict.text == "Contradictions: the copy changes facts of the original."
            assert driver.title == "summarizer: The original vs version 2"
            marks = [m.text for m in driver.find_elements("css selector", "mark")]
            assert "in September" in marks and "2019" in marks  # the contradiction, highlighted in its evidence
            link = driver.find_element("link text", "Download the JSON report")
            assert link.get_attribute("download") == "report.json"
            assert link.get_attribute("href").startswith("data:application/json;base64,")
            if shots:
                driver.save_screenshot(str(shots / "service-report.png"))
        finally:
            driver.quit()
