"""The MkDocs (and ProperDocs) plugin: a thin adapter around the core and the catalogue.

It appends a configured ``sop`` Markdown extension (so ``- sop`` under ``plugins:`` is all
a site needs), collects every SOP of the site before any page is rendered (for
cross-links and site-wide checks), adds the catalogue pages and exports, and logs
through MkDocs' plugin logger. A build with SOP errors fails (``fail_on_error``) while
``mkdocs serve`` keeps serving the pages with their error boxes. The page being rendered
reaches the extension through the Markdown instance MkDocs builds for it
(:mod:`.hosts`), never through state set here.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import hashlib
import logging
import os
import posixpath
import re
import shutil
import tempfile

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..catalogue.links import SiteLinks
from ..catalogue.pagememo import PageMemo
from ..catalogue.pages import PAGE_KEYS, page_paths
from ..catalogue.registry import Catalogue
from ..catalogue.units import index_page_folder, sop_folders, titled_sections, unit_folders, with_hand_written_titles
from ..catalogue.site import (REQUIRED_EXTENSIONS, SCHEMA_FILE, THEME_TEMPLATE_FOLDER, SiteSettings, build_date,
                              generated_files, made_by_generate, template_folders)
from ..core.blocks import BlockRenderer
from ..core.fences import find_blocks
from ..core.htmltree import title_html
from ..core.labels import label_set
from ..core.limits import Limits
from ..core.logos import Logos
from ..core.messages import make
from ..core.model import Diagnostic, Severity, Sop
from ..core.render_html import RenderOptions
from ..printing import ADDRESSES, PrintChoices, SCRIPT_URI as PRINT_SCRIPT_URI, STYLE_URI as PRINT_STYLE_URI
from ..cycle.site import CycleOptions, collect, cycle_index_path, is_record, sop_additions
from .hosts import display_path
from .markdown import SopExtension

log = get_plugin_logger("mkdocs_sop")

CSS_URI = "assets/mkdocs-sop/sop.css"
JS_URI = "assets/mkdocs-sop/sop.js"  # print footer: page address and print date
CATALOGUE_CSS_URI = "assets/mkdocs-sop/sop-catalogue.css"
CATALOGUE_JS_URI = "assets/mkdocs-sop/sop-catalogue.js"
CYCLE_CSS_URI = "assets/mkdocs-sop/sop-cycle.css"  # forms, QR codes, the checklist mode
CYCLE_JS_URI = "assets/mkdocs-sop/sop-cycle.js"  # the checklist mode (ticks kept in the browser)
SEARCH_URIS = ("sop-search/kosakata.js", "sop-search/sop-search.js")  # written by the search step
SEARCH_CSS_URI = "sop-search/sop-search.css"
_ELEMENT_ID = re.compile(r'<[a-zA-Z][^<>]*\sid="([^"<>]+)"')  # our fragments quote attributes with "


class SopPluginConfig(base.Config):
    """Site-wide settings (``plugins: - sop: {...}`` in mkdocs.yml)."""

    language = c.Choice(("id", "en"), default="id")
    """Language of every label in the output."""
    labels = c.Type(dict, default={})
    """Labels to rename, e.g. ``{nama: Judul SOP, kelengkapan: Persyaratan}``."""
    institution = c.Type(str, default="")
    """The institution (``instansi``) of SOPs that do not name one."""
    logo = c.Optional(c.Type(str))
    """Path (inside docs) of the site's logo, shown in the identity grid of the site's own SOPs."""
    logos = c.Type(dict, default={})
    """Logos of other institutions whose SOPs the site publishes: ``{instansi: path inside docs}``. An SOP
    naming another institution with no logo here carries no logo (never the site's) and a warning."""
    rows_per_page = c.Type(int, default=8)
    """Flowchart rows per printed page; each split gets lettered off-page connectors. 0: never."""
    diagram = c.Type(bool, default=True)
    """Add a Graphviz diagram below each flowchart table."""
    print_uncontrolled = c.Type(bool, default=False)
    """Print "dokumen tidak terkendali bila dicetak" and the print date atop every printed sheet."""
    diagram_engine = c.Choice(("auto", "dot", "wasm", "none"), default="auto")
    """Graphviz engine: ``auto`` takes the fastest available (system ``dot`` or the embedded WebAssembly one)."""
    cache = c.Type(bool, default=True)
    """Keep what each unchanged block gives (parse, HTML, diagram SVG) in ``cache_dir`` between builds."""
    cache_dir = c.Type(str, default=".cache/mkdocs-sop")
    """The cache folder, relative to mkdocs.yml; deleting it is always safe."""
    fail_on_error = c.Type(bool, default=True)
    """Make ``mkdocs build`` fail (exit 1) when an SOP has an error, so a red error box is never
    published; ``mkdocs serve`` keeps serving with the boxes. ``false``: build anyway (previews)."""
    strict_links = c.Type(bool, default=False)
    """Warn about `keterkaitan` items that name no SOP of the site."""
    limits = c.Type(dict, default={})
    """How much one block may ask of the build (``max_steps``, ``max_depth``, ``max_text``,
    ``max_yaml_nodes``, ``diagram_seconds``); see core/limits.py and docs/konfigurasi.md."""
    print_diagram = c.Type(bool, default=True)
    """Print the Graphviz diagram sheet after the flowchart table; false: an official copy holds the
    identity grid and the flowchart table only."""
    print_address = c.Choice(ADDRESSES, default="site_url")
    """The address in the footer of each printed sheet: ``site_url`` (the page under ``site_url`` when
    it is set, not ``localhost`` or a shared-drive path), ``page`` (as opened) or ``none``."""
    unit_pages = c.Type(bool, default=True)
    """Each folder holding SOPs gets a landing page listing them (unless it has an index.md or README.md)
    and, with ``navigation: sections``, a menu entry named after its unit instead of the folder."""
    form = c.Type(str, default="formulir-sop.md")
    """Path (inside docs) of the SOP form page for editors (docs/formulir.md); empty: no form."""
    form_guide = c.Type(str, default="")
    """Path (inside docs) of the page explaining the form; the form page links to it by name."""
    warnings_on_page = c.Choice(("serve", "always", "never"), default="serve")
    """Show each SOP's warnings in a yellow box above it: ``serve`` only under ``mkdocs serve`` (while
    editing; never in a built site), ``always`` (e.g. a review copy), ``never``."""
    hide_toc = c.Type(bool, default=True)
    """On pages holding an SOP and on catalogue pages, hide Material's table of contents so wide tables have room."""

    # -- catalogue, exports, navigation ---------------------------------------------
    catalogue = c.Type(bool, default=True)
    """Generate the catalogue pages (overview, by unit, type, legal basis, actor, review, references)."""
    catalogue_dir = c.Type(str, default="katalog")
    """Folder (inside the site) of the generated catalogue pages."""
    catalogue_page_size = c.Type(int, default=100)
    """Rows of the table of every SOP per page (the other rows on pages 2, 3, ...); 0: one page. A site
    of more SOPs than this shows units and counts only in the unit tree (each unit's page lists its SOPs),
    and each type and category's list on a page of its own; a unit's list is paged the same way."""
    templates_dir = c.Type(str, default="")
    """A folder (relative to mkdocs.yml) of the site's own page templates, e.g. ``catalogue/overview.md.jinja``;
    ``sop/`` in the theme's ``custom_dir`` is read too. See docs/konfigurasi.md."""
    include_drafts = c.Type(bool, default=False)
    """List draft SOPs (`status: draf`) in the catalogue and the exports; by default they are left out."""
    review_horizon_days = c.Type(int, default=90)
    """The review page lists SOPs whose review date has passed or falls within this many days."""
    review_after_years = c.Type(int, default=2)
    """An SOP is due for review this many years after its latest date (revised, effective, created,
    history), unless `tanggal_revisi` is a date still ahead (a planned revision)."""
    export = c.Type(bool, default=True)
    """Write ``sop.json`` and ``sop.csv`` (every SOP of the catalogue) at the site root."""
    today = c.Optional(c.Type((str, _dt.date)))
    """The date review states are counted from (``YYYY-MM-DD``), for reproducible builds; default:
    the date of ``SOURCE_DATE_EPOCH`` when set, else today."""
    navigation = c.Choice(("sections", "full"), default="sections")
    """When mkdocs.yml has no ``nav``: ``sections`` builds the navigation from the folders and their
    pages but leaves out the pages that hold SOPs (reached through their unit's page, the catalogue
    and search), so the sidebar of a site of thousands of SOPs stays small; ``full`` is MkDocs'
    default (every page). A ``nav`` in mkdocs.yml is always used as written."""
    search = c.Type(bool, default=True)
    """After the build, index the site for search (Pagefind with Indonesian roots, facets from the
    SOP data) and put a search box in the header; see *Pencarian* in the guide."""
    navigation_depth = c.Type(int, default=1)
    """With ``navigation: sections``, the folder levels the navigation keeps (pages deeper down are
    reached from their parent's page, the catalogue's unit pages and search); 0: no limit."""


class SopPlugin(BasePlugin[SopPluginConfig]):
    """``- sop`` in ``plugins:``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.renderer: BlockRenderer | None = None
        self._rebuild = False  # a rebuild of `mkdocs serve` (a few pages change): no drawing ahead
        self._search_copy: str | None = None  # under `mkdocs serve`: the first build's search index
        self._pages = PageMemo()  # catalogue pages by their data: a rebuild renders only what changed
        self.catalogue = Catalogue()
        self._serving = False
        self.cycle = None  # the monitoring/evaluation records (cycle.site.collect), once read

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"  # someone is editing: see warnings_on_page, fail_on_error

    def _show_warnings(self) -> bool:
        setting = self.config.warnings_on_page
        return setting == "always" or (setting == "serve" and self._serving)

    # -- configuration --------------------------------------------------------------
    def on_config(self, config):
        try:
            labels = label_set(self.config.language, self.config.labels)
        except KeyError as exc:
            raise PluginError(f"sop: {exc.args[0]} in `labels` (see the configuration reference)") from None
        try:
            limits = Limits.from_options(self.config.limits)
        except ValueError as exc:
            raise PluginError(f"sop: {exc} (see the configuration reference)") from None
        self._check_catalogue_dir()
        options = RenderOptions(labels=labels, language=self.config.language,
                                rows_per_page=self.config.rows_per_page, logo="",
                                diagram=self.config.diagram, print_uncontrolled=self.config.print_uncontrolled,
                                show_warnings=self._show_warnings())
        cache_dir = None
        if self.config.cache:
            cache_dir = os.path.join(os.path.dirname(config.config_file_path or "."), self.config.cache_dir)
        self.catalogue = Catalogue(language=self.config.language)
        # drawings join the page in on_post_page, after search (core/deferred.py)
        # under `mkdocs serve` the plugin outlives a rebuild (it has on_startup): the last
        # build's parses are reused, so a save parses only the saved page's blocks again
        earlier = self.renderer if self._serving else None
        self._rebuild = earlier is not None
        self.renderer = BlockRenderer(options, institution=self.config.institution,
                                      diagram_engine=self.config.diagram_engine, cache_dir=cache_dir,
                                      report=_log_diagnostic, defer_markup=True,
                                      site=self._site_links(), limits=limits, earlier=earlier)
        # our configured extension replaces a `mkdocs_sop` the site lists for Zensical
        config.markdown_extensions[:] = [e for e in config.markdown_extensions
                                         if e != "mkdocs_sop" and not isinstance(e, SopExtension)]
        config.markdown_extensions.append(SopExtension(renderer=self.renderer))
        for name in REQUIRED_EXTENSIONS:  # the generated pages' tables and link classes
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if CSS_URI not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        for uris, uri in ((config.extra_javascript, PRINT_SCRIPT_URI), (config.extra_css, PRINT_STYLE_URI)):
            if uri not in [str(x) for x in uris]:
                uris.insert(0, uri)  # the choices are read by sop.js, so they come first
        for extra, uri in ((config.extra_css, CYCLE_CSS_URI), (config.extra_javascript, CYCLE_JS_URI)):
            if uri not in [str(x) for x in extra]:
                extra.append(uri)
        if self.config.search:
            for uri in SEARCH_URIS:
                if uri not in [str(x) for x in config.extra_javascript]:
                    config.extra_javascript.append(uri)
            if SEARCH_CSS_URI not in [str(x) for x in config.extra_css]:
                config.extra_css.append(SEARCH_CSS_URI)
        self._configure_catalogue(config)
        return config

    # -- collection -----------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        """Read every page's blocks before rendering: links and site-wide checks need them all."""
        self._drop_theme_templates(files, config)
        self.catalogue = Catalogue(language=self.config.language)
        renderer = self.renderer
        renderer.site = self._site_links()
        for file in files.documentation_pages():
            try:
                text = file.content_string
            except (OSError, UnicodeDecodeError):
                continue
            if "sop" not in text:
                continue
            self.catalogue.add_page(text, file.src_uri, _display_path(file), file.url, renderer.parse)
        renderer.memo.forget_earlier()
        for diagnostic in self.catalogue.finish(self.config.strict_links, self._logos()):
            renderer.reports(diagnostic)
        self._collect_cycle(files, config)
        if not self._rebuild:  # the diagrams to draw, in page order, drawn while the pages render
            pages: dict[str, list[Sop]] = {}
            for entry in self.catalogue.entries:
                pages.setdefault(entry.url, []).append(entry.sop)
            renderer.prerender(list(pages.items()))
        if self.config.logo and files.get_file_from_path(self.config.logo) is None:
            renderer.reports(make("logo-missing", self.config.language, path="mkdocs.yml",
                                  logo=self.config.logo, docs_dir=config.docs_dir))
        self._add_generated_files(files, config)
        return files

    def on_page_markdown(self, markdown: str, page, config, files):
        generated = page.file.src_uri.startswith(self.config.catalogue_dir.strip("/") + "/")
        if self.config.hide_toc and (generated or ("sop" in markdown and find_blocks(markdown.splitlines()))):
            hidden = page.meta.get("hide")
            if not isinstance(hidden, list):
                hidden = [] if hidden is None else [hidden]
            if "toc" not in hidden:
                page.meta["hide"] = [*hidden, "toc"]
        return markdown

    def on_page_content(self, html: str, page, config, files):
        """Tell MkDocs' anchor check the ids inside SOP fragments (raw HTML it does not read), so
        links to an SOP or a step (catalogue pages, cross-links) are not reported as missing."""
        if page.present_anchor_ids is not None and self.renderer is not None:
            page.present_anchor_ids = page.present_anchor_ids | set(_ELEMENT_ID.findall(html))
        return html

    @event_priority(100)  # before minifiers and other post-processors see the page
    def on_post_page(self, output: str, page, config):
        if self.renderer is not None:
            output = self.renderer.restore_markup(output)
        return output

    def on_post_build(self, config) -> None:
        """The search index (built from the finished HTML, as for any other generator), then fail
        the build on SOP errors (after every page was checked, so every error is listed)."""
        self._build_search_index(config)
        if self.renderer is None or self._serving or not self.config.fail_on_error or config.strict:
            return  # with --strict MkDocs fails by itself, counting our errors and warnings
        errors = self.renderer.reports.errors
        if errors:
            raise PluginError(_failure(len(errors), self.config.language))

    @staticmethod
    def _drop_theme_templates(files: Files, config) -> None:
        """Page templates kept in the theme's ``custom_dir`` under ``sop/`` are read, not published."""
        if not config.theme.custom_dir:
            return
        folder = os.path.join(os.path.abspath(config.theme.custom_dir), THEME_TEMPLATE_FOLDER) + os.sep
        for file in list(files):
            if file.abs_src_path and os.path.abspath(file.abs_src_path).startswith(folder):
                files.remove(file)

    def _site_links(self) -> SiteLinks:
        """What the site says about each SOP, with the monitoring/evaluation additions (cycle)."""
        return SiteLinks(self.catalogue, logos=self._logos(),
                         additions=lambda sop, url, base: sop_additions(self.cycle, sop, url, base))

    def _logos(self) -> Logos:
        return Logos.from_settings(self.config.institution, self.config.logo or "", self.config.logos)

    def _collect_cycle(self, files: Files, config) -> None:
        """Read the monitoring/evaluation records (``*.monitoring.yml``, ``*.evaluasi.yml``)."""
        sources = []
        for file in files:
            if is_record(file.src_uri):
                try:
                    sources.append((_display_path(file), file.content_string))
                except (OSError, UnicodeDecodeError) as exc:
                    self.renderer.reports(make("file-unreadable", self.config.language, path=_display_path(file),
                                               error=str(exc)))
        options = CycleOptions(directory=self.config.catalogue_dir, language=self.config.language,
                               use_directory_urls=config.use_directory_urls, institution=self.config.institution,
                               logo=self.config.logo or "", site_url=config.site_url or "",
                               cache_dir=self.renderer.cache_dir)
        collected = collect(sources, self.catalogue, options, self._today, include_drafts=self.config.include_drafts)
        for diagnostic in collected.diagnostics:
            self.renderer.reports(diagnostic)
        self.cycle = collected.site

    def _build_search_index(self, config) -> None:
        if not self.config.search:
            return
        if self._rebuild and self._kept_search_index(config.site_dir):
            return  # while editing: the index of the server's first build (docs/performa.md)
        from ..search import build_search_index

        try:
            report = build_search_index(config.site_dir, language=self.config.language)
        except (ImportError, FileNotFoundError, OSError, RuntimeError) as exc:
            log.warning("sop: search index not built (%s); install `pagefind[bin]` and `PySastrawi` "
                        "[search-index]", exc)
            return
        log.debug("sop: search index: %s", report.summary())
        if self._serving:
            self._keep_search_index(config.site_dir)

    def _keep_search_index(self, site_dir: str) -> None:
        """Under ``mkdocs serve``: a copy of the search index, for the rebuilds after a save.

        Indexing reads every page of the site (seconds at thousands of SOPs), and the
        server answers no request until a rebuild ends; so a save re-renders its page
        and the search keeps the index of the first build until the server restarts.
        """
        from ..search import INDEX_FOLDERS

        self._search_copy = tempfile.mkdtemp(prefix="mkdocs-sop-search-")
        atexit.register(shutil.rmtree, self._search_copy, True)
        for folder in INDEX_FOLDERS:
            if os.path.isdir(os.path.join(site_dir, folder)):
                shutil.copytree(os.path.join(site_dir, folder), os.path.join(self._search_copy, folder))

    def _kept_search_index(self, site_dir: str) -> bool:
        """Put the first build's search index back (a clean rebuild emptied the site folder)."""
        if self._search_copy is None:
            return False
        from ..search import INDEX_FOLDERS

        for folder in INDEX_FOLDERS:
            kept, there = os.path.join(self._search_copy, folder), os.path.join(site_dir, folder)
            if os.path.isdir(kept) and not os.path.isdir(there):
                shutil.copytree(kept, there)
        return True

    def _check_catalogue_dir(self) -> None:
        """``catalogue_dir`` names a folder inside the site: never absolute, never above it."""
        folder = self.config.catalogue_dir.replace("\\", "/")
        parts = posixpath.normpath(folder or ".").split("/")
        if folder.startswith("/") or (len(folder) > 1 and folder[1] == ":") or ".." in parts:
            raise PluginError(f"sop: `catalogue_dir: {self.config.catalogue_dir}` must be a folder inside the "
                              "site (for example `katalog`); it may not start with `/` or contain `..`.")

    def _index_pages(self, files: Files, by_generate: frozenset[str]) -> dict[str, tuple[str, str]]:
        """folder -> (source path, text) of the site's own index pages of the folders holding SOPs
        (not those ``mkdocs-sop generate`` wrote: this build makes them again)."""
        wanted = sop_folders(self.catalogue.entries)
        out: dict[str, tuple[str, str]] = {}
        for file in files.documentation_pages():
            folder = index_page_folder(file.src_uri)
            if folder in wanted and folder not in out and file.src_uri not in by_generate:
                try:
                    out[folder] = (file.src_uri, file.content_string)
                except (OSError, UnicodeDecodeError):
                    out[folder] = (file.src_uri, "")
        return out

    # -- catalogue pages, exports, navigation (the pure work is in catalogue.pages /
    #    catalogue.export; these methods only hand MkDocs the results) -----------------------
    def _configure_catalogue(self, config) -> None:
        self._user_nav = config.nav is not None
        self._today = self._resolve_today(config)
        try:
            self._templates = template_folders(os.path.dirname(config.config_file_path or "."),
                                               self.config.templates_dir, config.theme.custom_dir or "")
        except ValueError as exc:
            raise PluginError(f"sop: {exc}") from None
        if self.config.catalogue:
            if CATALOGUE_CSS_URI not in [str(x) for x in config.extra_css]:
                config.extra_css.append(CATALOGUE_CSS_URI)
            if CATALOGUE_JS_URI not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(CATALOGUE_JS_URI)

    def _resolve_today(self, config) -> _dt.date:
        try:
            return build_date(self.config.today)
        except ValueError:
            where = config.config_file_path or "mkdocs.yml"
            raise PluginError(f"{where}: sop: `today: {self.config.today}` is not a date; "
                              "write it as YYYY-MM-DD.") from None

    def site_settings(self, config) -> SiteSettings:
        return SiteSettings(
            labels=self.renderer.options.labels, language=self.config.language,
            use_directory_urls=config.use_directory_urls, site_name=config.site_name or "",
            site_url=config.site_url or "", catalogue=self.config.catalogue,
            catalogue_dir=self.config.catalogue_dir, include_drafts=self.config.include_drafts,
            review_horizon_days=self.config.review_horizon_days,
            review_after_years=self.config.review_after_years, export=self.config.export, today=self._today,
            page_size=self.config.catalogue_page_size, templates=self._templates, unit_pages=self.config.unit_pages,
            form=self.config.form, form_guide=self.config.form_guide)

    def _add_generated_files(self, files: Files, config) -> None:
        """Assets, exports, the form, catalogue and landing pages (catalogue.site), once the
        catalogue holds every SOP; then the navigation of unit sections."""
        sop_pages = {e.page for e in self.catalogue.entries}
        generated: list[str] = []
        by_generate = made_by_generate(config.docs_dir)
        index_pages = self._index_pages(files, by_generate)
        for made in generated_files(self.catalogue, self.site_settings(config), cycle_pages=self.cycle,
                                    memo=self._pages if self._serving else None,
                                    records=self.cycle.cycle if self.cycle is not None else None,
                                    index_pages=index_pages):
            existing = files.get_file_from_path(made.path)
            if existing is not None and made.path in by_generate:
                files.remove(existing)  # `mkdocs-sop generate` wrote it: ours replaces it
            if made.kind == "asset":
                files.append(File.generated(config, made.path, content=made.text))
                if made.path == SCHEMA_FILE:  # then what only the plugin adds: the print choices
                    choices = PrintChoices(diagram=self.config.print_diagram, address=self.config.print_address)
                    files.append(File.generated(config, PRINT_SCRIPT_URI, content=choices.script()))
                    files.append(File.generated(config, PRINT_STYLE_URI, content=choices.style()))
            elif made.kind == "export":
                if self._claim(files, made.path, "export"):
                    files.append(File.generated(config, made.path, content=made.text))
            elif made.page_kind == "form":
                if self._claim(files, made.path, "form"):
                    files.append(_generated_page(config, made.path, made.text, InclusionLevel.UNDEFINED))
            elif made.page_kind == "unit-landing":  # only where the site has no index page
                files.append(_generated_page(config, made.path, made.text, InclusionLevel.UNDEFINED))
            elif self._claim(files, made.path, "catalogue_dir"):
                # the pages of one unit, regulation, actor or record are reached from their index
                inclusion = (InclusionLevel.UNDEFINED if made.page_kind in PAGE_KEYS or made.page_kind == "cycle-index"
                             else InclusionLevel.NOT_IN_NAV)
                files.append(_generated_page(config, made.path, made.text, inclusion))
                generated.append(made.path)
        if self.config.navigation == "sections" and not self._user_nav:
            folders = {}
            if self.config.unit_pages:
                folders = with_hand_written_titles(unit_folders(self.catalogue.entries),
                                                   {f: text for f, (_src, text) in index_pages.items()})
            config.nav = titled_sections(self._sections_nav(files, sop_pages, set(generated)), folders)
            in_nav = set(_nav_paths(config.nav))
            for file in files.documentation_pages():
                if file.src_uri not in in_nav and file.inclusion.is_in_nav():
                    file.inclusion = InclusionLevel.NOT_IN_NAV  # left out on purpose: no notice

    def _claim(self, files: Files, src_uri: str, option: str) -> bool:
        """True when ``src_uri`` is free; a page of the site's own is never overwritten."""
        existing = files.get_file_from_path(src_uri)
        if existing is None:
            return True
        log.warning(f"{_display_path(existing)}: the site already has `{src_uri}`, so the generated "
                    f"one is left out. Rename the file, or change `{option}` (or set it to false) "
                    "under `- sop:` in mkdocs.yml.")
        return False

    def _sections_nav(self, files: Files, sop_pages: set[str], generated: set[str]) -> list:
        """The folders and their pages minus the pages that hold SOPs, plus the catalogue.

        Material draws the whole navigation into every page, so a nav of every SOP page
        makes a site of N SOPs cost N x N; this one grows with the number of folders.
        """
        from mkdocs.utils import nest_paths

        depth = self.config.navigation_depth
        keep = [f.src_uri for f in files.documentation_pages()
                if f.src_uri not in sop_pages and f.src_uri not in generated
                and (depth <= 0 or f.src_uri.count("/") <= depth)]
        nav = _prune_empty(nest_paths(keep))
        if generated:
            paths = page_paths(self.config.catalogue_dir)
            section = [paths[k] for k in PAGE_KEYS if paths[k] in generated]
            if cycle_index_path(self.config.catalogue_dir) in generated:
                section.append(cycle_index_path(self.config.catalogue_dir))
            title = title_html(self.renderer.options.labels["cat_overview"])  # themes print it raw
            at = 1 if nav and isinstance(nav[0], str) and nav[0] in ("index.md", "README.md") else 0
            nav.insert(at, {title: section})
        return nav


def _log_diagnostic(diagnostic: Diagnostic) -> None:
    level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
    log.log(level, diagnostic.format())


#: (site_dir, src_uri) -> digest of the generated page's Markdown, kept across `mkdocs serve` rebuilds
_generated_digests: dict[tuple[str, str], str] = {}


def _generated_page(config, src_uri: str, markdown: str, inclusion: InclusionLevel) -> File:
    """A catalogue page; with ``mkdocs serve --dirty``, re-rendered only when its text changed.

    MkDocs counts every generated file as modified, so a dirty rebuild after saving one
    SOP would render all catalogue pages again. Within one serving process we know what
    each page held last time and tell MkDocs when it is unchanged (and already written).
    Builds that are not dirty never ask.
    """
    file = File.generated(config, src_uri, content=markdown, inclusion=inclusion)
    key = (str(config.site_dir), src_uri)
    digest = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
    unchanged = _generated_digests.get(key) == digest and os.path.isfile(file.abs_dest_path)
    _generated_digests[key] = digest
    if unchanged:
        file.is_modified = lambda: False  # type: ignore[method-assign]
    return file


def _display_path(file: File) -> str:
    """The path an editor can open: relative to the current folder when it is a real file."""
    return display_path(file.abs_src_path) if file.abs_src_path else file.src_uri


def _failure(count: int, language: str) -> str:
    if language == "en":
        return (f"sop: {count} SOP error(s) (listed above): the site is not ready to publish. Fix them, "
                "or set `fail_on_error: false` under `- sop:` for a preview build.")
    return (f"sop: {count} kesalahan SOP (lihat pesan di atas): situs belum layak terbit. Perbaiki, "
            "atau tulis `fail_on_error: false` di bawah `- sop:` untuk pratinjau.")


def _nav_paths(nav: list):
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                yield from (_nav_paths(value) if isinstance(value, list) else [value])
        elif isinstance(item, str):
            yield item


def _prune_empty(nav: list) -> list:
    """Drop sections left without pages (folders whose pages all hold SOPs)."""
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, children), = item.items()
            if isinstance(children, list):
                children = _prune_empty(children)
                if not children:
                    continue
            out.append({title: children})
        else:
            out.append(item)
    return out
