"""sop.csv opened in a spreadsheet must not run anything an editor wrote."""

import csv
import io

from mkdocs_sop.catalogue.registry import Catalogue
from mkdocs_sop.catalogue.export import export_csv
from mkdocs_sop.core.parse import parse_block

BLOCK = """\
nomor: "=HYPERLINK(\\"http://x.invalid\\",\\"klik\\")"
nama: "+Penerbitan KK"
unit: "@Dinas"
langkah:
  - kegiatan: Menerima berkas
    pelaksana: "-Petugas"
"""


def test_formula_like_cells_are_neutralised():
    result = parse_block(BLOCK, "docs/x.md", 2)
    assert result.sop is not None, result.diagnostics
    catalogue = Catalogue()
    catalogue.add(result.sop, "x.md", "x/")
    rows = list(csv.reader(io.StringIO(export_csv(catalogue))))
    row = dict(zip(rows[0], rows[1]))
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), row
    assert "'=HYPERLINK" in rows[1][0]
    assert "'+Penerbitan KK" in rows[1]
