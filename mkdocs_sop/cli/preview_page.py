"""One page of a site rendered as the site renders it, for ``mkdocs-sop preview``.

The page's Markdown goes through Python-Markdown with the site's extensions and a
:class:`~..adapters.markdown.SopExtension` whose renderer has the site's settings (the
ones ``lint`` and ``generate`` read, :mod:`.config`) and knows every other SOP of the
site: the docs folder is checked once at start with ``lint``'s own
:func:`.check.check_sources` (:class:`SiteSnapshot`), and each save puts the page's SOPs
in among the others, so cross-links, back-links, duplicate numbers and the page's
warnings are the site's while a save costs one page, however large the site.

The result, a :class:`RenderedPage`, is a plain HTML document (no theme, nothing from
outside the machine) with the package's stylesheets and scripts, a banner saying that
this is a one-page preview, and the page's errors and warnings, in the boxes above and in
the SOP as under ``mkdocs serve``, and as a list for the terminal. Whatever goes wrong
becomes a message on the page and a line in the terminal, never a traceback.
"""

from __future__ import annotations

import functools
import html
import html.parser
import os
import posixpath
import re
import secrets
import time
from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import click
import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..adapters.hosts import display_path
from ..adapters.markdown import SopExtension, standalone_renderer
from ..catalogue.links import SiteLinks
from ..catalogue.registry import Catalogue, relative_url
from ..catalogue.site import ASSETS, MANIFEST, MARKDOWN_SUFFIXES, REQUIRED_EXTENSIONS, made_by_generate
from ..core.blocks import BlockRenderer
from ..core.messages import make
from ..core.model import Diagnostic, Severity
from ..core.page import PageContext
from ..core.validate import site_diagnostics
from ..cycle.site import CycleOptions, from_checked, sop_additions
from ..printing import ADDRESSES, PrintChoices, SCRIPT_URI as PRINT_SCRIPT_URI, STYLE_URI as PRINT_STYLE_URI
from .check import check_sources, describe, tally
from .config import EXTENSION_NAME, SiteConfig
from .sources import walk_sources
from .terminal import terminal_safe
from .texts import cli_text
from .urls import page_url_rule

#: Where the preview's own files live on its server (a name no site page takes).
OWN_FOLDER = "_pratinjau"
VERSION_PATH = f"{OWN_FOLDER}/versi"
#: The package's assets a page of the site loads (their paths as in the site), and the preview's own.
PAGE_ASSETS = ("assets/mkdocs-sop/sop.css", "assets/mkdocs-sop/sop-cycle.css",
               "assets/mkdocs-sop/sop.js", "assets/mkdocs-sop/sop-cycle.js")
OWN_ASSETS = {f"{OWN_FOLDER}/pratinjau.css": "sop-preview.css", f"{OWN_FOLDER}/pratinjau.js": "sop-preview.js"}
#: What MkDocs gives every page before the site's own extensions (ProperDocs and Zensical alike).
HOST_EXTENSIONS = ("toc", "tables", "fenced_code")
#: MkDocs' front matter: YAML between two ``---`` lines (or ``---`` and ``...``) at the very top.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class RenderedPage:
    """One render of the page: what the server answers and the terminal prints."""

    document: str  # the whole HTML document
    version: str  # changes at every render; an open tab reloads when it does
    diagnostics: tuple[Diagnostic, ...]  # the page's errors, then its warnings, in line order
    files: Mapping[str, str]  # site path (unquoted) -> file of the docs folder the page shows (images)
    notes: tuple[str, ...] = ()  # lines for the terminal about the render itself (an internal error)


@dataclass(frozen=True)
class PageFile:
    """The page being previewed: where it is, how messages name it, where the site serves it."""

    path: str  # absolute
    display: str  # as messages name it (relative to the current folder, like lint)
    src_uri: str  # relative to the docs folder, forward slashes
    url: str  # site-root-relative, percent-quoted, as the generator gives it ("./" for the home page)

    @classmethod
    def of(cls, path: str, cfg: SiteConfig, language: str) -> "PageFile":
        """The page at ``path``, which must be a Markdown file inside the site's docs folder."""
        real, docs = os.path.realpath(path), os.path.realpath(cfg.docs_dir)
        if not real.startswith(docs + os.sep):
            raise click.UsageError(cli_text("preview-not-in-docs", language, path=path,
                                            folder=display_path(cfg.docs_dir)))
        if not real.lower().endswith(MARKDOWN_SUFFIXES):
            raise click.UsageError(cli_text("preview-not-markdown", language, path=path))
        src_uri = os.path.relpath(real, docs).replace(os.sep, "/")
        return cls(os.path.abspath(path), display_path(os.path.abspath(path)), src_uri, page_url_rule(cfg)(src_uri))


