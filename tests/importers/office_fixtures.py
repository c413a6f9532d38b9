"""Realistic Word and Excel SOP files, built in the tests (no binary fixtures in the repository).

The layout follows Permen PANRB 35/2012 as institutions type it in Word: an identity
table (logo cell merged down, unit cell, approval block with position, name, rank and NIP
in one cell, the paired sections) and a flowchart table (No, Kegiatan, *Pelaksana* over
the actor columns, *Mutu Baku* over Kelengkapan/Waktu/Output, Keterangan, a row of column
numbers). Symbols are floating DrawingML shapes anchored in the actor cells, with a VML
fallback as Word writes it; arrows are connectors; decisions carry "Ya"/"Tidak" text boxes.
Variants: VML only (Word 2003), everything in one drawing group, text marks instead of
shapes, an Excel sheet with shapes in its drawing part.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIP = 635  # EMU
CELL_MARGIN = 108 * TWIP
NSDECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
          'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
PRESET = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision",
          "connector": "flowChartOffpageConnector"}
VML_TYPE = {"terminator": 116, "process": 109, "decision": 110, "connector": 177}


@dataclass
class StepSpec:
    kegiatan: str
    actors: tuple[int, ...]  # actor columns (0-based) holding its symbol
    symbol: str = "process"  # terminator, process, decision
    kelengkapan: tuple[str, ...] = ()
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    number: str = ""  # as written in the No column (default: its position)
    mark: str = "√"  # for the text-mark template
    shape_text: str = ""  # text typed inside the symbol (a decision's question)


@dataclass
class Branch:
    """A connector other than the one to the next step: ``source`` -> ``target`` (1-based)."""

    source: int
    target: int
    label: str | None = "Tidak"


@dataclass
class SopSpec:
    nomor: str
    nama: str
    unit: tuple[str, ...]
    actors: tuple[str, ...]
    steps: list[StepSpec]
    branches: list[Branch] = field(default_factory=list)
    yes_label: bool = True  # a "Ya" text box on each decision's line to the next step
    page_break_after: int | None = None  # continue on a second table, joined by off-page connectors
    labels: dict = field(default_factory=lambda: {
        "nomor": "NOMOR SOP", "pembuatan": "TGL. PEMBUATAN", "revisi": "TGL. REVISI", "efektif": "TGL. EFEKTIF",
        "disahkan": "DISAHKAN OLEH", "nama": "NAMA SOP"})
    dates: tuple[str, str, str] = ("2 Januari 2023", "-", "1 Februari 2023")
    approval: tuple[str, ...] = ("KEPALA DINAS KEPENDUDUKAN DAN", "PENCATATAN SIPIL", "", "ttd", "",
                                 "Drs. BUDI SANTOSO, M.Si", "Pembina Utama Muda", "NIP. 19700312 199303 1 005")
    dasar_hukum: tuple[str, ...] = ("1. Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang "
                                    "Nomor 23 Tahun 2006 tentang Administrasi Kependudukan;",
                                    "2. Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara "
                                    "Pendaftaran Penduduk dan Pencatatan Sipil.")
    kualifikasi: tuple[str, ...] = ("1. Memahami peraturan administrasi kependudukan;",
                                    "2. Mampu mengoperasikan komputer.")
    keterkaitan: tuple[str, ...] = ("SOP Pelayanan Pengaduan",)
    peralatan: tuple[str, ...] = ("1. Komputer dan printer;", "2. Jaringan SIAK;", "3. Blangko KK.")
    peringatan: tuple[str, ...] = ("Bila SOP tidak dilaksanakan, pelayanan terlambat dan data tidak valid.",)
    pencatatan: tuple[str, ...] = ("Buku register pelayanan; arsip berkas permohonan.",)
    column_numbers: bool = True


def kartu_keluarga(nomor: str = "470/SOP-PDP/001/2024", page_break_after: int | None = None) -> SopSpec:
    """The SOP most fixtures use: four actors, a decision that loops back, nine steps."""
    return SopSpec(
        nomor=nomor, nama="Penerbitan Kartu Keluarga Baru",
        unit=("PEMERINTAH KOTA CONTOH", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
              "BIDANG PELAYANAN PENDAFTARAN PENDUDUK"),
        actors=("Pemohon", "Petugas Loket", "Operator SIAK", "Kepala Bidang"),
        steps=[
            StepSpec("Menyerahkan berkas permohonan KK", (0,), "terminator", ("Formulir F-1.01", "Surat pengantar RT/RW"),
                     "5 menit", "Berkas permohonan"),
            StepSpec("Memeriksa kelengkapan berkas", (1,), "decision", ("Berkas permohonan",), "10 menit",
                     "Berkas lengkap", "Jika tidak lengkap dikembalikan"),
            StepSpec("Mencatat permohonan dalam buku register", (1,), "process", (), "5 menit", "Register"),
            StepSpec("Memasukkan data ke SIAK", (2,), "process", ("Berkas lengkap",), "30menit", "Data KK"),
            StepSpec("Memverifikasi data", (3,), "process", ("Data KK",), "15 menit", "Data terverifikasi"),
            StepSpec("Menandatangani KK secara elektronik", (3,), "process", (), "10 menit", "KK bertanda tangan"),
            StepSpec("Mencetak KK", (2,), "process", ("Blangko KK",), "5 menit", "KK tercetak"),
            StepSpec("Menyerahkan KK kepada pemohon", (1,), "process", (), "5 menit", "KK"),
            StepSpec("Menerima KK", (0,), "terminator", (), "2 menit", "KK diterima"),
        ],
        branches=[Branch(2, 1, "Tidak")],
        page_break_after=page_break_after,
    )


def png_bytes(size: int = 48) -> bytes:
    """A small blue square PNG: the institution's logo."""
    raw = b"".join(b"\x00" + b"\x1f\x4e\x9a" * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# ------------------------------------------------------------------------------------
# Word
# ------------------------------------------------------------------------------------
class DocxBuilder:
    """A Word document holding SOPs, with shapes as Word writes them (``mode``):

    ``shapes`` DrawingML with VML fallback; ``vml`` VML only; ``group`` every shape of a
    flowchart table in one group with glued connectors; ``marks`` text marks, no shapes.
    """

    ROW = 1100  # twips: the fixed height of a step row
    HEADER = 500

    def __init__(self, mode: str = "shapes", fixed_heights: bool = True) -> None:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        self.mode = mode
        self.fixed_heights = fixed_heights  # False: step rows sized by Word (no w:trHeight), shapes as drawn
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(330), Mm(215)  # F4 landscape, as many offices print
        section.left_margin = section.right_margin = Mm(15)
        self.next_id = 1

    # -- document parts ---------------------------------------------------------
    def cover(self) -> "DocxBuilder":
        """A cover page, the enacting decree and a list of SOPs (a table that is no SOP)."""
        for text in ("STANDAR OPERASIONAL PROSEDUR", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KOTA CONTOH",
                     "TAHUN 2024"):
            self.doc.add_paragraph(text)
        self.doc.add_page_break()
        for text in ("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA CONTOH",
                     "NOMOR 470/123/DISDUKCAPIL/2024",
                     "TENTANG STANDAR OPERASIONAL PROSEDUR PELAYANAN ADMINISTRASI KEPENDUDUKAN",
                     "Menimbang: bahwa untuk meningkatkan kualitas pelayanan ...",
                     "MEMUTUSKAN: Menetapkan Standar Operasional Prosedur sebagaimana tercantum dalam Lampiran."):
            self.doc.add_paragraph(text)
        table = self.doc.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        for r, row in enumerate((("No", "Nomor SOP", "Nama SOP"),
                                 ("1", "470/SOP-PDP/001/2024", "Penerbitan Kartu Keluarga Baru"),
                                 ("2", "470/SOP-PDP/002/2024", "Perubahan Data Kependudukan"))):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        self.doc.add_page_break()
        return self

    def sop(self, spec: SopSpec) -> "DocxBuilder":
        self.identity(spec)
        self.doc.add_paragraph()
        split = spec.page_break_after or len(spec.steps)
        self.flowchart(spec, 0, split, continues=split < len(spec.steps))
        if split < len(spec.steps):
            self.doc.add_page_break()
            self.flowchart(spec, split, len(spec.steps), continued=True)
        self.doc.add_page_break()
        return self

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path

    def identity(self, spec: SopSpec) -> None:
        from docx.shared import Mm

        table = self.doc.add_table(rows=12, cols=4)
        table.style = "Table Grid"
        widths = (Mm(45), Mm(95), Mm(45), Mm(115))
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
        logo = table.cell(0, 0).merge(table.cell(3, 1))
        logo.paragraphs[0].add_run().add_picture(io.BytesIO(png_bytes()), width=Mm(20))
        unit = table.cell(4, 0).merge(table.cell(5, 1))
        _paragraphs(unit, spec.unit)
        labels = spec.labels
        rows = [(labels["nomor"], [spec.nomor]), (labels["pembuatan"], [spec.dates[0]]),
                (labels["revisi"], [spec.dates[1]]), (labels["efektif"], [spec.dates[2]]),
                (labels["disahkan"], list(spec.approval)), (labels["nama"], [spec.nama])]
        for r, (label, value) in enumerate(rows):
            table.cell(r, 2).text = label
            _paragraphs(table.cell(r, 3), value)
        pairs = (("DASAR HUKUM:", spec.dasar_hukum, "KUALIFIKASI PELAKSANA:", spec.kualifikasi),
                 ("KETERKAITAN:", spec.keterkaitan, "PERALATAN/PERLENGKAPAN:", spec.peralatan),
                 ("PERINGATAN:", spec.peringatan, "PENCATATAN DAN PENDATAAN:", spec.pencatatan))
        for i, (left, left_items, right, right_items) in enumerate(pairs):
            r = 6 + 2 * i
            table.cell(r, 0).merge(table.cell(r, 1)).text = left
            table.cell(r, 2).merge(table.cell(r, 3)).text = right
            _paragraphs(table.cell(r + 1, 0).merge(table.cell(r + 1, 1)), left_items)
            _paragraphs(table.cell(r + 1, 2).merge(table.cell(r + 1, 3)), right_items)

    # -- the flowchart table ------------------------------------------------------
    def flowchart(self, spec: SopSpec, first: int, last: int, continues: bool = False,
                  continued: bool = False) -> None:
        from docx.shared import Mm

        actors = spec.actors
        widths_mm = [10, 60] + [28] * len(actors) + [40, 20, 35, 32]
        n_cols = len(widths_mm)
        header_rows = 3 if spec.column_numbers else 2
        extra_top = 1 if continued else 0
        extra_bottom = 1 if continues else 0
        n_steps = last - first
        table = self.doc.add_table(rows=header_rows + extra_top + n_steps + extra_bottom, cols=n_cols)
        table.style = "Table Grid"
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm):
                cell.width = Mm(width)
        # The grid widths Word uses for placing shapes (twips).
        grid_widths = [int(Mm(w).twips) for w in widths_mm]
        for gc, width in zip(table._tbl.tblGrid.findall(f"{{{W}}}gridCol"), grid_widths):
            gc.set(f"{{{W}}}w", str(width))
        heights = [self.HEADER, self.HEADER] + ([self.HEADER] if spec.column_numbers else [])
        heights += [self.ROW] * (extra_top + n_steps + extra_bottom)
        for r, (row, height) in enumerate(zip(table.rows, heights)):
            if self.fixed_heights or r < header_rows:
                _fixed_height(row, height)
        a0 = 2
        table.cell(0, 0).merge(table.cell(1, 0)).text = "No"
        table.cell(0, 1).merge(table.cell(1, 1)).text = "Kegiatan"
        table.cell(0, a0).merge(table.cell(0, a0 + len(actors) - 1)).text = "Pelaksana"
        m0 = a0 + len(actors)
        table.cell(0, m0).merge(table.cell(0, m0 + 2)).text = "Mutu Baku"
        table.cell(0, m0 + 3).merge(table.cell(1, m0 + 3)).text = "Keterangan"
        for i, actor in enumerate(actors):
            table.cell(1, a0 + i).text = actor
        for i, name in enumerate(("Kelengkapan", "Waktu", "Output")):
            table.cell(1, m0 + i).text = name
        if spec.column_numbers:
            for c in range(n_cols):
                table.cell(2, c).text = f"({c + 1})"
        frame = _Frame(grid_widths, heights)
        first_step_row = header_rows + extra_top
        rows = {}
        for i in range(first, last):
            step, r = spec.steps[i], first_step_row + i - first
            rows[i] = r
            table.cell(r, 0).text = step.number or str(i + 1)
            table.cell(r, 1).text = step.kegiatan
            if not self.fixed_heights:  # room for the symbols made with empty lines, as authors do
                _paragraphs(table.cell(r, 1), [step.kegiatan, "", ""])
            _paragraphs(table.cell(r, m0), step.kelengkapan)
            table.cell(r, m0 + 1).text = step.waktu
            table.cell(r, m0 + 2).text = step.output
            table.cell(r, m0 + 3).text = step.keterangan
            if self.mode == "marks":
                for a in step.actors:
                    table.cell(r, a0 + a).text = step.mark
        if self.mode == "marks":
            return
        drawing = _Drawing(frame, a0)
        for i in range(first, last):
            step = spec.steps[i]
            for a in step.actors:
                drawing.symbol(("step", i, a), step.symbol, rows[i], a, step.shape_text)
        if continues:
            a = spec.steps[last - 1].actors[0]
            drawing.symbol(("page",), "connector", first_step_row + n_steps, a, "A", small=True)
        if continued:
            a = spec.steps[first].actors[0]
            drawing.symbol(("page",), "connector", header_rows, a, "A", small=True)
        self._connectors(spec, first, last, drawing, continues, continued)
        self._emit(table, drawing)

    def _connectors(self, spec: SopSpec, first: int, last: int, drawing: "_Drawing", continues: bool,
                    continued: bool) -> None:
        branch_from = {b.source - 1 for b in spec.branches}
        for i in range(first, last - 1):
            label = "Ya" if spec.steps[i].symbol == "decision" and spec.yes_label and i in branch_from else None
            drawing.arrow(("step", i, spec.steps[i].actors[0]), ("step", i + 1, spec.steps[i + 1].actors[0]), label)
        if continues:
            drawing.arrow(("step", last - 1, spec.steps[last - 1].actors[0]), ("page",), None)
        if continued:
            drawing.arrow(("page",), ("step", first, spec.steps[first].actors[0]), None)
        for branch in spec.branches:
            s, t = branch.source - 1, branch.target - 1
            if first <= s < last and first <= t < last:
                drawing.side_arrow(("step", s, spec.steps[s].actors[0]), ("step", t, spec.steps[t].actors[0]),
                                   branch.label)

    def _emit(self, table, drawing: "_Drawing") -> None:
        if self.mode in ("group", "canvas"):
            self._emit_group(table, drawing)
            return
        for item in drawing.items:
            cell = table.cell(item.row, item.col)
            run_xml = self._run_xml(item, drawing.frame)
            cell.paragraphs[0]._p.append(etree.fromstring(run_xml))

    TABLE_TOP_ON_PAGE = 1_500_000  # EMU: where mode "page" says the table starts on its page

    def _run_xml(self, item: "_Item", frame: "_Frame") -> str:
        x = item.x0 - (frame.col_edges[item.col] + CELL_MARGIN)
        y = item.y0 - frame.row_edges[item.row]
        relative_h, relative_v = "column", "paragraph"
        self.next_id += 1
        vml = _vml(item, x, y)
        if self.mode == "vml":
            return f'<w:r {NSDECL}><w:pict>{vml}</w:pict></w:r>'
        if self.mode == "page":  # positioned against the page, as when shapes were dragged with layoutInCell off
            x = item.x0 + int(self.doc.sections[0].left_margin)
            y = item.y0 + self.TABLE_TOP_ON_PAGE
            relative_h, relative_v = "page", "page"
        anchor = (f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{self.next_id}" '
                  f'behindDoc="0" locked="0" layoutInCell="{int(self.mode != "page")}" allowOverlap="1">'
                  f'<wp:simplePos x="0" y="0"/>'
                  f'<wp:positionH relativeFrom="{relative_h}"><wp:posOffset>{int(x)}</wp:posOffset></wp:positionH>'
                  f'<wp:positionV relativeFrom="{relative_v}"><wp:posOffset>{int(y)}</wp:posOffset></wp:positionV>'
                  f'<wp:extent cx="{int(item.width)}" cy="{int(item.height)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
                  f'<wp:wrapNone/><wp:docPr id="{self.next_id}" name="Shape {self.next_id}"/><wp:cNvGraphicFramePr/>'
                  f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                  f'{_wsp(item, 0, 0, None)}</a:graphicData></a:graphic></wp:anchor>')
        fallback = "" if self.mode == "page" else f"<mc:Fallback><w:pict>{vml}</w:pict></mc:Fallback>"
        return (f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{anchor}</w:drawing>'
                f'</mc:Choice>{fallback}</mc:AlternateContent></w:r>')

    def _emit_group(self, table, drawing: "_Drawing") -> None:
        """Every shape in one ``wpg:wgp`` (child frame at twice the scale) or one ``wpc:wpc`` drawing
        canvas (children in EMU from its corner), anchored in the first step row."""
        frame = drawing.frame
        row = min(item.row for item in drawing.items)
        top = frame.row_edges[row]
        width, height = frame.col_edges[-1], frame.row_edges[-1] - top
        canvas = self.mode == "canvas"
        children = "".join(_wsp(item, -0, -top, 1.0 if canvas else 2.0) for item in drawing.items)
        self.next_id += 1
        if canvas:
            group = f"<wpc:wpc><wpc:bg/><wpc:whole/>{children}</wpc:wpc>"
            uri, requires = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas", "wpc"
        else:
            group = (f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/>'
                     f'<a:ext cx="{int(width)}" cy="{int(height)}"/><a:chOff x="0" y="0"/>'
                     f'<a:chExt cx="{int(width * 2)}" cy="{int(height * 2)}"/></a:xfrm></wpg:grpSpPr>{children}'
                     f'</wpg:wgp>')
            uri, requires = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", "wpg"
        anchor = (f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
                  f'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
                  f'<wp:positionH relativeFrom="column"><wp:posOffset>{-CELL_MARGIN}</wp:posOffset></wp:positionH>'
                  f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
                  f'<wp:extent cx="{int(width)}" cy="{int(height)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
                  f'<wp:wrapNone/><wp:docPr id="{self.next_id}" name="Group {self.next_id}"/><wp:cNvGraphicFramePr/>'
                  f'<a:graphic><a:graphicData uri="{uri}">{group}</a:graphicData></a:graphic></wp:anchor>')
        run = (f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="{requires}"><w:drawing>{anchor}</w:drawing>'
               f'</mc:Choice></mc:AlternateContent></w:r>')
        table.cell(row, 0).paragraphs[0]._p.append(etree.fromstring(run))


