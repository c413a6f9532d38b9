"""Options shared by several commands, so each reads and explains them the same way."""

from __future__ import annotations

import click

from ..core.messages import LANGUAGES

CONFIG_OPTION = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, exists=True),
    help="The site's mkdocs.yml (default: mkdocs.yml in the current folder, when there is one).")


def lang_option(what: str = "Language of the messages"):
    return click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
                        help=f"{what}: `id` or `en` (default: the site's `language`, else `id`).")
