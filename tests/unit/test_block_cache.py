"""The block cache: what an unchanged block gives is reused, and never when anything it
depends on (settings, code, cross-links, page URL) has changed."""

from __future__ import annotations

import dataclasses

import pytest

from mkdocs_sop.core import cache as cache_module
from mkdocs_sop.core.cache import BlockCache, clear_memory, digest
from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.render_html import RenderContext, RenderOptions, SopLink
from mkdocs_sop.core.blocks import BlockRenderer
from mkdocs_sop.core.deferred import _DRAWING
from mkdocs_sop.core.fences import Block
from mkdocs_sop.core.page import PageContext

BODY = """\
nomor: A/1
nama: Contoh
unit: Dinas Contoh
keterkaitan: [B/2]
langkah:
  - kegiatan: Menerima berkas
    pelaksana: Petugas
    lanjut: sop:B/2
"""


@pytest.fixture(autouse=True)
def fresh_memory():
    clear_memory()
    yield
    clear_memory()


def options(**changes) -> RenderOptions:
    return dataclasses.replace(RenderOptions(labels=label_set("id", {}), diagram=False), **changes)


class OneLink:
    """A site that holds B/2 at ``b2`` (or not at all)."""

    def __init__(self, b2: SopLink | None) -> None:
        self.b2 = b2

    def context_for(self, sop, page_url):
        return RenderContext(find=lambda ref: self.b2 if ref == "B/2" else None)

    def link_for(self, nomor, page_url):
        return self.b2.url if (self.b2 and nomor == "B/2") else None


class Renderer(BlockRenderer):
    """The block renderer with the old test's call shape: body, path, line, page URL."""

    def render(self, body: str, path: str, line: int, url: str = "a/") -> str:
        return self.render_block(Block(line - 2, line + body.count("\n"), "", body, True),
                                 PageContext(src_path=path, url=url))

    @property
    def cache(self):
        return self.memo.cache


def service(tmp_path, *, opts: RenderOptions | None = None, b2: SopLink | None = None) -> Renderer:
    return Renderer(opts or options(), cache_dir=str(tmp_path / "cache"), site=OneLink(b2))


def test_values_survive_a_new_process_through_the_folder(tmp_path):
    first = BlockCache(tmp_path)
    first.put("k" * 64, ("html", 1))
    clear_memory()  # as if the next build were a new process
    second = BlockCache(tmp_path)
    assert second.get("k" * 64) == ("html", 1)
    assert second.stats["disk_hits"] == 1
    assert list((tmp_path / "blocks" / "kk").iterdir()) == [tmp_path / "blocks" / "kk" / f"{'k' * 64}.pickle"]


def test_a_cache_with_a_folder_reads_the_folder_and_keeps_no_copy_in_memory(tmp_path):
    """A build reads each value once: a copy of every value in memory would only grow it."""
    cache = BlockCache(tmp_path)
    cache.put("m" * 64, "value")
    assert cache.get("m" * 64) == "value"
    (tmp_path / "blocks" / "mm" / f"{'m' * 64}.pickle").unlink()
    assert not cache.contains("m" * 64) and cache.get("m" * 64) is None


def test_a_cache_without_a_folder_keeps_its_values_for_the_process():
    BlockCache(None).put("n" * 64, "value")
    assert BlockCache(None).get("n" * 64) == "value"  # the next build of `mkdocs serve`


def test_a_damaged_file_is_a_miss_not_an_error(tmp_path):
    BlockCache(tmp_path).put("d" * 64, "value")
    clear_memory()
    (tmp_path / "blocks" / "dd" / f"{'d' * 64}.pickle").write_bytes(b"not a pickle")
    assert BlockCache(tmp_path).get("d" * 64) is None


def test_keys_change_with_the_code(monkeypatch):
    before = digest("parse", "body")
    monkeypatch.setattr(cache_module, "_code", "another version of the package")
    assert digest("parse", "body") != before


def test_second_build_reuses_parse_and_html(tmp_path):
    b2 = SopLink(url="../b/", nomor="B/2", nama="Kedua")
    cold = service(tmp_path, b2=b2)
    html = cold.render(BODY, "a.md", 2)
    assert 'href="../b/"' in html
    assert cold.cache.stats["writes"] == 2  # the parse result and the page fragment

    clear_memory()
    warm = service(tmp_path, b2=b2)
    assert warm.render(BODY, "a.md", 2) == html
    assert warm.cache.stats["disk_hits"] == 2 and warm.cache.stats["misses"] == 0


def test_a_moved_or_removed_linked_sop_re_renders_the_page(tmp_path):
    old = service(tmp_path, b2=SopLink(url="../b/", nomor="B/2", nama="Kedua"))
    assert 'href="../b/"' in old.render(BODY, "a.md", 2)

    moved = service(tmp_path, b2=SopLink(url="../lain/b/", nomor="B/2", nama="Kedua"))
    html = moved.render(BODY, "a.md", 2)
    assert 'href="../lain/b/"' in html and 'href="../b/"' not in html

    gone = service(tmp_path, b2=None)
    assert "../lain/b/" not in gone.render(BODY, "a.md", 2)


