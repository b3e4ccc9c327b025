"""Shared test setup: a pinned console, no API key, an isolated cache, and tiktoken's cache pre-filled from
../shared/tiktoken when it is there (otherwise token counts use the documented estimate).

``SUMMARIZER_TEST_NO_SHARED=1`` runs the suite as on a machine with no network and no ../shared: nothing is
pre-filled and tiktoken uses the caller's ``TIKTOKEN_CACHE_DIR`` (an empty folder in ``.ci/run``). Tests that need
the real encodings are marked ``needs_encodings`` and skip, saying why, when the encodings cannot be loaded.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_TIKTOKEN = ROOT.parent / "shared" / "tiktoken"
_TIKTOKEN_URL = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"


def _prefill_tiktoken(cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for name in ("o200k_base", "cl100k_base"):
        src = SHARED_TIKTOKEN / f"{name}.tiktoken"
        dst = cache / hashlib.sha1(_TIKTOKEN_URL.format(name).encode()).hexdigest()
        if src.is_file() and not dst.exists():
            shutil.copy(src, dst)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_CONFIG", "SUMMARIZER_BACKEND",
                "SUMMARIZER_LLM_MODE", "SUMMARIZER_RECORDINGS", "SUMMARIZER_CACHE_DIR", "FORCE_COLOR",
                "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "SUMMARIZER_RAISE_ERRORS"):
        monkeypatch.delenv(var, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")
    if not NO_SHARED:
        tk = Path(__file__).resolve().parent.parent / ".pytest_tiktoken"
        _prefill_tiktoken(tk)
        monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tk))


NO_SHARED = os.environ.get("SUMMARIZER_TEST_NO_SHARED") == "1"


def encodings_available() -> bool:
    """Whether tiktoken can load o200k_base here (from its cache; a download is tried at most once)."""
    from summarizer.llm import tokens

    available = not tokens.count_tokens("probe", "gpt-4o-mini").estimated
    tokens._failed.clear()  # the probe leaves no trace: a test still sees the first failure (and its notice)
    return available


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_encodings: needs tiktoken's encoding files (skipped without them)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    marked = [item for item in items if item.get_closest_marker("needs_encodings")]
    if not marked:
        return
    if not NO_SHARED:
        _prefill_tiktoken(ROOT / ".pytest_tiktoken")
        os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(ROOT / ".pytest_tiktoken"))
    if not encodings_available():
        skip = pytest.mark.skip(reason="tiktoken's encoding files are not available (no network and no "
                                       "../shared/tiktoken): set TIKTOKEN_CACHE_DIR to a folder holding them")
        for item in marked:
            item.add_marker(skip)


@pytest.fixture
def korea_pair() -> tuple[Path, Path]:
    return EXAMPLES / "korea-original.txt", EXAMPLES / "korea-rewrite.txt"


@pytest.fixture
def fake_openai():
    from .fakeserver import FakeOpenAI

    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()