def _paragraphs(cell, lines) -> None:
    lines = list(lines) or [""]
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _fixed_height(row, twips: int) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    height = etree.SubElement(tr_pr, f"{{{W}}}trHeight")
    height.set(f"{{{W}}}val", str(twips))
    height.set(f"{{{W}}}hRule", "exact")


@dataclass
class _Frame:
    widths: list[int]  # twips
    heights: list[int]

    @property
    def col_edges(self) -> list[int]:
        out = [0]
        for w in self.widths:
            out.append(out[-1] + w * TWIP)
        return out

    @property
    def row_edges(self) -> list[int]:
        out = [0]
        for h in self.heights:
            out.append(out[-1] + h * TWIP)
        return out


@dataclass
class _Item:
    """One shape in the table's frame (EMU), anchored in cell (row, col)."""

    kind: str  # symbol, line, label
    row: int
    col: int
    x0: float
    y0: float
    width: float
    height: float
    symbol: str = ""
    text: str = ""
    flip_h: bool = False
    flip_v: bool = False
    geometry: str = ""
    shape_id: int = 0
    links: tuple[int, int] = (0, 0)


class _Drawing:
    """The shapes of one flowchart table, computed in its frame before they are written as XML."""

    def __init__(self, frame: _Frame, first_actor_col: int) -> None:
        self.frame = frame
        self.a0 = first_actor_col
        self.items: list[_Item] = []
        self.symbols: dict = {}
        self.ids = 100

    def _id(self) -> int:
        self.ids += 1
        return self.ids

    def symbol(self, key, kind: str, row: int, actor: int, text: str, small: bool = False) -> None:
        col = self.a0 + actor
        ce, re_ = self.frame.col_edges, self.frame.row_edges
        cell_w, cell_h = ce[col + 1] - ce[col], re_[row + 1] - re_[row]
        w = cell_w * (0.35 if small else 0.7)
        h = cell_h * (0.45 if small else 0.5)
        x0 = ce[col] + (cell_w - w) / 2
        y0 = re_[row] + (cell_h - h) / 2
        item = _Item("symbol", row, col, x0, y0, w, h, symbol=kind, text=text, shape_id=self._id())
        self.items.append(item)
        self.symbols[key] = item

    def arrow(self, source_key, target_key, label: str | None) -> None:
        """bottom-centre of the source to top-centre of the target (straight or an elbow)."""
        s, t = self.symbols[source_key], self.symbols[target_key]
        start = (s.x0 + s.width / 2, s.y0 + s.height)
        end = (t.x0 + t.width / 2, t.y0)
        geometry = "straightConnector1" if abs(start[0] - end[0]) < 1 else "bentConnector2"
        self._line(s, start, end, geometry, (s.shape_id, t.shape_id))
        if label:
            self._label(s, start[0] + 40_000, start[1] + 20_000, label)

    def side_arrow(self, source_key, target_key, label: str | None) -> None:
        """From the source's right point to the target's right point: a loop back drawn as an elbow."""
        s, t = self.symbols[source_key], self.symbols[target_key]
        start = (s.x0 + s.width, s.y0 + s.height / 2)
        end = (t.x0 + t.width, t.y0 + t.height / 2)
        self._line(s, start, end, "bentConnector3", (s.shape_id, t.shape_id))
        if label:
            self._label(s, start[0] + 30_000, start[1] - 200_000, label)

    def _line(self, anchor: _Item, start, end, geometry: str, links) -> None:
        x0, x1 = sorted((start[0], end[0]))
        y0, y1 = sorted((start[1], end[1]))
        self.items.append(_Item("line", anchor.row, anchor.col, x0, y0, x1 - x0, y1 - y0, geometry=geometry,
                                flip_h=end[0] < start[0], flip_v=end[1] < start[1], shape_id=self._id(),
                                links=links))

    def _label(self, anchor: _Item, x: float, y: float, text: str) -> None:
        self.items.append(_Item("label", anchor.row, anchor.col, x, y, 330_000, 180_000, text=text,
                                shape_id=self._id()))


