"""The site step: every SOP page of a docs folder into one catalogue, and the generated files.

The same step serves the MkDocs plugin (which hands it MkDocs' files), the extension
under Zensical (which reads the docs folder, :func:`docs_sources`), ``mkdocs-sop
generate`` and the tests. Generated files are written only when their bytes change
(:func:`write_changed`), so a generator's own watcher rebuilds only what changed.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..core.cache import atomic_write
from ..core.model import Diagnostic, ParseResult
from .registry import Catalogue, page_url

ParseFn = Callable[[str, str, int], ParseResult]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

#: The stylesheets and scripts a site needs, by the path they take inside the site.
ASSETS = {
    "assets/mkdocs-sop/sop.css": "sop.css",
    "assets/mkdocs-sop/sop.js": "sop.js",
    "assets/mkdocs-sop/sop-cycle.css": "sop-cycle.css",  # forms, QR codes, the checklist mode
    "assets/mkdocs-sop/sop-cycle.js": "sop-cycle.js",  # the checklist mode (ticks kept in the browser)
    "assets/mkdocs-sop/sop-catalogue.css": "sop-catalogue.css",
    "assets/mkdocs-sop/sop-catalogue.js": "sop-catalogue.js",
}


#: What the generated pages need from Python-Markdown besides the `mkdocs_sop` extension:
#: classes on links (attr_list) and Markdown inside the tables and lists (md_in_html). The
#: MkDocs plugin adds them; a Zensical site has them by default unless it lists its own.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")
#: The folder of a theme's ``custom_dir`` where a site may keep its own page templates.
THEME_TEMPLATE_FOLDER = "sop"


def template_folders(config_dir: str, templates_dir: str = "", custom_dir: str = "") -> tuple[str, ...]:
    """Where a site's own page templates are looked for, first found wins: the ``templates_dir``
    setting (relative to the config file), then ``sop/`` in the theme's ``custom_dir`` when it
    has one. Raises ``ValueError`` when ``templates_dir`` names no folder."""
    out = []
    if templates_dir:
        folder = os.path.normpath(os.path.join(config_dir, templates_dir))
        if not os.path.isdir(folder):
            raise ValueError(f"`templates_dir: {templates_dir}` is not a folder (looked for {folder})")
        out.append(folder)
    if custom_dir:
        folder = os.path.normpath(os.path.join(config_dir, custom_dir, THEME_TEMPLATE_FOLDER))
        if os.path.isdir(folder):
            out.append(folder)
    return tuple(out)


def zensical_config() -> str:
    """The ``extra_css`` / ``extra_javascript`` lines a Zensical site adds to its config for
    the assets ``mkdocs-sop generate`` writes (the MkDocs plugin adds them by itself)."""
    css = [f"  - {path}\n" for path in ASSETS if path.endswith(".css")]
    js = [f"  - {path}\n" for path in ASSETS if path.endswith(".js")]
    return "extra_css:\n" + "".join(css) + "extra_javascript:\n" + "".join(js)


@dataclass(frozen=True)
class SourcePage:
    """One file of the docs folder the site step reads: a Markdown page or a record."""

    src_uri: str  # relative to the docs folder (or the folder walked), forward slashes
    path: str  # the file on disk
    record: bool = False  # a monitoring/evaluation record (*.monitoring.yml, *.evaluasi.yml; core/monev.py)


def _mkdocs_order(name: str) -> tuple:
    """MkDocs' order inside a folder: ``index`` and ``README`` first, then by name."""
    return (os.path.splitext(name)[0] not in ("index", "README"), name)


def excluded_by_default(src_uri: str) -> bool:
    """What MkDocs, ProperDocs and Zensical leave out by themselves: dot names, ``templates/``."""
    parts = src_uri.split("/")
    return any(part.startswith(".") for part in parts) or (len(parts) > 1 and parts[0] == "templates")


