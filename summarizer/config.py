"""Every default in one place, and the resolution of settings from flags, environment and a config file.

Order of precedence, highest first: explicit arguments (CLI flags), environment variables, the config file
(``SUMMARIZER_CONFIG`` or ``$XDG_CONFIG_HOME/summarizer/config.toml``), the defaults below. Nothing is read at
import time: ``resolve_settings()`` reads the environment when it is called.
"""

from __future__ import annotations

import functools
import os
import tomllib
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, Any, Mapping

from pydantic import Field, TypeAdapter, ValidationError

from .errors import ConfigError

# --- model calls -----------------------------------------------------------------------------------------------
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT_S = 60.0
TRANSPORT_ATTEMPTS = 4  # total tries for 429/5xx/timeouts/connection errors (tenacity; the SDK's own retries are off)
BACKOFF_INITIAL_S = 1.0  # exponential backoff base, with full jitter
BACKOFF_MAX_S = 20.0  # cap on one wait
RETRY_AFTER_CAP_S = 60.0  # a server's Retry-After is honoured up to this
BACKOFF_TOTAL_CAP_S = 120.0  # cap on all waiting for one request
REASK_LIMIT = 2  # extra model calls after invalid output, each fed the validator's error
TEMPERATURE = 0.0
SEED = 1234
MAX_OUTPUT_TOKENS = 8192

# --- tokens ----------------------------------------------------------------------------------------------------
FALLBACK_ENCODING = "o200k_base"
CHUNK_TOKENS = 6000  # article tokens per model call; longer articles are split on paragraph boundaries
CHUNK_TOKENS_MIN = 100  # a smaller budget splits an article into absurdly many calls
CHARS_PER_TOKEN_ESTIMATE = 3.0  # conservative estimate when no tiktoken encoding can be loaded (real: ~4)

# USD per million tokens (input, output). Override with [prices] in the config file.
PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "o4-mini": (1.10, 4.40),
}

# --- grounding, alignment, diff --------------------------------------------------------------------------------
GROUNDING_THRESHOLD = 90.0  # rapidfuzz partial_ratio (0-100) an evidence quote needs to count as found
ALIGN_THRESHOLD = 0.30  # minimum alignment score (0-1) for two claims to be paired one-to-one
SPLIT_THRESHOLD = 0.60  # share of a claim's content covered by a matched claim for a split/merge
SUBSTITUTION_MIN_CONTEXT = 0.45  # similarity outside the changed slot needed before calling a substitution

# --- batch runs ------------------------------------------------------------------------------------------------
BATCH_WORKERS: int | None = None  # processes for offline extraction in a batch; None: one per core
BATCH_START_METHOD = "forkserver"  # how those processes start (fork is unsafe in a threaded parent)
BATCH_POOL_AFTER_ARTICLES = 16  # a batch starts the pool only past this many articles (workers take ~1 s to start)
BATCH_INTERRUPT_GRACE_S = 0.5  # after Ctrl-C/SIGTERM, how long a worker that is finishing may take before it is left
BATCH_SUMMARY_MEMORY = 2048  # summaries kept in memory for reuse by later items (the disk cache holds the rest)
RUN_STALE_AFTER_S = 3600.0  # a 'running' run (of another host) with no heartbeat for this long was killed

# --- paths and modes -------------------------------------------------------------------------------------------
LLM_MODES = ("live", "record", "replay", "auto")
BACKENDS = ("auto", "openai", "local")
DEFAULT_LLM_MODE = "auto"
PROMPT_ID = "summarize"
PROMPT_VERSION = "v1"