class SiteMarkdown:
    """The site's ``markdown_extensions`` (those that load here) around the ``sop`` extension.

    Options the config reader could not take as they are (a ``!!python/name:`` tag, read as
    nothing) are left to the extension's default; an extension that still fails to load is
    left out, with a note saying so.
    """

    def __init__(self, cfg: SiteConfig, language: str) -> None:
        self.extensions: list[str] = []
        self.configs: dict[str, dict[str, Any]] = {}
        self.notes: list[str] = []
        names = [*HOST_EXTENSIONS, *(cfg.extensions or ()), *REQUIRED_EXTENSIONS]
        for name in dict.fromkeys(names):
            if name == EXTENSION_NAME or name.startswith(EXTENSION_NAME + "."):
                continue  # the preview's own configured instance takes its place, as under the plugin
            options = {k: v for k, v in (cfg.extension_configs.get(name) or {}).items() if v is not None}
            try:
                markdown.Markdown(extensions=[name], extension_configs={name: options})
            except Exception as exc:  # noqa: BLE001 - a site's extension, whatever it raises
                self.notes.append(cli_text("preview-extension-skipped", language, name=name, error=describe(exc)))
                continue
            self.extensions.append(name)
            if options:
                self.configs[name] = options

    def convert(self, text: str, sop: SopExtension, links: "SourceLinks") -> tuple[str, markdown.Markdown]:
        """The page's HTML body, and the instance that made it (its table of contents gives the title)."""
        md = markdown.Markdown(extensions=[*self.extensions, sop, links], extension_configs=self.configs)
        return md.convert(text), md


class SourceLinks(Extension):
    """Links and images written relative to the page's source file, made relative to its URL, as
    the generators do: ``../img/a.png`` and ``b.md#x`` from ``layanan/a.md`` become
    ``../../img/a.png`` and ``../b/#x`` on the page served at ``layanan/a/``. The SOPs' own
    markup (raw HTML, links already made from the page's URL) is left alone, as by MkDocs."""

    def __init__(self, src_uri: str, page_url: str, url_of) -> None:
        super().__init__()
        self.src_uri, self.page_url, self.url_of = src_uri, page_url, url_of

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API
        md.treeprocessors.register(_Rebase(md, self), "sop_preview_links", 0)  # last, like MkDocs' own

    def rebase(self, link: str) -> str:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return link  # elsewhere, the site's root, or an anchor on this page
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), unquote(parts.path)))
        if target == ".." or target.startswith("../"):
            return link  # above the docs folder: the generator warns, and leaves it
        url = self.url_of(target) if target.lower().endswith(MARKDOWN_SUFFIXES) else quote(target)
        rebased = relative_url(url, self.page_url)
        return urlunsplit(("", "", rebased, parts.query, parts.fragment)) if not rebased.startswith("#") else (
            rebased)


class _Rebase(Treeprocessor):
    def __init__(self, md, links: SourceLinks) -> None:
        super().__init__(md)
        self.links = links

    def run(self, root) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    element.set(attribute, self.links.rebase(value))


