"""Status you can see (issue 12 item 4): every SOP says whether it is in force and since
when; a revoked one says since when and why, and carries a mark for every printed sheet."""

from __future__ import annotations

import re

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_html import RenderOptions, render_sop, to_html


def html_of(extra: str, **options) -> str:
    body = ('nomor: "470/1"\nnama: Uji\nunit: Dinas\n' + extra
            + "langkah:\n  - kegiatan: a\n    pelaksana: A\n  - kegiatan: b\n    pelaksana: A\n")
    result = parse_block(body, "t.md", 1)
    assert result.ok, [d.format() for d in result.diagnostics]
    return to_html(render_sop(result.sop, RenderOptions(labels=label_set("id"), diagram=False, **options)))


def test_in_force_sop_says_since_when():
    html = html_of("tanggal_efektif: 2023-08-01\n")
    assert 'class="sop-lifecycle sop-lifecycle-berlaku"' in html
    assert re.search(r"Berlaku sejak 0?1 Agustus 2023", html)
    assert "sop-print-status" not in html  # an SOP in force carries no mark on paper


def test_revoked_sop_shows_date_reason_and_a_mark_for_every_sheet():
    html = html_of("status: dicabut\ntanggal_dicabut: 2024-03-15\n"
                   "alasan_dicabut: Dicabut dengan Keputusan Kepala Dinas Nomor 12 Tahun 2024\n")
    assert "sop-lifecycle-dicabut" in html and "Dicabut sejak 15 Maret 2024" in html
    assert "Alasan: Dicabut dengan Keputusan Kepala Dinas Nomor 12 Tahun 2024" in html
    assert '<div aria-hidden="true" class="sop-print-status">DICABUT</div>' in html


def test_each_status_has_its_own_icon_and_word():
    seen = {}
    for status, word in (("berlaku", "Berlaku"), ("draf", "Draf"), ("dicabut", "Dicabut"),
                         ("digantikan", "Digantikan")):
        html = html_of(f"status: {status}\n")
        icon = re.search(r'class="sop-status-icon">([^<]+)<', html).group(1)
        assert f'class="sop-status-badge">{word}<' in html
        seen[status] = icon
    assert len(set(seen.values())) == 4, seen


def test_uncontrolled_copy_note_is_optional():
    assert "data-print-note" not in html_of("")
    assert 'data-print-note="Dokumen tidak terkendali bila dicetak"' in html_of("", print_uncontrolled=True)
