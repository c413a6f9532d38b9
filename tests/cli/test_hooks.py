"""The pre-commit hook definitions run commands that exist."""

from __future__ import annotations

import re
import shlex

import yaml
from cli_fixtures import ROOT

from cli_fixtures import runner  # noqa: F401 - fixtures
from mkdocs_sop.cli import main


def test_hooks_run_real_commands(runner):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"mkdocs-sop-lint", "mkdocs-sop-fmt"}
    lint = by_id["mkdocs-sop-lint"]
    assert lint["entry"] == "mkdocs-sop lint" and lint["pass_filenames"] is False
    for hook in hooks:
        assert hook["language"] == "python"
        program, *args = shlex.split(hook["entry"])
        assert program == "mkdocs-sop"
        assert runner.invoke(main, [*args, "--help"]).exit_code == 0
        pattern = re.compile(hook["files"])
        assert pattern.search("sops/disdukcapil/ktp-el.md")
        assert not pattern.search("sops/logo.png")
    assert re.search(by_id["mkdocs-sop-lint"]["files"], "mkdocs.yml")
