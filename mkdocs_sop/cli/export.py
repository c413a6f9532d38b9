"""``mkdocs-sop export``: the site's sop.json / sop.csv, without building the site."""

from __future__ import annotations

import datetime as _dt
import sys

import click

from ..cycle.summary import Cycle, export_fields
from .check import check_sources
from .config import find_config, output_language
from .options import CONFIG_OPTION, lang_option
from .sources import default_paths, walk_sources
from .texts import cli_text
from .urls import page_url_rule


@click.command("export", epilog="""\b
Examples:
  mkdocs-sop export                          sop.json of the site, on standard output
  mkdocs-sop export --format csv -o sop.csv  the spreadsheet, as a file
  mkdocs-sop export --include-drafts sops    drafts too, from a folder

The data is what the site publishes as sop.json / sop.csv (same functions, same
shapes); site name, URL, language and include_drafts come from the site's config file.""")
@click.argument("paths", nargs=-1, type=click.Path())
@CONFIG_OPTION
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="`json` as sop.json, `csv` as sop.csv.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Write to this file instead of standard output.")
@click.option("--include-drafts/--no-include-drafts", default=None,
              help="List SOPs with `status: draf` (default: the site's `include_drafts`).")
@lang_option("Language of the messages (the data keeps the site's `language`)")
def command(paths, config_file, output_format, output, include_drafts, language) -> None:
    """Export the catalogue data of the site without building it."""
    from ..catalogue.export import export_csv, export_json

    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    paths = list(paths) or default_paths(cfg, "export", language)
    options = cfg.options if cfg else {}
    use_directory_urls = cfg.use_directory_urls if cfg else True
    result = check_sources(walk_sources(paths, cfg, language), institution=cfg.institution if cfg else "",
                           strict_links=cfg.strict_links if cfg else False,
                           use_directory_urls=use_directory_urls, url_of=page_url_rule(cfg))
    if include_drafts is None:
        include_drafts = bool(options.get("include_drafts", False))
    make = export_json if output_format == "json" else export_csv
    cycle = Cycle(result.records, result.catalogue, _dt.date.today(), include_drafts=include_drafts)
    text = make(result.catalogue, include_drafts=include_drafts,
                site_name=(cfg.site_name if cfg else ""), site_url=(cfg.site_url if cfg else ""),
                language=str(options.get("language", "id")), use_directory_urls=use_directory_urls,
                cycle=lambda nomor: export_fields(cycle, nomor))  # latest monitoring and evaluation
    if output == "-":
        stream = click.get_binary_stream("stdout")
        stream.write(text.encode("utf-8"))
        stream.flush()
    else:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    if result.errors:
        click.echo(cli_text("export-errors", language, errors=result.errors), err=True)
    for crash in result.crashes:  # a bug: the data lacks that file's SOPs
        click.echo(crash.line(language), err=True)
    if result.crashes:
        sys.exit(2)

