"""Every default in one place, and the resolution of settings from flags, environment and a config file.

Order of precedence, highest first: explicit arguments (CLI flags), environment variables, the config file
(``SUMMARIZER_CONFIG`` or ``$XDG_CONFIG_HOME/summarizer/config.toml``), the defaults below. Nothing is read at
import time: ``resolve_settings()`` reads the environment when it is called.
"""

from __future__ import annotations

import functools
import os
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, Any

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
CONCURRENCY = 8  # model requests in flight at once, in total (chunks of one article and batch items alike)
SERVERS = ("auto", "openai", "ollama", "vllm", "llamacpp", "compatible", "json-mode", "plain")  # see llm/servers.py
REASONING_MODEL_PATTERN = r"^(?:[\w.-]+/)?(?:o\d+(?:-[\w.-]+)?|gpt-5(?:[\w.-]*)?)$"  # o1, o3-mini, o4-mini, gpt-5...
TRUNCATION_RATIO = 0.6  # prompt tokens a server reports below this share of what was sent: input likely truncated
CONTEXT_SIZES = (2048, 4096, 8192, 16384, 32768)  # a report of exactly one of these, below what was sent: cut there
OLLAMA_PORT = 11434  # an OpenAI-compatible base URL on this port is taken for Ollama (server = "auto")

# --- tokens ----------------------------------------------------------------------------------------------------
FALLBACK_ENCODING = "o200k_base"
CHUNK_TOKENS = 6000  # at most this many article tokens per model call (see llm/planner.chunk_budget)
MIN_CHUNK_TOKENS = 200  # never split finer than this, whatever the output budget says
CHUNK_TOKENS_MIN = 100  # a smaller chunk_tokens setting splits an article into absurdly many calls
CHARS_PER_TOKEN_ESTIMATE = 4.0  # estimate when no tiktoken encoding can be loaded: English news runs ~5.3 characters
# a token in o200k (the example pair: 2,568 characters for 487 tokens), so this counts about a third more
# Output of a schema-shaped summary per article word: the hand-written golden summaries of the example pair, as
# compact JSON, are 2,861 and 3,383 o200k tokens for 413- and 590-word articles (6.9 and 5.7; 6.2 over both).
OUTPUT_TOKENS_PER_ARTICLE_WORD = 6.2

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
GROUNDING_MIN_CONTENT_WORDS = 2  # an evidence quote with fewer content words supports nothing (see grounding.py)
ALIGN_THRESHOLD = 0.30  # minimum alignment score (0-1) for two claims to be paired one-to-one
ASSIGN_PYTHON_MAX_CELLS = 250_000  # a claim component past 500 x 500 goes to SciPy (same result; Python is cubic)
SPLIT_THRESHOLD = 0.60  # share of a claim's content covered by a matched claim for a split/merge
SUBSTITUTION_MIN_CONTEXT = 0.45  # similarity outside the changed slot needed before calling a substitution

# --- language of an article (the offline extractor reads English only) -----------------------------------------
LANGUAGE_MIN_LATIN_SHARE = 0.5  # below this share of Latin letters, a text is not English
LANGUAGE_ENGLISH_FUNCTION_SHARE = 0.08  # at or above this share of English function words, a text is English
LANGUAGE_MIN_WORDS = 20  # fewer Latin-script words than this are read as English (too short to judge)
LANGUAGE_MIN_CONFIDENCE = 0.95  # the detector's probability needed to refuse a Latin-script text as not English
LANGUAGE_SAMPLE_CHARS = 5000  # characters of the article the detector reads

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
PROMPT_VERSION = "v2"


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
    server: str = "auto"
    reasoning: bool | None = None  # None: recognised by the model's name (REASONING_MODEL_PATTERN)
    concurrency: int = CONCURRENCY
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
    import tomllib  # only a run with a config file parses TOML

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
        "SUMMARIZER_SERVER": "server",
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
    if s.server not in SERVERS:
        raise ConfigError(f"--server must be one of {', '.join(SERVERS)} (not {s.server!r})")
    if s.concurrency < 1:
        raise ConfigError(f"concurrency must be at least 1 (not {s.concurrency!r})")
    if s.timeout <= 0:
        raise ConfigError(f"timeout must be a positive number of seconds (not {s.timeout!r})")
    if s.transport_attempts < 1 or s.reask_limit < 0:
        raise ConfigError("transport_attempts must be >= 1 and reask_limit >= 0")