def _txbx(text: str) -> str:
    return (f'<wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="16"/>'
            f'</w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>') if text else ""


def _wsp(item: _Item, dx: float, dy: float, scale: float | None) -> str:
    """A ``wps:wsp``: alone (scale None: its box is the anchor's) or as a group child (scaled frame)."""
    if scale is None:
        off, ext = (0, 0), (item.width, item.height)
        nv = ""
    else:
        off = ((item.x0 + dx) * scale, (item.y0 + dy) * scale)
        ext = (item.width * scale, item.height * scale)
        nv = f'<wps:cNvPr id="{item.shape_id}" name="Shape {item.shape_id}"/>'
    flips = (' flipH="1"' if item.flip_h else "") + (' flipV="1"' if item.flip_v else "")
    xfrm = f'<a:xfrm{flips}><a:off x="{int(off[0])}" y="{int(off[1])}"/><a:ext cx="{int(ext[0])}" cy="{int(ext[1])}"/></a:xfrm>'
    black = '<a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
    if item.kind == "line":
        links = ""
        if scale is not None:
            links = f'<a:stCxn id="{item.links[0]}" idx="2"/><a:endCxn id="{item.links[1]}" idx="0"/>'
        return (f'<wps:wsp>{nv}<wps:cNvCnPr>{links}</wps:cNvCnPr><wps:spPr>{xfrm}<a:prstGeom prst="{item.geometry}">'
                f'<a:avLst/></a:prstGeom><a:ln w="9525">{black}<a:tailEnd type="triangle"/></a:ln></wps:spPr>'
                f'<wps:bodyPr/></wps:wsp>')
    if item.kind == "label":
        return (f'<wps:wsp>{nv}<wps:cNvSpPr txBox="1"/><wps:spPr>{xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                f'<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>{_txbx(item.text)}'
                f'<wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0"/></wps:wsp>')
    return (f'<wps:wsp>{nv}<wps:cNvSpPr/><wps:spPr>{xfrm}<a:prstGeom prst="{PRESET[item.symbol]}"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525">{black}</a:ln></wps:spPr>'
            f'{_txbx(item.text)}<wps:bodyPr anchor="ctr"/></wps:wsp>')


