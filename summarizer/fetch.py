"""Articles by URL: fetch a page with timeouts, a size cap, a content-type check and bounded redirects, then clean it
as a saved page (``articles.article_from_bytes``), keeping the URL as its source and the fetch time.

With ``allow_private=False`` (the service's default) a URL whose host resolves to any loopback, private, link-local,
reserved, multicast or other non-global address (cloud metadata endpoints included) is refused, every redirect
target is checked again, and the connection goes to the address that was checked (the Host header and TLS name stay
the URL's), so a second DNS answer cannot swap in an internal address. Proxy environment variables are ignored for
the same reason.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from .articles import Article, article_from_bytes, load_article
from .config import (
    FETCH_CONTENT_TYPES,
    FETCH_MAX_BYTES,
    FETCH_MAX_REDIRECTS,
    FETCH_TIMEOUT_S,
    FETCH_USER_AGENT,
)
from .errors import FetchError, URLRefusedError


@dataclass(frozen=True)
class FetchLimits:
    """How a fetch is bounded; the defaults live in ``config.py``."""

    timeout: float = FETCH_TIMEOUT_S
    max_bytes: int = FETCH_MAX_BYTES
    max_redirects: int = FETCH_MAX_REDIRECTS
    allow_private: bool = True


def is_url(source: str | Path) -> bool:
    """Whether an article argument is an http(s) URL rather than a path."""
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def load_source(source: str | Path, *, limits: FetchLimits | None = None) -> Article:
    """One article from a path, '-' (stdin) or an http(s) URL."""
    if is_url(source):
        return fetch_article(str(source), limits=limits)
    return load_article(source)


def fetch_article(url: str, *, limits: FetchLimits | None = None) -> Article:
    """Fetch ``url`` and return its cleaned article, ``source`` the final URL and ``fetched_at`` the UTC time."""
    import httpx

    lim = limits or FetchLimits()
    deadline = time.monotonic() + 2 * lim.timeout
    current = url
    with httpx.Client(timeout=httpx.Timeout(lim.timeout), follow_redirects=False, trust_env=False) as client:
        for _ in range(lim.max_redirects + 1):
            target, headers, extensions = _pinned_request(current, lim.allow_private)
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        current = urljoin(current, resp.headers["location"])
                        continue
                    raw, content_type = _read_body(url, current, resp, lim, deadline)
            except httpx.TimeoutException:
                raise FetchError(f"{url}: no answer within {lim.timeout:g} s: check the URL or try again later") \
                    from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc}): check the URL") from None
            fetched_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            article = article_from_bytes(raw, source=current,
                                         html=content_type in ("text/html", "application/xhtml+xml"))
            return article.model_copy(update={"source": current, "fetched_at": fetched_at})
    raise FetchError(f"{url}: more than {lim.max_redirects} redirects: give the final address of the article")


def _read_body(url: str, current: str, resp, lim: FetchLimits, deadline: float) -> tuple[bytes, str]:
    if resp.status_code >= 400 or resp.status_code < 200 or resp.is_redirect:
        raise FetchError(f"{url}: the server answered HTTP {resp.status_code} for {current}: check the URL")
    content_type = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in FETCH_CONTENT_TYPES:
        raise FetchError(f"{url}: the page is {content_type or 'of no stated type'}, not an article: expected one "
                         f"of {', '.join(FETCH_CONTENT_TYPES)}")
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > lim.max_bytes:
        raise FetchError(f"{url}: the page is {int(declared)} bytes, over the {lim.max_bytes}-byte limit: save the "
                         "article's text and give the file instead")
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_raw():
        size += len(chunk)
        if size > lim.max_bytes:
            raise FetchError(f"{url}: the page is over the {lim.max_bytes}-byte limit: save the article's text and "
                             "give the file instead")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the page took over {2 * lim.timeout:g} s to download: try again later")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = resp.headers.get("content-encoding", "identity").lower()
    if encoding not in ("identity", ""):
        body = _decompress(url, body, encoding, lim.max_bytes)
    return body, content_type


def _decompress(url: str, body: bytes, encoding: str, max_bytes: int) -> bytes:
    import zlib

    if encoding not in ("gzip", "deflate"):
        raise FetchError(f"{url}: the page is sent with {encoding} compression, which is not supported: give the "
                         "saved page instead")
    try:
        out = zlib.decompressobj(wbits=47).decompress(body, max_bytes + 1)  # gzip or zlib header, detected
    except zlib.error as exc:
        raise FetchError(f"{url}: the page's {encoding} compression is broken ({exc}): try again later") from None
    if len(out) > max_bytes:
        raise FetchError(f"{url}: the page is over the {max_bytes}-byte limit once decompressed")
    return out


def _pinned_request(url: str, allow_private: bool) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL to connect to, headers and extensions: with the SSRF guard on, the host is replaced by its checked
    address (Host header and TLS server name keep the original name)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL: give an address such as https://example.com/article")
    headers = {"User-Agent": FETCH_USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
               "Accept-Encoding": "gzip, deflate"}
    if allow_private:
        return url, headers, {}
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(url, host, port)
    netloc = f"[{address}]" if ":" in address else address
    if parts.port:
        netloc += f":{parts.port}"
    headers["Host"] = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), headers, extensions


def checked_address(url: str, host: str, port: int) -> str:
    """Resolve ``host`` and return its first address, refusing the URL if any address is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: the host {host} cannot be resolved ({exc}): check the URL") from None
    addresses = sorted({str(info[4][0]) for info in infos}, key=lambda a: (":" in a, a))
    for address in addresses:
        if not is_public_address(address):
            raise URLRefusedError(
                f"{url}: {host} resolves to {address}, a loopback, private, link-local or reserved address: this "
                "server does not fetch from its own network (start it with --allow-private-urls to allow it)")
    if not addresses:
        raise FetchError(f"{url}: the host {host} has no address: check the URL")
    return addresses[0]


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged by its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
