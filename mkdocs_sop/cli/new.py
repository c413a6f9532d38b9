"""``mkdocs-sop new``: a new SOP page with every identity key present and commented."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys

import click

from ..core.fences import find_blocks
from ..core.messages import DEFAULT_LANGUAGE
from ..core.model import slug
from .config import find_config, output_language
from .options import lang_option
from .sources import SOP_YAML_SUFFIXES
from .texts import cli_text


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    from ..core.yamlload import YamlProblem, load

    text = str(text)
    plain_ok = (text == text.strip() and text and "#" not in text and ": " not in text
                and not text.endswith(":") and text[0] not in "!&*[]{}|>'\"%@`,?-")
    if plain_ok:
        try:
            plain_ok = load(f"k: {text}") == {"k": text}
        except YamlProblem:
            plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _yaml_list(items: list[str], indent: str) -> str:
    return "".join(f"\n{indent}- {yaml_scalar(item)}" for item in items)


def new_page(nomor: str, nama: str, unit: list[str], actors: list[str], *, instansi: str = "",
             today: _dt.date | None = None) -> str:
    """A new SOP page: a title, a line of prose and a block with every identity key, commented."""
    today = today or _dt.date.today()
    actors = [a for a in actors if a.strip()] or ["Pelaksana"]
    first, second, last = actors[0], actors[1 % len(actors)], actors[-1]
    unit_hint = "  # unit pemilik SOP; bila bertingkat, daftar dari atas ke bawah"
    unit_lines = (f"unit: {yaml_scalar(unit[0])}{unit_hint}" if len(unit) == 1
                  else f"unit:{unit_hint}{_yaml_list(unit, '  ')}")
    instansi_line = f"instansi: {yaml_scalar(instansi)}" if instansi else "instansi:"
    return f"""# {nama}

Tuliskan di sini tujuan dan ruang lingkup prosedur ini: siapa yang dilayani, di mana
berlaku, dan hal yang perlu diketahui sebelum membaca diagram alirnya.

```sop
nomor: {yaml_scalar(nomor)}  # nomor SOP menurut tata naskah dinas; harus unik di seluruh situs
nama: {yaml_scalar(nama)}  # judul prosedur, diawali kata benda (mis. Penerbitan ...)
{unit_lines}
{instansi_line}  # kosongkan untuk memakai `institution` situs (mkdocs.yml)
jenis: administratif  # administratif, atau teknis (hanya satu pelaksana)
kategori:  # pelayanan, rutin atau penugasan
format: diagram-alir  # diagram-alir, langkah-sederhana atau langkah-berjenjang
tanggal_pembuatan: {today.isoformat()}  # tanggal: 2024-01-10, 14 Juni 2024, Juni 2024 atau 2024
tanggal_revisi:  # isi setiap kali SOP direvisi
tanggal_efektif:  # tanggal SOP mulai berlaku
disahkan_oleh:  # pejabat yang mengesahkan SOP
  jabatan:  # mis. Kepala Dinas ...
  nama:
  pangkat:  # mis. Pembina Utama Muda (IV/c)
  nip:  # dalam tanda kutip, mis. "19700312 199303 1 005"
dasar_hukum:  # peraturan yang menjadi dasar, satu per baris:
  # - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
kualifikasi_pelaksana:  # kompetensi yang harus dimiliki pelaksana, satu per baris
keterkaitan:  # nomor atau nama SOP lain yang berkaitan (menjadi tautan)
peralatan_perlengkapan:  # alat dan formulir yang diperlukan
peringatan:  # akibat bila SOP tidak dilaksanakan
pencatatan_pendataan:  # catatan dan arsip yang dihasilkan
tambahan:  # baris identitas tambahan, mis. `Waktu Pemrosesan: 3 hari kerja`
proses_bisnis:  # kode atau nama proses bisnis (Peta Proses Bisnis)
status: draf  # draf sampai disahkan; lalu berlaku (atau dicabut, digantikan)
menggantikan:  # nomor SOP lama yang digantikan SOP ini
riwayat:  # daftar revisi: `- tanggal: ...` lalu `uraian: ...`
pelaksana:  # kolom pelaksana dari kiri ke kanan{_yaml_list(actors, "  ")}
baris_per_halaman:  # baris diagram per halaman cetak; kosongkan untuk setelan situs
langkah:  # satu butir per kegiatan, berurutan
  - kegiatan: Mengajukan permohonan beserta berkas persyaratan  # kata kerja aktif, tanpa subjek
    pelaksana: {yaml_scalar(first)}
    kelengkapan: Berkas permohonan  # Mutu Baku: kelengkapan
    waktu: 10 menit  # Mutu Baku: waktu
    output: Berkas diterima  # Mutu Baku: output
  - kegiatan: Memeriksa kelengkapan berkas
    pelaksana: {yaml_scalar(second)}
    kelengkapan: Berkas diterima
    waktu: 15 menit
    output: Berkas diperiksa
    keputusan: Berkas lengkap?  # langkah keputusan (belah ketupat)
    tidak: 1  # bila tidak lengkap, kembali ke langkah 1; `ya` lanjut ke langkah berikutnya
  - kegiatan: Menyelesaikan dan menyerahkan hasil layanan
    pelaksana: {yaml_scalar(last)}
    kelengkapan: Berkas diperiksa
    waktu: 1 hari kerja
    output: Hasil layanan
    keterangan: Langkah terakhir mengakhiri prosedur  # catatan bebas
```
"""


@click.command("new", epilog="""\b
Examples:
  mkdocs-sop new sops/layanan/ktp.md          asks for each value (in a terminal)
  mkdocs-sop new sops/layanan/ktp.md \\
      --nomor 470/SOP-PDP/010/2025 --nama "Penerbitan KTP-el" \\
      --unit "Dinas Kependudukan dan Pencatatan Sipil" --unit "Bidang Pelayanan" \\
      --pelaksana Pemohon --pelaksana "Petugas Loket" --pelaksana Operator

