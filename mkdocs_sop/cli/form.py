"""``mkdocs-sop form``: write the SOP form page and its assets into a docs folder.

The MkDocs plugin adds the form to every site it builds; a host that runs no MkDocs plugin
(Zensical, plain Python-Markdown) gets the same page and files with this command, kept
up to date by running it again (files are rewritten only when their bytes change).
"""

from __future__ import annotations

import os
import posixpath

import click

from ..core.labels import label_set
from ..form import FORM_PAGE, form_assets, form_page
from .config import find_config


@click.command("form", epilog="""\b
Examples:
  mkdocs-sop form                      into the docs folder of ./mkdocs.yml (or zensical.toml)
  mkdocs-sop form docs --page panduan/formulir-sop.md""")
@click.argument("docs_dir", required=False, type=click.Path(file_okay=False))
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, exists=True),
              help="The site's mkdocs.yml, properdocs.yml or zensical.toml (default: the one here).")
@click.option("--page", default=FORM_PAGE, show_default=True, help="Path of the form page inside the docs folder.")
def command(docs_dir, config_file, page) -> None:
    """Write the SOP form for editors (a page and its scripts) into the docs folder."""
    cfg = find_config(config_file)
    if docs_dir is None:
        if cfg is None:
            raise click.UsageError("name the docs folder, or run where mkdocs.yml is")
        docs_dir = cfg.docs_dir
    labels = label_set(cfg.language if cfg else "id", dict(cfg.options.get("labels") or {}) if cfg else {})
    files = dict(form_assets())
    guide = str(cfg.options.get("form_guide") or "").strip("/") if cfg else ""
    files[page.strip("/")] = form_page(page.strip("/"), labels, cfg.use_directory_urls if cfg else True, guide=guide,
                                       language=cfg.language if cfg else "id")
    written = 0
    for path, content in sorted(files.items()):
        target = os.path.join(docs_dir, *posixpath.split(path))
        if os.path.isfile(target):
            with open(target, encoding="utf-8") as handle:
                if handle.read() == content:
                    continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        written += 1
    click.echo(f"{os.path.join(docs_dir, page)}: {written} berkas ditulis.", err=True)
