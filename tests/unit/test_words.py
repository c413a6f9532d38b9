"""Words on the page (issue 12 item 8): NIP grouping, related-SOP link text, one date rule."""

from __future__ import annotations

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_html import RenderContext, RenderOptions, SopLink, grouped_nip, render_sop, to_html


def test_nip_typed_without_spaces_is_grouped():
    assert grouped_nip("197908031999121001") == "19790803 199912 1 001"
    assert grouped_nip("19790803 199912 1 001") == "19790803 199912 1 001"
    assert grouped_nip("123/ABC") == "123/ABC"  # not a NIP: as written


def render(extra: str, find=lambda ref: None) -> str:
    body = ('nomor: "470/1"\nnama: Uji\nunit: Dinas\n' + extra
            + "langkah:\n  - kegiatan: a\n    pelaksana: A\n  - kegiatan: b\n    pelaksana: A\n")
    result = parse_block(body, "t.md", 1)
    assert result.ok, [d.format() for d in result.diagnostics]
    return to_html(render_sop(result.sop, RenderOptions(labels=label_set("id"), diagram=False),
                              RenderContext(find=find)))


def test_page_shows_grouped_nip_and_two_digit_day():
    html = render("tanggal_efektif: 2017-10-02\ndisahkan_oleh:\n  jabatan: Kepala\n  nip: \"197908031999121001\"\n")
    assert "NIP. 19790803 199912 1 001" in html
    assert "02 Oktober 2017" in html


def test_related_sop_link_shows_number_and_name():
    link = SopLink("../b/", "470/2", "Penerbitan Akta Kelahiran")
    html = render("keterkaitan: [\"470/2\"]\n", find=lambda ref: link if ref == "470/2" else None)
    assert '<a href="../b/" class="sop-related">470/2 — Penerbitan Akta Kelahiran</a>' in html
