"""Page URLs: the generator's own rule where installed, and the fallback that must agree with it."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File

from mkdocs_sop.catalogue.registry import page_url
from mkdocs_sop.cli.config import Generator, SiteConfig
from mkdocs_sop.cli.urls import page_url_rule

AWKWARD_NAMES = [
    "index.md", "README.md", "readme.md", "INDEX.md", "a/index.md", "a/README.md", "a/Readme.md",
    "sops/ktp.md", "Layanan umum/Pengaduan Wärga.md", "a#b.md", "a?b.md", "50%.md", "x/y/z.markdown",
    "dinas/index.markdown", "ümlaut/ß.md", "a+b&c=d.md", "tab\tname.md", "a/b.c.md", "ktp-el (baru).md",
]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_the_fallback_gives_mkdocs_urls(use_directory_urls):
    """The same URLs as MkDocs 1.6's own File.url, name by name."""
    ours = [page_url(name, use_directory_urls) for name in AWKWARD_NAMES]
    theirs = [File(name, None, "", use_directory_urls).url for name in AWKWARD_NAMES]
    assert ours == theirs


def _site(generator: Generator, use_directory_urls: bool = True) -> SiteConfig:
    return SiteConfig(config_file="x", generator=generator, docs_dir="/d", site_dir="/s",
                      use_directory_urls=use_directory_urls)


@pytest.mark.parametrize(("generator", "use_directory_urls"), [
    *((g, u) for g in Generator for u in (True, False)),
    (None, True),  # no config file: MkDocs' default
])
def test_every_generator_rule_gives_the_sites_urls(generator, use_directory_urls):
    rule = page_url_rule(_site(generator, use_directory_urls) if generator else None)
    assert [rule(n) for n in ("index.md", "a/README.md", "Layanan umum/Wärga.md")] == (
        ["./", "a/", "Layanan%20umum/W%C3%A4rga/"] if use_directory_urls
        else ["index.html", "a/index.html", "Layanan%20umum/W%C3%A4rga.html"])
