"""Alignment and its assignment solver: the same answer as SciPy's, sparse scores, no heavy import on small input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import config
from summarizer.diff.align import align
from summarizer.diff.assign import max_assignment

from .helpers import claim

# weights as alignment produces them: mostly 0 (no candidate), some ties, rounded scores
weights = st.integers(1, 8).flatmap(lambda r: st.integers(1, 8).flatmap(lambda c: st.lists(
    st.lists(st.sampled_from([0.0, 0.0, 0.0, 0.3, 0.5, 0.5, 1.0, 0.734512]), min_size=c, max_size=c),
    min_size=r, max_size=r)))


@settings(max_examples=300, deadline=None)
@given(weights)
def test_the_assignment_is_the_one_scipy_gives_ties_included(w):
    np = pytest.importorskip("numpy")
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(np.asarray(w), maximize=True)
    assert max_assignment(w) == [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)]


def test_a_component_past_the_pure_python_size_goes_to_scipy_with_the_same_answer(monkeypatch):
    w = [[round(((i * 7 + j * 3) % 11) / 10, 2) for j in range(12)] for i in range(9)]
    from summarizer.diff import assign

    python = max_assignment(w)
    calls = []
    real = assign._scipy
    monkeypatch.setattr(assign, "_scipy", lambda m: calls.append(len(m)) or real(m))
    monkeypatch.setattr(config, "ASSIGN_PYTHON_MAX_CELLS", 10)
    assert max_assignment(w) == python and calls == [9]


def test_claims_sharing_no_word_or_name_are_not_scored_at_all():
    old = [claim("The council approved the budget on Monday."), claim("Rain is expected tomorrow.")]
    new = [claim("The council approved a budget on Monday."), claim("Shares of Acme fell sharply.")]
    al = align(old, new)
    assert [(i, j) for i, j, _ in al.pairs] == [(0, 0)]
    assert (1, 1) not in al.lexical and al.lexical_of(1, 1) == 0.0


def test_an_offline_diff_loads_neither_numpy_scipy_nor_the_model_layer():
    code = (
        "import sys\n"
        "from summarizer import summarize, diff\n"
        "a = summarize('Kim travelled to Russia in September for a summit with Putin.', backend='local')\n"
        "b = summarize('Kim travelled to Russia in 2019 for a summit with Putin.', backend='local')\n"
        "assert diff(a, b).verdict == 'contradictions'\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'scipy', 'openai', 'tiktoken')\n"
        "               or m.startswith('summarizer.llm.') and m != 'summarizer.llm.tokens')\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
