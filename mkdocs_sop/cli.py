"""The ``mkdocs-sop`` command: check, create, tidy and export SOPs without building the site.

``lint`` gives the verdicts ``mkdocs build`` gives: it finds blocks with the same fence
finder, parses them with the same :func:`parse_block`, names files the way the plugin
does (relative to the current folder, lines counted in the Markdown file including its
front matter) and runs the same site-wide checks through :class:`Catalogue`. It imports
neither MkDocs nor Python-Markdown, so it answers quickly enough for an editor's
save hook or a pre-commit hook.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from typing import Iterable

import click

from .catalogue.registry import Catalogue, page_url
from .core.fences import find_blocks
from .core.messages import DEFAULT_LANGUAGE, LANGUAGES, language_of, make
from .core.model import Diagnostic, ParseResult, Severity, Sop, Step, slug
from .core.parse import APPROVAL_KEYS, IDENTITY_KEYS, REVISION_KEYS, STEP_KEYS, Key, parse_block

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
SOP_YAML_SUFFIXES = (".sop.yaml", ".sop.yml")

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# The command's own lines (summaries, what it wrote, usage errors), in the language of
# the problem reports: Indonesian unless `--lang en` or the site's `language: en`. Like
# core.messages.HINTS and PHRASES: name -> (English, Indonesian), the same placeholders
# in both (a test checks it). `--help` texts and JSON keys stay English.
TEXTS: dict[str, tuple[str, str]] = {
    # lint
    "lint-summary": ("{sops} SOP(s) in {files} file(s): {errors} error(s), {warnings} warning(s).",
                     "{sops} SOP dalam {files} berkas: {errors} kesalahan, {warnings} peringatan."),
    # new
    "new-wrote": ("Wrote {path}. Fill in the commented keys, then run `mkdocs-sop lint {path}`.",
                  "Berkas {path} sudah dibuat. Lengkapi kunci-kunci yang diberi petunjuk, lalu "
                  "jalankan `mkdocs-sop lint {path}`."),
    "new-exists": ("{path} already exists; not overwritten. Choose another file name, or edit that page.",
                   "Berkas {path} sudah ada dan tidak ditimpa. Pilih nama berkas lain, atau sunting "
                   "halaman itu."),
    "new-missing": ("missing {options} (or run it in a terminal to be asked).",
                    "{options} belum diisi (atau jalankan perintah ini di terminal agar ditanyakan satu "
                    "per satu)."),
    "new-empty": ("{option} must not be empty.", "{option} tidak boleh kosong."),
    "prompt-nomor": ("SOP number (e.g. 470/SOP-PDP/010/2025)", "Nomor SOP (mis. 470/SOP-PDP/010/2025)"),
    "prompt-nama": ("SOP name (the procedure's title)", "Nama SOP (judul prosedur)"),
    "prompt-unit": ("Owning unit (a hierarchy: separate with ';', top first)",
                    "Unit pemilik (bertingkat: pisahkan dengan ';', atas dulu)"),
    "prompt-pelaksana": ("Actors, left to right (separate with ';')",
                         "Pelaksana, kiri ke kanan (pisahkan dengan ';')"),
    "prompt-path": ("File", "Berkas"),
    # fmt
    "fmt-would": ("would reformat {path}", "akan dirapikan: {path}"),
    "fmt-done": ("reformatted {path}", "sudah dirapikan: {path}"),
    "fmt-summary-check": ("{changed} file(s) would be reformatted, {unchanged} unchanged.",
                          "{changed} berkas akan dirapikan, {unchanged} tidak berubah."),
    "fmt-summary": ("{changed} file(s) reformatted, {unchanged} unchanged.",
                    "{changed} berkas dirapikan, {unchanged} tidak berubah."),
    "fmt-left": ("block left as it is: {reason}.", "blok dibiarkan apa adanya: {reason}."),
    "refused-errors": ("it has errors (see `mkdocs-sop lint`); fix them first",
                       "isinya mengandung kesalahan (lihat `mkdocs-sop lint`); perbaiki dulu"),
    "refused-meaning": ("tidying would change what it means (please report this as a bug)",
                        "merapikannya akan mengubah isinya (mohon laporkan ini sebagai kesalahan program)"),
    "refused-not-closed": ("the block is never closed", "pagar penutupnya (```) tidak ada"),
    "refused-yaml": ("the YAML does not parse: {problem}", "YAML tidak dapat dibaca: {problem}"),
    # export
    "export-errors": ("note: {errors} error(s) in the SOPs; SOPs with errors are left out, as the site "
                      "leaves them out. Run `mkdocs-sop lint` to see them.",
                      "catatan: ada {errors} kesalahan dalam SOP; SOP yang mengandung kesalahan tidak "
                      "ikut, sama seperti di situs. Jalankan `mkdocs-sop lint` untuk melihatnya."),
    # usage errors
    "config-unreadable": ("cannot read {path}: {error}", "{path} tidak dapat dibaca: {error}"),
    "config-not-yaml": ("{path} is not valid YAML: {error}", "{path} bukan YAML yang benar: {error}"),
    "no-paths": ("no PATHS given and no mkdocs.yml in this folder. Name the folders or files to "
                 "{command}, e.g. `mkdocs-sop {command} docs`, or run it next to your mkdocs.yml.",
                 "tidak ada folder atau berkas yang disebut (PATHS), dan tidak ada mkdocs.yml di folder "
                 "ini. Sebutkan folder atau berkasnya, misalnya `mkdocs-sop {command} docs`, atau "
                 "jalankan perintah ini di folder tempat mkdocs.yml berada."),
    "no-docs-dir": ("the docs folder of {config} ({folder}) does not exist.",
                    "folder dokumen {config} ({folder}) tidak ada."),
    "no-such-path": ("{path}: no such file or folder.", "{path}: tidak ada berkas atau folder bernama itu."),
}


def cli_text(name: str, language: str = DEFAULT_LANGUAGE, /, **params) -> str:
    """The line ``name`` of :data:`TEXTS` in ``language`` (``en`` for English, else Indonesian)."""
    en, ind = TEXTS[name]
    return (en if language_of(language) == "en" else ind).format(**params)


# ---------------------------------------------------------------------------------
# mkdocs.yml: just what the commands need, without importing MkDocs
# ---------------------------------------------------------------------------------
@dataclass
class SiteConfig:
    """The few settings of a site the commands use."""

    config_file: str = ""
    docs_dir: str = ""
    institution: str = ""
    strict_links: bool = False
    use_directory_urls: bool = True
    exclude_docs: str = ""
    draft_docs: str = ""
    plugin_config: dict = field(default_factory=dict)
    site_name: str = ""
    site_url: str = ""
    language: str = "id"  # the plugin's `language`: of the output and of problem reports


def _config_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe, but tolerant of the tags mkdocs.yml files carry (``!!python/name:``, ``!ENV``)."""

    def _env(loader, node):
        if isinstance(node, yaml.ScalarNode):
            names, default = [loader.construct_scalar(node)], None
        else:
            items = loader.construct_sequence(node)
            names, default = items[:-1], items[-1] if len(items) > 1 else None
        for name in names:
            if name in os.environ:
                return os.environ[name]
        return default

    def _ignore(loader, suffix, node):
        return None

    Loader.add_constructor("!ENV", _env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)
    Loader.add_multi_constructor("!", _ignore)
    return Loader


