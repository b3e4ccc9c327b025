"""The HTML report renders in a real browser: headless Chromium takes a screenshot that is checked for content.
Skipped where Debian's chromium is not installed (.ci/run installs it when it can)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (apt-get install chromium)")
def test_html_report_renders_in_headless_chromium(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot_html.py"), "--out",
                        str(tmp_path / "report.png")], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "rendered: yes" in r.stdout


def test_html_marks_changed_values_and_escapes_everything():
    from summarizer import diff
    from summarizer.render import diff_html

    from .helpers import claim, summary

    old = summary(claim("Kim <b>travelled</b> to Russia in September.", time_text="in September"))
    new = summary(claim("Kim <b>travelled</b> to Russia in 2019.", time="2019", time_text="in 2019"))
    page = diff_html(diff(old, new))
    assert "<mark>in September</mark>" in page and "<mark>in 2019</mark>" in page
    assert "<b>travelled</b>" not in page and "&lt;b&gt;travelled&lt;/b&gt;" in page
