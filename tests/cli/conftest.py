"""Fixtures for the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from cli_fixtures import BROKEN_SITE, ROOT, write_tree


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def broken_site(tmp_path, monkeypatch) -> Path:
    """A small site whose SOPs have one of most kinds of problem; the current folder is its root."""
    write_tree(tmp_path, BROKEN_SITE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def in_root(monkeypatch) -> Path:
    """The repository root (mkdocs.yml of the sample handbook) as the current folder."""
    monkeypatch.chdir(ROOT)
    return ROOT
