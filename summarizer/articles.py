"""Loading articles: read a file or stdin, decode it, extract the main text of HTML, strip scraped boilerplate.

The result is an ``Article``: the text that gets summarised, with its title and publication date when present and
the count of boilerplate lines removed.
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError
from .normalize import find_times

# Lines scraped from news sites' chrome. Matched against whole, short lines only (case-insensitive).
BOILERPLATE_PATTERNS = [
    r"share\.?", r"share (this|on) .*", r"exit mobile version", r"you may also like", r"more from (the )?author",
    r"estimated read time.*", r"\d+ min(ute)?s? read", r"related( articles| posts| stories| news)?:?",
    r"advertisement", r"sponsored( content)?", r"skip to (main )?content", r"sign up for .*newsletter.*",
    r"subscribe( now| to .*)?", r"follow us( on .*)?", r"click here .*", r"read more:?", r"leave a (comment|reply)",
    r"(facebook|twitter|x|whatsapp|email|linkedin|print|telegram|reddit|pinterest)", r"(copyright|©).*",
    r"all rights reserved\.?", r"(previous|next) (article|post|story)", r"tags?:.*", r"comments?( \(\d+\))?",
    r"recommended( for you| stories)?", r"most (read|popular)", r"trending( now)?", r"back to top",
    r"(photo|image|file photo): .{0,60}", r"loading\.*", r"listen to (this )?article.*",
]
_BOILERPLATE = re.compile(r"^\s*(?:" + "|".join(BOILERPLATE_PATTERNS) + r")\s*$", re.I)
_BOILERPLATE_MAX_LEN = 100
_PUBLISHED = re.compile(r"^\s*(?:published|updated|posted|first published|date)\s*(?:on|:)?\s*", re.I)


class Article(BaseModel):
    """One article, decoded and cleaned, ready to summarise."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="Where it came from: a path, '-' for stdin, a URL, or '<text>' for a string.")
    text: str = Field(description="The body text that is summarised (title and boilerplate removed).")
    title: str | None = Field(default=None, description="Headline, when the input has one.")
    publication_date: str | None = Field(default=None, description="ISO publication date when the input states it.")
    format: Literal["text", "markdown", "html"] = Field(default="text", description="Detected input format.")
    encoding: str = Field(default="utf-8", description="Encoding the bytes were decoded with.")
    boilerplate_removed: int = Field(default=0, description="Boilerplate lines stripped from the text.")
    fetched_at: str | None = Field(default=None, description="When the article was fetched (UTC, ISO 8601), for "
                                   "an article read from a URL; null otherwise.")

    @property
    def words(self) -> int:
        return len(self.text.split())


def load_article(source: str | Path, *, stdin: bytes | None = None) -> Article:
    """Read and clean one article from a path or '-' (stdin)."""
    name = str(source)
    if name == "-":
        raw = stdin if stdin is not None else sys.stdin.buffer.read()
    else:
        raw = _read_file(Path(name))
    return article_from_bytes(raw, source=name)


def _read_file(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not an article: give the path of a text, Markdown or HTML file")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found: check the path (use '-' to read from stdin)") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied: make the file readable or copy it somewhere readable") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an article: give the path of a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}): check the file and try again") from None


def article_from_bytes(raw: bytes, *, source: str = "<text>", html: bool = False) -> Article:
    """Decode, detect the format, extract and clean (``html=True``: the bytes are known to be a web page)."""
    text, encoding = decode(raw, source=source)
    return article_from_text(text, source=source, encoding=encoding, html=html)


