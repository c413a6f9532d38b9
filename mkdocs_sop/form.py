"""The SOP form for editors: one page of the handbook and its assets.

The form is a page of the built site (no server beyond the intranet's web server or
shared drive): the editor fills the identity grid, the actor list and one row per step as
on paper, and the page's script (``assets/form/sop-form.js``) writes the ``sop`` block as
``mkdocs-sop fmt`` would, checks it as it is typed, previews the flowchart table, loads a
page back and saves it by download or into the file itself where the browser allows.
Why this route and not a git-based CMS: ``docs/formulir.md``.

Both the MkDocs plugin and a generator-independent step can emit it: :func:`form_assets`
gives every file by its path in the site, :func:`form_page` the page's Markdown, whose
markup is built as an element tree (labels are escaped like any other text).
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from importlib import resources
from typing import Mapping
from urllib.parse import quote

from .core.htmltree import el
from .schema import schema_text

FORM_PAGE = "formulir-sop.md"
ASSET_DIR = "assets/mkdocs-sop/form"
_SOURCES = ("sop-form.js", "sop-form.css", "vendor/js-yaml.min.js", "vendor/ajv2020.min.js",
            "vendor/LICENSE-js-yaml.txt", "vendor/LICENSE-ajv.txt")
_SCRIPTS = ("vendor/js-yaml.min.js", "vendor/ajv2020.min.js", "sop-schema.js", "sop-form.js")

# (field, label key or text, kind); kind: text, list (one item per line), choice
_IDENTITY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("nomor", "nomor", "text"),
    ("nama", "nama", "text"),
    ("unit", "Unit kerja (dari atas ke bawah, satu per baris)", "list"),
    ("instansi", "Instansi (kosongkan bila sama dengan situs)", "text"),
    ("tanggal_pembuatan", "tanggal_pembuatan", "text"),
    ("tanggal_revisi", "tanggal_revisi", "text"),
    ("tanggal_efektif", "tanggal_efektif", "text"),
    ("jenis", "jenis", "choice"),
    ("kategori", "kategori", "choice"),
    ("format", "Format", "choice"),
    ("status", "status", "choice"),
    ("dasar_hukum", "dasar_hukum", "list"),
    ("kualifikasi_pelaksana", "kualifikasi_pelaksana", "list"),
    ("keterkaitan", "keterkaitan", "list"),
    ("peralatan_perlengkapan", "peralatan_perlengkapan", "list"),
    ("peringatan", "peringatan", "list"),
    ("pencatatan_pendataan", "pencatatan_pendataan", "list"),
)
_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "jenis": (("", "Administratif (bawaan)"), ("administratif", "Administratif"), ("teknis", "Teknis")),
    "kategori": (("", "\u2014"), ("pelayanan", "Pelayanan"), ("rutin", "Rutin"), ("penugasan", "Penugasan")),
    "format": (("", "Diagram alir (bawaan)"), ("diagram-alir", "Diagram alir"),
               ("langkah-sederhana", "Langkah sederhana"), ("langkah-berjenjang", "Langkah berjenjang")),
    "status": (("", "Berlaku (bawaan)"), ("berlaku", "Berlaku"), ("draf", "Draf"), ("dicabut", "Dicabut"),
               ("digantikan", "Digantikan")),
}
_HINTS = {
    "tanggal_pembuatan": "Tulis seperti di dokumen, mis. 2 Januari 2023; kosongkan bila tidak ada.",
    "nomor": "Persis seperti di dokumen, mis. 800/SOP-BKPSDM/014/2023.",
    "keterkaitan": "Nomor atau nama SOP lain, satu per baris.",
    "dasar_hukum": "Satu peraturan per baris.",
}
_APPROVAL = (("jabatan", "Jabatan"), ("nama", "Nama"), ("pangkat", "Pangkat"), ("nip", "NIP"))
_STEP_HEADS = ("No", "kegiatan", "pelaksana", "Alur", "kelengkapan", "waktu", "output", "keterangan", "")


def form_assets() -> dict[str, str]:
    """Every file of the form by its path in the site (the script, its style, the libraries, the schema)."""
    base = resources.files("mkdocs_sop").joinpath("assets", "form")
    files = {posixpath.join(ASSET_DIR, name): base.joinpath(name).read_text(encoding="utf-8")
             for name in _SOURCES}
    schema = json.loads(schema_text())
    # a script, not a JSON fetch: the handbook also opens from a shared drive (file://)
    files[posixpath.join(ASSET_DIR, "sop-schema.js")] = (
        "window.SOP_SCHEMA = " + json.dumps(schema, ensure_ascii=False, sort_keys=True) + ";\n")
    return files


def form_page(page_path: str, labels: Mapping[str, str], use_directory_urls: bool = True,
              guide: str = "") -> str:
    """The form page's Markdown for a page at ``page_path`` (a ``.md`` path in the docs folder).

    ``guide``: the ``.md`` path (in the docs folder) of the page explaining the form, linked
    from the introduction.

    Its scripts are raw HTML, which no generator rewrites, so their addresses are made
    relative to where the page is served (``formulir-sop/`` with directory URLs).
    """
    served_in = posixpath.dirname(page_path)
    stem = posixpath.splitext(posixpath.basename(page_path))[0]
    if use_directory_urls and stem not in ("index", "README"):
        served_in = posixpath.join(served_in, stem)
    base = _relative(served_in, ASSET_DIR) + "/"
    intro = ("Isi formulir ini seperti mengisi SOP di kertas. Formulir menulis blok `sop` untuk Anda, "
             "memeriksanya sambil Anda mengetik, dan menyimpannya sebagai halaman buku pedoman. "
             "Semua isian tetap di komputer Anda: tidak ada yang dikirim ke mana pun. "
             "Panduan langkah demi langkah ada di panduan penyunting, bab *Menambahkan SOP ke buku pedoman*.")
    if guide:
        intro += f" Cara kerja formulir ini: [Panduan formulir SOP]({quote(_relative(posixpath.dirname(page_path), guide))})."
    markup = ET.tostring(_form(labels, base), encoding="unicode", method="html")
    scripts = "\n".join(f'<script src="{base}{name}"></script>' for name in _SCRIPTS)
    return (f"---\nhide:\n  - toc\n---\n\n# Formulir SOP\n\n{intro}\n\n"
            f'<link rel="stylesheet" href="{base}sop-form.css">\n\n{markup}\n\n{scripts}\n')


def _relative(from_dir: str, path: str) -> str:
    return posixpath.relpath(path, from_dir or ".")


def _label(labels: Mapping[str, str], key: str) -> str:
    """The site's label for a key (renamed labels included), or the text as given."""
    return labels.get(key, key)


