"""The JSON Schemas of the records: generated from core/monev.py's key tables; the samples pass, bad records fail."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from mkdocs_sop.core.monev import CRITERION_KEYS, EVALUATION_KEYS, MEETING_KEYS, RESULT_KEYS, ROUND_KEYS
from mkdocs_sop.core.yamlload import SopLoader
from mkdocs_sop.schema.monev import SCHEMA_FILES, schema_texts

from monev_support import ALL_YES, MEETING, ROOT, ROUND

SCHEMA_DIR = ROOT / "mkdocs_sop" / "schema"
SCHEMAS = {kind: json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) for kind, name in SCHEMA_FILES.items()}


def plain(value):
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def errors(kind: str, text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind])
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(plain(yaml.load(text, Loader=SopLoader)))]


def test_the_files_are_generated_from_the_key_tables():
    for name, text in schema_texts().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, "run `python -m mkdocs_sop.schema.generate`"
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind, keys, where", [
    ("monitoring", ROUND_KEYS, ()), ("monitoring", RESULT_KEYS, ("$defs", "hasil")),
    ("evaluasi", MEETING_KEYS, ()), ("evaluasi", EVALUATION_KEYS, ("$defs", "hasil")),
    ("evaluasi", CRITERION_KEYS, ("$defs", "criterion")),
])
def test_every_key_and_alias_is_described(kind, keys, where):
    node = SCHEMAS[kind]
    for part in where:
        node = node[part]
    for key in keys:
        for name in (key.name, *key.aliases):
            assert "EN: " in node["properties"][name]["description"], name


def test_the_sample_records_pass():
    files = sorted((ROOT / "sops").rglob("*.yml"))
    assert len(files) >= 5
    for path in files:
        kind = "monitoring" if path.name.endswith(".monitoring.yml") else "evaluasi"
        assert errors(kind, path.read_text(encoding="utf-8")) == [], path


def test_bad_records_fail():
    assert errors("monitoring", ROUND.format(period="2025-S1")) == []
    assert errors("monitoring", ROUND.format(period="2025-S1").replace("berjalan dengan baik", "lumayan"))
    assert errors("monitoring", ROUND.format(period="2025-S1").replace("hasil:", "hasl:"))
    assert errors("evaluasi", MEETING) == []
    missing = errors("evaluasi", MEETING.replace("      sinergi: ya\n", ""))
    assert missing and "'sinergi' is a required property" in missing[0]
    assert errors("evaluasi", MEETING.replace("revisi", "dirombak"))
    assert ALL_YES.count("\n") == 7
