"""``mkdocs-sop schema``: the JSON Schema of the sop block, for editors."""

from __future__ import annotations

import click


@click.command("schema", epilog="""\b
Examples:
  mkdocs-sop schema > sop.schema.json       a copy for your editor settings
  mkdocs-sop schema --path                  where the installed file is""")
@click.option("--path", "show_path", is_flag=True, help="Print the installed file's path instead.")
def command(show_path) -> None:
    """Print the JSON Schema of the sop block (for editors' completion and checking)."""
    from importlib import resources

    ref = resources.files("mkdocs_sop").joinpath("schema", "sop.schema.json")
    if show_path:
        click.echo(str(ref))
    else:
        click.echo(ref.read_text(encoding="utf-8"), nl=False)