def load_site_config(path: str, language: str = DEFAULT_LANGUAGE) -> SiteConfig:
    """Read ``docs_dir`` and the ``sop`` plugin's settings from a mkdocs.yml.

    ``language`` is that of the usage error raised when the file cannot be read.
    """
    import yaml

    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.load(handle, Loader=_config_loader())  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise click.UsageError(cli_text("config-unreadable", language, path=path,
                                        error=exc.strerror)) from None
    except yaml.YAMLError as exc:
        raise click.UsageError(cli_text("config-not-yaml", language, path=path, error=exc)) from None
    if not isinstance(data, dict):
        data = {}
    base = os.path.dirname(os.path.abspath(path))
    inherit = data.get("INHERIT")
    if isinstance(inherit, str):  # MkDocs' config inheritance: the parent first, ours on top
        parent = load_site_config(os.path.join(base, inherit), language)
        merged = dict(parent.plugin_config)
        cfg = replace(parent, config_file=path)
    else:
        merged, cfg = {}, SiteConfig(config_file=path, docs_dir=os.path.join(base, "docs"))
    if isinstance(data.get("docs_dir"), str):
        cfg.docs_dir = os.path.join(base, data["docs_dir"])
    if isinstance(data.get("use_directory_urls"), bool):
        cfg.use_directory_urls = data["use_directory_urls"]
    for key in ("exclude_docs", "draft_docs", "site_name", "site_url"):
        if isinstance(data.get(key), str):
            setattr(cfg, key, data[key])
    plugins = data.get("plugins")
    items = plugins.items() if isinstance(plugins, dict) else (
        [(p, None) if isinstance(p, str) else next(iter(p.items()), (None, None))
         for p in plugins if isinstance(p, (str, dict))] if isinstance(plugins, list) else [])
    for name, options in items:
        if name == "sop" and isinstance(options, dict):
            merged.update(options)
    cfg.plugin_config = merged
    if isinstance(merged.get("institution"), str):
        cfg.institution = merged["institution"]
    if isinstance(merged.get("strict_links"), bool):
        cfg.strict_links = merged["strict_links"]
    if merged.get("language") in LANGUAGES:
        cfg.language = merged["language"]
    return cfg


