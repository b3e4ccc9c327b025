"""The published contract: JSON Schema documents of the diff report and of the summary, generated from the pydantic
models, and shipped as files in the package (``summarizer/schemas/``) so consumers can validate without Python.

    summarizer schema report           print the report schema (SummaryDiff or MultiDiff)
    summarizer schema summary          print the summary schema (ArticleSummary)
    python -m summarizer.contract      regenerate the shipped files (after bumping schema_version)

A test fails when the generated schema differs from the shipped file while ``schema_version`` is unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic.json_schema import models_json_schema

from .diff.report import DIFF_SCHEMA_VERSION, MultiDiff, SummaryDiff
from .errors import ConfigError
from .schema import SCHEMA_VERSION, ArticleSummary

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def report_schema() -> dict[str, Any]:
    """JSON Schema of a diff report: a ``SummaryDiff`` (two versions) or a ``MultiDiff`` (more)."""
    _, defs = models_json_schema([(SummaryDiff, "validation"), (MultiDiff, "validation")],
                                 ref_template="#/$defs/{model}")
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": "summarizer/report.schema.json",
        "title": "summarizer diff report",
        "description": "What a new version of a news article kept, changed, added and dropped: a SummaryDiff for "
                       "two versions, a MultiDiff for a base and several others.",
        "x-schema-version": DIFF_SCHEMA_VERSION,
        "anyOf": [{"$ref": "#/$defs/SummaryDiff"}, {"$ref": "#/$defs/MultiDiff"}],
        "$defs": defs["$defs"],
    }


def summary_schema() -> dict[str, Any]:
    """JSON Schema of one structured summary (``ArticleSummary``)."""
    body = ArticleSummary.model_json_schema(ref_template="#/$defs/{model}")
    head = {"$schema": JSON_SCHEMA_DIALECT, "$id": "summarizer/summary.schema.json",
            "x-schema-version": SCHEMA_VERSION}
    return {**head, **body}


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {"report": report_schema, "summary": summary_schema}


def schema_document(name: str) -> dict[str, Any]:
    """The generated schema called ``name`` ('report' or 'summary')."""
    if name not in SCHEMAS:
        raise ConfigError(f"unknown schema {name!r}: expected one of {', '.join(SCHEMAS)}")
    return SCHEMAS[name]()


def schema_text(name: str) -> str:
    """The schema as the shipped file holds it: sorted keys, two-space indent, final newline."""
    return json.dumps(schema_document(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def shipped_path(name: str) -> Path:
    schema_document(name)  # validates the name
    return SCHEMA_DIR / f"{name}.schema.json"


def shipped_text(name: str) -> str:
    """The shipped file's text (what the CLI prints and the service serves)."""
    return shipped_path(name).read_text(encoding="utf-8")


VERSIONS_FILE = SCHEMA_DIR / "versions.json"


def schema_hash(name: str) -> str:
    """sha256 (first 16 hex) of the generated schema's text: what one schema_version stands for."""
    return hashlib.sha256(schema_text(name).encode("utf-8")).hexdigest()[:16]


def recorded_versions() -> dict[str, dict[str, str]]:
    """Every published version of each schema and the hash of its text: {"report": {"2": "ab12..."}, ...}."""
    return json.loads(VERSIONS_FILE.read_text(encoding="utf-8"))


def version_problem(name: str) -> str | None:
    """Why the current models cannot ship as they are, or None: a schema whose version was already published with
    another text changed the contract without a new schema_version."""
    version = schema_document(name)["x-schema-version"]
    known = recorded_versions().get(name, {}).get(version)
    if known is not None and known != schema_hash(name):
        return (f"the {name} contract changed but its schema_version is still {version!r} (published as {known}): "
                f"bump schema_version (summarizer/schema.py or summarizer/diff/report.py), say what changed in the "
                "README's contract section, and run `python -m summarizer.contract`")
    return None


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Regenerate the shipped files from the models and record each version's hash. Refuses to rewrite a published
    version with another text."""
    problems = [p for p in (version_problem(n) for n in SCHEMAS) if p]
    if problems:
        raise ConfigError("; ".join(problems))
    folder.mkdir(parents=True, exist_ok=True)
    versions = recorded_versions() if VERSIONS_FILE.is_file() else {}
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
        versions.setdefault(name, {})[schema_document(name)["x-schema-version"]] = schema_hash(name)
    VERSIONS_FILE.write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":  # pragma: no cover
    import sys

    try:
        for p in write_schemas():
            print(f"wrote {p}")
    except ConfigError as exc:
        sys.exit(f"error: {exc}")
