"""The flowchart table's head (issue 12 item 3): "Pelaksana" spans the actors only; the
routing lanes and the exit column carry no header cell that reads as a blank actor."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_html import RenderOptions, render_sop


def test_pelaksana_spans_only_actor_columns():
    body = ('nomor: "470/1"\nnama: Uji\nunit: Dinas\nlangkah:\n'
            "  - kegiatan: a\n    pelaksana: A\n"
            "  - kegiatan: b\n    pelaksana: B\n    keputusan: Benar?\n    ya: 3\n    tidak: 1\n"
            "  - kegiatan: c\n    pelaksana: A\n    lanjut: sop:470/9\n")
    sop = parse_block(body, "t.md", 1).sop
    root = render_sop(sop, RenderOptions(labels=label_set("id"), diagram=False))
    head = root.find(".//table[@class='sop-flowchart']/thead")
    pelaksana = head.find(".//th[@class='sop-h-pelaksana']")
    assert pelaksana.get("colspan") == "2"  # A and B, nothing else
    header_texts = [(th.text or "") for th in head.iter("th")]
    assert "" not in header_texts, "an empty header cell reads as an actor left blank"
    gutter = head.find(".//td[@class='sop-h-gutter']")
    assert gutter is not None and gutter.get("rowspan") == "2" and int(gutter.get("colspan")) >= 2
    assert ET.tostring(gutter, encoding="unicode").count("<th") == 0
