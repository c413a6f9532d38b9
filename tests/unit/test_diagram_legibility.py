"""The Graphviz diagram (issue 12 item 6): lane headings do not look like terminators, and
a decision's "Tidak" back to an earlier step does not wrap around the diamond."""

from __future__ import annotations

import re

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_dot import sop_to_dot


def dot_of() -> str:
    body = ('nomor: "470/1"\nnama: Uji\nunit: Dinas\nlangkah:\n'
            "  - kegiatan: isi\n    pelaksana: Pemohon\n"
            "  - kegiatan: periksa\n    pelaksana: Petugas\n    keputusan: Lengkap?\n    tidak: 1\n"
            "  - kegiatan: selesai\n    pelaksana: Petugas\n")
    return sop_to_dot(parse_block(body, "t.md", 1).sop, label_set("id"))


def test_lane_headings_are_square_and_unframed():
    dot = dot_of()
    titles = [line for line in dot.splitlines() if "sop-lane-title" in line]
    assert len(titles) == 2
    for line in titles:
        assert "rounded" not in line and "penwidth=0" in line


def test_tidak_back_edge_has_no_port_on_the_diamond():
    dot = dot_of()
    (back,) = [line for line in dot.splitlines() if "sop-edge-back" in line]
    assert "dir=back" in back and "tailport=e" in back
    assert not re.search(r"headport=", back), back
