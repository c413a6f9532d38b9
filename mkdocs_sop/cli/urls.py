"""Page URLs as the site's generator gives them, so the commands link and export what the site serves.

Where the generator is installed, its own rule is used (MkDocs' and ProperDocs'
``File.url``: ``a/b.md`` -> ``a/b/``, ``README.md`` -> ``./``, percent-quoted); where it
is not (Zensical, whose rule lives in Rust, or a machine with only the command line),
:func:`mkdocs_sop.catalogue.registry.page_url` follows the same MkDocs 1.6 rules. A
test compares the two on awkward names, so they cannot drift apart.
"""

from __future__ import annotations

from functools import partial
from importlib import import_module
from typing import Callable

from ..catalogue.registry import page_url
from .config import Generator, SiteConfig

#: The packages whose ``structure.files.File`` computes a page's URL, per generator; the
#: first one installed is used. No site config: MkDocs' rules, the others' common root.
_URL_PROVIDERS: dict[Generator | None, tuple[str, ...]] = {
    Generator.MKDOCS: ("mkdocs",),
    Generator.PROPERDOCS: ("properdocs", "mkdocs"),
    Generator.ZENSICAL: (),
    None: ("mkdocs",),
}


def _generator_file_class(generator: Generator | None):
    for package in _URL_PROVIDERS[generator]:
        try:
            return import_module(f"{package}.structure.files").File
        except ImportError:
            continue
    return None


def _url_with(file_class, use_directory_urls: bool, src_uri: str) -> str:
    return file_class(src_uri, None, "", use_directory_urls).url


def page_url_rule(cfg: SiteConfig | None) -> Callable[[str], str]:
    """``src_uri -> URL`` (site-root-relative) for the pages of the site ``cfg`` describes."""
    use_directory_urls = cfg.use_directory_urls if cfg else True
    file_class = _generator_file_class(cfg.generator if cfg else None)
    if file_class is None:
        return partial(page_url, use_directory_urls=use_directory_urls)
    return partial(_url_with, file_class, use_directory_urls)
