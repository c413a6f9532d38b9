"""Build the search index of a built site: Pagefind, Indonesian roots, the browser files.

Works on any generator's output folder. Pagefind (installed from the Python package
index with its binary) reads each page, stems Indonesian, and writes an index split in
chunks the browser loads only when a query needs them. Each page is read once: the
elements Pagefind would skip anyway by their tag (navigation, header, footer, forms,
drawings: most of a Material page's bytes) are dropped first (``excluded``), then its
table cells and list items are separated, so results never read "30menitKonsep"; the
rest of the theme's chrome, the flowchart's symbols and branch labels are left out by
Pagefind's selectors.
Nothing on disk is changed except the two folders this step writes:
``pagefind/`` (the index) and ``sop-search/`` (the search script, its styles,
``kosakata.js`` and the facet table ``saringan.json``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .excluded import outside_excluded
from .facets import FACETS_FILE, facet_table
from .vocabulary import Vocabulary

INDEX_DIR = "pagefind"
ASSETS_DIR = "sop-search"
INDEX_FOLDERS = (INDEX_DIR, ASSETS_DIR)  # everything the search step writes into a site
ASSET_FILES = ("sop-search.js", "sop-search.css")
VOCABULARY_FILE = "kosakata.js"

# What is not text to search: theme chrome (any theme: semantic tags; Material's and
# Zensical's sidebars, tabs and permalinks by class), the SOP's drawing (symbols, arrows,
# branch labels, connectors, the diagram) and the catalogue's lists. The hidden search
# block stays.
EXCLUDED = (
    "nav", "header", "footer", "[role=navigation]", "[role=search]", "form",
    ".md-sidebar", ".md-tabs", ".md-header", ".md-footer", ".md-source", ".md-skip", ".headerlink",
    ".md-content__button", ".sop-search-box",
    ".sop-diagram", "svg", ".sop-sym-holder", ".sop-marks", ".sop-branches", ".lbl", ".arr", ".w",
    ".sop-print-only", ".sop-qr", ".sop-checklist",  # the printed QR note; the worksheet repeats the steps
    # the catalogue's lists name every SOP: found by their titles, their bodies would crowd results
    ".sop-cat-filter", ".sop-cat-table", ".sop-cat-tree", ".sop-cat-unit-sops", ".sop-cat-subunits",
)
EXCLUDED_TAGS = tuple(selector for selector in EXCLUDED if selector.isalpha())  # dropped before indexing

# Pagefind ends a sentence at a block (p, div) but runs inline neighbours together: a space
# after a closing cell, item, span, label or button keeps "4", "Mengisi lembar" and
# "Operator" of a step apart (a span that ends inside a word is never followed by a tag).
_CELL_END = re.compile(r"(</(?:td|th|li|dt|dd|caption|figcaption)>|<br\s*/?>|</(?:span|label|button)>(?=<))", re.I)
INDEX_TIMEOUT_SECONDS = 3600
# Material's and Zensical's own search box (Zensical turns it on unless told otherwise)
THEME_SEARCH_MARK = 'data-md-component="search"'


@dataclass(frozen=True)
class SearchIndexReport:
    pages: int
    words: int  # distinct words read
    roots: int  # words mapped to another root
    codes: int  # SOP numbers and regulations matched by their code
    facet_values: int  # values of the search page's facets (unit, jenis, status...)
    theme_search: bool  # the theme's own search box is on too: readers see two
    index_bytes: int  # pagefind/ and sop-search/ together
    seconds: float

    def summary(self) -> str:
        return (f"{self.pages} pages, {self.words} words ({self.roots} with another root), "
                f"{self.codes} codes, {self.facet_values} facet values; {self.index_bytes / 1024:.0f} KiB, {self.seconds:.1f} s")


def separate_cells(html: str) -> str:
    """The page as Pagefind reads it: a space after each cell, item, line break and inline field."""
    # a function, not the template r"\1 ": twice as fast before Python 3.12
    return _CELL_END.sub(lambda cell_end: cell_end[0] + " ", html)


def site_pages(site_dir: Path) -> list[Path]:
    """The HTML pages to index, in a stable order (not the index's own files, not 404)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        parts = path.relative_to(site_dir).parts
        if parts[0] in INDEX_FOLDERS or parts == ("404.html",):
            continue
        pages.append(path)
    return pages


def page_url(site_dir: Path, path: Path) -> str:
    """The page's URL from the site root, as Pagefind stores it (``/unit/sop/``)."""
    rel = path.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def build_search_index(site_dir: str | os.PathLike, *, language: str = "id") -> SearchIndexReport:
    """Index every page of ``site_dir`` and write the search files beside it."""
    started = time.perf_counter()
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise FileNotFoundError(f"{site}: not a folder (build the site first)")
    pages = site_pages(site)
    vocabulary = Vocabulary()
    theme_search = _index_pages(site, pages, vocabulary, language)
    assets = site / ASSETS_DIR
    assets.mkdir(exist_ok=True)
    for name in ASSET_FILES:
        data = resources.files("mkdocs_sop").joinpath("assets", name).read_bytes()
        _write_if_changed(assets / name, data)
    roots = vocabulary.roots()
    _write_if_changed(assets / VOCABULARY_FILE, vocabulary.script(roots).encode("utf-8"))
    facets = facet_table(site / INDEX_DIR)
    _write_if_changed(assets / FACETS_FILE, facets.to_json().encode("utf-8"))
    index_bytes = sum(p.stat().st_size for folder in (INDEX_DIR, ASSETS_DIR)
                      for p in (site / folder).rglob("*") if p.is_file())
    return SearchIndexReport(pages=len(pages), words=len(vocabulary.words), roots=len(roots),
                             codes=len(vocabulary.codes), facet_values=len(facets.values),
                             theme_search=theme_search, index_bytes=index_bytes,
                             seconds=time.perf_counter() - started)


def _index_pages(site: Path, pages: list[Path], vocabulary: Vocabulary, language: str) -> bool:
    """Pagefind on a prepared copy of the pages (cells separated); the index goes to the site.
    True when a page also has the theme's own search box."""
    out = site / INDEX_DIR
    theme_search = False
    with tempfile.TemporaryDirectory(prefix="sop-search-") as tmp:
        work = Path(tmp)
        for path in pages:
            html = path.read_text(encoding="utf-8", errors="replace")
            theme_search = theme_search or THEME_SEARCH_MARK in html
            parts = outside_excluded(html, EXCLUDED_TAGS)
            vocabulary.add_page(" ".join(parts), page_url(site, path).lstrip("/"))  # an element ends a word
            target = work / "site" / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(separate_cells("".join(parts)), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)  # no chunk of an older build may linger
        config = {"site": "site", "output_path": str(out), "force_language": language,
                  "exclude_selectors": list(EXCLUDED), "quiet": True}
        (work / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        done = subprocess.run([str(_pagefind_binary())], cwd=work, capture_output=True, text=True,
                              timeout=INDEX_TIMEOUT_SECONDS)
        if done.returncode != 0:
            raise RuntimeError(f"pagefind: {(done.stderr or done.stdout).strip()[-2000:]}")
    return theme_search


def _pagefind_binary() -> Path:
    """The binary of ``pagefind[bin]`` (or ``PAGEFIND_BINARY_PATH``, or one on PATH)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise FileNotFoundError("the pagefind binary (pip install 'pagefind[bin]')")
    return found


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)
