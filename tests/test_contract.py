"""The published JSON Schemas: generated from the models, shipped as files, printed by the CLI. A model change that
alters the contract without a new schema_version fails here."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from summarizer import contract, diff, extract_summary, load_article
from summarizer.cli import cli

from .conftest import EXAMPLES


@pytest.mark.parametrize("name", ["report", "summary"])
def test_a_published_schema_version_never_changes_its_text(name):
    assert contract.version_problem(name) is None
    version = contract.schema_document(name)["x-schema-version"]
    assert contract.recorded_versions()[name][version] == contract.schema_hash(name)


def test_changing_a_model_without_a_bump_is_caught(monkeypatch):
    real = contract.schema_text
    monkeypatch.setattr(contract, "schema_text", lambda name: real(name).replace("Words in the article", "Words"))
    assert "bump schema_version" in (contract.version_problem("summary") or "")
    with pytest.raises(Exception, match="bump schema_version"):
        contract.write_schemas()


@pytest.mark.parametrize("name", ["report", "summary"])
def test_shipped_schema_matches_the_models(name):
    shipped = json.loads(contract.shipped_text(name))
    generated = contract.schema_document(name)
    if generated != shipped:
        assert shipped["x-schema-version"] != generated["x-schema-version"], (
            f"the {name} contract changed but its schema_version is still {generated['x-schema-version']}: bump "
            "schema_version and regenerate with `python -m summarizer.contract`")
        pytest.fail(f"summarizer/schemas/{name}.schema.json is stale: regenerate it with "
                    "`python -m summarizer.contract`")
    assert contract.shipped_text(name) == contract.schema_text(name)  # the file's formatting is the generator's


@pytest.mark.parametrize("name", ["report", "summary"])
def test_cli_prints_the_shipped_schema(name):
    r = CliRunner().invoke(cli, ["schema", name])
    assert r.exit_code == 0 and r.output == contract.shipped_text(name)


def test_report_schema_covers_both_report_shapes():
    doc = contract.report_schema()
    assert doc["anyOf"] == [{"$ref": "#/$defs/SummaryDiff"}, {"$ref": "#/$defs/MultiDiff"}]
    assert doc["$defs"]["SummaryDiff"]["additionalProperties"] is False


def test_a_real_report_has_exactly_the_schema_fields():
    old, new = (extract_summary(load_article(EXAMPLES / f"korea-{n}.txt")) for n in ("original", "rewrite"))
    report = json.loads(diff(old, new).model_dump_json())
    defs = contract.report_schema()["$defs"]
    assert set(report) == set(defs["SummaryDiff"]["properties"])
    assert set(report["old"]) == set(defs["SideInfo"]["properties"])


def test_unknown_schema_name_says_which_exist():
    with pytest.raises(Exception, match="expected one of report, summary"):
        contract.schema_document("batch")