def _form(labels: Mapping[str, str], base: str) -> ET.Element:
    root = el("div", {"id": "sop-form", "lang": "id"}, cls="sop-form")
    _toolbar(root)
    identity = el("section", parent=root, cls="sop-form-identity")
    el("h2", text="1. Identitas SOP", parent=identity)
    grid = el("div", parent=identity, cls="sop-form-grid")
    for field, label, kind in _IDENTITY_FIELDS:
        _identity_field(grid, field, _label(labels, label), kind)
    approval = el("fieldset", parent=identity, cls="sop-form-approval")
    el("legend", text=_label(labels, "disahkan_oleh"), parent=approval)
    for key, text in _APPROVAL:
        wrap = el("label", parent=approval)
        el("span", text=text, parent=wrap)
        el("input", {"type": "text", "data-field": f"approval-{key}"}, parent=wrap)

    actors = el("section", parent=root, cls="sop-form-actor-list")
    el("h2", text="2. Pelaksana", parent=actors)
    wrap = el("label", parent=actors)
    el("span", text="Jabatan pelaksana, satu per baris, urut dari kiri ke kanan seperti kolom di kertas",
       parent=wrap)
    el("textarea", {"data-field": "actors", "rows": "4"}, parent=wrap)

    steps = el("section", parent=root)
    el("h2", text="3. Langkah", parent=steps)
    el("p", text="Satu baris untuk setiap langkah, seperti tabel di kertas. Centang pelaksananya (boleh lebih "
                 "dari satu). Untuk langkah keputusan, centang Keputusan, tulis pertanyaannya, lalu pilih ke "
                 "mana alur berlanjut bila jawabannya Ya dan bila Tidak (\u201cTidak kembali ke 1\u201d: pilih "
                 "langkah 1).", parent=steps, cls="sop-form-hint")
    scroll = el("div", {"tabindex": "0", "role": "region", "aria-label": "Tabel langkah"}, parent=steps,
                cls="sop-form-scroll")
    table = el("table", parent=scroll, cls="sop-form-steps")
    head = el("tr", parent=el("thead", parent=table))
    for key in _STEP_HEADS:
        el("th", {"scope": "col"}, _label(labels, key) if key else "", parent=head)
    el("tbody", parent=table)
    el("button", {"type": "button", "data-action": "add"}, "+ Tambah langkah", parent=steps)

    check = el("section", parent=root, cls="sop-form-check")
    el("h2", text="4. Pemeriksaan", parent=check)
    el("p", {"role": "status"}, parent=check, cls="sop-form-verdict")
    el("ul", parent=check, cls="sop-form-problems")

    preview = el("section", parent=root)
    el("h2", text="5. Pratinjau", parent=preview)
    el("p", text="Tabel diagram alir seperti yang akan dicetak, dengan simbol di kolom pelaksananya. Bedanya "
                 "dengan halaman terbit: garis panah antar simbol, pemotongan per halaman cetak (dengan "
                 "penghubung berhuruf), tabel identitas, dan diagram Graphviz baru digambar setelah halaman "
                 "disimpan ke buku pedoman dan situs dibangun.", parent=preview, cls="sop-form-hint")
    el("div", parent=preview, cls="sop-form-preview")

    result = el("section", parent=root)
    el("h2", text="6. Hasil: halaman Markdown", parent=result)
    el("pre", {"aria-label": "Isi halaman yang akan disimpan"}, parent=result, cls="sop-form-yaml")
    return root


