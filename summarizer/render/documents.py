"""Markdown and HTML reports of the same content as the terminal report. Every piece of article or model text is
escaped, and its control characters made visible (``safetext.visible_model``); the HTML page is one self-contained
file (inline CSS, no scripts, no external assets)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..diff.report import Change, MultiDiff, SideInfo, SummaryDiff
from ..safetext import visible, visible_model
from .terminal import SECTIONS, VERDICT_TEXT, speakers, value_parts

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown syntax and neutralise raw HTML."""
    return _MD_SPECIAL.sub(r"\\\1", visible(text).replace("&", "&amp;")).replace("\n", " ")


def _side_rows(sides: list[SideInfo]) -> list[tuple[str, list[str]]]:
    fetched = [("fetched", [s.fetched_at or "-" for s in sides])] if any(s.fetched_at for s in sides) else []
    return [
        ("source", [s.source or "-" for s in sides]),
        *fetched,
        ("title", [s.title or "-" for s in sides]),
        ("words", [str(s.words) for s in sides]),
        ("boilerplate lines removed", [str(s.boilerplate_removed) for s in sides]),
        ("tokens", ["-" if s.tokens is None else str(s.tokens) for s in sides]),
        ("claims", [str(s.claims) for s in sides]),
        ("ungrounded claims", [str(s.ungrounded) for s in sides]),
        ("backend", [s.backend + (f" / {s.model}" if s.model else "") for s in sides]),
        ("prompt", [s.prompt_version or "-" for s in sides]),
        ("mode", [s.mode for s in sides]),
    ]


def diff_markdown(report: SummaryDiff, *, heading: str = "Article diff") -> str:
    report = visible_model(report)
    out = [f"# {md_escape(heading)}", "", "| | Old | New |", "|---|---|---|"]
    for name, vals in _side_rows([report.old, report.new]):
        out.append(f"| {name} | " + " | ".join(md_escape(v) for v in vals) + " |")
    out += ["", f"**Verdict: {report.verdict}.** {VERDICT_TEXT[report.verdict]}", ""]
    for severity, title, _ in SECTIONS:
        items = [c for c in report.changes if c.severity == severity]
        if not items:
            continue
        out += [f"## {title} ({len(items)})", ""]
        for ch in items:
            out += _md_change(ch)
    if report.quote_changes:
        out += [f"## Quotations ({len(report.quote_changes)})", ""]
        for q in report.quote_changes:
            spk = md_escape(speakers(q))
            out.append(f"- **{q.change}** ({spk}): " + " -> ".join(
                f"\u201c{md_escape(x)}\u201d" for x in (q.old, q.new) if x))
        out.append("")
    if report.entities_added or report.entities_removed:
        out += ["## Entities", ""]
        out.append("- only in old: " + (", ".join(md_escape(e) for e in report.entities_removed) or "-"))
        out.append("- only in new: " + (", ".join(md_escape(e) for e in report.entities_added) or "-"))
        out.append("")
    s = report.scores
    out += ["## Scores", "", f"- coverage: {s.coverage:.1%}", f"- support: {s.support:.1%}"]
    out += [f"- {k}: {v}" for k, v in s.counts.model_dump().items()]
    return "\n".join(out) + "\n"


_MD_BAD = " *(not backed by its article: quote or claim not found)*"
_HTML_BAD = " <span class=\"ungrounded\">(not backed by its article: quote or claim not found)</span>"


def _md_change(ch: Change) -> list[str]:
    if ch.kind == "changed":
        lines = ["- " + "; ".join(
            f"**{f.field} {f.change}**: {md_escape(f.old or '-')} -> {md_escape(f.new or '-')}" for f in ch.fields)]
        for side, claim in (("old", ch.old_claim), ("new", ch.new_claim)):
            assert claim is not None
            lines.append(f"  - {side} ({claim.id}): {md_escape(claim.evidence)}" + ("" if claim.grounded else _MD_BAD))
        return lines
    claim = ch.new_claim or ch.old_claim
    assert claim is not None
    note = "" if claim.grounded else _MD_BAD
    return [f"- ({claim.id}) {md_escape(claim.text)}{note}"]


def multi_markdown(report: MultiDiff) -> str:
    report = visible_model(report)
    n = len(report.diffs)
    out = ["# Versions compared", "", "| claim | " + " | ".join(f"V{i + 1}" for i in range(n)) + " |",
           "|---|" + "---|" * n]
    for row in report.matrix:
        out.append(f"| {row.claim_id} {md_escape(row.text)} | " + " | ".join(row.status) + " |")
    out.append("")
    for i, d in enumerate(report.diffs):
        out.append(diff_markdown(d, heading=f"Base vs V{i + 1}").replace("\n# ", "\n## ", 1))
    return "\n".join(out)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#1d1d1f;line-height:1.45}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;