def find_config(config_file: str | None, language: str | None = None) -> SiteConfig | None:
    """The site's settings (``language``: of a usage error, as ``--lang``; default Indonesian)."""
    language = language or DEFAULT_LANGUAGE
    if config_file:
        return load_site_config(config_file, language)
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if os.path.isfile(name):
            return load_site_config(name, language)
    return None


def output_language(option: str | None, cfg: SiteConfig | None) -> str:
    """``--lang`` when given, else the site's ``language``, else Indonesian."""
    return language_of(option or (cfg.language if cfg else DEFAULT_LANGUAGE))


# ---------------------------------------------------------------------------------
# Finding the files, as MkDocs walks docs_dir
# ---------------------------------------------------------------------------------
@dataclass
class Source:
    """One file to look at."""

    path: str  # as given or found on disk
    display: str  # how messages name it (relative to the current folder, like the plugin)
    page: str  # path relative to its root folder, with forward slashes (MkDocs' src_uri)
    yaml_file: bool = False  # a whole-file .sop.yaml

    def read(self) -> str:
        with open(self.path, encoding="utf-8-sig") as handle:
            return handle.read()


def _display(path: str) -> str:
    try:
        return os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive on Windows
        return os.path.abspath(path)


def _sort_key(name: str):
    return (os.path.splitext(name)[0] not in ("index", "README"), name)


def _spec(patterns: str):
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())


def _excluded_by_default(page: str) -> bool:
    """MkDocs' own exclusions (``.*`` and ``/templates/``), without importing pathspec."""
    parts = page.split("/")
    return any(part.startswith(".") for part in parts) or (len(parts) > 1 and parts[0] == "templates")


def walk_sources(paths: Iterable[str], cfg: SiteConfig | None,
                 language: str = DEFAULT_LANGUAGE) -> list[Source]:
    """Markdown files of every folder (recursively, in MkDocs' order) and every named file."""
    extra = [s for s in (_spec(cfg.exclude_docs), _spec(cfg.draft_docs)) if s] if cfg else []
    docs_root = os.path.abspath(cfg.docs_dir) if cfg else ""
    out: list[Source] = []
    seen: set[str] = set()

    def add(path: str, root: str, yaml_file: bool = False) -> None:
        real = os.path.abspath(path)
        if real in seen:
            return
        seen.add(real)
        page = os.path.relpath(real, root).replace(os.sep, "/") if root else os.path.basename(path)
        out.append(Source(path, _display(path), page, yaml_file))

    for given in paths:
        if os.path.isdir(given):
            root = os.path.abspath(given)
            # Inside the site's docs folder, pages are named (and excluded) as MkDocs does.
            if docs_root and (root == docs_root or root.startswith(docs_root + os.sep)):
                root_for_pages, excludes = docs_root, extra
            else:
                root_for_pages, excludes = root, []
            for folder, dirnames, filenames in os.walk(given, followlinks=True):
                dirnames.sort()
                for name in sorted(filenames, key=_sort_key):
                    if not name.lower().endswith(MARKDOWN_SUFFIXES):
                        continue
                    path = os.path.join(folder, name)
                    page = os.path.relpath(os.path.abspath(path), root_for_pages).replace(os.sep, "/")
                    if _excluded_by_default(page) or any(spec.match_file(page) for spec in excludes):
                        continue
                    add(path, root_for_pages)
        elif os.path.isfile(given):
            inside = docs_root and os.path.abspath(given).startswith(docs_root + os.sep)
            add(given, docs_root if inside else os.path.dirname(os.path.abspath(given)),
                given.lower().endswith(SOP_YAML_SUFFIXES))
        else:
            raise click.BadParameter(cli_text("no-such-path", language, path=given), param_hint="PATHS")
    return out