def _pt(emu: float) -> str:
    return f"{emu / 12700:.2f}pt"


def _vml(item: _Item, x: float, y: float) -> str:
    """The VML copy Word writes as the fallback (and the only copy in Word 2003 files)."""
    position = ("position:absolute;margin-left:{};margin-top:{};width:{};height:{};z-index:1;"
                "mso-position-horizontal-relative:text;mso-position-vertical-relative:text")
    if item.kind == "line":
        x1, y1 = (x + item.width, y) if item.flip_v else (x + item.width, y + item.height)
        sx, sy = x, y + item.height if item.flip_v else y
        if item.flip_h:
            sx, x1 = x1, sx
        return (f'<v:line from="{_pt(sx)},{_pt(sy)}" to="{_pt(x1)},{_pt(y1)}" strokeweight=".75pt" '
                f'style="position:absolute;z-index:1;mso-position-horizontal-relative:text;'
                f'mso-position-vertical-relative:text"><v:stroke endarrow="block"/></v:line>')
    style = position.format(_pt(x), _pt(y), _pt(item.width), _pt(item.height))
    text = f'<v:textbox><w:txbxContent><w:p><w:r><w:t>{item.text}</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    if item.kind == "label":
        return f'<v:shape type="#_x0000_t202" style="{style}" filled="f" stroked="f">{text}</v:shape>'
    spt = VML_TYPE[item.symbol]
    return (f'<v:shapetype id="_x0000_t{spt}" coordsize="21600,21600" o:spt="{spt}" path="m,l21600,r,21600l,21600xe"/>'
            f'<v:shape type="#_x0000_t{spt}" style="{style}" strokeweight=".75pt">'
            f'{text if item.text else ""}</v:shape>')