class SiteSnapshot:
    """The rest of the site as it was when the preview started, checked once as ``lint`` checks it:
    every other page's SOPs, in the site's order around the page, and the monitoring and
    evaluation records. Each save puts the page's SOPs in among them (:meth:`with_page`), so
    links, back-links and duplicate numbers are the site's without reading it again."""

    def __init__(self, cfg: SiteConfig, sources: list, page: PageFile, parse, language: str) -> None:
        checked = check_sources(sources, institution=cfg.institution, strict_links=cfg.strict_links,
                                use_directory_urls=cfg.use_directory_urls, language=language,
                                url_of=page_url_rule(cfg), parse=parse, limits=cfg.limits, logos=cfg.logos)
        order = {source.page: i for i, source in enumerate(sources)}
        place = order.get(page.src_uri, len(order))
        others = [e for e in checked.catalogue.entries if e.page != page.src_uri]
        self.before = [e for e in others if order.get(e.page, -1) < place]
        self.after = [e for e in others if order.get(e.page, -1) > place]
        self.records = checked.records
        self.crashes = checked.crashes
        self.cfg = cfg
        self.page = page
        self.language = language

    def with_page(self, text: str, parse) -> tuple[Catalogue, list[Diagnostic]]:
        """The site's catalogue with the page as ``text`` says, and the page's problems as the site
        finds them (its blocks', a number used elsewhere, references naming no SOP, logos)."""
        catalogue = Catalogue(language=self.language)
        for entry in self.before:
            catalogue.add(entry.sop, entry.page, entry.url)
        results = catalogue.add_page(text, self.page.src_uri, self.page.display, self.page.url, parse)
        for entry in self.after:
            catalogue.add(entry.sop, entry.page, entry.url)
        sops = [entry.sop for entry in catalogue.entries if entry.page == self.page.src_uri]
        found = [d for result in results for d in result.diagnostics]
        found += [d for d in catalogue.diagnostics if d.path == self.page.display]
        # what Catalogue.finish finds, for this page's SOPs only (the others' did not change)
        found += site_diagnostics(catalogue.index, self.cfg.strict_links, self.language, sops=sops)
        found += self.cfg.logos.problems(sops, self.language)
        return catalogue, found


