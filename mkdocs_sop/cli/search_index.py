"""``mkdocs-sop search-index SITE_DIR``: the site search for any generator's output.

The MkDocs plugin runs the same step after its build; Zensical, ProperDocs without the
plugin, or any other generator run this after theirs (see *Pencarian* in the guide).
"""

from __future__ import annotations

import click

from .config import find_config, output_language
from .options import CONFIG_OPTION, lang_option
from .texts import cli_text


@click.command("search-index", epilog="""\b
Examples:
  zensical build && mkdocs-sop search-index site
  mkdocs-sop search-index public --lang en

Writes SITE_DIR/pagefind/ (the index) and SITE_DIR/sop-search/ (the search box script,
its styles, the site's root words and the facet table); the pages themselves are not
changed. Add sop-search/kosakata.js and sop-search/sop-search.js to the theme's extra
JavaScript and sop-search/sop-search.css to its extra CSS (the MkDocs plugin does this by
itself), and turn the theme's own search off (Zensical: plugins: - search: enabled: false).""")
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False))
@CONFIG_OPTION
@lang_option("Language of the messages")
def command(site_dir, config_file, language) -> None:
    """Index a built site for search: Indonesian roots, SOP numbers, facets."""
    from ..search import build_search_index

    cfg = find_config(config_file, language)
    content_language = cfg.language if cfg else "id"  # the pages' language: how words are stemmed
    language = output_language(language, cfg)
    try:
        report = build_search_index(site_dir, language=content_language)
    except (ImportError, FileNotFoundError, OSError, RuntimeError) as exc:
        click.echo(cli_text("search-index-failed", language, reason=exc), err=True)
        raise SystemExit(1)
    click.echo(cli_text("search-index-done", language, site=site_dir, pages=report.pages,
                        words=report.words, roots=report.roots, codes=report.codes,
                        facets=report.facet_values, kib=round(report.index_bytes / 1024)))
    if report.theme_search:
        click.echo(cli_text("search-index-theme-search", language), err=True)