def default_paths(cfg: SiteConfig | None, command: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    if cfg is None:
        raise click.UsageError(cli_text("no-paths", language, command=command))
    if not os.path.isdir(cfg.docs_dir):
        raise click.UsageError(cli_text("no-docs-dir", language, config=cfg.config_file,
                                    folder=_display(cfg.docs_dir)))
    return [cfg.docs_dir]


# ---------------------------------------------------------------------------------
# Checking: the same verdicts as the site build
# ---------------------------------------------------------------------------------
@dataclass
class CheckResult:
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    files: int = 0
    blocks: int = 0

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def check_sources(sources: list[Source], institution: str = "", strict_links: bool = False,
                  use_directory_urls: bool = True, language: str = "id") -> CheckResult:
    """Parse every block of every source into one catalogue, then run the site-wide checks.

    Problems are reported in ``language`` (``id`` or ``en``), as the site build reports them.
    """
    language = language_of(language)
    catalogue = Catalogue(language=language)
    found: list[Diagnostic] = []
    blocks = 0

    def parse(body: str, path: str, first_line: int) -> ParseResult:
        return parse_block(body, path, first_line, default_instansi=institution, language=language)

    for source in sources:
        try:
            text = source.read()
        except (OSError, UnicodeDecodeError) as exc:
            found.append(make("file-unreadable", language, path=source.display, error=exc))
            continue
        if source.yaml_file:
            result = parse(text, source.display, 1)
            results = [result]
            if result.sop is not None:
                catalogue.add(result.sop, source.page, "")
        else:
            if "sop" not in text:
                continue
            results = catalogue.add_page(text, source.page, source.display,
                                         page_url(source.page, use_directory_urls), parse)
            for block in find_blocks(text.splitlines()):
                if not block.closed:
                    found.append(make("block-not-closed", language, path=source.display,
                                      line=block.start + 1))
        blocks += len(results)
        for result in results:
            found.extend(result.diagnostics)
    found.extend(catalogue.finish(strict_links))
    unique = list(dict.fromkeys(found))  # the build reports each problem once
    unique.sort(key=lambda d: (d.path, d.line, d.column))
    return CheckResult(catalogue, unique, len(sources), blocks)


def _diagnostic_json(d: Diagnostic) -> dict:
    return {"path": d.path, "line": d.line, "column": d.column, "severity": d.severity.value,
            "code": d.code, "key": d.key, "message": d.message, "hint": d.hint, "text": d.format()}


# ---------------------------------------------------------------------------------
# The command group
# ---------------------------------------------------------------------------------
@click.group(context_settings=CONTEXT_SETTINGS, epilog="""\b
Examples:
  mkdocs-sop lint                      check every SOP of the site (mkdocs.yml here)
  mkdocs-sop new sops/layanan/ktp.md   start a new SOP page
  mkdocs-sop fmt --check               would tidying change anything? (for CI)
  mkdocs-sop export --format csv       the catalogue, as the site's sop.csv

Run `mkdocs-sop COMMAND --help` for each command's options.""")
@click.version_option(package_name="mkdocs-sop", prog_name="mkdocs-sop")
def main() -> None:
    """Check, create, tidy and export SOPs (Permen PANRB 35/2012) written in ```sop blocks."""


_CONFIG_OPTION = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, exists=True),
    help="The site's mkdocs.yml (default: mkdocs.yml in the current folder, when there is one).")


def _lang_option(what: str = "Language of the messages"):
    return click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
                        help=f"{what}: `id` or `en` (default: the site's `language`, else `id`).")


@main.command(epilog="""\b
Examples:
  mkdocs-sop lint                      every SOP in the docs folder of ./mkdocs.yml
  mkdocs-sop lint sops/disdukcapil     one folder (site-wide checks then see only it)
  mkdocs-sop lint --strict             warnings fail too, like `mkdocs build --strict`
  mkdocs-sop lint --format json > problems.json
  mkdocs-sop lint --lang en            messages in English (default: the site's `language`)

\b
Exit status: 0 no errors (warnings allowed unless --strict), 1 problems found,
2 usage error (unknown option, missing folder).""")
@click.argument("paths", nargs=-1, type=click.Path())
@_CONFIG_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="`text`: path:line:column: severity: message hint [code]; `json`: for machines.")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
              help="Language of the messages: `id` or `en` (default: the site's `language`, else `id`). "
                   "Codes such as [unknown-key] are the same in both.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (as `mkdocs build --strict` fails).")