class PreviewPage:
    """The page and the site it belongs to; :meth:`render` renders it as it is now on disk."""

    def __init__(self, cfg: SiteConfig, path: str, language: str) -> None:
        self.cfg = cfg
        self.language = language
        self.page = PageFile.of(path, cfg, language)
        self.settings = _renderer_settings(cfg, language)
        self.today = cfg.today(language)
        self.markdown = SiteMarkdown(cfg, language)
        self.static = static_files(cfg)
        self._token = secrets.token_hex(4)  # a restarted preview never repeats an open tab's version
        self._count = 0
        try:  # the settings a renderer refuses (a label that does not exist...) are the user's to fix
            self._renderer = standalone_renderer(self.settings)
        except (KeyError, TypeError, ValueError) as exc:
            raise click.UsageError(f"{cfg.config_file}: sop: {describe(exc)}") from None
        written = made_by_generate(cfg.docs_dir) | {MANIFEST}  # `generate`'s pages hold no SOP of the site
        sources = walk_sources([cfg.docs_dir], cfg, language, skip=written.__contains__)
        self.site = SiteSnapshot(cfg, sources, self.page, self._renderer.parse, language)

    @property
    def notes(self) -> tuple[str, ...]:
        """What the terminal should hear once, before the first render."""
        return (*self.markdown.notes, *(crash.line(self.language) for crash in self.site.crashes))

    # -- one render ---------------------------------------------------------------------------
    def render(self) -> RenderedPage:
        """The page as it is now; never raises (a failure is shown on the page and noted)."""
        self._count += 1
        version = f"{self._token}-{self._count}"
        try:
            return self._render(version)
        except Exception as exc:  # noqa: BLE001 - a bug of mkdocs-sop: a message, never a traceback
            note = cli_text("internal-error", self.language, path=self.page.display, error=describe(exc))
            document = self._document(Markup("<p class=\"sop-preview-failed\">{}</p>").format(note),
                                      self.page.display, (), version)
            return RenderedPage(document, version, (), {}, (note,))

    def _render(self, version: str) -> RenderedPage:
        reported: list[Diagnostic] = []
        renderer = self._new_renderer(reported.append)
        text, unreadable = self._read()
        found = self._place_in_site(text, renderer)
        meta, body_text, offset = split_front_matter(text)
        context = PageContext(src_path=self.page.display, line_offset=offset, url=self.page.url, meta=meta)
        notes: list[str] = []
        links = SourceLinks(self.page.src_uri, self.page.url, page_url_rule(self.cfg))
        try:
            body, md = self.markdown.convert(body_text, SopExtension(renderer=renderer, page=context), links)
        except Exception as exc:  # noqa: BLE001 - a site extension failing on this page: without them
            notes.append(cli_text("preview-markdown-failed", self.language, error=describe(exc)))
            md = markdown.Markdown(extensions=[*HOST_EXTENSIONS, *REQUIRED_EXTENSIONS,
                                               SopExtension(renderer=renderer, page=context), links])
            body = md.convert(body_text)
        mine = [d for d in [*unreadable, *found, *reported] if d.path == self.page.display]
        diagnostics = tuple(sorted(dict.fromkeys(mine), key=lambda d: (d.severity is not Severity.ERROR,
                                                                         d.line, d.column, d.code)))
        title = _title(meta, md, self.page.src_uri)
        files = _page_files(body, self.page.url, self.cfg.docs_dir)
        document = self._document(Markup(body), title, diagnostics, version)
        return RenderedPage(document, version, diagnostics, files, tuple(notes))

    def _new_renderer(self, report) -> BlockRenderer:
        """A renderer for this render, reusing the last one's parses (as ``mkdocs serve`` does)."""
        links = SiteLinks(Catalogue(language=self.settings["language"]), logos=self.cfg.logos)
        renderer = standalone_renderer(self.settings, report=report, site=links, earlier=self._renderer)
        self._renderer = renderer
        return renderer

    def _read(self) -> tuple[str, list[Diagnostic]]:
        try:
            with open(self.page.path, encoding="utf-8-sig") as handle:
                return handle.read(), []
        except (OSError, UnicodeDecodeError) as exc:
            return "", [make("file-unreadable", self.settings["language"], path=self.page.display, error=exc)]

    def _place_in_site(self, text: str, renderer: BlockRenderer) -> list[Diagnostic]:
        """Put the page's SOPs into the renderer's view of the site; the site's verdicts on them."""
        cfg = self.cfg
        catalogue, found = self.site.with_page(text, renderer.parse)
        options = CycleOptions(directory=str(cfg.options.get("catalogue_dir") or "katalog"),
                               language=self.settings["language"], use_directory_urls=cfg.use_directory_urls,
                               institution=cfg.institution, logo=str(cfg.options.get("logo") or ""),
                               site_url=cfg.site_url, cache_dir=cfg.cache_folder)
        cycle = from_checked(self.site.records, catalogue, options, self.today,
                             include_drafts=bool(cfg.options.get("include_drafts", False)))
        links = renderer.site
        links.catalogue = catalogue
        links.additions = lambda sop, url, base: sop_additions(cycle, sop, url, base)
        for diagnostic in found:  # the site's verdicts reach the page's boxes, as under `mkdocs serve`
            renderer.reports(diagnostic)
        return found

    def _document(self, body: Markup, title: str, diagnostics, version: str) -> str:
        """The whole page: the banner (what this is, the counts, the problems), the body, the scripts."""
        errors, warnings = tally(diagnostics)
        texts = {name: with_code(cli_text(f"preview-{name}", self.language, path=self.page.display))
                 for name in ("heading", "banner", "stopped", "title")}
        status = cli_text("preview-status", self.language, errors=errors, warnings=warnings,
                          time=time.strftime("%H:%M:%S"))
        return _template().render(
            lang=self.settings["language"], title=title, texts=texts, status=status, errors=errors, body=body,
            problems=[d.format() for d in diagnostics],
            problems_summary=cli_text("preview-problems", self.language, count=len(diagnostics)),
            stylesheets=[f"/{PRINT_STYLE_URI}", f"/{OWN_FOLDER}/pratinjau.css", *(
                f"/{p}" for p in PAGE_ASSETS if p.endswith(".css"))],
            scripts=[f"/{PRINT_SCRIPT_URI}", *(f"/{p}" for p in PAGE_ASSETS if p.endswith(".js"))],
            reload_script=f"/{OWN_FOLDER}/pratinjau.js", version=version, version_url=f"/{VERSION_PATH}")


