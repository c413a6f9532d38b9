"""``mkdocs-sop generate``: the catalogue step on its own, for any generator.

It reads the site's config, checks every SOP (the verdicts of ``lint``), and writes the
catalogue pages (Markdown), ``sop.json``, ``sop.csv`` and the assets into the docs folder
(or ``--output``), each only when its bytes change, so the generator's own watcher
(``zensical serve``, ``mkdocs serve``) rebuilds only what changed. ``--watch`` keeps it
running while an editor works. Exit status 1 when an SOP has an error.
"""

from __future__ import annotations

import os
import sys
import threading

import click

from ..catalogue.pagememo import PageMemo
from ..catalogue.site import (MANIFEST, REQUIRED_EXTENSIONS, SiteSettings, generated_files, made_by_generate,
                              manifest, template_folders, write_changed)
from ..catalogue.units import index_page_folder, sop_folders
from ..core.cache import BlockCache
from ..core.labels import label_set
from ..core.parsememo import ParseMemo
from ..cycle.site import CycleOptions, from_checked
from ..form import FORM_PAGE
from .check import check_sources
from .config import EXTENSION_NAME, SiteConfig, find_config, output_language
from .lint import echo_diagnostics
from .options import CONFIG_OPTION, lang_option
from .sources import MARKDOWN_SUFFIXES, Source, default_paths, walk_sources
from .texts import cli_text
from .urls import page_url_rule

@click.command("generate", epilog="""\b
Examples:
  mkdocs-sop generate                  catalogue pages, sop.json, sop.csv, assets into docs
  mkdocs-sop generate --watch          again after every save (beside `zensical serve`)
  mkdocs-sop generate -o build/katalog another folder

\b
Exit status: 0 no SOP error, 1 an SOP has an error (messages as `mkdocs-sop lint`),
2 usage error. With --watch it runs until Ctrl+C.""")
@CONFIG_OPTION
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="Folder to write into (default: the site's docs folder).")
@click.option("--watch", is_flag=True, help="Keep running; generate again when a Markdown file changes.")
@lang_option()
@click.option("-q", "--quiet", is_flag=True, help="No summary line on standard error.")
def command(config_file, output, watch, language, quiet) -> None:
    """Write the catalogue pages, sop.json, sop.csv and assets of the site (for Zensical and others)."""
    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    default_paths(cfg, "generate", language)  # a usage error without a site
    step = GenerateStep(cfg, output or cfg.docs_dir, language)
    missing = [name for name in REQUIRED_EXTENSIONS if cfg.extensions is not None and name not in cfg.extensions]
    if missing:  # Zensical's defaults have them; a site listing its own extensions must name them
        click.echo(cli_text("generate-extensions", language, config=os.path.relpath(cfg.config_file),
                            missing=", ".join(f"`{name}`" for name in missing)), err=True)
    if not any(name.split(".")[0] == EXTENSION_NAME for name in cfg.extensions or ()):  # e.g. a MkDocs-only config
        click.echo(cli_text("generate-no-extension", language, config=os.path.relpath(cfg.config_file)), err=True)
    errors = step.run(quiet)
    if not watch:
        sys.exit(1 if errors else 0)
    step.watch(quiet)