def test_a_changed_setting_never_finds_the_old_html(tmp_path):
    b2 = SopLink(url="../b/", nomor="B/2", nama="Kedua")
    indonesian = service(tmp_path, b2=b2).render(BODY, "a.md", 2)
    english = service(tmp_path, b2=b2, opts=options(labels=label_set("en", {}), language="en"))
    html = english.render(BODY, "a.md", 2)
    assert html != indonesian
    assert ">Activity<" in html and ">Kegiatan<" not in html
    renamed = service(tmp_path, b2=b2, opts=options(labels=label_set("id", {"nama": "Judul SOP"})))
    assert ">Judul SOP<" in renamed.render(BODY, "a.md", 2)


def test_the_page_url_is_part_of_the_html_key(tmp_path):
    b2 = SopLink(url="../b/", nomor="B/2", nama="Kedua")
    service(tmp_path, b2=b2).render(BODY, "a.md", 2)
    there = service(tmp_path, b2=b2)
    there.render(BODY, "a.md", 2, url="x/y/")
    assert there.cache.stats["misses"] == 1  # the parse is reused, the HTML is not


def test_without_a_folder_nothing_is_written(tmp_path):
    svc = Renderer(options(), cache_dir=None)
    svc.render(BODY, "a.md", 2)
    assert svc.cache is None
    assert not any(tmp_path.iterdir())


DECISION_BODY = BODY.replace("    lanjut: sop:B/2\n", "  - kegiatan: Memeriksa\n    pelaksana: Kepala\n"
                             "    keputusan: Lengkap?\n    tidak: 1\n    ya: selesai\n")


def search_text(html: str) -> str:
    """What Material's search index takes from a page's content."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return "|".join("".join(section.text) for section in parser.data)


def mkdocs_search_text(html: str) -> str:
    """What MkDocs' own search index takes from a page's content."""
    from mkdocs.contrib.search.search_index import ContentParser

    parser = ContentParser()
    parser.feed(html)
    parser.close()
    return parser.stripped_html


def test_page_content_carries_a_text_only_stand_in_until_the_page_is_written(tmp_path):
    plain = Renderer(options(), cache_dir=None)
    full = plain.render(DECISION_BODY, "a.md", 2)
    deferring = Renderer(options(), cache_dir=None, defer_markup=True)
    stand_in = deferring.render(DECISION_BODY, "a.md", 2)
    assert 'class="sop-sym sop-sym-decision"' in full and '<span aria-hidden="true" class="w ' in full
    assert "<svg" not in stand_in and 'aria-hidden="true" class="w ' not in stand_in
    assert search_text(stand_in) == search_text(full)  # the same words reach the search index
    page = f"<main>{stand_in}</main>"
    assert deferring.restore_markup(page) == f"<main>{full}</main>"
    assert deferring.restore_markup(page) == page  # each stand-in is restored once, then forgotten


def test_a_stand_in_keeps_only_tags_ids_and_text_in_ascii(tmp_path):
    """MkDocs keeps every page's HTML for the whole build: the stand-in carries nothing a
    search parser does not read, one byte a character."""
    body = DECISION_BODY.replace("nama: Contoh", "nama: Contoh — ujian ✓")
    full = Renderer(options(), cache_dir=None).render(body, "a.md", 2)
    deferring = Renderer(options(), cache_dir=None, defer_markup=True)
    stand_in = deferring.render(body, "a.md", 2)
    assert 'class="' in full and "— ujian ✓" in full
    assert stand_in.isascii() and "class=" not in stand_in and "data-" not in stand_in
    assert 'id="sop-a-1"' in stand_in and 'id="sop-a-1-langkah-1"' in stand_in  # the anchors stay
    assert search_text(stand_in) == search_text(full)
    # MkDocs' search reads the drawing's labels too; the stand-in has the same text without them
    assert mkdocs_search_text(stand_in) == mkdocs_search_text(_DRAWING.sub("", full))
    assert len(stand_in) < len(full) / 2
    assert deferring.restore_markup(stand_in) == full


def test_a_stand_in_number_is_never_given_twice_while_one_is_waiting(tmp_path):
    """Restoring one page frees its entry; a later render must not reuse a waiting number."""
    deferring = Renderer(options(), cache_dir=None, defer_markup=True)
    bodies = [DECISION_BODY.replace("A/1", f"A/{n}").replace("Contoh\n", f"Contoh {n}\n", 1) for n in (1, 2, 3)]
    first = deferring.render(bodies[0], "a.md", 2)
    second = deferring.render(bodies[1], "b.md", 2)  # written later (another page)
    deferring.restore_markup(f"<main>{first}</main>")  # page a is written
    third = deferring.render(bodies[2], "c.md", 2)
    b_page = deferring.restore_markup(f"<main>{second}</main>")
    c_page = deferring.restore_markup(f"<main>{third}</main>")
    assert "Contoh 2" in b_page and "Contoh 3" not in b_page
    assert "Contoh 3" in c_page and "Contoh 2" not in c_page
    assert 'class="sop-sym sop-sym-decision"' in b_page and 'class="sop-sym sop-sym-decision"' in c_page
