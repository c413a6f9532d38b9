"""The JSON Schema of the ``sop`` block (``sop.schema.json``), for editors and other tools.

The file is generated from the key tables of :mod:`mkdocs_sop.core.parse` by
:mod:`mkdocs_sop.schema.generate`; a test keeps the two in step.
"""

from __future__ import annotations

from importlib import resources

SCHEMA_FILE = "sop.schema.json"


def schema_text() -> str:
    """The schema as published (JSON text)."""
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


__all__ = ["SCHEMA_FILE", "schema_text"]