# -- pieces ----------------------------------------------------------------------------------
def _renderer_settings(cfg: SiteConfig, language: str) -> dict[str, Any]:
    """The ``sop`` extension's settings as the site gives them (the plugin's over the extension's),
    as while editing: warnings shown above each SOP unless the site says ``warnings_on_page: never``."""
    settings = SopExtension().settings()
    for key, value in cfg.options.items():
        default = settings.get(key)
        if key not in settings:
            continue
        if default is not None and not isinstance(value, type(default)):  # `labels: x`: say so, never a traceback
            raise click.UsageError(cli_text("preview-setting-kind", language, config=cfg.config_file, key=key,
                                            value=terminal_safe(str(value)[:80]),
                                            kind=_KINDS.get(type(default), type(default).__name__)))
        settings[key] = value
    settings.update(language=language, institution=cfg.institution, cache_dir=cfg.cache_folder or "",
                    show_warnings=cfg.options.get("warnings_on_page", "serve") != "never"
                    or bool(cfg.options.get("show_warnings")))
    if settings["diagram_engine"] not in ("auto", "dot", "wasm", "none"):
        settings["diagram_engine"] = "auto"  # the build refuses it and says why; the preview draws anyway
    return settings


_KINDS = {dict: "{...}", str: '"..."', int: "8", bool: "true / false"}  # shown as YAML, in any language


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter, the Markdown after it, lines it took), as MkDocs reads a page: YAML between
    ``---`` lines at the top; anything else (or YAML that is not a mapping) stays in the page."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text, 0
    import yaml

    try:
        meta = yaml.load(found.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError:
        return {}, text, 0
    if not isinstance(meta, dict):
        return {}, text, 0
    return meta, text[found.end():], found.group(0).count("\n")


def with_code(text: str) -> Markup:
    """A line of :mod:`.texts` as HTML: its `quoted` commands as code, everything escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backquote: shown as written
        return Markup.escape(text)
    return Markup("").join(Markup("<code>{}</code>").format(part) if i % 2 else Markup.escape(part)
                           for i, part in enumerate(parts))


def _title(meta: dict, md: markdown.Markdown, src_uri: str) -> str:
    """The page's title as the site shows it: ``title:`` of the front matter, else its first heading."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for token in getattr(md, "toc_tokens", None) or ():
        if token.get("level") == 1 and token.get("name"):
            return html.unescape(re.sub(r"<[^>]*>", "", str(token["name"])))
    return os.path.splitext(src_uri.rsplit("/", 1)[-1])[0]


class _Sources(html.parser.HTMLParser):
    """The ``src`` of every element of a page (images, the logo)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.extend(value for name, value in attrs if name == "src" and value)


def _page_files(body: str, page_url: str, docs_dir: str) -> dict[str, str]:
    """site path -> file, for the files of the docs folder the page shows (``src`` relative to it).

    These, the page and the package's assets are all the preview serves: a request for any
    other path (``../../etc/passwd`` included) is a 404, whatever lies on disk.
    """
    parser = _Sources()
    parser.feed(body)
    docs = os.path.realpath(docs_dir)
    out: dict[str, str] = {}
    for src in parser.found:
        target = urlsplit(urljoin("http://preview/" + page_url, src))
        if target.scheme != "http" or target.netloc != "preview":
            continue
        site_path = unquote(target.path).lstrip("/")
        if not site_path or "\x00" in site_path or "\\" in site_path:
            continue
        real = os.path.realpath(os.path.join(docs, *site_path.split("/")))
        if real.startswith(docs + os.sep) and os.path.isfile(real):
            out[site_path] = real
    return out


def static_files(cfg: SiteConfig) -> dict[str, tuple[bytes, str]]:
    """site path -> (bytes, type) of the stylesheets and scripts every preview page loads."""
    package = resources.files("mkdocs_sop") / "assets"
    out = {path: ((package / ASSETS[path]).read_bytes(), _TYPES[os.path.splitext(path)[1]]) for path in PAGE_ASSETS}
    out.update({path: ((package / name).read_bytes(), _TYPES[os.path.splitext(path)[1]])
                for path, name in OWN_ASSETS.items()})
    address = cfg.options.get("print_address", "site_url")
    choices = PrintChoices(diagram=bool(cfg.options.get("print_diagram", True)),
                           address=address if address in ADDRESSES else "site_url")
    out[PRINT_SCRIPT_URI] = (choices.script().encode(), _TYPES[".js"])
    out[PRINT_STYLE_URI] = (choices.style().encode(), _TYPES[".css"])
    return out


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    """The page around the body: every value it prints is escaped, the body is passed as markup."""
    environment = jinja2.Environment(loader=jinja2.PackageLoader("mkdocs_sop", "templates/preview"),
                                     autoescape=True, keep_trailing_newline=True)
    return environment.get_template("page.html.jinja")
