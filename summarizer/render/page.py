"""The service's web page: a plain HTML form (no script, no external asset) for two or more versions of an article,
and the report page, which is the CLI's ``diff_html`` with a link to download the JSON report. Every value is
escaped."""

from __future__ import annotations

import base64
from collections.abc import Mapping

from ..diff.report import MultiDiff, SummaryDiff
from .documents import _CSS, _e, diff_html

FORM_SLOTS = 3  # version fields on the form; the third is optional
SLOT_LABELS = ("Original (version 1)", "Copy (version 2)", "Another copy (version 3, optional)")

_FORM_CSS = """
form .slot{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
label{display:block;font-weight:600;margin:.4em 0 .2em}input[type=url],input[type=text],textarea,select{width:100%;
box-sizing:border-box;font:inherit;padding:.35em}textarea{min-height:9em}
button{font:inherit;font-weight:600;padding:.5em 1.4em;margin-top:.6em}
.error{background:#fde2e1;color:#8b0000;padding:.8em 1em;border-radius:6px;margin:1em 0}
"""


def form_page(values: Mapping[str, str] | None = None, *, error: str | None = None,
              backends: tuple[str, ...] = ("auto", "local", "openai")) -> str:
    """The form, refilled with ``values`` after an error, which is shown above it."""
    v = values or {}
    parts = ["<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>summarizer: compare versions"
             "</title><meta name=\"viewport\" content=\"width=device-width\">"
             f"<style>{_CSS}{_FORM_CSS}</style></head><body>",
             "<h1>Compare versions of a news article</h1>",
             "<p class=\"small\">Paste each version's text or give its address. The report says, claim by claim, what "
             "the copy changed, added and dropped.</p>"]
    if error:
        parts.append(f"<div class=\"error\" role=\"alert\">{_e(error)}</div>")
    parts.append("<form method=\"post\" action=\"/\" accept-charset=\"utf-8\">")
    for i in range(1, FORM_SLOTS + 1):
        parts.append(f"<fieldset class=\"slot\"><legend>{_e(SLOT_LABELS[i - 1])}</legend>"
                     f"<label for=\"url{i}\">Address (URL)</label>"
                     f"<input type=\"url\" id=\"url{i}\" name=\"url{i}\" value=\"{_e(v.get(f'url{i}'))}\" "
                     "placeholder=\"https://...\"><p class=\"small\">or paste the article:</p>"
                     f"<label for=\"title{i}\">Title (optional)</label>"
                     f"<input type=\"text\" id=\"title{i}\" name=\"title{i}\" value=\"{_e(v.get(f'title{i}'))}\">"
                     f"<label for=\"text{i}\">Text</label>"
                     f"<textarea id=\"text{i}\" name=\"text{i}\">{_e(v.get(f'text{i}'))}</textarea></fieldset>")
    chosen = v.get("backend") or "auto"
    options = "".join(f"<option value=\"{_e(b)}\"{' selected' if b == chosen else ''}>{_e(b)}</option>"
                      for b in backends)
    parts.append(f"<label for=\"backend\">Backend</label><select id=\"backend\" name=\"backend\">{options}</select>"
                 "<button type=\"submit\" id=\"compare\">Compare</button></form></body></html>")
    return "\n".join(parts) + "\n"


def report_page(report: SummaryDiff | MultiDiff, *, title: str) -> str:
    """The CLI's HTML report, with the JSON report as a download (a data: URL: no second request, no state)."""
    data = base64.b64encode((report.model_dump_json(indent=2) + "\n").encode("utf-8")).decode("ascii")
    links = [("Download the JSON report", f"data:application/json;base64,{data}", "report.json"),
             ("Compare other versions", "/", None)]
    return diff_html(report, title=title, links=links)