@click.option("--strict-links/--no-strict-links", default=None,
              help="Warn about `keterkaitan` items naming no SOP (default: the site's `strict_links`).")
@click.option("--institution", default=None, metavar="TEXT",
              help="Default `instansi` (default: the site's `institution`).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on standard error.")
def lint(paths, config_file, output_format, language, strict, strict_links, institution, quiet) -> None:
    """Check SOP blocks with every check the site build runs.

    PATHS are Markdown files or folders (searched recursively); without PATHS, the docs
    folder of the mkdocs.yml in the current folder. A `.sop.yaml` file named here is
    checked as one SOP. Each problem is printed as `path:line:column: severity: message`,
    the form editors and CI annotators understand, ending in its code in brackets
    (`[unknown-key]`); lines count from the top of the Markdown file, front matter
    included.
    """
    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    paths = list(paths) or default_paths(cfg, "lint", language)
    sources = walk_sources(paths, cfg, language)
    result = check_sources(
        sources,
        institution=institution if institution is not None else (cfg.institution if cfg else ""),
        strict_links=strict_links if strict_links is not None else (cfg.strict_links if cfg else False),
        use_directory_urls=cfg.use_directory_urls if cfg else True,
        language=language,
    )
    failed = result.errors > 0 or (strict and result.warnings > 0)
    if output_format == "json":
        click.echo(json.dumps({
            "files": result.files, "sops": len(result.catalogue.entries), "blocks": result.blocks,
            "errors": result.errors, "warnings": result.warnings, "ok": not failed,
            "diagnostics": [_diagnostic_json(d) for d in result.diagnostics],
        }, ensure_ascii=False, indent=2))
    else:
        for diagnostic in result.diagnostics:
            click.echo(diagnostic.format())
        if not quiet:
            click.echo(cli_text("lint-summary", language, sops=len(result.catalogue.entries),
                            files=result.files, errors=result.errors, warnings=result.warnings), err=True)
    sys.exit(1 if failed else 0)


# ---------------------------------------------------------------------------------
# new
# ---------------------------------------------------------------------------------
def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    from .core.yamlload import YamlProblem, load

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


