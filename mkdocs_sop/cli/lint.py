"""``mkdocs-sop lint``: every check the site build runs, as ``path:line:column`` lines."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

import click

from ..core.limits import DEFAULT_LIMITS
from ..core.messages import LANGUAGES
from ..core.model import Diagnostic
from ..catalogue.registry import Catalogue
from .check import CheckResult, Crash, check_sources, describe
from .config import find_config, output_language
from .options import CONFIG_OPTION
from .sources import default_paths, walk_sources
from .terminal import json_safe, terminal_safe
from .texts import cli_text
from .urls import page_url_rule


def _diagnostic_json(d: Diagnostic) -> dict:
    return {"path": d.path, "line": d.line, "column": d.column, "severity": d.severity.value,
            "code": d.code, "key": d.key, "message": d.message, "hint": d.hint, "text": d.format(),
            "source": d.source}


@click.command("lint", epilog="""\b
Examples:
  mkdocs-sop lint                      every SOP in the docs folder of ./mkdocs.yml
  mkdocs-sop lint sops/disdukcapil     one folder (site-wide checks then see only it)
  mkdocs-sop lint --strict             warnings fail too, like `mkdocs build --strict`
  mkdocs-sop lint --format json > problems.json
  mkdocs-sop lint --lang en            messages in English (default: the site's `language`)

\b
Exit status: 0 no errors (warnings allowed unless --strict), 1 problems found,
2 usage error (unknown option, missing folder) or an internal error of mkdocs-sop
(a bug, reported as one line naming the file; the other files are still checked).""")
@click.argument("paths", nargs=-1, type=click.Path())
@CONFIG_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="`text`: path:line:column: severity: message hint [code]; `json`: for machines.")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
              help="Language of the messages: `id` or `en` (default: the site's `language`, else `id`). "
                   "Codes such as [unknown-key] are the same in both.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (as `mkdocs build --strict` fails).")
@click.option("--strict-links/--no-strict-links", default=None,
              help="Warn about `keterkaitan` items naming no SOP (default: the site's `strict_links`).")
@click.option("--institution", default=None, metavar="TEXT",
              help="Default `instansi` (default: the site's `institution`).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on standard error.")
def command(paths, config_file, output_format, language, strict, strict_links, institution, quiet) -> None:
    """Check SOP blocks with every check the site build runs.

    PATHS are Markdown files or folders (searched recursively); without PATHS, the docs
    folder of the site's config file in the current folder (zensical.toml, properdocs.yml or
    mkdocs.yml). A `.sop.yaml` file named here is
    checked as one SOP. Each problem is printed as `path:line:column: severity: message`,
    the form editors and CI annotators understand, ending in its code in brackets
    (`[unknown-key]`); lines count from the top of the Markdown file, front matter
    included.
    """
    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    paths = list(paths) or default_paths(cfg, "lint", language)
    sources = walk_sources(paths, cfg, language)
    if institution is None:
        institution = cfg.institution if cfg else ""
    try:
        result = check_sources(
            sources,
            institution=institution,
            strict_links=strict_links if strict_links is not None else (cfg.strict_links if cfg else False),
            use_directory_urls=cfg.use_directory_urls if cfg else True,
            language=language,
            url_of=page_url_rule(cfg),
            limits=cfg.limits if cfg else DEFAULT_LIMITS,
            logos=replace(cfg.logos, institution=institution) if cfg else None,
        )
    except Exception as exc:  # noqa: BLE001 - a bug outside any one file: one line, exit 2
        result = CheckResult(Catalogue(language=language), [], len(sources), 0,
                             [Crash("", describe(exc))])
    failed = result.errors > 0 or (strict and result.warnings > 0)
    if output_format == "json":
        _print_json(result, failed)
    else:
        _print_text(result, language, quiet)
    sys.exit(2 if result.crashes else 1 if failed else 0)


def echo_diagnostics(diagnostics) -> None:
    """Each problem as ``path:line:column: ...``, then the line as written with a caret under the
    column (as compilers quote it); ``generate`` prints them the same way."""
    for diagnostic in diagnostics:
        click.echo(terminal_safe(diagnostic.format()))
        quoted, marker = diagnostic.excerpt()
        if quoted:
            click.echo(terminal_safe(quoted))
            click.echo(marker)


def _print_text(result: CheckResult, language: str, quiet: bool) -> None:
    """Problems on standard output (errors first); crashes and the summary on standard error."""
    echo_diagnostics(result.diagnostics)
    for crash in result.crashes:
        click.echo(crash.line(language), err=True)
    if not quiet:
        click.echo(cli_text("lint-summary", language, sops=len(result.catalogue.entries),
                            files=result.files, errors=result.errors, warnings=result.warnings), err=True)


def _print_json(result: CheckResult, failed: bool) -> None:
    click.echo(json_safe(json.dumps({
        "files": result.files, "sops": len(result.catalogue.entries), "blocks": result.blocks,
        "errors": result.errors, "warnings": result.warnings, "ok": not failed and not result.crashes,
        "diagnostics": [_diagnostic_json(d) for d in result.diagnostics],
        "internal_errors": [{"path": c.path, "error": c.error} for c in result.crashes],
    }, ensure_ascii=False, indent=2)))
