"""The rich terminal report. Reads only the report object; computes nothing.

Article and model text is always wrapped in ``rich.text.Text`` (never parsed as markup), so '[bold]' or
'<script>' in an article prints literally; every report passes through ``safetext.visible_model`` first, so a
control sequence in it (ESC[2J, an OSC 8 link, a bidi override) prints as visible characters and does nothing.
"""

from __future__ import annotations

import re

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..diff.report import Change, MultiDiff, QuoteChange, SideInfo, SummaryDiff
from ..safetext import visible_model
from ..schema import ArticleSummary

VERDICT_STYLE = {
    "identical": "bold green", "consistent": "bold green", "omissions": "bold yellow", "additions": "bold yellow",
    "distortions": "bold magenta", "contradictions": "bold red",
}
VERDICT_TEXT = {
    "identical": "Identical: the same claims.",
    "consistent": "Consistent: reworded, no material change.",
    "omissions": "Omissions: the copy drops claims or details of the original.",
    "additions": "Additions: the copy says things the original never said.",
    "distortions": "Distortions: claims weakened, strengthened, detached from their source, reworded in meaning "
                   "or given a clause the original never states.",
    "contradictions": "Contradictions: the copy changes facts of the original.",
}
SECTIONS = [
    ("contradiction", "Contradictions", "red"),
    ("distortion", "Weakened, strengthened, reattributed, said more", "magenta"),
    ("addition", "Added (not in the original)", "yellow"),
    ("omission", "Omitted (dropped from the original)", "cyan"),
    ("detail", "Detail lost or added", "blue"),
]


UNGROUNDED = "[not backed by its article: quote or claim not found]"


_PARTS = re.compile(r", | \.\.\. ")


def value_parts(value: str | None) -> list[str]:
    """The pieces of a slot value to find in its claim's text: a list of names ('Tom, Hale'), or two names that
    traded places ('Carla Ortiz ... Mei Tanaka')."""
    return [p for p in _PARTS.split(value or "") if p]


def speakers(q: QuoteChange) -> str:
    """Who says the quotation: both speakers when it moved from one to the other ('Mayor Cole -> Chief Alvarez')."""
    if q.speaker_old and q.speaker_new and q.speaker_old != q.speaker_new:
        return f"{q.speaker_old} -> {q.speaker_new}"
    return q.speaker_old or q.speaker_new or "unknown speaker"


def print_diff(report: SummaryDiff, console: Console, *, quiet: bool = False) -> None:
    report = visible_model(report)
    if not quiet:
        console.print(_header([report.old, report.new], ["Old", "New"]))
    console.print(_verdict_panel(report))
    for severity, title, colour in SECTIONS:
        items = [c for c in report.changes if c.severity == severity]
        if not items:
            continue
        console.print(Text(f"\n{title} ({len(items)})", style=f"bold {colour}"))
        for ch in items:
            console.print(_change(ch, colour))
    if report.quote_changes and not quiet:
        console.print(Text(f"\nQuotations ({len(report.quote_changes)})", style="bold"))
        for q in report.quote_changes:
            line = Text("  ")
            line.append(q.change, style="bold")
            line.append(f" ({speakers(q)}): ")
            if q.old:
                line.append(f"\u201c{q.old}\u201d", style="red")
            if q.old and q.new:
                line.append(" -> ")
            if q.new:
                line.append(f"\u201c{q.new}\u201d", style="green")
            console.print(line)
    if (report.entities_added or report.entities_removed) and not quiet:
        console.print(Text("\nEntities", style="bold"))
        if report.entities_removed:
            console.print(Text("  only in old: ") + Text(", ".join(report.entities_removed), style="cyan"))
        if report.entities_added:
            console.print(Text("  only in new: ") + Text(", ".join(report.entities_added), style="yellow"))
    console.print(_scores(report))


def print_multi(report: MultiDiff, console: Console, *, quiet: bool = False) -> None:
    report = visible_model(report)
    sides = [report.base] + [d.new for d in report.diffs]
    if not quiet:
        console.print(_header(sides, ["Base"] + [f"V{i + 1}" for i in range(len(report.diffs))]))
    table = Table(title="Each base claim in every version", expand=True, show_lines=False)
    table.add_column("Claim", ratio=3, overflow="fold")
    for i, _ in enumerate(report.diffs):
        table.add_column(f"V{i + 1}", ratio=1)
    style = {"kept": "green", "removed": "cyan", "contradiction": "red", "distortion": "magenta", "detail": "blue"}
    for row in report.matrix:
        table.add_row(Text(f"{row.claim_id} {row.text}"), *[Text(s, style=style.get(s, "")) for s in row.status])
    console.print(table)
    for i, d in enumerate(report.diffs):
        console.print(Text(f"\n=== Base vs V{i + 1}: {d.new.source or ''}", style="bold"))
        print_diff(d, console, quiet=True)


