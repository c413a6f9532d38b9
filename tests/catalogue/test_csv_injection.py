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


def test_fullwidth_signs_and_leading_invisible_characters_are_neutralised():
    """Spreadsheets fold ＝＋－＠ into = + - @ and skip a leading zero-width space or BOM."""
    names = ["＝HYPERLINK(\\\"http://x.invalid\\\")", "＋1", "－1", "＠SUM(A1)", "\\u200b=1+1",
             "\\ufeff@x", "\\u2060\\u200b-2", "\\u00a0=3", "\\u202e=4", "Biasa ＝ tengah"]
    text = "".join(f'```sop\nnomor: "F/{i}"\nnama: "{name}"\nunit: U\nlangkah:\n'
                   "  - kegiatan: a\n    pelaksana: P\n```\n" for i, name in enumerate(names))
    catalogue = Catalogue()
    catalogue.add_page(text, "x.md", "docs/x.md", "x/", lambda b, p, f: parse_block(b, p, f))
    assert len(catalogue.entries) == len(names)
    rows = list(csv.reader(io.StringIO(export_csv(catalogue))))
    column = rows[0].index("nama")
    shown = [row[column] for row in rows[1:]]
    assert len(shown) == len(names)
    assert all(value.startswith("'") for value in shown[:-1]), shown
    assert shown[-1] == "Biasa ＝ tengah"  # a sign inside the text is left alone
