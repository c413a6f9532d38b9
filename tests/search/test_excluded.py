"""Dropping the elements the index skips before Pagefind and the vocabulary read a page:
the theme's chrome goes, every word a reader may search for stays, and a page whose
markup is in doubt is handed over whole."""

from __future__ import annotations

import gzip

import pytest

from mkdocs_sop.search import indexer
from mkdocs_sop.search.excluded import outside_excluded
from mkdocs_sop.search.indexer import EXCLUDED_TAGS, build_search_index


def drop(html: str) -> str:
    return "".join(outside_excluded(html, EXCLUDED_TAGS))


def left_whole(html: str) -> bool:
    return outside_excluded(html, EXCLUDED_TAGS) == [html]


def test_the_tags_dropped_are_the_excluded_ones():
    assert set(EXCLUDED_TAGS) == {"nav", "header", "footer", "form", "svg"}


def test_the_theme_chrome_goes_and_the_sop_text_beside_it_stays():
    page = ('<body><header class="md-header"><nav aria-label="Header"><svg viewBox="0 0 24 24"><path d="M3"/></svg>'
            'Buku SOP</nav><form class="md-search"><input name="q"></form></header>'
            '<div class="md-sidebar"><nav class="md-nav">Beranda<ul><li>Dinas Sosial<nav class="md-nav">'
            '<ul><li>Penyaluran Bantuan</li></ul></nav></li></ul></nav></div>'
            '<article><h1>Penerbitan KK</h1><p>Langkah 1</p><span class="sop-sym-holder"><svg><rect/></svg></span>'
            '<p>Petugas memeriksa berkas</p></article><footer class="md-footer">Dibuat dengan MkDocs</footer></body>')
    assert drop(page) == ('<body><div class="md-sidebar"></div><article><h1>Penerbitan KK</h1><p>Langkah 1</p>'
                          '<span class="sop-sym-holder"></span><p>Petugas memeriksa berkas</p></article></body>')


def test_nested_navigation_goes_whole():
    # a first-close-tag match would stop at the inner </nav> and leave "Dinas Pendidikan" in the text
    assert drop("<nav>Beranda<nav>Dinas Sosial</nav>Dinas Pendidikan</nav><p>Isi SOP</p>") == "<p>Isi SOP</p>"
    assert drop("<nav><header><nav>a</nav></header>b</nav>c<svg><svg>d</svg>e</svg>f") == "cf"


def test_close_tags_inside_scripts_and_comments_are_text():
    page = '<nav>Menu<script>var s = "</nav>";</script>Dinas Sosial</nav><p>Isi SOP</p>'
    assert drop(page) == "<p>Isi SOP</p>"
    page = '<nav>Menu<!-- </nav> -->Dinas Sosial</nav><p>Isi SOP</p>'
    assert drop(page) == "<p>Isi SOP</p>"
    # a comment or script left open runs to the end of the page, as in a browser
    assert drop("<nav>Menu</nav><p>Isi SOP</p><!-- <nav>x") == "<p>Isi SOP</p><!-- <nav>x"
    assert drop('<nav>Menu</nav><p>Isi SOP</p><script>f("<nav>")') == '<p>Isi SOP</p><script>f("<nav>")'
    # tag-like strings in two scripts are not an element spanning the SOP between them
    page = '<script>open("<nav>")</script><p>Isi SOP</p><script>close("</nav>")</script>'
    assert left_whole(page)


@pytest.mark.parametrize("page", [
    '<nav>Menu <a title="</nav>">Dinas</a> Sosial</nav><p>Isi SOP</p>',
    "<nav>Menu <a title='x </nav>'>Dinas</a> Sosial</nav><p>Isi SOP</p>",
    '<nav>Menu <a title="it\'s > </nav>">Dinas</a> Sosial</nav><p>Isi SOP</p>',
    "<nav>Menu <a title=</nav>>Dinas</a> Sosial</nav><p>Isi SOP</p>",
    "<p title=a<nav>Isi SOP</p><p title= b</nav>>Lagi</p>",  # unquoted values
    '<p title="<nav>">Isi SOP</p><p>Langkah</p><p title="</nav>">Lagi</p>',
    '<img alt="<svg>"><p>Isi SOP</p><img alt="</svg>">',
])
def test_a_tag_that_may_be_inside_an_attribute_value_leaves_the_page_whole(page):
    assert left_whole(page)


