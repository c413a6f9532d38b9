"""The JSON Schema of the sop block: generated from parse.py's key tables, valid for every sample."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from cli_fixtures import ROOT, SAMPLES, sample_files

from cli_fixtures import runner  # noqa: F401 - fixtures
from mkdocs_sop.cli import main, new_page
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.parse import APPROVAL_KEYS, IDENTITY_KEYS, REVISION_KEYS, STEP_KEYS, parse_block
from mkdocs_sop.core.yamlload import SopLoader
from mkdocs_sop.schema import schema_text
from mkdocs_sop.schema.generate import schema_json

SCHEMA_FILE = ROOT / "mkdocs_sop" / "schema" / "sop.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def plain(value):
    """What an editor's YAML tooling sees: dates are text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def errors(body: str) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(plain(yaml.load(body, Loader=SopLoader)))]


def test_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_file_is_generated_from_the_key_tables():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), \
        "run `python -m mkdocs_sop.schema.generate`"
    assert schema_text() == SCHEMA_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("keys, where", [
    (IDENTITY_KEYS, ()), (STEP_KEYS, ("$defs", "step")), (APPROVAL_KEYS, ("$defs", "approval")),
    (REVISION_KEYS, ("$defs", "revision")),
])
def test_every_key_and_alias_of_the_parser_is_described_in_both_languages(keys, where):
    node = SCHEMA
    for part in where:
        node = node[part]
    names = {name for key in keys for name in (key.name, *key.aliases)}
    assert set(node["properties"]) == names
    assert node["additionalProperties"] is False
    for name, prop in node["properties"].items():
        assert "\n\nEN: " in prop["description"], name


SAMPLE_BLOCKS = [(p, b) for p in sample_files() for b in find_blocks(p.read_text(encoding="utf-8").splitlines())]


@pytest.mark.parametrize("path, block", SAMPLE_BLOCKS,
                         ids=[f"{p.relative_to(SAMPLES)}:{b.start + 1}" for p, b in SAMPLE_BLOCKS])
def test_every_sample_sop_is_valid(path, block):
    assert errors(block.body) == []


def test_a_new_page_is_valid():
    assert errors(find_blocks(new_page("N/1", "X", ["U"], ["A", "B"]).splitlines())[0].body) == []


@pytest.mark.parametrize("body, where", [
    ("nomor: N\nnama: X\nunit: U\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n    pelaksna: A\n", "$.langkah[0]"),
    ("nomor: N\nnama: X\nname: Y\nunit: U\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n", "$"),
    ("nomor: N\nnama: X\nunit: U\njenis: teknikal\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n", "$.jenis"),
    ("nomor: N\nnama: X\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n", "$"),
    ("nomor: N\nnama: X\nunit: U\nlangkah:\n  - kegiatan: a\n", "$.langkah[0]"),
    ("nomor: N\nnama: X\nunit: U\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n    waktu: 15\n", "$.langkah[0].waktu"),
])
def test_what_the_parser_rejects_the_schema_rejects(body, where):
    assert not parse_block(body).ok
    found = errors(body)
    assert any(e.startswith(where + ":") for e in found), found


def test_english_keys_are_valid():
    body = ("number: N/1\nname: X\nunit: U\ntype: technical\nstatus: draft\nactors: [A]\nsteps:\n"
            "  - activity: a\n    actor: A\n    decision: ok?\n    no: 1\n    yes: end\n")
    assert parse_block(body).ok and errors(body) == []


def test_schema_command_prints_the_file(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout) == SCHEMA
    path = runner.invoke(main, ["schema", "--path"]).stdout.strip()
    assert Path(path).read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")
