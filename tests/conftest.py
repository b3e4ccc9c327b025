"""Shared test setup: a pinned console, no API key, an isolated cache, and tiktoken's cache pre-filled from
../shared/tiktoken when it is there (otherwise token counts use the documented estimate)."""

from __future__ import annotations

import hashlib
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
    tk = Path(__file__).resolve().parent.parent / ".pytest_tiktoken"
    _prefill_tiktoken(tk)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tk))


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
