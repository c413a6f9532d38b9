"""Renaming labels from mkdocs.yml, as MkDocs reads it (YAML 1.1)."""

from __future__ import annotations

import pytest
import yaml

from mkdocs_sop.core.labels import label_set


def test_unquoted_yes_and_no_keys_rename_the_branch_and_the_number_column():
    overrides = yaml.safe_load("labels: {yes: Y, no: Nomor, no_branch: T}")["labels"]
    assert True in overrides and False in overrides  # what MkDocs hands the plugin
    labels = label_set("id", overrides)
    assert (labels["yes"], labels["no"], labels["no_branch"]) == ("Y", "Nomor", "T")


def test_an_unknown_label_is_refused_by_name():
    with pytest.raises(KeyError, match="unknown label 'kegiatn'"):
        label_set("id", {"kegiatn": "Aktivitas"})
