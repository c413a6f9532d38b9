"""The ``mkdocs-sop`` command: check, create, tidy and export SOPs without building the site.

One module per job: :mod:`.config` reads the site's settings, :mod:`.sources` finds the
files, :mod:`.check` gives the site build's verdicts, and each command lives in its own
module (:mod:`.lint`, :mod:`.new`, :mod:`.fmt`, :mod:`.export`, :mod:`.schema`,
:mod:`.importer` for ``import``, a Python keyword) as a
Click command named ``command``. Adding a command is one new module plus its name in
:data:`COMMANDS`.

``lint`` gives the verdicts ``mkdocs build`` gives: it finds blocks with the same fence
finder, parses them with the same :func:`parse_block`, names files the way the plugin
does (relative to the current folder, lines counted in the Markdown file including its
front matter) and runs the same site-wide checks through :class:`Catalogue`. It imports
no Python-Markdown and, of the generator, only its page-URL rule (:mod:`.urls`), so it
answers quickly enough for an editor's save hook or a pre-commit hook.
"""

from __future__ import annotations

from importlib import import_module

import click

from .localized import SopGroup

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: The subcommands: each a module of this package whose ``command`` is a Click command.
COMMANDS = ("lint", "new", "fmt", "export", "schema", "search_index", "form", "importer", "generate", "preview")


@click.group(cls=SopGroup, context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  mkdocs-sop lint                      check every SOP of the site (mkdocs.yml here)
  mkdocs-sop new sops/layanan/ktp.md   start a new SOP page
  mkdocs-sop fmt --check               would tidying change anything? (for CI)
  mkdocs-sop export --format csv       the catalogue, as the site's sop.csv
  mkdocs-sop search-index site         search for a site built by Zensical/ProperDocs/any
  mkdocs-sop form                      the SOP form page, for a site built without the plugin
  mkdocs-sop import lama -o impor      Word/Excel SOPs to draft pages, with a review report
  mkdocs-sop generate --watch          catalogue pages and data into docs (for Zensical)
  mkdocs-sop preview docs/a/b.md       one page in the browser, again after every save

Run `mkdocs-sop COMMAND --help` for each command's options.""")  # helptexts.py: its Indonesian
@click.version_option(package_name="mkdocs-sop", prog_name="mkdocs-sop", message="%(prog)s %(version)s")
def main() -> None:
    """Check, create, tidy and export SOPs (Permen PANRB 35/2012) written in ```sop blocks."""


for _name in COMMANDS:
    main.add_command(import_module(f"{__name__}.{_name}").command)

# The names other code and the tests use, importable from the package as before the split.
from .check import CheckResult, check_sources  # noqa: E402
from .config import SiteConfig, find_config, load_site_config  # noqa: E402
from .fmt import FormatRefused, format_block, format_text  # noqa: E402
from .new import new_page  # noqa: E402
from .sources import Source, walk_sources  # noqa: E402
from .texts import TEXTS, cli_text  # noqa: E402

__all__ = ["main", "COMMANDS", "check_sources", "CheckResult", "walk_sources", "Source",
           "load_site_config", "find_config", "SiteConfig", "format_block", "format_text",
           "new_page", "FormatRefused", "TEXTS", "cli_text"]