def _default_cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer"


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run. ``api_key`` never appears in ``repr``."""

    model: Annotated[str, Field(min_length=1)] = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: Annotated[float, Field(gt=0)] = DEFAULT_TIMEOUT_S
    llm_mode: str = DEFAULT_LLM_MODE
    backend: str = "auto"
    prompt_version: Annotated[str, Field(min_length=1)] = PROMPT_VERSION
    cache_dir: Path | None = None
    recordings_dir: Path | None = None
    use_cache: bool = True
    transport_attempts: Annotated[int, Field(ge=1)] = TRANSPORT_ATTEMPTS
    backoff_initial: Annotated[float, Field(ge=0)] = BACKOFF_INITIAL_S
    backoff_max: Annotated[float, Field(ge=0)] = BACKOFF_MAX_S
    retry_after_cap: Annotated[float, Field(ge=0)] = RETRY_AFTER_CAP_S
    backoff_total_cap: Annotated[float, Field(ge=0)] = BACKOFF_TOTAL_CAP_S
    reask_limit: Annotated[int, Field(ge=0)] = REASK_LIMIT
    temperature: Annotated[float, Field(ge=0, le=2)] = TEMPERATURE
    seed: int = SEED
    max_output_tokens: Annotated[int, Field(ge=1)] = MAX_OUTPUT_TOKENS
    chunk_tokens: Annotated[int, Field(ge=CHUNK_TOKENS_MIN)] = CHUNK_TOKENS
    json_mode_fallback: bool = True
    prices: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(PRICES_PER_MTOK))

    @property
    def effective_backend(self) -> str:
        """The backend this run uses: 'auto' means the model when a key or base URL is configured."""
        if self.backend != "auto":
            return self.backend
        if self.api_key or self.base_url or self.llm_mode == "replay":
            return "openai"
        return "local"


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found: create it or unset SUMMARIZER_CONFIG") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML ({exc}): fix the file or remove it") from None
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known - {"prices"})
    if unknown:
        raise ConfigError(f"config file {path} has unknown keys {unknown}: expected some of {sorted(known)}")
    if "api_key" in data and path.stat().st_mode & 0o077:
        raise ConfigError(f"config file {path} holds an api_key but other users can read it: chmod 600 {path} "
                          "(or keep the key in OPENAI_API_KEY)")
    if "prices" in data:
        try:
            data["prices"] = {str(k): (float(v[0]), float(v[1])) for k, v in data["prices"].items()}
        except (TypeError, ValueError, IndexError, AttributeError):
            raise ConfigError(
                f"config file {path}: [prices] entries must be model = [input_usd_per_mtok, output_usd_per_mtok]"
            ) from None
    return data


def resolve_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from defaults < config file < environment < ``overrides`` (None values are ignored)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    where: dict[str, str] = {}  # where each value came from, for error messages
    config_path = env.get("SUMMARIZER_CONFIG")
    xdg = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "summarizer" / "config.toml"
    path = Path(config_path).expanduser() if config_path else (xdg if xdg.is_file() else None)
    if path is not None:
        values.update(_read_config_file(path))
        where.update({k: f"config file {path}" for k in values})
    if "prices" in values:
        values["prices"] = {**PRICES_PER_MTOK, **values["prices"]}
    env_map = {
        "OPENAI_API_KEY": "api_key",
        "OPENAI_BASE_URL": "base_url",
        "SUMMARIZER_MODEL": "model",
        "SUMMARIZER_LLM_MODE": "llm_mode",
        "SUMMARIZER_BACKEND": "backend",
        "SUMMARIZER_CACHE_DIR": "cache_dir",
        "SUMMARIZER_RECORDINGS": "recordings_dir",
    }
    for var, name in env_map.items():
        if env.get(var):
            values[name] = env[var]
            where[name] = f"environment variable {var}"
    given = {k: v for k, v in overrides.items() if v is not None}
    values.update(given)
    where.update({k: "setting" for k in given})
    for key in list(values):
        if key in _adapters():
            values[key] = _checked(key, values[key], where.get(key, "setting"))
    for key in ("cache_dir", "recordings_dir"):
        if values.get(key) is not None:
            values[key] = Path(values[key]).expanduser()
    values.setdefault("cache_dir", _default_cache_dir(env))
    if values.get("recordings_dir") is None:
        values["recordings_dir"] = values["cache_dir"] / "recordings"
    settings = Settings(**values)
    _validate(settings)
    return settings


@functools.lru_cache(maxsize=1)
def _adapters() -> dict[str, TypeAdapter[Any]]:
    """A validator per Settings field, built from its type (and range): a field added later is checked too."""
    hints = typing.get_type_hints(Settings, include_extras=True)
    return {f.name: TypeAdapter(hints[f.name]) for f in fields(Settings) if f.name != "prices"}


_KINDS = {str: "a string", int: "a whole number", float: "a number", bool: "true or false", Path: "a path"}
_BOUNDS = {"gt": ">", "ge": ">=", "lt": "<", "le": "<=", "min_length": "of length >="}


def _expected(hint: Any) -> str:
    """'a number > 0' for Annotated[float, Field(gt=0)], 'a string or nothing' for str | None, ..."""
    bounds: list[str] = []
    if typing.get_origin(hint) is Annotated:
        hint, *meta = typing.get_args(hint)
        for m in meta:
            for c in getattr(m, "metadata", [m]):
                for attr, sign in _BOUNDS.items():
                    if getattr(c, attr, None) is not None:
                        bounds.append(f"{sign} {getattr(c, attr)}")
    kinds = [_KINDS.get(a, getattr(a, "__name__", str(a))) for a in (typing.get_args(hint) or (hint,))
             if a is not type(None)]
    text = " or ".join(dict.fromkeys(kinds)) + (" or nothing" if type(None) in typing.get_args(hint) else "")
    return f"{text} {' and '.join(bounds)}".strip()


def _checked(key: str, value: Any, where: str) -> Any:
    try:
        return _adapters()[key].validate_python(value)
    except ValidationError:
        hints = typing.get_type_hints(Settings, include_extras=True)
        raise ConfigError(f"{where}: {key} = {value!r} is not valid: expected {_expected(hints[key])}; fix the "
                          "value or remove it to use the default") from None


def _validate(s: Settings) -> None:
    if s.llm_mode not in LLM_MODES:
        raise ConfigError(f"--llm-mode must be one of {', '.join(LLM_MODES)} (not {s.llm_mode!r})")
    if s.backend not in BACKENDS:
        raise ConfigError(f"--backend must be one of {', '.join(BACKENDS)} (not {s.backend!r})")
    if s.timeout <= 0:
        raise ConfigError(f"timeout must be a positive number of seconds (not {s.timeout!r})")
    if s.transport_attempts < 1 or s.reask_limit < 0:
        raise ConfigError("transport_attempts must be >= 1 and reask_limit >= 0")