# ------------------------------------------------------------------------------------
# Excel
# ------------------------------------------------------------------------------------
XDR = ('xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def build_xlsx(path: Path, spec: SopSpec, second: SopSpec | None = None, same_sheet: bool = False) -> Path:
    """One SOP per sheet: identity rows then the flowchart, symbols and connectors in the drawing part.

    ``second`` (optional) goes on a second sheet with one *Pelaksana* column of names (no
    shapes), the other Excel layout in use.
    """
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SOP-1"
    anchors = _xlsx_sheet(sheet, spec, shapes=True)
    if second is not None and same_sheet:  # the next SOP below the first, with its shapes
        anchors += _xlsx_sheet(sheet, second, shapes=True, top=16 + len(spec.steps) + 3, id_base=1000)
    elif second is not None:
        _xlsx_sheet(book.create_sheet("SOP-2"), second, shapes=False)
    book.save(str(path))
    _add_drawing(path, anchors)
    return path


def _xlsx_sheet(sheet, spec: SopSpec, shapes: bool, top: int = 0, id_base: int = 0) -> str:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    n_actor_cols = len(spec.actors) if shapes else 1
    widths = [6, 40] + [16] * n_actor_cols + [24, 12, 22, 20]
    for i, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(i + 1)].width = width
    last_col = len(widths)

    def put(row, col, value, to_row=None, to_col=None):
        row, to_row = row + top, (to_row + top if to_row else None)
        sheet.cell(row=row, column=col, value=value).alignment = wrap
        if to_row or to_col:
            sheet.merge_cells(start_row=row, start_column=col, end_row=to_row or row, end_column=to_col or col)

    put(1, 1, "\n".join(spec.unit), 6, 2)
    labels = spec.labels
    rows = [(labels["nomor"], spec.nomor), (labels["pembuatan"], spec.dates[0]), (labels["revisi"], spec.dates[1]),
            (labels["efektif"], spec.dates[2]), (labels["disahkan"], "\n".join(spec.approval)),
            (labels["nama"], spec.nama)]
    for r, (label, value) in enumerate(rows, start=1):
        put(r, 3, label, None, 4)
        put(r, 5, value, None, last_col)
    sheet.row_dimensions[5 + top].height = 110
    mid = 4
    pairs = (("DASAR HUKUM:", spec.dasar_hukum, "KUALIFIKASI PELAKSANA:", spec.kualifikasi),
             ("KETERKAITAN:", spec.keterkaitan, "PERALATAN/PERLENGKAPAN:", spec.peralatan),
             ("PERINGATAN:", spec.peringatan, "PENCATATAN DAN PENDATAAN:", spec.pencatatan))
    for i, (left, left_items, right, right_items) in enumerate(pairs):
        r = 7 + 2 * i
        put(r, 1, left, None, mid)
        put(r, mid + 1, right, None, last_col)
        put(r + 1, 1, "\n".join(left_items), None, mid)
        put(r + 1, mid + 1, "\n".join(right_items), None, last_col)
        sheet.row_dimensions[r + 1 + top].height = 45
    h = 14  # header row
    a0 = 3
    put(h, 1, "No", h + 1)
    put(h, 2, "Uraian Kegiatan", h + 1)
    put(h, a0, "Pelaksana", h + (0 if shapes else 1), a0 + n_actor_cols - 1)
    m0 = a0 + n_actor_cols
    put(h, m0, "Mutu Baku", None, m0 + 2)
    put(h, m0 + 3, "Ket.", h + 1)
    if shapes:
        for i, actor in enumerate(spec.actors):
            put(h + 1, a0 + i, actor)
    for i, name in enumerate(("Persyaratan/Kelengkapan", "Waktu", "Output")):
        put(h + 1, m0 + i, name)
    first = h + 2
    for i, step in enumerate(spec.steps):
        r = first + i
        sheet.row_dimensions[r + top].height = 48
        number = step.number or str(i + 1)
        put(r, 1, int(number) if number.isdigit() else number)
        put(r, 2, step.kegiatan)
        if not shapes:
            put(r, a0, spec.actors[step.actors[0]] if step.mark != "sda" else "sda")
        put(r, m0, "\n".join(step.kelengkapan))
        put(r, m0 + 1, step.waktu)
        put(r, m0 + 2, step.output)
        put(r, m0 + 3, step.keterangan)
    if not shapes:
        return ""
    return _xlsx_anchors(spec, first - 1 + top, a0 - 1, id_base)