def article_from_text(text: str, *, source: str = "<text>", encoding: str = "utf-8", html: bool = False) -> Article:
    """Clean a decoded string: HTML main-text extraction, Markdown markup, boilerplate, title and date."""
    if not text.strip():
        raise InputError(f"{source}: the article is empty: give a file with the article's text")
    fmt: Literal["text", "markdown", "html"] = "text"
    title = date = None
    if html or looks_like_html(text, source):
        fmt = "html"
        text, title, date = _extract_html(text, source)
    elif source.lower().endswith((".md", ".markdown")) or re.search(r"(?m)^#{1,6} \S", text):
        fmt = "markdown"
        text = _strip_markdown(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    removed = 0
    for line in lines:
        if line.strip() and len(line.strip()) <= _BOILERPLATE_MAX_LEN and _BOILERPLATE.match(line):
            removed += 1
            continue
        kept.append(line.rstrip())
    body = "\n".join(kept).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    if date is None:
        date, body = _find_publication_date(body)
    if title is None:
        title, body = _split_title(body)
    if date is None:
        date, body = _find_publication_date(body)
    if not body.strip():
        raise InputError(
            f"{source}: no article text left after removing {removed} boilerplate line(s): "
            "check that the file holds the article itself"
        )
    return Article(source=source, text=body, title=title, publication_date=date, format=fmt,
                   encoding=encoding, boilerplate_removed=removed)


def decode(raw: bytes, *, source: str) -> tuple[str, str]:
    """Bytes to text: BOM, UTF-8, the encoding an HTML page declares, then detection. Binary is refused."""
    if not raw.strip():
        raise InputError(f"{source}: the article is empty: give a file with the article's text")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as exc:
                name = enc.upper().replace("-SIG", "")
                raise InputError(
                    f"{source}: starts with a {name} byte-order mark but is not valid {name} ({exc.reason}): the "
                    "file is damaged or mislabelled; convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8"
                ) from None
    head = raw[:8192]
    if b"\x00" in head or _control_share(head) > 0.05:
        raise InputError(f"{source}: this is a binary file, not text: give a text, Markdown or HTML article")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", head, re.I)
    if declared:
        enc = declared.group(1).decode("ascii", "replace")
        try:
            return raw.decode(enc), codecs.lookup(enc).name
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding and not best.chaos > 0.2:
        return str(best), best.encoding
    raise InputError(
        f"{source}: not UTF-8 and its encoding could not be detected: convert it first, e.g. "
        "iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8"
    )


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


def looks_like_html(text: str, source: str = "") -> bool:
    if source.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:2000].lower()
    return "<!doctype html" in head or "<html" in head or (head.count("<p") + head.count("<div")) >= 3


def _extract_html(html: str, source: str) -> tuple[str, str | None, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True,
        # the page's own date markup only: a year in the body ("parks by 2019") is no publication date
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(
            f"{source}: no article text found in this HTML page: save the article page itself, or paste its text "
            "into a .txt file"
        )
    title = getattr(doc, "title", None) or None
    date = getattr(doc, "date", None) or None
    return text, title, date


def _strip_markdown(text: str) -> str:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^#{1,6}\s*", "", text)
    text = re.sub(r"(?m)^\s*>\s?", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text


def _split_title(body: str) -> tuple[str | None, str]:
    """A first line that is short, has no final full stop and stands alone is the headline."""
    first, sep, rest = body.partition("\n")
    line = first.strip()
    if (sep and rest.startswith("\n") and 3 <= len(line.split()) <= 25 and not line.endswith((".", ":", ";", ","))
            and rest.strip()):
        return line, rest.strip()
    return None, body


def _find_publication_date(body: str) -> tuple[str | None, str]:
    """A date line near the top ('Published: May 2, 2022' or a bare full date) is the publication date."""
    lines = body.split("\n")
    for i, line in enumerate(lines[:4]):
        stripped = line.strip()
        if not stripped or len(stripped) > 80:
            continue
        rest = _PUBLISHED.sub("", stripped)
        times = find_times(rest)
        if times and times[0][3].day is not None and (rest != stripped or len(rest) - len(times[0][2]) < 15):
            iso = times[0][3].iso()
            return iso, "\n".join(lines[:i] + lines[i + 1:]).strip()
    return None, body
