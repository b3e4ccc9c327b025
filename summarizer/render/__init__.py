"""Rendering: terminal (rich), Markdown, HTML and JSON. Renderers read only report objects."""

from .documents import diff_html, diff_markdown, md_escape, multi_markdown
from .terminal import print_diff, print_multi, print_summary

__all__ = ["diff_html", "diff_markdown", "md_escape", "multi_markdown", "print_diff", "print_multi", "print_summary"]