def print_summary(summary: ArticleSummary, console: Console) -> None:
    summary = visible_model(summary)
    m = summary.meta
    console.print(Panel(Text(summary.gist), title=Text(summary.title or m.source or "summary"), expand=True))
    table = Table(expand=True, show_lines=True)
    table.add_column("id", width=4)
    table.add_column("claim", ratio=3, overflow="fold")
    table.add_column("slots", ratio=2, overflow="fold")
    for c in summary.claims:
        slots = Text()
        for label, value in (("time", c.time or c.time_text), ("place", c.place),
                             ("qty", ", ".join(q.text for q in c.quantities) or None),
                             ("source", c.attribution), ("actors", ", ".join(c.actors) or None)):
            if value:
                slots.append(f"{label}: ", style="dim")
                slots.append(f"{value}\n")
        slots.append(f"{c.kind}, {c.certainty}{', negated' if c.negated else ''}", style="dim")
        if not c.grounded:
            slots.append("\nUNGROUNDED", style="bold red")
        table.add_row(Text(c.id), Text(c.text), slots)
    console.print(table)


def _header(sides: list[SideInfo], labels: list[str]) -> Table:
    t = Table(show_header=True, expand=True, box=None, pad_edge=False)
    t.add_column("", style="dim", width=11, no_wrap=True)
    for label in labels:
        t.add_column(label, overflow="fold", ratio=1)
    rows = [
        ("source", lambda s: s.source or "-"),
        ("title", lambda s: s.title or "-"),
        ("words", lambda s: f"{s.words} ({s.boilerplate_removed} boilerplate lines removed)"
         if s.boilerplate_removed else str(s.words)),
        ("tokens", lambda s: "-" if s.tokens is None else str(s.tokens)),
        ("claims", lambda s: f"{s.claims}" + (f" ({s.ungrounded} ungrounded)" if s.ungrounded else "")),
        ("backend", lambda s: s.backend + (f" / {s.model}" if s.model else "")),
        ("prompt", lambda s: s.prompt_version or "-"),
        ("mode", lambda s: s.mode),
    ]
    if any(s.fetched_at for s in sides):
        rows.insert(1, ("fetched", lambda s: s.fetched_at or "-"))
    for name, get in rows:
        values = [get(s) for s in sides]
        if name != "source" and all(v == "-" for v in values):
            continue  # nothing to say on any side (offline: no tokens counted, no prompt)
        t.add_row(name, *[Text(v) for v in values])
    return t


def _verdict_panel(report: SummaryDiff) -> Panel:
    c = report.scores.counts
    body = Text(VERDICT_TEXT[report.verdict] + "\n")
    parts = [f"{n} {what}" for n, what in ((c.contradiction, "contradicted"), (c.distortion, "distorted"),
                                            (c.added, "added"), (c.removed, "omitted"),
                                            (c.detail, "with details changed")) if n]
    parts.append(f"{c.kept} kept")  # the kinds with none are left out; 'kept' always said
    if c.quote_changes:  # a quotation altered or reattributed can make the verdict on its own: say so here
        parts.append(f"{c.quote_changes} quotation{'s' if c.quote_changes > 1 else ''} changed")
    body.append(", ".join(parts))
    return Panel(body, title=Text(report.verdict.upper(), style=VERDICT_STYLE[report.verdict]), expand=True)


def _change(ch: Change, colour: str) -> Table:
    t = Table(show_header=ch.kind == "changed", expand=True, box=None, padding=(0, 1))
    if ch.kind == "changed":
        t.add_column("old", ratio=1, overflow="fold", header_style="dim")
        t.add_column("new", ratio=1, overflow="fold", header_style="dim")
        # one row per changed slot: the label, then its values in a column of their own, so a long value wraps
        # under itself, not under the label
        labels = Table.grid(padding=(0, 1, 0, 0))
        labels.add_column(no_wrap=True)
        labels.add_column(overflow="fold")
        for f in ch.fields:
            values = Text(f.old or "-", style="red")
            values.append(" -> ", style="")
            values.append(f.new or "-", style="green")
            labels.add_row(Text(f"  {f.field} {f.change}:", style=f"bold {colour}"), values)
        old_t = _evidence(ch.old_claim.evidence if ch.old_claim else "", [f.old for f in ch.fields], "red")
        new_t = _evidence(ch.new_claim.evidence if ch.new_claim else "", [f.new for f in ch.fields], "green")
        for claim, cell in ((ch.old_claim, old_t), (ch.new_claim, new_t)):
            if claim and not claim.grounded:
                cell.append(f"  {UNGROUNDED}", style="bold red")
        t.add_row(old_t, new_t)
        outer = Table.grid(expand=True)
        outer.add_column()
        outer.add_row(Group(labels, t))
        return outer
    claim = ch.new_claim or ch.old_claim
    t.add_column("claim", overflow="fold")
    text = Text("  - ")
    text.append(claim.text if claim else "")
    if claim and claim.evidence and claim.evidence != claim.text:
        text.append("\n    evidence: ", style="dim")
        text.append(claim.evidence, style="dim")
    if claim and not claim.grounded:
        text.append(f"  {UNGROUNDED}", style="bold red")
    t.add_row(text)
    return t


def _evidence(evidence: str, values: list[str | None], style: str) -> Text:
    text = Text(evidence)
    low = evidence.lower()
    for v in values:
        if not v:
            continue
        for part in value_parts(v):
            i = low.find(part.lower())
            if i >= 0 and part:
                text.stylize(f"bold {style} underline", i, i + len(part))
    return text


def _scores(report: SummaryDiff) -> Text:
    s = report.scores
    t = Text("\nScores: ", style="bold")
    t.append(f"coverage {s.coverage:.0%} of old claims kept or changed; support {s.support:.0%} of new claims "
             "backed by the old article without contradiction.")
    return t