The page is written with every identity key present and commented, three example
steps (one of them a decision) and `status: draf`. An existing file is never overwritten.""")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--nomor", "--number", "nomor", metavar="TEXT", help="The SOP number (unique in the site).")
@click.option("--nama", "--name", "nama", metavar="TEXT", help="The procedure's title.")
@click.option("--unit", multiple=True, metavar="TEXT",
              help="The owning unit; repeat for a hierarchy, top first.")
@click.option("--pelaksana", "--actor", "actors", multiple=True, metavar="TEXT",
              help="An actor (a column of the flowchart); repeat, left to right.")
@click.option("--instansi", "--institution", "instansi", default="", metavar="TEXT",
              help="The institution, when it differs from the site's.")
@click.option("--interactive/--no-interactive", default=None,
              help="Ask for missing values (default: when run in a terminal).")
@lang_option("Language of the questions and messages (the page itself is in Indonesian)")
def command(path, nomor, nama, unit, actors, instansi, interactive, language) -> None:
    """Write a new SOP page at PATH (default: <nama>.md in the current folder).

    A PATH ending in `.sop.yaml` gets the block alone, for drafting with an editor's
    schema support; paste it into a page's ```sop block when done.
    """
    if language is None:  # the site's `language` when run next to its mkdocs.yml
        try:
            language = output_language(None, find_config(None))
        except click.UsageError:  # an unreadable mkdocs.yml is no concern of `new`
            language = DEFAULT_LANGUAGE
    if interactive is None:
        interactive = sys.stdin.isatty()
    missing = [flag for flag, value in (("--nomor", nomor), ("--nama", nama), ("--unit", unit),
                                        ("--pelaksana", actors)) if not value]
    if missing and not interactive:
        raise click.UsageError(cli_text("new-missing", language, options=", ".join(missing)))
    if not nomor:
        nomor = click.prompt(cli_text("prompt-nomor", language)).strip()
    if not nama:
        nama = click.prompt(cli_text("prompt-nama", language)).strip()
    if not unit:
        unit = _split(click.prompt(cli_text("prompt-unit", language)))
    if not actors:
        actors = _split(click.prompt(cli_text("prompt-pelaksana", language)))
    if not path:
        path = slug(nama) + ".md"
        if interactive:
            path = click.prompt(cli_text("prompt-path", language), default=path)
    for label, value in (("--nomor", nomor), ("--nama", nama)):
        if not value.strip():
            raise click.UsageError(cli_text("new-empty", language, option=label))
    if not [u for u in unit if u.strip()]:
        raise click.UsageError(cli_text("new-empty", language, option="--unit"))
    text = new_page(nomor.strip(), nama.strip(), [u.strip() for u in unit if u.strip()],
                    [a.strip() for a in actors if a.strip()], instansi=instansi.strip())
    if path.lower().endswith(SOP_YAML_SUFFIXES):  # a draft of the block alone (see docs/vscode.md)
        text = find_blocks(text.splitlines())[0].body + "\n"
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise click.ClickException(cli_text("new-exists", language, path=path)) from None
    click.echo(cli_text("new-wrote", language, path=path))


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]

