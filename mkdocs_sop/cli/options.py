"""Options shared by several commands, so each reads and explains them the same way."""

from __future__ import annotations

import click

from ..core.messages import LANGUAGES

CONFIG_OPTION = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, exists=True),
    help="The site's config file: mkdocs.yml, properdocs.yml or zensical.toml (default: the first "
         "of zensical.toml, properdocs.yml, mkdocs.yml found in the current folder).")


def lang_option(what: str = "Language of the messages"):
    return click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
                        help=f"{what}: `id` or `en` (default: the site's `language`, else `id`).")
