"""Finding the files to look at, as MkDocs walks ``docs_dir``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterable

import click

from ..catalogue.site import MARKDOWN_SUFFIXES, docs_sources

from ..core.messages import DEFAULT_LANGUAGE
from ..core.monev import record_kind
from .config import SiteConfig
from .texts import cli_text

SOP_YAML_SUFFIXES = (".sop.yaml", ".sop.yml")


@dataclass
class Source:
    """One file to look at."""

    path: str  # as given or found on disk
    display: str  # how messages name it (relative to the current folder, like the plugin)
    page: str  # path relative to its root folder, with forward slashes (MkDocs' src_uri)
    yaml_file: bool = False  # a whole-file .sop.yaml
    record: bool = False  # a monitoring/evaluation record (*.monitoring.yml, *.evaluasi.yml; core/monev.py)

    def read(self) -> str:
        with open(self.path, encoding="utf-8-sig") as handle:
            return handle.read()


def _display(path: str) -> str:
    try:
        return os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive on Windows
        return os.path.abspath(path)


def _spec(patterns: str):
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())


def walk_sources(paths: Iterable[str], cfg: SiteConfig | None, language: str = DEFAULT_LANGUAGE,
                 skip: Callable[[str], bool] = lambda page: False) -> list[Source]:
    """Markdown files and records of every folder (recursively, in MkDocs' order, through
    :func:`~..catalogue.site.docs_sources`) and every named file; ``skip(page)`` leaves out more."""
    extra = [s for s in (_spec(cfg.exclude_docs), _spec(cfg.draft_docs)) if s] if cfg else []
    docs_root = os.path.abspath(cfg.docs_dir) if cfg else ""
    out: list[Source] = []
    seen: set[str] = set()

    def add(path: str, root: str, yaml_file: bool = False) -> None:
        real = os.path.abspath(path)
        if real in seen:
            return
        seen.add(real)
        page = os.path.relpath(real, root).replace(os.sep, "/") if root else os.path.basename(path)
        out.append(Source(path, _display(path), page, yaml_file, record_kind(path) is not None))

    for given in paths:
        if os.path.isdir(given):
            root = os.path.abspath(given)
            # Inside the site's docs folder, pages are named (and excluded) as MkDocs does.
            if docs_root and (root == docs_root or root.startswith(docs_root + os.sep)):
                root_for_pages, excludes = docs_root, extra
            else:
                root_for_pages, excludes = root, []
            for found in docs_sources(given, root_for_pages,
                                      lambda page: any(spec.match_file(page) for spec in excludes) or skip(page)):
                add(found.path, root_for_pages)
        elif os.path.isfile(given):
            inside = docs_root and os.path.abspath(given).startswith(docs_root + os.sep)
            add(given, docs_root if inside else os.path.dirname(os.path.abspath(given)),
                given.lower().endswith(SOP_YAML_SUFFIXES))
        else:
            raise click.BadParameter(cli_text("no-such-path", language, path=given), param_hint="PATHS")
    return out


def default_paths(cfg: SiteConfig | None, command: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    if cfg is None:
        raise click.UsageError(cli_text("no-paths", language, command=command))
    if not os.path.isdir(cfg.docs_dir):
        raise click.UsageError(cli_text("no-docs-dir", language, config=cfg.config_file,
                                    folder=_display(cfg.docs_dir)))
    return [cfg.docs_dir]

