"""Versioned prompt files: loaded from ``prompts/`` (a checkout) or the installed package, validated on load.

A prompt file is TOML with ``id``, ``version``, ``description``, ``changelog`` (a line per version, the current one
included), ``variables`` and the ``system`` and ``user`` templates (``$name`` placeholders). Every placeholder must be
declared and every declared variable used; rendering with a variable missing is an error.
"""

from __future__ import annotations

import hashlib
import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import PromptError

REQUIRED_KEYS = ("id", "version", "description", "changelog", "variables", "system", "user")


def prompt_dirs() -> list[Path]:
    """Where prompt files are looked for: the installed package's copy first, then a source checkout's."""
    here = Path(__file__).resolve().parent.parent
    return [here / "prompts", here.parent / "prompts"]


@dataclass(frozen=True)
class Prompt:
    id: str
    version: str
    description: str
    changelog: tuple[str, ...]
    variables: tuple[str, ...]
    system: str
    user: str
    path: str

    @property
    def hash(self) -> str:
        """sha256 (first 16 hex) of the prompt text: it travels into summaries, cache keys and recordings."""
        text = f"{self.id}\x00{self.version}\x00{self.system}\x00{self.user}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def ref(self) -> str:
        return f"{self.id}.{self.version}"

    def render(self, **values: str) -> list[dict[str, str]]:
        missing = [v for v in self.variables if v not in values]
        extra = sorted(set(values) - set(self.variables))
        if missing or extra:
            raise PromptError(
                f"prompt {self.ref}: variables missing {missing} / unexpected {extra}: expected exactly "
                f"{list(self.variables)}"
            )
        return [
            {"role": "system", "content": string.Template(self.system).substitute(values)},
            {"role": "user", "content": string.Template(self.user).substitute(values)},
        ]


def load_prompt(prompt_id: str = config.PROMPT_ID, version: str = config.PROMPT_VERSION,
                directory: Path | None = None) -> Prompt:
    dirs = [directory] if directory else prompt_dirs()
    name = f"{prompt_id}.{version}.toml"
    for d in dirs:
        path = d / name
        if path.is_file():
            return _parse_cached(path, path.stat().st_mtime_ns)
    available = sorted({p.name for d in dirs if d.is_dir() for p in d.glob("*.toml")})
    raise PromptError(f"prompt {name} not found in {', '.join(str(d) for d in dirs)}: available: "
                      f"{', '.join(available) or 'none'}")


@lru_cache(maxsize=32)
def _parse_cached(path: Path, mtime_ns: int) -> Prompt:
    return parse_prompt(path)


def parse_prompt(path: Path) -> Prompt:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"prompt file {path} is not valid TOML: {exc}") from None
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise PromptError(f"prompt file {path} lacks {missing}: every prompt needs {list(REQUIRED_KEYS)}")
    if not isinstance(data["changelog"], list) or not any(
            str(line).startswith(f"{data['version']}:") for line in data["changelog"]):
        raise PromptError(f"prompt file {path}: changelog needs a line starting '{data['version']}:'")
    declared = set(data["variables"])
    used: set[str] = set()
    for part in ("system", "user"):
        tpl = string.Template(data[part])
        if not tpl.is_valid():
            raise PromptError(f"prompt file {path}: the {part} template has a malformed '$' placeholder "
                              "(write $$ for a literal dollar sign)")
        used |= set(tpl.get_identifiers())
    if used != declared:
        raise PromptError(f"prompt file {path}: placeholders {sorted(used)} do not match declared variables "
                          f"{sorted(declared)}")
    stem_id, _, stem_version = path.stem.partition(".")
    if (stem_id, stem_version) != (data["id"], data["version"]):
        raise PromptError(f"prompt file {path}: id/version {data['id']}.{data['version']} do not match the file name")
    return Prompt(id=data["id"], version=data["version"], description=data["description"],
                  changelog=tuple(data["changelog"]), variables=tuple(data["variables"]), system=data["system"],
                  user=data["user"], path=str(path))