class GenerateStep:
    """One site's catalogue step; parses are remembered between rounds of ``--watch``."""

    def __init__(self, cfg: SiteConfig, output: str, language: str) -> None:
        self.cfg = cfg
        self.output = output
        self.language = language
        options = cfg.options  # the `sop` plugin's settings over the `mkdocs_sop` extension's
        self.site_language = cfg.language
        cache_dir = cfg.cache_folder
        base = os.path.dirname(os.path.abspath(cfg.config_file))
        self.generated: set[str] = set()
        self.pages = PageMemo()  # catalogue pages rendered again only when their data changed
        self.memo = ParseMemo(language=language, institution=cfg.institution,
                              cache=BlockCache(cache_dir) if cache_dir else None)
        today = cfg.today(language)
        try:
            templates = template_folders(base, str(options.get("templates_dir") or ""), cfg.custom_dir)
        except ValueError as exc:
            raise click.UsageError(f"{cfg.config_file}: sop: {exc}.") from None
        self.settings = SiteSettings(
            labels=label_set(self.site_language, options.get("labels") or {}), language=self.site_language,
            use_directory_urls=cfg.use_directory_urls, site_name=cfg.site_name, site_url=cfg.site_url,
            catalogue=bool(options.get("catalogue", True)),
            catalogue_dir=str(options.get("catalogue_dir", "katalog")),
            include_drafts=bool(options.get("include_drafts", False)),
            review_horizon_days=int(options.get("review_horizon_days", 90)),
            review_after_years=int(options.get("review_after_years", 2)),
            export=bool(options.get("export", True)), today=today,
            page_size=int(options.get("catalogue_page_size", 100)), templates=templates,
            unit_pages=bool(options.get("unit_pages", True)), form=str(options.get("form", FORM_PAGE) or ""),
            form_guide=str(options.get("form_guide") or ""),
            links_from_source=True)  # for Zensical; the MkDocs plugin makes its own files
        # the monitoring/evaluation pages; their links are rebased by Zensical from each page's source
        self.cycle_options = CycleOptions(
            directory=self.settings.catalogue_dir, language=self.site_language,
            use_directory_urls=cfg.use_directory_urls, institution=cfg.institution,
            logo=str(options.get("logo") or ""), site_url=cfg.site_url,
            cache_dir=cache_dir, links_from_source=True)

    def run(self, quiet: bool = False) -> int:
        """Check every SOP, write what changed, print the problems; returns the number of errors."""
        ours = self._written_before()
        sources = walk_sources([self.cfg.docs_dir], self.cfg, self.language, skip=ours.__contains__)
        result = check_sources(sources, institution=self.cfg.institution, strict_links=self.cfg.strict_links,
                               use_directory_urls=self.cfg.use_directory_urls, language=self.language,
                               url_of=page_url_rule(self.cfg), parse=self.memo.parse)
        echo_diagnostics(result.diagnostics)  # exactly as `mkdocs-sop lint` prints them
        cycle = from_checked(result.records, result.catalogue, self.cycle_options, self.settings.today,
                             result.diagnostics, include_drafts=self.settings.include_drafts)
        files = generated_files(result.catalogue, self.settings, records=cycle.cycle, cycle_pages=cycle,
                                index_pages=_index_pages(sources, sop_folders(result.catalogue.entries)),
                                memo=self.pages)
        self.generated = {os.path.abspath(os.path.join(self.output, f.path)) for f in files}
        written = write_changed(self.output, {f.path: f.text for f in files} | {MANIFEST: manifest(files)})
        if not quiet:
            click.echo(cli_text("generate-summary", self.language, sops=len(result.catalogue.entries),
                                files=len(files), written=len([w for w in written if w != MANIFEST]),
                                folder=os.path.relpath(self.output), errors=result.errors, warnings=result.warnings), err=True)
        return result.errors

    def _written_before(self) -> frozenset[str]:
        """The pages this step wrote into the docs folder last time (read again, they would count as
        the site's own, e.g. a landing page as a hand-written index page)."""
        if os.path.abspath(self.output) != os.path.abspath(self.cfg.docs_dir):
            return frozenset()
        return made_by_generate(self.output) | {MANIFEST}

    def is_source(self, path: str) -> bool:
        """A Markdown page an editor may have saved (not one this step wrote, not a dot file)."""
        name = os.path.abspath(path)
        return (name.lower().endswith(MARKDOWN_SUFFIXES) and name not in self.generated
                and not any(part.startswith(".") for part in name.split(os.sep)))

    def watch(self, quiet: bool = False) -> None:
        """Generate again after each change of a Markdown file of the docs folder (until Ctrl+C)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        changed = threading.Event()
        step = self

        class OnSave(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
                if any(step.is_source(str(p)) for p in paths if p):
                    changed.set()

        observer = Observer()
        observer.schedule(OnSave(), self.cfg.docs_dir, recursive=True)
        observer.start()
        click.echo(cli_text("generate-watching", self.language, folder=os.path.relpath(self.cfg.docs_dir)), err=True)
        try:
            while True:
                changed.wait()
                threading.Event().wait(0.05)  # let an editor's save (write, rename) finish
                changed.clear()
                self.run(quiet)
        except KeyboardInterrupt:
            pass
        finally:
            observer.stop()
            observer.join()


def _index_pages(sources: list[Source], folders: set[str]) -> dict[str, tuple[str, str]]:
    """folder -> (source path, text) of the site's own index pages of the folders holding SOPs."""
    out: dict[str, tuple[str, str]] = {}
    for source in sources:
        folder = index_page_folder(source.page)
        if folder in folders and folder not in out:
            try:
                out[folder] = (source.page, source.read())
            except (OSError, UnicodeDecodeError):
                out[folder] = (source.page, "")
    return out