def _marker(tag: str, col: int, col_off: int, row: int, row_off: int) -> str:
    return (f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_off}</xdr:colOff><xdr:row>{row}</xdr:row>"
            f"<xdr:rowOff>{row_off}</xdr:rowOff></xdr:{tag}>")


def _xlsx_anchors(spec: SopSpec, first_row: int, first_actor_col: int, id_base: int = 0) -> str:
    """Symbols at fixed offsets inside their cells, connectors glued to them, Ya/Tidak text boxes."""
    col_w = (16 * 7 + 5) * 9525
    row_h = 48 * 12700
    out = []
    ids = {}

    def sp(i, step):
        col, row = first_actor_col + step.actors[0], first_row + i
        ids[i] = id_base + 10 + i
        geom = PRESET[step.symbol]
        return (f'<xdr:twoCellAnchor editAs="oneCell">{_marker("from", col, col_w // 6, row, row_h // 4)}'
                f'{_marker("to", col, col_w * 5 // 6, row, row_h * 3 // 4)}<xdr:sp macro="" textlink="">'
                f'<xdr:nvSpPr><xdr:cNvPr id="{ids[i]}" name="Flowchart {i + 1}"/><xdr:cNvSpPr/></xdr:nvSpPr>'
                f'<xdr:spPr><a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill>'
                f'<a:srgbClr val="000000"/></a:solidFill></a:ln></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>')

    def point(i, side):
        step = spec.steps[i]
        col, row = first_actor_col + step.actors[0], first_row + i
        if side == "bottom":
            return col, col_w // 2, row, row_h * 3 // 4
        if side == "top":
            return col, col_w // 2, row, row_h // 4
        return col, col_w * 5 // 6, row, row_h // 2  # right

    def cxn(a, b, sid, tid, number):
        (c0, co0, r0, ro0), (c1, co1, r1, ro1) = a, b
        flip_h = (c1, co1) < (c0, co0)
        flip_v = (r1, ro1) < (r0, ro0)
        lo_c, hi_c = sorted([(c0, co0), (c1, co1)])
        lo_r, hi_r = sorted([(r0, ro0), (r1, ro1)])
        flips = (' flipH="1"' if flip_h else "") + (' flipV="1"' if flip_v else "")
        return (f'<xdr:twoCellAnchor>{_marker("from", lo_c[0], lo_c[1], lo_r[0], lo_r[1])}'
                f'{_marker("to", hi_c[0], hi_c[1], hi_r[0], hi_r[1])}<xdr:cxnSp macro="">'
                f'<xdr:nvCxnSpPr><xdr:cNvPr id="{id_base + 200 + number}" name="Connector {number}"/><xdr:cNvCxnSpPr>'
                f'<a:stCxn id="{sid}" idx="2"/><a:endCxn id="{tid}" idx="0"/></xdr:cNvCxnSpPr></xdr:nvCxnSpPr>'
                f'<xdr:spPr><a:xfrm{flips}><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
                f'<a:prstGeom prst="bentConnector3"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill>'
                f'<a:srgbClr val="000000"/></a:solidFill><a:tailEnd type="triangle"/></a:ln></xdr:spPr>'
                f'</xdr:cxnSp><xdr:clientData/></xdr:twoCellAnchor>')

    def label(at, text, number):
        c, co, r, ro = at
        return (f'<xdr:oneCellAnchor>{_marker("from", c, co + 30000, r, ro + 30000)}<xdr:ext cx="300000" cy="160000"/>'
                f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{id_base + 300 + number}" name="TextBox {number}"/>'
                f'<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                f'<a:noFill/><a:ln><a:noFill/></a:ln></xdr:spPr><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t>'
                f'</a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>'.replace(
                    "</xdr:twoCellAnchor>", "</xdr:oneCellAnchor>"))

    for i, step in enumerate(spec.steps):
        out.append(sp(i, step))
    branch_from = {b.source - 1 for b in spec.branches}
    for i in range(len(spec.steps) - 1):
        out.append(cxn(point(i, "bottom"), point(i + 1, "top"), id_base + 10 + i, id_base + 11 + i, i))
        if i in branch_from and spec.yes_label:
            out.append(label(point(i, "bottom"), "Ya", i))
    for n, branch in enumerate(spec.branches):
        s, t = branch.source - 1, branch.target - 1
        out.append(cxn(point(s, "right"), point(t, "right"), id_base + 10 + s, id_base + 10 + t, 50 + n))
        if branch.label:
            c, co, r, ro = point(s, "right")
            out.append(label((c, co, r, ro - 200000 if ro > 200000 else 0), branch.label, 50 + n))
    return "".join(out)


def _add_drawing(path: Path, anchors: str) -> None:
    """Put the drawing part into the saved workbook (openpyxl writes no shapes)."""
    import shutil
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/drawings/drawing1.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
            elif info.filename == "xl/worksheets/sheet1.xml":
                root = etree.fromstring(data)
                main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
                drawing = etree.Element(f"{{{main}}}drawing", nsmap={"r": rel})
                drawing.set(f"{{{rel}}}id", "rIdDrawing1")
                after = [c for c in root if etree.QName(c).localname in ("pageMargins", "pageSetup", "headerFooter")]
                (after[-1].addnext(drawing) if after else root.append(drawing))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
        target.writestr("xl/worksheets/_rels/sheet1.xml.rels",
                        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
                        '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdDrawing1" '
                        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
                        'Target="../drawings/drawing1.xml"/></Relationships>')
        target.writestr("xl/drawings/drawing1.xml",
                        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr {XDR}>{anchors}</xdr:wsDr>')
    shutil.move(tmp, path)