text-align:left}th{background:#f5f5f7}
.verdict{padding:.8em 1em;border-radius:6px;font-weight:600;margin:1em 0}
.contradictions{background:#fde2e1;color:#8b0000}.distortions{background:#f6e1f7;color:#6b0f72}
.additions,.omissions{background:#fff4d6;color:#6b4f00}.identical,.consistent{background:#e1f5e4;color:#0f5c1e}
.field{font-weight:600}.old{color:#a40000}.new{color:#0a6b1f}.ungrounded{color:#a40000;font-weight:600}
.small{color:#666;font-size:.9em}mark{background:#fff1a8;padding:0 .1em}
.sides tr>th:first-child{width:13em}
"""


def _e(text: str | None) -> str:
    return html.escape(visible(text or ""), quote=True)


def diff_html(report: SummaryDiff | MultiDiff, *, title: str = "summarizer report",
              links: Sequence[tuple[str, str, str | None]] = ()) -> str:
    """One self-contained page. ``links``: (label, href, download file name or None), shown under the heading."""
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>",
             f"<meta name=\"viewport\" content=\"width=device-width\"><style>{_CSS}</style></head><body>",
             f"<h1>{_e(title)}</h1>"]
    report = visible_model(report)
    if links:
        parts.append("<p class=\"links\">" + " &middot; ".join(
            f"<a href=\"{_e(href)}\"" + (f" download=\"{_e(name)}\"" if name else "") + f">{_e(label)}</a>"
            for label, href, name in links) + "</p>")
    if isinstance(report, MultiDiff):
        n = len(report.diffs)
        parts.append("<h2>Each base claim in every version</h2><table><tr><th>claim</th>"
                     + "".join(f"<th>V{i + 1}</th>" for i in range(n)) + "</tr>")
        for row in report.matrix:
            parts.append(f"<tr><td>{_e(row.claim_id)} {_e(row.text)}</td>"
                         + "".join(f"<td>{_e(s)}</td>" for s in row.status) + "</tr>")
        parts.append("</table>")
        for i, d in enumerate(report.diffs):
            parts.append(f"<h2>Base vs V{i + 1}</h2>")
            parts.append(_html_diff_body(d))
    else:
        parts.append(_html_diff_body(report))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _marked(evidence: str, values: list[str | None]) -> str:
    """Escaped evidence with each changed value wrapped in <mark> (matching is done on the raw text, then every
    piece is escaped, so no article text is ever emitted unescaped)."""
    spans: list[tuple[int, int]] = []
    low = evidence.lower()
    for v in values:
        for part in value_parts(v):
            i = low.find(part.lower()) if part else -1
            if i >= 0 and not any(a < i + len(part) and i < b for a, b in spans):
                spans.append((i, i + len(part)))
    out, pos = [], 0
    for a, b in sorted(spans):
        out += [_e(evidence[pos:a]), "<mark>", _e(evidence[a:b]), "</mark>"]
        pos = b
    out.append(_e(evidence[pos:]))
    return "".join(out)


def _html_diff_body(report: SummaryDiff) -> str:
    p = [f"<div class=\"verdict {report.verdict}\">{_e(VERDICT_TEXT[report.verdict])}</div>"]  # the verdict first
    p.append("<table class=\"sides\"><tr><th></th><th>Old</th><th>New</th></tr>")
    for name, vals in _side_rows([report.old, report.new]):
        p.append(f"<tr><th>{_e(name)}</th>" + "".join(f"<td>{_e(v)}</td>" for v in vals) + "</tr>")
    p.append("</table>")
    for severity, title, _ in SECTIONS:
        items = [c for c in report.changes if c.severity == severity]
        if not items:
            continue
        p.append(f"<h2>{_e(title)} ({len(items)})</h2>")
        if severity in ("addition", "omission"):
            p.append("<ul>")
            for ch in items:
                c = ch.new_claim or ch.old_claim
                assert c is not None
                bad = "" if c.grounded else _HTML_BAD
                p.append(f"<li><span class=\"small\">{_e(c.id)}</span> {_e(c.text)}{bad}</li>")
            p.append("</ul>")
            continue
        p.append("<table><tr><th>changed slot</th><th>old evidence</th><th>new evidence</th></tr>")
        for ch in items:
            fields = "<br>".join(
                f"<span class=\"field\">{_e(f.field)} {_e(f.change)}</span>: <span class=\"old\">{_e(f.old or '-')}"
                f"</span> &rarr; <span class=\"new\">{_e(f.new or '-')}</span>" for f in ch.fields)
            old = _marked(ch.old_claim.evidence if ch.old_claim else "", [f.old for f in ch.fields])
            new = _marked(ch.new_claim.evidence if ch.new_claim else "", [f.new for f in ch.fields])
            old += "" if ch.old_claim is None or ch.old_claim.grounded else _HTML_BAD
            new += "" if ch.new_claim is None or ch.new_claim.grounded else _HTML_BAD
            p.append(f"<tr><td>{fields}</td><td>{old}</td><td>{new}</td></tr>")
        p.append("</table>")
    if report.quote_changes:
        p.append(f"<h2>Quotations ({len(report.quote_changes)})</h2><ul>")
        for q in report.quote_changes:
            p.append(f"<li><b>{_e(q.change)}</b> ({_e(speakers(q))}): "
                     f"<span class=\"old\">{_e(q.old)}</span> &rarr; <span class=\"new\">{_e(q.new)}</span></li>")
        p.append("</ul>")
    if report.entities_added or report.entities_removed:
        p.append("<h2>Entities</h2><ul>"
                 f"<li>only in old: {_e(', '.join(report.entities_removed) or '-')}</li>"
                 f"<li>only in new: {_e(', '.join(report.entities_added) or '-')}</li></ul>")
    s = report.scores
    p.append(f"<h2>Scores</h2><p>coverage {s.coverage:.1%} &middot; support {s.support:.1%}</p><p class=\"small\">"
             + ", ".join(f"{_e(k)}: {v}" for k, v in s.counts.model_dump().items()) + "</p>")
    return "\n".join(p)
