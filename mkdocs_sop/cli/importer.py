"""``mkdocs-sop import``: Word and Excel SOPs to draft pages, with a review report per file.

The work is :func:`mkdocs_sop.importers.import_paths` (pure, no generator); this module
only reads the options, prints the report and sets the exit status. The module is not
called ``import`` because that is a Python keyword; the command is.
"""

from __future__ import annotations

import sys

import click

from ..core.messages import DEFAULT_LANGUAGE
from .config import find_config, output_language
from .options import lang_option
from .texts import cli_text


def _language(option: str | None) -> str:
    """``--lang``, else the ``language`` of the mkdocs.yml here, else Indonesian."""
    if option:
        return output_language(option, None)
    try:
        return output_language(None, find_config(None))
    except click.UsageError:  # an unreadable mkdocs.yml is no concern of `import`
        return DEFAULT_LANGUAGE


@click.command("import", epilog="""\b
Examples:
  mkdocs-sop import lama/ -o sops/impor          every .docx/.xlsx under lama/, recursively
  mkdocs-sop import sop-kk.docx sop.xlsx -o impor

\b
Each SOP found (a file may hold several, after a cover page and the decree) becomes
one page in the output folder, named after the SOP's title; an existing file is never
overwritten. Every page gets `status: draf`. Readings that rest on a rule of thumb are
marked `# DITEBAK:` and unclear ones `# PERIKSA:` at their line; `mkdocs-sop lint`
names the lines a person must still complete. The report (standard output) lists per
file what was read, what was guessed and how, and what needs a person.

\b
Exit status: 0 every file imported, 1 a file could not be imported or a page
already existed (the others are still written), 2 usage error.""")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "folder", required=True, type=click.Path(file_okay=False),
              help="Folder for the new pages (created when missing; existing files are left alone).")
@lang_option("Language of the report and of the comments written in the pages")
def command(files, folder, language) -> None:
    """Import SOPs from Word (.docx) and Excel (.xlsx) files into draft SOP pages."""
    from ..importers import import_paths

    language = _language(language)
    result = import_paths(list(files), folder, language)
    for line in result.lines:
        click.echo(line)
    click.echo(cli_text("import-summary", language, pages=len(result.written), folder=folder,
                        bad=result.bad_files, refused=result.refused), err=True)
    sys.exit(0 if result.ok else 1)
