"""The command line as a package: one module per command, reachable the three ways users call it."""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

import mkdocs_sop.cli as cli
from mkdocs_sop.cli import main


def test_every_command_is_one_module_registered_by_name():
    modules = [import_module(f"mkdocs_sop.cli.{name}") for name in cli.COMMANDS]
    # A command is named after its module, but for `import` (a Python keyword: module `importer`).
    assert [m.command.name for m in modules] == [n if n != "importer" else "import" for n in cli.COMMANDS]
    assert sorted(main.commands) == sorted(m.command.name for m in modules)
    for module in modules:
        assert main.commands[module.command.name] is module.command


def test_the_console_script_points_at_the_group():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "mkdocs-sop"]
    assert script.value == "mkdocs_sop.cli:main"
    assert script.load() is main

