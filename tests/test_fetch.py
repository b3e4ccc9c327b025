"""Articles by URL, fetched from a local HTTP server on 127.0.0.1 (no test touches the internet): the page's main
text, title and date, the URL and fetch time in the report, the limits, and the guard against server-side request
forgery (every resolved address, every redirect target, the connection pinned to the checked address)."""

from __future__ import annotations

import json
import socket

import pytest

from summarizer import fetch
from summarizer.errors import FetchError, URLRefusedError
from summarizer.fetch import FetchLimits, fetch_article, is_public_address

from .conftest import EXAMPLES
from .servers import static_site

PAGE = """<!DOCTYPE html><html><head><title>Minister resigns over budget</title>
<meta property="article:published_time" content="2024-05-02"></head><body>
<nav>Home | World | Share</nav><article><h1>Minister resigns over budget</h1>
<p>The finance minister resigned on Monday after parliament rejected the budget by 201 votes to 150.</p>
<p>She said the decision was hers alone and that she would stay in parliament until the next election.</p>
<p>The prime minister is expected to name a successor later this week, officials said.</p></article>
<footer>Copyright 2024</footer></body></html>"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "story.html").write_text(PAGE)
    (tmp_path / "original.txt").write_text((EXAMPLES / "korea-original.txt").read_text())
    (tmp_path / "rewrite.txt").write_text((EXAMPLES / "korea-rewrite.txt").read_text())
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (tmp_path / "big.txt").write_text("word " * 5000)
    with static_site(tmp_path) as base:
        yield base


def test_a_page_is_fetched_and_cleaned_like_a_saved_page(site):
    art = fetch_article(f"{site}/story.html")
    assert art.format == "html" and art.title == "Minister resigns over budget"
    assert art.publication_date == "2024-05-02"
    assert "201 votes to 150" in art.text and "Home | World" not in art.text
    assert art.source == f"{site}/story.html" and art.fetched_at and art.fetched_at.endswith("Z")


def test_a_redirect_is_followed_and_the_final_url_is_the_source(site):
    fetch_redirects(site)["/latest"] = "/story.html"
    art = fetch_article(f"{site}/latest")
    assert art.source == f"{site}/story.html" and "201 votes" in art.text


def test_redirects_are_bounded(site):
    fetch_redirects(site)["/loop"] = "/loop"
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch_article(f"{site}/loop", limits=FetchLimits(max_redirects=2))


def test_a_page_that_is_not_text_is_refused(site):
    with pytest.raises(FetchError, match="image/png, not an article"):
        fetch_article(f"{site}/photo.png")


def test_a_page_over_the_size_cap_is_refused(site):
    with pytest.raises(FetchError, match="over the 1000-byte limit"):
        fetch_article(f"{site}/big.txt", limits=FetchLimits(max_bytes=1000))


def test_a_missing_page_says_the_status(site):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_article(f"{site}/nothing.html")


def test_only_http_urls():
    with pytest.raises(FetchError, match="not an http"):
        fetch_article("file:///etc/passwd")


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:4700::1111", True),
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.5", False),
    ("169.254.169.254", False), ("fd00:ec2::254", False), ("100.100.100.200", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("::ffff:127.0.0.1", False), ("fe80::1", False), ("240.0.0.1", False),
])
def test_which_addresses_are_public(address, public):
    assert is_public_address(address) is public


def test_loopback_is_refused_without_the_allow_flag(site):
    with pytest.raises(URLRefusedError, match="127.0.0.1, a loopback, private"):
        fetch_article(f"{site}/story.html", limits=FetchLimits(allow_private=False))


def fake_dns(monkeypatch, table: dict[str, list[str]]) -> None:
    """Resolve the names in ``table`` to their addresses; 127.0.0.1 counts as public for these tests."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in table[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(fetch, "is_public_address", lambda a: a == "127.0.0.1")


def test_the_connection_goes_to_the_checked_address_with_the_original_host(site, monkeypatch):
    fake_dns(monkeypatch, {"news.test": ["127.0.0.1"]})
    port = site.rsplit(":", 1)[1]
    art = fetch_article(f"http://news.test:{port}/story.html", limits=FetchLimits(allow_private=False))
    assert "201 votes" in art.text and art.source == f"http://news.test:{port}/story.html"


def test_a_name_with_any_private_address_is_refused(site, monkeypatch):
    fake_dns(monkeypatch, {"news.test": ["127.0.0.1", "10.0.0.7"]})
    port = site.rsplit(":", 1)[1]
    with pytest.raises(URLRefusedError, match="10.0.0.7"):
        fetch_article(f"http://news.test:{port}/story.html", limits=FetchLimits(allow_private=False))


def test_every_redirect_target_is_checked_again(site, monkeypatch):
    fake_dns(monkeypatch, {"news.test": ["127.0.0.1"], "internal.test": ["169.254.169.254"]})
    fetch_redirects(site)["/go"] = "http://internal.test/latest/meta-data/"
    port = site.rsplit(":", 1)[1]
    with pytest.raises(URLRefusedError, match="169.254.169.254"):
        fetch_article(f"http://news.test:{port}/go", limits=FetchLimits(allow_private=False))


def test_the_cli_diffs_two_urls_and_reports_them(site):
    from .test_cli import run

    r = run("diff", f"{site}/original.txt", f"{site}/rewrite.txt", "--format", "json", "-q")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["verdict"] == "contradictions"
    assert data["old"]["source"] == f"{site}/original.txt" and data["old"]["fetched_at"].endswith("Z")


def test_the_rich_report_shows_when_each_url_was_fetched(site):
    from .test_cli import run

    out = run("diff", f"{site}/original.txt", f"{site}/rewrite.txt").stdout.decode()
    fetched = next(line for line in out.splitlines() if line.startswith("fetched"))
    assert fetched.count("Z") == 2


def test_the_cli_says_why_a_url_cannot_be_fetched(site):
    from .test_cli import run

    r = run("diff", f"{site}/photo.png", f"{site}/rewrite.txt", "-q")
    assert r.returncode == 2 and b"image/png, not an article" in r.stderr and b"Traceback" not in r.stderr


def test_the_service_fetches_urls_with_the_allow_flag(site):
    from .test_service import client

    r = client(allow_private_urls=True).post("/v1/diff", json={"articles": [{"url": f"{site}/original.txt"},
                                                                            {"url": f"{site}/rewrite.txt"}]})
    assert r.status_code == 200 and r.json()["verdict"] == "contradictions"
    assert r.json()["new"]["source"] == f"{site}/rewrite.txt" and r.json()["new"]["fetched_at"]


def fetch_redirects(base: str) -> dict[str, str]:
    from . import servers

    return servers.REDIRECTS_BY_BASE[base]
