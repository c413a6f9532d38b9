"""``mkdocs-sop new``: a new SOP page with every identity key present and commented."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
from dataclasses import dataclass, replace

import click

from ..core.fences import find_blocks
from ..core.messages import DEFAULT_LANGUAGE
from ..core.model import slug
from ..core.yamltext import yaml_scalar
from .config import find_config, output_language
from .options import lang_option
from .sources import SOP_YAML_SUFFIXES
from .texts import cli_text


def _yaml_list(items: list[str], indent: str) -> str:
    return "".join(f"\n{indent}- {yaml_scalar(item)}" for item in items)


@dataclass(frozen=True)
class Identity:
    """The identity values an editor gave beyond number, name, unit and actors.

    An empty value leaves its key empty, with its hint. ``transcribed``: the page copies
    an SOP that already exists, so no date is invented (a brand-new SOP is dated today).
    """

    instansi: str = ""
    transcribed: bool = False
    tanggal_pembuatan: str = ""
    tanggal_revisi: str = ""
    tanggal_efektif: str = ""
    jabatan: str = ""
    nama_pejabat: str = ""
    pangkat: str = ""
    nip: str = ""
    dasar_hukum: tuple[str, ...] = ()
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan_perlengkapan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan_pendataan: tuple[str, ...] = ()


#: The questions ``new`` asks in a terminal, after number, name and unit, in the order of
#: the official identity grid: (field of :class:`Identity`, is a list). Dates are asked
#: only when the page copies an existing SOP.
IDENTITY_QUESTIONS: tuple[tuple[str, bool], ...] = (
    ("jabatan", False), ("nama_pejabat", False), ("pangkat", False), ("nip", False),
    ("dasar_hukum", True), ("kualifikasi_pelaksana", True), ("keterkaitan", True),
    ("peralatan_perlengkapan", True), ("peringatan", True), ("pencatatan_pendataan", True),
)
DATE_QUESTIONS = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_scalar(text: str) -> str:
    """A date as written (``2024-01-10`` stays a YAML date; ``14 Juni 2021`` stays text)."""
    return text if _ISO_DATE.fullmatch(text) else yaml_scalar(text)


def _key(name: str, value: str, hint: str, scalar=yaml_scalar) -> str:
    return f"{name}: {scalar(value)}  # {hint}" if value else f"{name}:  # {hint}"


def _key_list(name: str, items: tuple[str, ...], hint: str, example: str = "") -> str:
    if items:
        return f"{name}:  # {hint}{_yaml_list(list(items), '  ')}"
    return f"{name}:  # {hint}" + (f"\n  # {example}" if example else "")


def _approval_lines(identity: Identity) -> str:
    rows = (("jabatan", identity.jabatan, "  # mis. Kepala Dinas ..."), ("nama", identity.nama_pejabat, ""),
            ("pangkat", identity.pangkat, "  # mis. Pembina Utama Muda (IV/c)"),
            ("nip", identity.nip, '  # dalam tanda kutip, mis. "19700312 199303 1 005"'))
    quoted = {"nip": lambda v: json.dumps(v, ensure_ascii=False)}  # a NIP stays text if its spaces go
    return "\n".join(f"  {key}: {quoted.get(key, yaml_scalar)(value)}" if value else f"  {key}:{hint}"
                     for key, value, hint in rows)


def _step_lines(actors: list[str]) -> str:
    """Example steps giving every actor a step (an actor without one would be a warning)."""
    first, second, last = actors[0], actors[1 % len(actors)], actors[-1]
    middle = actors[2:-1]
    steps = [f"""  - kegiatan: Mengajukan permohonan beserta berkas persyaratan  # kata kerja aktif, tanpa subjek
    pelaksana: {yaml_scalar(first)}
    kelengkapan: Berkas permohonan  # Mutu Baku: kelengkapan
    waktu: 10 menit  # Mutu Baku: waktu
    output: Berkas diterima  # Mutu Baku: output""", f"""  - kegiatan: Memeriksa kelengkapan berkas
    pelaksana: {yaml_scalar(second)}
    kelengkapan: Berkas diterima
    waktu: 15 menit
    output: Berkas diperiksa
    keputusan: Berkas lengkap?  # langkah keputusan (belah ketupat)
    tidak: 1  # bila tidak lengkap, kembali ke langkah 1; `ya` lanjut ke langkah berikutnya"""]
    steps += [f"""  - kegiatan: Memproses berkas
    pelaksana: {yaml_scalar(actor)}
    kelengkapan: Berkas diperiksa
    waktu: 1 jam
    output: Berkas diproses""" for actor in middle]
    steps.append(f"""  - kegiatan: Menyelesaikan dan menyerahkan hasil layanan
    pelaksana: {yaml_scalar(last)}
    kelengkapan: {"Berkas diproses" if middle else "Berkas diperiksa"}
    waktu: 1 hari kerja
    output: Hasil layanan
    keterangan: Langkah terakhir mengakhiri prosedur  # catatan bebas""")
    return "\n".join(steps)