@main.command(epilog="""\b
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
@_lang_option("Language of the questions and messages (the page itself is in Indonesian)")
def new(path, nomor, nama, unit, actors, instansi, interactive, language) -> None:
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


# ---------------------------------------------------------------------------------
# fmt: canonical key order and indentation, text kept byte for byte otherwise
# ---------------------------------------------------------------------------------
# Round-trip YAML libraries re-emit the whole document and move full-line comments to
# the key above them (ruamel.yaml attaches them to the previous value), so the
# formatter works on the text itself: it moves whole lines (a key, its value and the
# comment lines above it) and re-indents sequences, then proves that the block means
# the same by parsing it before and after with the parser the site uses.


def _order(keys: tuple[Key, ...]) -> dict[str, int]:
    out = {}
    for i, key in enumerate(keys):
        out[key.name] = i
        for alias in key.aliases:
            out.setdefault(alias, i)
    return out


_IDENTITY_ORDER = _order(IDENTITY_KEYS)
_STEP_ORDER = _order(STEP_KEYS)
_APPROVAL_ORDER = _order(APPROVAL_KEYS)
_REVISION_ORDER = _order(REVISION_KEYS)
_DASH_PREFIX = re.compile(r"^[ ]*-[ ]+$")


class FormatRefused(Exception):
    """The block is left as it is, for the reason given (``code``: a name of :data:`TEXTS`
    without its ``refused-`` prefix: ``errors``, ``meaning``, ``not-closed``, ``yaml``)."""

    def __init__(self, code: str, language: str = DEFAULT_LANGUAGE, /, **params) -> None:
        super().__init__(cli_text(f"refused-{code}", language, **params))
        self.code = code


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str, max_indent: int | None = None) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and (max_indent is None or _indent_of(line) <= max_indent)


def _content_end(lines: list[str], last_line: int, column: int) -> int:
    """One past the last line belonging to a node whose keys (or items) sit at ``column``."""
    end = last_line + 1
    i = last_line + 1
    while i < len(lines):
        line = lines[i]
        if _is_filler(line):
            i += 1
            continue
        indent = _indent_of(line)
        rest = line[indent:]
        if indent > column or (indent == column and (rest == "-" or rest.startswith("- "))):
            end = i + 1
            i += 1
            continue
        break
    return end


def _mappings(data, order_of=_IDENTITY_ORDER):
    """Every mapping the formatter orders, outermost first, with the order for its keys."""
    from .core.yamlload import LineDict

    if not isinstance(data, LineDict):
        return
    yield data, order_of
    for key, value in data.items():
        name = str(key)
        if order_of is _IDENTITY_ORDER and _IDENTITY_ORDER.get(name) == _IDENTITY_ORDER["disahkan_oleh"]:
            if isinstance(value, LineDict):
                yield value, _APPROVAL_ORDER
        elif order_of is _IDENTITY_ORDER and _IDENTITY_ORDER.get(name) == _IDENTITY_ORDER["riwayat"]:
            for item in value if isinstance(value, list) else ():
                if isinstance(item, LineDict):
                    yield item, _REVISION_ORDER
        elif ((order_of is _IDENTITY_ORDER and _IDENTITY_ORDER.get(name) == _IDENTITY_ORDER["langkah"])
              or (order_of is _STEP_ORDER and _STEP_ORDER.get(name) == _STEP_ORDER["sub"])):
            for item in value if isinstance(value, list) else ():
                yield from _mappings(item, _STEP_ORDER)


def _reorder(lines: list[str], mapping, order_of: dict[str, int]) -> list[str] | None:
    """``lines`` with this mapping's keys in canonical order, or None when already so."""
    keys = sorted(mapping.key_lines, key=lambda k: mapping.key_lines[k])
    wanted = sorted(keys, key=lambda k: order_of.get(str(k), len(order_of)))
    if wanted == keys:
        return None
    key_lines = [mapping.key_lines[k] for k in keys]
    columns = {mapping.key_columns[k] for k in keys}
    if len(set(key_lines)) != len(keys) or len(columns) != 1:
        return None  # a flow mapping ({a: 1, b: 2}) or odd layout: left as written
    column = columns.pop()
    first = key_lines[0]
    prefix = lines[first][:column]
    dash = bool(prefix.strip())
    if dash and not _DASH_PREFIX.match(prefix):
        return None
    if any(lines[line][:column].strip() for line in key_lines[1:]):
        return None
    starts = [first]
    for previous, line in zip(key_lines, key_lines[1:]):
        start = line
        while start - 1 > previous and _is_filler(lines[start - 1], column):
            start -= 1
        starts.append(start)
    end = _content_end(lines, key_lines[-1], column)
    chunks = {k: lines[s:e] for k, s, e in zip(keys, starts, starts[1:] + [end])}
    if dash:  # the first key shares its line with the item's dash
        chunks[keys[0]][0] = " " * column + chunks[keys[0]][0][column:]
    out: list[str] = []
    for i, key in enumerate(wanted):
        chunk = list(chunks[key])
        if i == 0 and dash:
            at = mapping.key_lines[key] - (starts[keys.index(key)])
            chunk[at] = prefix + chunk[at][column:]
        out.extend(chunk)
    return lines[:first] + out + lines[end:]


def _indent_sequences(lines: list[str], data) -> list[str] | None:
    """Indent a block sequence written flush with its key (``langkah:`` / ``- kegiatan``) by two."""
    from .core.yamlload import LineDict, LineList

    def visit(node):
        if isinstance(node, LineDict):
            for key, value in node.items():
                if isinstance(value, LineList) and value.item_lines:
                    column = node.key_columns[key]
                    first = value.item_lines[0]
                    line = lines[first]
                    if (first > node.key_lines[key] and _indent_of(line) == column
                            and line.lstrip(" ").startswith("-")):
                        end = _content_end(lines, value.item_lines[-1], column)
                        return first, end
                found = visit(value)
                if found:
                    return found
        elif isinstance(node, list):
            for item in node:
                found = visit(item)
                if found:
                    return found
        return None

    found = visit(data)
    if not found:
        return None
    first, end = found
    return lines[:first] + [("  " + l if l.strip() else l) for l in lines[first:end]] + lines[end:]


def _canonical(text: str, order: bool = True, indent: bool = True, trailing: bool = True,
               language: str = DEFAULT_LANGUAGE) -> str:
    from .core.yamlload import YamlProblem, load

    lines = text.split("\n")
    if trailing:
        lines = [line.rstrip() for line in lines]
    for _ in range(10_000):  # each pass fixes one mapping or one sequence
        try:
            data = load("\n".join(lines))
        except YamlProblem as exc:
            raise FormatRefused("yaml", language, problem=exc.message) from None
        changed = None
        if order:
            for mapping, order_of in _mappings(data):
                changed = _reorder(lines, mapping, order_of)
                if changed is not None:
                    break
        if changed is None and indent:
            changed = _indent_sequences(lines, data)
        if changed is None or changed == lines:
            break
        lines = changed
    return "\n".join(lines)


def _without_lines(sop: Sop) -> Sop:
    def step(s: Step) -> Step:
        return replace(s, line=0, substeps=tuple(step(x) for x in s.substeps))

    return replace(sop, line=0, lines={}, steps=tuple(step(s) for s in sop.steps))


def _meaning(result: ParseResult):
    return (_without_lines(result.sop) if result.sop else None,
            sorted((d.severity.value, d.key, d.message) for d in result.diagnostics))


def format_block(body: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The block in canonical key order and indentation, meaning unchanged.

    Raises :class:`FormatRefused` (its reason in ``language``) when the block has errors
    (fix them first) or when no rewrite could be proved to mean the same.
    """
    before = parse_block(body)
    if not before.ok:
        raise FormatRefused("errors", language)
    meaning = _meaning(before)
    for options in ({}, {"trailing": False}, {"trailing": False, "indent": False}):
        candidate = _canonical(body, language=language, **options)
        if candidate == body:
            return body
        if _meaning(parse_block(candidate)) == meaning:
            return candidate
    raise FormatRefused("meaning", language)


@dataclass
class FormatOutcome:
    text: str
    changed: bool
    refused: list[tuple[int, str]]  # (1-based line of the fence, reason)
    bug: bool = False  # a block was refused because tidying would change its meaning


def format_text(text: str, yaml_file: bool = False, language: str = DEFAULT_LANGUAGE) -> FormatOutcome:
    """Every ``sop`` block of a Markdown text (or a whole ``.sop.yaml``) formatted.

    The reasons for blocks left as they are are in ``language``.
    """
    if yaml_file:
        try:
            new_text = format_block(text.rstrip("\n"), language) + ("\n" if text.endswith("\n") else "")
        except FormatRefused as exc:
            return FormatOutcome(text, False, [(1, str(exc))], exc.code == "meaning")
        return FormatOutcome(new_text, new_text != text, [])
    lines = text.split("\n")
    refused = []
    bug = False
    for block in reversed(find_blocks(lines)):
        if not block.closed:
            refused.append((block.start + 1, cli_text("refused-not-closed", language)))
            continue
        try:
            body = format_block(block.body, language)
        except FormatRefused as exc:
            refused.append((block.start + 1, str(exc)))
            bug = bug or exc.code == "meaning"
            continue
        if body != block.body:
            indent = block.indent
            lines[block.start + 1: block.end] = [(indent + l if l else l) for l in body.split("\n")]
    new_text = "\n".join(lines)
    return FormatOutcome(new_text, new_text != text, sorted(refused), bug)


@main.command(epilog="""\b
Examples:
  mkdocs-sop fmt                       tidy every SOP in the docs folder of ./mkdocs.yml
  mkdocs-sop fmt sops/setwan --diff    show what would change, write nothing
  mkdocs-sop fmt --check               exit 1 if a file would change (for CI)

\b
Keys are put in the order of the format (nomor, nama, unit, ... langkah; in each
step kegiatan, pelaksana, id, kelengkapan, waktu, output, keterangan, keputusan,
ya, tidak, lanjut, sub) and lists are indented under their key. Comments, quotes,
the alias the editor chose (nama or name) and everything outside the blocks stay
as written. Each block is parsed before and after: if the meaning would change, or
the block has errors, it is left alone and reported.""")
@click.argument("paths", nargs=-1, type=click.Path())
@_CONFIG_OPTION
@click.option("--check", is_flag=True, help="Write nothing; list files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff.")
@_lang_option()
def fmt(paths, config_file, check, show_diff, language) -> None:
    """Tidy SOP blocks: canonical key order and indentation, comments kept."""
    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    paths = list(paths) or default_paths(cfg, "fmt", language)
    changed = unchanged = 0
    refused_any = False
    for source in walk_sources(paths, cfg, language):
        try:
            with open(source.path, encoding="utf-8-sig", newline="") as handle:
                raw = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(make("file-unreadable", language, path=source.display, error=exc).format(), err=True)
            refused_any = True
            continue
        if not source.yaml_file and "sop" not in raw:
            continue
        crlf = "\r\n" in raw
        text = raw.replace("\r\n", "\n")
        outcome = format_text(text, source.yaml_file, language)
        for line, reason in outcome.refused:
            click.echo(f"{source.display}:{line}: warning: {cli_text('fmt-left', language, reason=reason)}",
                       err=True)
        refused_any = refused_any or outcome.bug
        if not outcome.changed:
            unchanged += 1
            continue
        changed += 1
        if show_diff:
            click.echo("".join(difflib.unified_diff(
                text.splitlines(keepends=True), outcome.text.splitlines(keepends=True),
                f"a/{source.display}", f"b/{source.display}")), nl=False)
        elif check:
            click.echo(cli_text("fmt-would", language, path=source.display))
        else:
            with open(source.path, "w", encoding="utf-8", newline="\r\n" if crlf else "\n") as handle:
                handle.write(outcome.text)
            click.echo(cli_text("fmt-done", language, path=source.display))
    summary = "fmt-summary-check" if (check or show_diff) else "fmt-summary"
    click.echo(cli_text(summary, language, changed=changed, unchanged=unchanged), err=True)
    sys.exit(1 if refused_any or (check and changed) else 0)


# ---------------------------------------------------------------------------------
# export: the site's sop.json / sop.csv, without building the site
# ---------------------------------------------------------------------------------
@main.command(epilog="""\b
Examples:
  mkdocs-sop export                          sop.json of the site, on standard output
  mkdocs-sop export --format csv -o sop.csv  the spreadsheet, as a file
  mkdocs-sop export --include-drafts sops    drafts too, from a folder

The data is what the site publishes as sop.json / sop.csv (same functions, same
shapes); site name, URL, language and include_drafts come from mkdocs.yml.""")
@click.argument("paths", nargs=-1, type=click.Path())
@_CONFIG_OPTION
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="`json` as sop.json, `csv` as sop.csv.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Write to this file instead of standard output.")
@click.option("--include-drafts/--no-include-drafts", default=None,
              help="List SOPs with `status: draf` (default: the site's `include_drafts`).")
@_lang_option("Language of the messages (the data keeps the site's `language`)")
def export(paths, config_file, output_format, output, include_drafts, language) -> None:
    """Export the catalogue data of the site without building it."""
    from .catalogue.export import export_csv, export_json

    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    paths = list(paths) or default_paths(cfg, "export", language)
    options = cfg.plugin_config if cfg else {}
    use_directory_urls = cfg.use_directory_urls if cfg else True
    result = check_sources(walk_sources(paths, cfg, language), institution=cfg.institution if cfg else "",
                           strict_links=cfg.strict_links if cfg else False,
                           use_directory_urls=use_directory_urls)
    if include_drafts is None:
        include_drafts = bool(options.get("include_drafts", False))
    make = export_json if output_format == "json" else export_csv
    text = make(result.catalogue, include_drafts=include_drafts,
                site_name=(cfg.site_name if cfg else ""), site_url=(cfg.site_url if cfg else ""),
                language=str(options.get("language", "id")), use_directory_urls=use_directory_urls)
    if output == "-":
        stream = click.get_binary_stream("stdout")
        stream.write(text.encode("utf-8"))
        stream.flush()
    else:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    if result.errors:
        click.echo(cli_text("export-errors", language, errors=result.errors), err=True)


# ---------------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------------
@main.command(epilog="""\b
Examples:
  mkdocs-sop schema > sop.schema.json       a copy for your editor settings
  mkdocs-sop schema --path                  where the installed file is""")
@click.option("--path", "show_path", is_flag=True, help="Print the installed file's path instead.")
def schema(show_path) -> None:
    """Print the JSON Schema of the sop block (for editors' completion and checking)."""
    from importlib import resources

    ref = resources.files("mkdocs_sop").joinpath("schema", "sop.schema.json")
    if show_path:
        click.echo(str(ref))
    else:
        click.echo(ref.read_text(encoding="utf-8"), nl=False)


__all__ = ["main", "check_sources", "walk_sources", "load_site_config", "format_block",
           "format_text", "new_page", "FormatRefused", "TEXTS", "cli_text"]