# --- articles by URL (summarizer/fetch.py) ---------------------------------------------------------------------
FETCH_TIMEOUT_S = 15.0  # seconds per connect/read, and the whole fetch (redirects included) must end within 2x this
FETCH_MAX_BYTES = 5 * 1024 * 1024  # a page larger than this is refused
FETCH_MAX_REDIRECTS = 5  # each redirect target is checked again
FETCH_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
FETCH_USER_AGENT = "summarizer/0.1 (+article diff; one request per article)"

# --- the service (summarizer/service.py) -----------------------------------------------------------------------
SERVICE_HOST = "127.0.0.1"
SERVICE_PORT = 8000
SERVICE_MAX_BODY_BYTES = 4 * 1024 * 1024  # request bodies over this get 413 (checked from Content-Length first)
SERVICE_MAX_CONCURRENCY = 4  # requests summarising at once (model calls and offline extraction); more get 503
SERVICE_RETRY_AFTER_S = 5  # the Retry-After a busy 503 sends
SERVICE_MAX_ARTICLES = 10  # articles in one request


# --- diff engine thresholds: one options object ----------------------------------------------------------------
@dataclass(frozen=True)
class DiffOptions:
    """Every threshold of alignment, slot comparison, quote matching and the eval matcher, with its default. Pass
    one to ``diff(old, new, options)`` to override any of them for one call; ``DIFF_DEFAULTS`` is what runs
    otherwise."""

    align_threshold: float = ALIGN_THRESHOLD  # minimum alignment score (0-1) for a one-to-one pair
    split_threshold: float = SPLIT_THRESHOLD  # share of a leftover claim's content covered, for a split or merge
    merge_candidates: int = 4  # claims considered for covering a leftover claim (alone or two together)
    merge_min_gain: float = 0.15  # the second claim of a merge must add this much coverage
    lexical_weight: float = 0.7  # alignment score = lexical_weight * lexical + entity_weight * entities
    entity_weight: float = 0.3
    substitution_min_context: float = SUBSTITUTION_MIN_CONTEXT  # similarity outside a slot before a substitution
    action_min_lexical: float = 0.55  # lexical similarity of a near-copy (where replaced words count)
    action_min_sequence: float = 0.75  # difflib ratio of the content-word sequences of a near-copy
    action_max_words: int = 3  # at most this many content words replaced a side for an action change
    one_edit_max_words: int = 2  # or one edit of at most this many content words a side, all else equal
    one_edit_min_kept: int = 3  # which, where the lexical score is low, keeps this many content words in order
    compressed_min_words: int = 4  # a shortened copy: the shorter claim has at least this many content words,
    compressed_edit_slack: int = 2  # its one edit may take this many more words of the longer claim (dropped ones),
    compressed_min_kept: int = 3  # and this many of its content words are the longer claim's, in order
    spelling_min_ratio: float = 80.0  # rapidfuzz ratio at which two words are one word spelled two ways
    name_spelling_min_ratio: float = 88.0  # stricter for names: 'Jones' and 'Jonas' are two people
    inserted_min_new_words: int = 2  # words a clause put into a claim must bring that the old version never uses
    inserted_min_growth: int = 3  # or words it adds in place of others (a replaced span this much longer)
    inserted_min_fresh: float = 0.5  # share of the put-in words' content words the old version never uses
    inserted_min_kept: float = 0.5  # share of the old claim's words the new one keeps in order around the put-in
    # words: below it the sentence was rewritten whole, and a few new words are another way of saying it ...
    inserted_min_new_words_rewritten: int = 4  # ... so a clause put into it must bring this many
    inserted_reworded_max: int = 3  # old words a rewritten claim may say in new ones, which its new words offset
    number_rounding: float = 0.05  # a number this close (relative) to one the old version states is that one rounded
    quote_match_min: float = 75.0  # rapidfuzz partial_ratio for two quotations to be the same quotation
    quote_same_min: float = 97.0  # at or above this, a verbatim quotation is unchanged
    eval_match_min: float = 85.0  # eval matcher: token_set_ratio for an expected claim to match a produced one


DIFF_DEFAULTS = DiffOptions()