def new_page(nomor: str, nama: str, unit: list[str], actors: list[str], *,
             identity: Identity = Identity(), today: _dt.date | None = None) -> str:
    """A new SOP page: a title, a line of prose and a block with every identity key, commented.

    Every actor has a step in the example flow, so the page passes ``lint --strict``.
    ``today`` dates a brand-new SOP; a transcribed one keeps only the dates given.
    """
    today = today or _dt.date.today()
    actors = [a for a in actors if a.strip()] or ["Pelaksana"]
    unit_hint = "  # unit pemilik SOP; bila bertingkat, daftar dari atas ke bawah"
    unit_lines = (f"unit: {yaml_scalar(unit[0])}{unit_hint}" if len(unit) == 1
                  else f"unit:{unit_hint}{_yaml_list(unit, '  ')}")
    created = identity.tanggal_pembuatan if identity.transcribed else (identity.tanggal_pembuatan
                                                                         or today.isoformat())
    status_hint = ("draf sampai salinan ini diperiksa sama dengan aslinya; lalu berlaku" if identity.transcribed
                   else "draf sampai disahkan; lalu berlaku (atau dicabut, digantikan)")
    return f"""# {nama}

Tuliskan di sini tujuan dan ruang lingkup prosedur ini: siapa yang dilayani, di mana
berlaku, dan hal yang perlu diketahui sebelum membaca diagram alirnya.

```sop
nomor: {yaml_scalar(nomor)}  # nomor SOP menurut tata naskah dinas; harus unik di seluruh situs
nama: {yaml_scalar(nama)}  # judul prosedur, diawali kata benda (mis. Penerbitan ...)
{unit_lines}
{_key("instansi", identity.instansi, "kosongkan untuk memakai `institution` situs (mkdocs.yml)")}
jenis: administratif  # administratif, atau teknis (hanya satu pelaksana)
kategori:  # pelayanan, rutin atau penugasan
format: diagram-alir  # diagram-alir, langkah-sederhana atau langkah-berjenjang
{_key("tanggal_pembuatan", created, "tanggal: 2024-01-10, 14 Juni 2024, Juni 2024 atau 2024", _date_scalar)}
{_key("tanggal_revisi", identity.tanggal_revisi, "isi setiap kali SOP direvisi", _date_scalar)}
{_key("tanggal_efektif", identity.tanggal_efektif, "tanggal SOP mulai berlaku", _date_scalar)}
disahkan_oleh:  # pejabat yang mengesahkan SOP
{_approval_lines(identity)}
{_key_list("dasar_hukum", identity.dasar_hukum, "peraturan yang menjadi dasar, satu per baris:",
           "- Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik")}
{_key_list("kualifikasi_pelaksana", identity.kualifikasi_pelaksana,
           "kompetensi yang harus dimiliki pelaksana, satu per baris")}
{_key_list("keterkaitan", identity.keterkaitan, "nomor atau nama SOP lain yang berkaitan (menjadi tautan)")}
{_key_list("peralatan_perlengkapan", identity.peralatan_perlengkapan, "alat dan formulir yang diperlukan")}
{_key_list("peringatan", identity.peringatan, "akibat bila SOP tidak dilaksanakan")}
{_key_list("pencatatan_pendataan", identity.pencatatan_pendataan, "catatan dan arsip yang dihasilkan")}
tambahan:  # baris identitas tambahan, mis. `Waktu Pemrosesan: 3 hari kerja`
proses_bisnis:  # kode atau nama proses bisnis (Peta Proses Bisnis)
status: draf  # {status_hint}
tanggal_dicabut:  # bila dicabut/digantikan: sejak kapan tidak berlaku lagi
alasan_dicabut:  # bila dicabut/digantikan: alasan atau keputusan pencabutannya
menggantikan:  # nomor SOP lama yang digantikan SOP ini
riwayat:  # daftar revisi: `- tanggal: ...` lalu `uraian: ...`
pelaksana:  # kolom pelaksana dari kiri ke kanan{_yaml_list(actors, "  ")}
baris_per_halaman:  # baris diagram per halaman cetak; kosongkan untuk setelan situs
langkah:  # satu butir per kegiatan, berurutan
{_step_lines(actors)}
```
"""


