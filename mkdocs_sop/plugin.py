"""The MkDocs plugin: a thin adapter around the pure core.

It registers the ``sop`` Markdown extension (so ``- sop`` under ``plugins:`` is all a
site needs), collects every SOP of the site before any page is rendered (for
cross-links and site-wide checks), tells the extension which page it is rendering,
and logs through MkDocs' plugin logger so ``mkdocs build --strict`` fails on our
warnings.
"""

from __future__ import annotations

import logging
import os
from importlib import resources

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from .core.catalogue import Catalogue, relative_url
from .core.labels import label_set
from .core.model import Diagnostic, Severity, Sop
from .core.render_html import RenderContext, RenderOptions, SopLink
from .core.service import SopService

log = get_plugin_logger(__name__)

CSS_URI = "assets/mkdocs-sop/sop.css"


class SopPluginConfig(base.Config):
    """Site-wide settings (``plugins: - sop: {...}`` in mkdocs.yml)."""

    language = c.Choice(("id", "en"), default="id")
    """Language of every label in the output."""
    labels = c.Type(dict, default={})
    """Labels to rename, e.g. ``{nama: Judul SOP, kelengkapan: Persyaratan}``."""
    institution = c.Type(str, default="")
    """The institution (``instansi``) of SOPs that do not name one."""
    logo = c.Optional(c.Type(str))
    """Path (inside docs) of the logo shown in every identity grid."""
    rows_per_page = c.Type(int, default=8)
    """Flowchart rows per printed page; each split gets lettered off-page connectors. 0: never."""
    diagram = c.Type(bool, default=True)
    """Add a Graphviz diagram below each flowchart table."""
    diagram_engine = c.Choice(("auto", "dot", "wasm", "none"), default="auto")
    """Graphviz engine: ``auto`` takes the fastest available (system ``dot`` or the embedded WebAssembly one)."""
    cache = c.Type(bool, default=True)
    """Keep rendered diagrams in ``cache_dir`` between builds."""
    cache_dir = c.Type(str, default=".cache/mkdocs-sop")
    """Folder for the diagram cache, relative to mkdocs.yml."""
    strict_links = c.Type(bool, default=False)
    """Warn about `keterkaitan` items that name no SOP of the site."""
    hide_toc = c.Type(bool, default=True)
    """On pages holding an SOP, hide Material's table of contents so the wide table has room."""


class SopPlugin(BasePlugin[SopPluginConfig]):
    """``- sop`` in ``plugins:``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.service: SopService | None = None
        self.catalogue = Catalogue()
        self._urls: dict[str, str] = {}

    # -- configuration --------------------------------------------------------------
    def on_config(self, config):
        try:
            labels = label_set(self.config.language, self.config.labels)
        except KeyError as exc:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"sop: {exc.args[0]} in `labels` (see the configuration reference)") from None
        options = RenderOptions(labels=labels, language=self.config.language,
                                rows_per_page=self.config.rows_per_page, logo="",
                                diagram=self.config.diagram)
        cache_dir = None
        if self.config.cache:
            cache_dir = os.path.join(os.path.dirname(config.config_file_path or "."), self.config.cache_dir)
        self.service = SopService(options, institution=self.config.institution,
                                  diagram_engine=self.config.diagram_engine, cache_dir=cache_dir,
                                  report=_log_diagnostic, context_for=self._context_for,
                                  link_for_sop=self._diagram_link)
        if "mkdocs_sop" not in config.markdown_extensions:
            config.markdown_extensions.append("mkdocs_sop")
        config.mdx_configs.setdefault("mkdocs_sop", {})["service"] = self.service
        if CSS_URI not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS_URI)
        return config

    # -- collection -----------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        """Read every page's blocks before rendering: links and site-wide checks need them all."""
        self.catalogue = Catalogue()
        self._urls = {}
        service = self.service
        for file in files.documentation_pages():
            try:
                text = file.content_string
            except (OSError, UnicodeDecodeError):
                continue
            if "sop" not in text:
                continue
            self.catalogue.add_page(text, file.src_uri, _display_path(file), file.url, service.parse)
        for diagnostic in self.catalogue.finish(self.config.strict_links):
            service.report(diagnostic)
        if self.config.logo and files.get_file_from_path(self.config.logo) is None:
            log.warning(f"mkdocs.yml: `logo: {self.config.logo}` is not a file in the docs folder "
                        f"({config.docs_dir}); identity grids will show no logo.")
        files.append(File.generated(config, CSS_URI, content=_asset("sop.css")))
        files.append(File.generated(config, "sop.schema.json", content=resources.files("mkdocs_sop").joinpath(
            "schema", "sop.schema.json").read_text(encoding="utf-8")))  # for editors; see docs/vscode.md
        return files

    def on_page_markdown(self, markdown: str, page, config, files):
        service = self.service
        service.page_path = _display_path(page.file)
        service.line_offset = _front_matter_lines(page.file, markdown)
        service.page_url = page.file.url
        if self.config.hide_toc and "```sop" in markdown:
            hidden = page.meta.get("hide")
            if not isinstance(hidden, list):
                hidden = [] if hidden is None else [hidden]
            if "toc" not in hidden:
                page.meta["hide"] = [*hidden, "toc"]
        return markdown

    def on_post_page(self, output: str, page, config):
        if self.service is not None:
            self.service.page_path = ""
            self.service.line_offset = 0
        return output

    # -- links ----------------------------------------------------------------------
    def _link(self, reference: str) -> SopLink | None:
        entry = self.catalogue.find(reference)
        if entry is None:
            return None
        here = getattr(self.service, "page_url", "")
        return SopLink(relative_url(entry.href, here), entry.sop.nomor, entry.sop.nama, entry.sop.status)

    def _diagram_link(self, nomor: str) -> str | None:
        link = self._link(nomor)
        return link.url if link else None

    def _context_for(self, sop: Sop) -> RenderContext:
        here = getattr(self.service, "page_url", "")

        def as_link(entry) -> SopLink:
            return SopLink(relative_url(entry.href, here), entry.sop.nomor, entry.sop.nama, entry.sop.status)

        logo = ""
        if self.config.logo:
            logo = relative_url(self.config.logo, here)
        return RenderContext(
            logo=logo,
            find=self._link,
            referenced_by=[as_link(e) for e in self.catalogue.referenced_by(sop)],
            superseded_by=[as_link(e) for e in self.catalogue.superseded_by(sop)],
        )


def _log_diagnostic(diagnostic: Diagnostic) -> None:
    level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
    log.log(level, diagnostic.format())


def _display_path(file: File) -> str:
    """The path an editor can open: relative to the current folder when it is a real file."""
    if file.abs_src_path:
        try:
            return os.path.relpath(file.abs_src_path)
        except ValueError:  # another drive on Windows
            return file.abs_src_path
    return file.src_uri


def _front_matter_lines(file: File, markdown: str) -> int:
    """Lines MkDocs took off the top (YAML front matter), so block lines match the file."""
    try:
        raw = file.content_string
    except (OSError, UnicodeDecodeError):
        return 0
    body, _meta = get_data(raw)
    if raw.endswith(body) and markdown.startswith(body[:200]):
        return raw[: len(raw) - len(body)].count("\n")
    return 0


def _asset(name: str) -> str:
    return resources.files("mkdocs_sop").joinpath("assets", name).read_text(encoding="utf-8")