def docs_sources(folder: str, root: str | None = None,
                 skip: Callable[[str], bool] | None = None) -> list[SourcePage]:
    """The Markdown pages and monitoring/evaluation records under ``folder``, in MkDocs' order.

    The one walker of the docs folder (the command line, ``generate``, the extension under
    Zensical). Paths are named relative to ``root`` (default ``folder``); what MkDocs leaves
    out by default is left out, and so is every path ``skip`` accepts (a site's
    ``exclude_docs``, or the pages ``generate`` wrote itself).
    """
    from ..core.monev import record_kind

    root = root or folder
    out: list[SourcePage] = []
    for current, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames, key=_mkdocs_order):
            record = record_kind(name) is not None
            if not record and not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            path = os.path.join(current, name)
            src_uri = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
            if excluded_by_default(src_uri) or (skip is not None and skip(src_uri)):
                continue
            out.append(SourcePage(src_uri, path, record))
    return out


def collect(pages: Iterable[SourcePage], parse: ParseFn, *, language: str = "id",
            use_directory_urls: bool = True, strict_links: bool = False,
            display: Callable[[str], str] = os.path.relpath) -> tuple[Catalogue, list[Diagnostic]]:
    """Every SOP of ``pages`` in one catalogue, with every problem found (blocks and site-wide)."""
    catalogue = Catalogue(language=language)
    found: list[Diagnostic] = []
    for page in pages:
        if page.record:
            continue
        try:
            text = Path(page.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if "sop" not in text:
            continue
        for result in catalogue.add_page(text, page.src_uri, display(page.path),
                                         page_url(page.src_uri, use_directory_urls), parse):
            found.extend(result.diagnostics)
    found.extend(catalogue.finish(strict_links))
    return catalogue, list(dict.fromkeys(found))


#: Written by ``mkdocs-sop generate`` beside what it generated: which files it made, so
#: the MkDocs plugin replaces them with its own without a word. A dot name: never published.
MANIFEST = ".mkdocs-sop-generated"


def manifest(files: "Iterable[GeneratedFile]") -> str:
    return "".join(f"{f.path}\n" for f in files)


def made_by_generate(folder: str | os.PathLike) -> frozenset[str]:
    """The files ``mkdocs-sop generate`` wrote into ``folder`` (empty when it never ran there)."""
    try:
        text = (Path(folder) / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(line for line in text.splitlines() if line)


def asset_text(name: str) -> str:
    return resources.files("mkdocs_sop").joinpath("assets", name).read_text(encoding="utf-8")


def write_changed(folder: str | os.PathLike, files: dict[str, str]) -> list[str]:
    """Write each ``relative path -> text`` under ``folder`` unless the file already holds
    exactly those bytes; returns the paths written."""
    written = []
    root = Path(folder)
    for relative, text in sorted(files.items()):
        target = root / relative
        data = text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write(target, data)
        written.append(relative)
    return written


# --- what the site step generates ------------------------------------------------------

EXPORT_FILES = ("sop.json", "sop.csv")
SCHEMA_FILE = "sop.schema.json"  # for editors' YAML support; see docs/vscode.md


@dataclass(frozen=True)
class SiteSettings:
    """The site-wide settings of the catalogue step (the ``sop`` settings of the config)."""

    labels: dict
    language: str = "id"
    use_directory_urls: bool = True
    site_name: str = ""
    site_url: str = ""
    catalogue: bool = True
    catalogue_dir: str = "katalog"
    include_drafts: bool = False
    review_horizon_days: int = 90
    review_after_years: int = 2
    export: bool = True
    today: _dt.date = _dt.date(2000, 1, 1)
    page_size: int = 100  # rows of the overview table per page (catalogue.pages.PageOptions)
    templates: tuple[str, ...] = ()  # the site's template folders, searched before the package's
    unit_pages: bool = True  # a landing page for each folder holding SOPs without an index page
    form: str = ""  # the path (inside docs) of the SOP form page for editors; "": none
    form_guide: str = ""  # the .md path (inside docs) of the page explaining the form, linked from it
    links_from_source: bool = False
    """Raw HTML links (the form's scripts) relative to the page's source file: Zensical rebases them
    from there (``mkdocs-sop generate``); by default relative to the page's URL (MkDocs)."""


@dataclass(frozen=True)
class GeneratedFile:
    """One file the site step makes, by its path inside the docs folder (or the site)."""

    path: str
    text: str
    kind: str  # "asset", "export" or "page"
    page_kind: str = ""
    """For pages: one of catalogue.pages.PAGE_KEYS, "overview-page", "unit", "type-list", "regulation", "actor",
    "cycle-index", "cycle", "unit-landing" (a folder's landing page) or "form"."""


def generated_files(catalogue: Catalogue, settings: SiteSettings, *, records=None, cycle_pages=None,
                    index_pages: "Mapping[str, tuple[str, str]] | None" = None, memo=None) -> list[GeneratedFile]:
    """Assets, exports, the form, catalogue pages and unit landing pages, in the order a site lists them.

    ``records``: the monitoring/evaluation records (a :class:`mkdocs_sop.cycle.summary.Cycle`)
    for their columns of the exports; ``cycle_pages``: the site of those records
    (:func:`mkdocs_sop.cycle.site.collect`'s ``site``) for their pages. None: none.
    ``index_pages``: folder -> (source path, text) of the site's own index pages, for the
    landing pages of the folders holding SOPs (:func:`.units.unit_pages`); None: none.
    ``memo``: a :class:`.pagememo.PageMemo` kept between builds (``mkdocs serve``,
    ``generate --watch``), so only pages whose data changed are rendered again."""
    from ..cycle.pages import build_cycle_pages, cycle_index_path
    from ..cycle.summary import export_fields
    from ..form import form_assets, form_page
    from ..schema.monev import schema_texts as record_schemas
    from .export import export_csv, export_data, export_json
    from .pages import PageOptions, build_pages, page_data
    from .units import unit_pages

    out = [GeneratedFile(path, asset_text(name), "asset") for path, name in list(ASSETS.items())[:4]]
    out.append(GeneratedFile(SCHEMA_FILE, resources.files("mkdocs_sop").joinpath("schema", SCHEMA_FILE)
                             .read_text(encoding="utf-8"), "asset"))
    out += [GeneratedFile(name, text, "asset") for name, text in record_schemas().items()]
    form = settings.form.strip("/")
    if form:
        out += [GeneratedFile(path, text, "asset") for path, text in form_assets().items()]
        served_from_its_folder = settings.use_directory_urls and not settings.links_from_source
        out.append(GeneratedFile(form, form_page(form, settings.labels, served_from_its_folder,
                                                 guide=settings.form_guide.strip("/"), language=settings.language),
                                 "page", "form"))
    if settings.export:
        data = export_data(catalogue, include_drafts=settings.include_drafts, site_name=settings.site_name,
                           site_url=settings.site_url, language=settings.language,
                           use_directory_urls=settings.use_directory_urls,  # one pass for both files
                           cycle=lambda nomor: export_fields(records, nomor))
        chunks = memo.export_texts if memo is not None else None
        out += [GeneratedFile(EXPORT_FILES[0], export_json(catalogue, data=data, chunks=chunks), "export"),
                GeneratedFile(EXPORT_FILES[1], export_csv(catalogue, data=data), "export")]
    if settings.catalogue:
        out += [GeneratedFile(path, asset_text(name), "asset") for path, name in list(ASSETS.items())[4:]]
        options = PageOptions(labels=settings.labels, language=settings.language,
                              directory=settings.catalogue_dir, include_drafts=settings.include_drafts,
                              today=settings.today, review_horizon_days=settings.review_horizon_days,
                              review_after_years=settings.review_after_years,
                              downloads=EXPORT_FILES if settings.export else (),
                              page_size=settings.page_size, templates=settings.templates)
        pages = memo.pages(page_data(catalogue, options), options.templates) if memo is not None else \
            build_pages(catalogue, options)
        out += [GeneratedFile(page.src_uri, page.markdown, "page", page.kind) for page in pages]
        if cycle_pages is not None:
            index = cycle_index_path(settings.catalogue_dir)
            out += [GeneratedFile(page.src_uri, page.markdown, "page", "cycle-index" if page.src_uri == index else "cycle")
                    for page in build_cycle_pages(cycle_pages)]
    if settings.unit_pages and index_pages is not None:
        _folders, landings = unit_pages(catalogue.entries, index_pages, settings.templates)
        out += [GeneratedFile(src_uri, markdown, "page", "unit-landing") for src_uri, markdown in landings]
    return out


def build_date(setting: "str | _dt.date | None") -> _dt.date:
    """The date review states are counted from: the setting, else ``SOURCE_DATE_EPOCH``, else today.

    Raises ``ValueError`` for a setting that is not a ``YYYY-MM-DD`` date."""
    if isinstance(setting, _dt.date):
        return setting
    if setting:
        return _dt.date.fromisoformat(str(setting).strip())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()