@pytest.mark.parametrize("page", [
    "<nav>Menu<p>Isi SOP</p>",  # never closed
    "<nav>Menu</nav><p>Isi SOP</p><nav>Menu<p>Langkah</p>",
    "</nav><p>Isi SOP</p><nav>Menu</nav>",  # closed before it opens
    "<nav><header>Menu</nav></header><p>Isi SOP</p>",  # crossed
    "<NAV>Menu</nav><p>Isi SOP</p><nav>x</NAV>",  # upper case: hand-written, not ours to guess
    '<SCRIPT>open("<nav>")</SCRIPT><p>Isi SOP</p><SCRIPT>close("</nav>")</SCRIPT>',
])
def test_markup_that_does_not_balance_leaves_the_page_whole(page):
    assert left_whole(page)


def test_elements_holding_what_the_index_reads_stay():
    # Pagefind reads filters and metadata even inside excluded elements; the vocabulary reads codes
    kept = ('<nav><span data-pagefind-filter="unit">Dinas Sosial</span></nav>'
            '<svg><text data-sop-kode="470/SOP/1">4701</text></svg><form><div data-sop-search></div></form>')
    assert drop(kept + "<nav>Menu</nav><p>Isi</p>") == kept + "<p>Isi</p>"
    # Pagefind's default title and image are the page's first <h1> and <img>, wherever they are
    page = '<header><img src="logo.png" alt="Logo"></header><nav><img src="logo.png"></nav><h1>SOP</h1>'
    assert drop(page) == '<header><img src="logo.png" alt="Logo"></header><h1>SOP</h1>'
    assert drop("<header><h1>Buku SOP</h1></header><nav><h1>x</h1></nav><p>Isi</p>") == \
        "<header><h1>Buku SOP</h1></header><p>Isi</p>"


def test_only_those_elements_go():
    page = ('<navigation>a</navigation><nav-bar>b</nav-bar><svg viewBox="0 0 1 1"/><p>c</p>'
            '<svg><title>Diagram</title></svg><template><nav>d</nav></template>')
    assert drop(page) == "<navigation>a</navigation><nav-bar>b</nav-bar><p>c</p><template></template>"


CHROME = ('<header class="md-header"><nav>Buku SOP <svg><path d="M1"/></svg></nav></header>'
          '<div class="md-sidebar"><nav class="md-nav">Beranda<nav>Pemeliharaan Arsip<nav>Penyusutan</nav>'
          '</nav><script>var s = "</nav>";</script></nav></div>')
PAGES = {
    "index.html": "<h1>Beranda</h1><p>Selamat datang di buku pedoman.</p>",
    "sop/index.html": ('<h1>Penerbitan KK</h1><div data-pagefind-ignore><span data-pagefind-filter="status">Berlaku'
                       '</span></div><table><tr><td>30 menit</td><td>Petugas memeriksa<svg><text>x</text></svg>'
                       'kelengkapan berkas</td></tr></table><span data-sop-kode="470/SOP/1">4701</span>'),
    "logo/index.html": '<p>Tanpa judul</p><img src="isi.png" alt="Bagan alur">',
}


def test_the_index_is_the_same_as_when_pagefind_skips_the_elements_itself(tmp_path, monkeypatch):
    def index(folder):
        for name, body in PAGES.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f'<!doctype html><html lang="id"><head><title>T</title></head><body>{CHROME}'
                            f'<main>{body}</main><footer>Kaki <img src="logo.png"></footer></body></html>',
                            encoding="utf-8")
        build_search_index(folder)
        fragments = {p.name: gzip.decompress(p.read_bytes()) for p in (folder / "pagefind" / "fragment").iterdir()}
        return fragments, (folder / "sop-search" / "kosakata.js").read_text(encoding="utf-8")

    dropped = index(tmp_path / "dropped")
    monkeypatch.setattr(indexer, "outside_excluded", lambda html, names: [html])
    whole = index(tmp_path / "whole")
    assert dropped == whole
    fragments, kosakata = dropped
    assert '"memeriksa":"periksa"' in kosakata  # the vocabulary still reads "memeriksa<svg>…</svg>kelengkapan" as two
    assert len(fragments) == 3
    sop = next(text for text in fragments.values() if b"Penerbitan KK" in text)
    assert b"kelengkapan berkas" in sop and b"Berlaku" in sop
    assert not any(b"Pemeliharaan" in text or b"Kaki" in text for text in fragments.values())
