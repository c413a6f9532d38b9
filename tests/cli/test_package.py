"""The command line as a package: one module per command, reachable the three ways users call it."""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

import mkdocs_sop.cli as cli
from mkdocs_sop.cli import main


def test_every_command_is_one_module_registered_by_name():
    # A module name's "_" is the command's "-" (search_index -> mkdocs-sop search-index); `import`
    # is a Python keyword, so its module is `importer`.
    def command_name(module: str) -> str:
        return "import" if module == "importer" else module.replace("_", "-")

    assert sorted(main.commands) == sorted(command_name(name) for name in cli.COMMANDS)
    for name in cli.COMMANDS:
        module = import_module(f"mkdocs_sop.cli.{name}")
        assert main.commands[command_name(name)] is module.command


def test_the_console_script_points_at_the_group():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "mkdocs-sop"]
    assert script.value == "mkdocs_sop.cli:main"
    assert script.load() is main