def _toolbar(root: ET.Element) -> None:
    bar = el("div", {"role": "toolbar", "aria-label": "Berkas"}, parent=root, cls="sop-form-bar")
    for action, text in (("open", "Buka halaman\u2026"), ("download", "Unduh halaman (.md)"),
                         ("save", "Simpan ke berkas\u2026"), ("copy", "Salin"), ("new", "SOP baru")):
        el("button", {"type": "button", "data-action": action}, text, parent=bar)
    el("input", {"type": "file", "accept": ".md,.markdown,.yaml,.yml", "hidden": "hidden",
                 "aria-label": "Buka halaman"}, parent=bar, cls="sop-form-file")
    el("p", {"role": "status", "aria-live": "polite"}, parent=root, cls="sop-form-status")
    paste = el("details", parent=root, cls="sop-form-paste-box")
    el("summary", text="Atau tempel halaman atau blok sop yang sudah ada", parent=paste)
    el("textarea", {"rows": "6", "aria-label": "Halaman atau blok yang ditempel"}, parent=paste,
       cls="sop-form-paste")
    el("button", {"type": "button", "data-action": "load-text"}, "Muat ke formulir", parent=paste)


def _identity_field(grid: ET.Element, field: str, label: str, kind: str) -> None:
    wrap = el("label", parent=grid, cls=f"sop-form-field sop-form-{kind}")
    el("span", text=label, parent=wrap)
    if kind == "choice":
        select = el("select", {"data-field": field}, parent=wrap)
        for value, text in _CHOICES[field]:
            el("option", {"value": value}, text, parent=select)
    elif kind == "list":
        el("textarea", {"data-field": field, "rows": "3" if field == "unit" else "2"}, parent=wrap)
    else:
        el("input", {"type": "text", "data-field": field}, parent=wrap)
    if field in _HINTS:
        el("small", text=_HINTS[field], parent=wrap)


__all__ = ["FORM_PAGE", "ASSET_DIR", "form_assets", "form_page"]