_ANSWERS = {"ya": True, "y": True, "yes": True, "tidak": False, "t": False, "no": False, "n": False}


def _ask_yes_no(question: str, default: str, language: str) -> bool:
    """An answer ``ya``/``tidak`` (or ``y``/``t``, ``yes``/``no``, ``n``), in either language; asked
    again, with the reason in the language (Click's own retry line starts with an English "Error:")."""
    while True:
        answer = click.prompt(question, default=default)
        found = _ANSWERS.get(str(answer).strip().lower())
        if found is not None:
            return found
        click.echo(cli_text("yes-no-invalid", language, value=answer), err=True)


def _ask(name: str, language: str) -> str:
    """An optional question: Enter gives ``""``."""
    return click.prompt(cli_text(f"prompt-{name}", language), default="", show_default=False).strip()


def _ask_identity(identity: Identity, transcribed: bool | None, language: str) -> Identity:
    """Every identity field of the official grid, in its order; Enter skips any of them."""
    click.echo(cli_text("prompt-skip", language))
    answers: dict = {"instansi": identity.instansi or _ask("instansi", language)}
    if transcribed is None:
        no = "tidak" if language != "en" else "no"
        transcribed = _ask_yes_no(cli_text("prompt-transcribed", language), no, language)
    answers["transcribed"] = transcribed
    if transcribed:  # a copy keeps the original's dates; none is invented
        answers.update({name: _ask(name, language) for name in DATE_QUESTIONS})
    for name, is_list in IDENTITY_QUESTIONS:
        answer = _ask(name, language)
        answers[name] = tuple(_split(answer)) if is_list else answer
    return replace(identity, **answers)


@click.command("new", epilog="""\b
Examples:
  mkdocs-sop new sops/layanan/ktp.md          asks for each value (in a terminal)
  mkdocs-sop new sops/layanan/ktp.md \\
      --nomor 470/SOP-PDP/010/2025 --nama "Penerbitan KTP-el" \\
      --unit "Dinas Kependudukan dan Pencatatan Sipil" --unit "Bidang Pelayanan" \\
      --pelaksana Pemohon --pelaksana "Petugas Loket" --pelaksana Operator

In a terminal it asks for every identity field of the official grid (Enter skips
one) and whether the page copies an existing SOP: a copy gets only the dates you
give, a new SOP is dated today. The page is written with every identity key present
and commented, example steps that give each actor a step (one of them a decision) and
`status: draf`; it passes `mkdocs-sop lint --strict`. An existing file is never
overwritten.""")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--nomor", "--number", "nomor", metavar="TEXT", help="The SOP number (unique in the site).")
@click.option("--nama", "--name", "nama", metavar="TEXT", help="The procedure's title.")
@click.option("--unit", multiple=True, metavar="TEXT",
              help="The owning unit; repeat for a hierarchy, top first.")
@click.option("--pelaksana", "--actor", "actors", multiple=True, metavar="TEXT",
              help="An actor (a column of the flowchart); repeat, left to right.")
@click.option("--instansi", "--institution", "instansi", default="", metavar="TEXT",
              help="The institution, when it differs from the site's.")
@click.option("--salinan/--baru", "transcribed", default=None,
              help="The page copies an existing SOP (no date is filled in), or is a new SOP (dated "
                   "today). Default: asked in a terminal, else --baru.")
@click.option("--interactive/--no-interactive", default=None,
              help="Ask for missing values and the other identity fields (default: when run in a terminal).")
@lang_option("Language of the questions and messages (the page itself is in Indonesian)")
def command(path, nomor, nama, unit, actors, instansi, transcribed, interactive, language) -> None:
    """Write a new SOP page at PATH (default: <nama>.md in the current folder).

    A PATH ending in `.sop.yaml` gets the block alone, for drafting with an editor's
    schema support; paste it into a page's ```sop block when done.
    """
    if language is None:  # the site's `language` when run next to its config file
        try:
            language = output_language(None, find_config(None))
        except click.UsageError:  # an unreadable config file is no concern of `new`
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
    identity = Identity(instansi=instansi.strip(), transcribed=bool(transcribed))
    if interactive:
        identity = _ask_identity(identity, transcribed, language)
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
                    [a.strip() for a in actors if a.strip()], identity=identity)
    _write_new(path, text, language)


def _write_new(path: str, text: str, language: str) -> None:
    """Write the page (or, for a ``.sop.yaml`` path, the block alone); never overwrite."""
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
