"""Write a synthetic SOP handbook of N SOPs, to measure builds at scale.

    python benchmarks/generate.py OUT_DIR --count N [--plain] [--seed 1]
                                  [--navigation sections|full] [--diagram]

OUT_DIR gets ``mkdocs.yml`` and ``docs/``: one institution, departments (dinas/badan)
with bidang and seksi, about 25 SOPs per unit, one SOP per page (every seventh page
holds two). SOPs have 4-14 steps, 1-5 actors from a shared pool of roles, decisions,
`sop:` continuations and `keterkaitan` to other SOPs of the site (and some free text),
citations of real regulations in many spellings, dates, a few drafts, revoked SOPs and
replacements (`menggantikan`). Everything is seeded: the same arguments write the same
files.

``--plain`` writes the same text as plain Markdown (identity and steps as Markdown
tables) and a ``mkdocs.yml`` without the plugin, to compare against MkDocs alone; its
search is MkDocs' own. The plugin's site has the plugin's search only (Pagefind), as the
README sets a site up: one search box, one index.
``--navigation`` sets the plugin's navigation option (default: the plugin's default);
``--diagram`` keeps the Graphviz diagrams (off by default: they are measured by
benchmarks/diagram_engines.py). ``--steps 6-20 --actors 2-6`` gives the sizes the build
benchmark (benchmarks/run.py) uses; ``--cache-dir DIR`` turns the plugin's cache on.

Build with ``mkdocs build -f OUT_DIR/mkdocs.yml``.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

INSTANSI = "Pemerintah Kabupaten Sintetis"

DEPARTMENTS = [
    "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Penanaman Modal dan PTSP", "Dinas Kesehatan",
    "Dinas Pendidikan", "Dinas Sosial", "Dinas Perhubungan", "Dinas Lingkungan Hidup",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Pengelolaan Keuangan dan Aset Daerah", "Badan Perencanaan Pembangunan Daerah",
    "Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat", "Dinas Komunikasi dan Informatika",
    "Dinas Perdagangan", "Dinas Pertanian", "Dinas Pariwisata", "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
]
BIDANG = ["Bidang Pelayanan", "Bidang Pengendalian", "Bidang Perencanaan", "Sekretariat"]
SEKSI = ["Seksi Administrasi", "Seksi Operasional"]

ROLES = ["Pemohon", "Petugas Loket", "Operator", "Verifikator", "Kepala Seksi", "Kepala Bidang",
         "Sekretaris", "Kepala Dinas", "Bendahara", "Pengadministrasi Umum", "Analis Kebijakan",
         "Arsiparis", "Pejabat Pembuat Komitmen", "Tim Teknis", "Petugas Lapangan", "Pengawas"]

CITATIONS = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "UU No. 25 Tahun 2009",
    "UU 25/2009", "Undang-undang Republik Indonesia Nomor 25 Tahun 2009",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik",
    "PP No. 96 Th. 2012", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "UU Nomor 23 Tahun 2014", "UU No.30 Tahun 2014 tentang Administrasi Pemerintahan",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi",
    "Permen PANRB No. 35 Tahun 2012", "Peraturan Menteri Pendayagunaan Aparatur Negara dan "
    "Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
    "Permendagri Nomor 52 Tahun 2011", "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 "
    "tentang Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
    "Peraturan Daerah Kabupaten Sintetis Nomor 4 Tahun 2016 tentang Pembentukan dan Susunan "
    "Perangkat Daerah", "Perda Kab. Sintetis No. 4 Tahun 2016",
    "Peraturan Bupati Sintetis Nomor 61 Tahun 2021 tentang Kedudukan dan Tugas Perangkat Daerah",
    "Perbup Sintetis No 61 Th 2021", "PP Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
    "Peraturan Pemerintah Republik Indonesia Nomor 12 Tahun 2019",
    "Keputusan Bupati Sintetis Nomor 188.45/210/KPTS/2022",
]

VERBS = ["Menerima", "Memeriksa", "Mencatat", "Memverifikasi", "Menyusun", "Menandatangani",
         "Menyampaikan", "Mengarsipkan", "Memproses", "Meneruskan", "Menelaah", "Menetapkan"]
OBJECTS = ["berkas permohonan", "surat masuk", "data pemohon", "konsep keputusan", "laporan",
           "nota dinas", "dokumen pendukung", "rekapitulasi", "berita acara", "disposisi"]
TIMES = ["5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari", "2 hari kerja",
         "5-10 menit", "1 jam 30 menit", "3 hari", "15 menit; 10 menit"]
DATES = ["2019-07-01", "2020-01-02", "2021-03-15", "Juni 2022", "2023-08-01", "2024-02-01", "2024"]


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(p for p in out.split("-") if p)


def _units() -> list[tuple[str, ...]]:
    units = []
    for dept in DEPARTMENTS:
        for bidang in BIDANG:
            if bidang == "Sekretariat":
                units.append((dept, bidang))
            else:
                for seksi in SEKSI:
                    units.append((dept, bidang, seksi))
    return units


def _plan(count: int, rng: random.Random) -> list[dict]:
    units = _units()
    sops = []
    for i in range(count):
        unit = units[i * len(units) // max(count, 1)]
        dept_no = DEPARTMENTS.index(unit[0]) + 1
        nomor = f"{100 + dept_no}/SOP-{dept_no:02d}/{i + 1:04d}/2024"
        name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {i + 1}".capitalize()
        sops.append({"i": i, "unit": unit, "nomor": nomor, "nama": name})
    return sops


def _sop_data(sop: dict, sops: list[dict], rng: random.Random,
              steps_range: tuple[int, int] = (4, 14), actors_range: tuple[int, int] = (1, 5)) -> dict:
    i = sop["i"]
    actors = rng.sample(ROLES, rng.randint(*actors_range))
    teknis = len(actors) == 1
    n = rng.randint(max(steps_range[0], len(actors)), steps_range[1])
    steps = []
    for k in range(1, n + 1):
        step = {"kegiatan": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                "pelaksana": actors[k - 1] if k <= len(actors) else rng.choice(actors),
                "waktu": rng.choice(TIMES), "output": rng.choice(OBJECTS).capitalize()}
        if 2 < k < n and rng.random() < 0.15:
            step["keputusan"] = "Lengkap?"
            step["tidak"] = k - 1
        steps.append(step)
    if rng.random() < 0.1 and i + 1 < len(sops):
        steps[-1]["lanjut"] = "sop:" + sops[i + 1]["nomor"]
    related = []
    if i > 0 and rng.random() < 0.5:
        related.append(sops[rng.randrange(0, i)]["nomor"])
    if rng.random() < 0.3 and i > 0:
        related.append(sops[rng.randrange(0, i)]["nama"])
    if rng.random() < 0.1:
        related.append("Standar Pelayanan Tahun 2024")
    data = {
        "nomor": sop["nomor"], "nama": sop["nama"], "unit": list(sop["unit"]),
        "jenis": "teknis" if teknis else "administratif",
        "kategori": rng.choice(["pelayanan", "rutin", "penugasan"]),
        "format": "langkah-sederhana" if teknis else "diagram-alir",
        "tanggal_pembuatan": rng.choice(DATES), "tanggal_efektif": rng.choice(DATES),
        "disahkan_oleh": {"jabatan": "Kepala " + sop["unit"][0], "nama": "Nama Pejabat",
                          "nip": "19700101 199001 1 001"},
        "dasar_hukum": rng.sample(CITATIONS, rng.randint(2, 5)),
        "keterkaitan": related,
        "pelaksana": actors,
        "langkah": steps,
    }
    if teknis:
        for step in steps:
            step.pop("keputusan", None)
            step.pop("tidak", None)
            step.pop("lanjut", None)
    roll = rng.random()
    if roll < 0.03:
        data["status"] = "draf"
    elif roll < 0.05:
        data["status"] = "dicabut"
    if i > 0 and rng.random() < 0.03:
        data["menggantikan"] = [sops[i - 1]["nomor"]]
    return data


def _yaml(value, indent: int = 0) -> str:
    """A small, safe YAML writer (every string JSON-quoted)."""
    import json

    pad = " " * indent
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{k}:\n{_yaml(v, indent + 2)}")
            else:
                out.append(f"{pad}{k}: {_scalar(v)}")
        return "\n".join(out)
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                body = _yaml(item, indent + 2)
                out.append(f"{pad}- {body.lstrip()}")
            else:
                out.append(f"{pad}- {_scalar(item)}")
        return "\n".join(out)
    del json
    return pad + _scalar(value)


def _scalar(v) -> str:
    import json

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[]"
    return json.dumps(str(v), ensure_ascii=False)


def _plain(data: dict) -> str:
    def cell(text) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    signer = data["disahkan_oleh"]
    rows = [("Nomor SOP", data["nomor"]), ("Nama SOP", data["nama"]),
            ("Unit", " › ".join(data["unit"])), ("Jenis", data["jenis"]), ("Kategori", data["kategori"]),
            ("Status", data.get("status", "berlaku")),
            ("Tanggal Pembuatan", data["tanggal_pembuatan"]), ("Tanggal Efektif", data["tanggal_efektif"]),
            ("Disahkan oleh", f"{signer['jabatan']}, {signer['nama']}, NIP {signer['nip']}"),
            ("Dasar Hukum", "; ".join(data["dasar_hukum"])),
            ("Keterkaitan", "; ".join(data["keterkaitan"])),
            ("Menggantikan", "; ".join(data.get("menggantikan", []))),
            ("Pelaksana", "; ".join(data["pelaksana"]))]
    out = ["| Identitas | |", "|---|---|"] + [f"| {cell(k)} | {cell(v)} |" for k, v in rows]
    out += ["", "| No | Kegiatan | Pelaksana | Waktu | Output | Keterangan |", "|---|---|---|---|---|---|"]
    for n, step in enumerate(data["langkah"], start=1):
        note = ""
        if "keputusan" in step:
            note = f"{step['keputusan']} Tidak: ke {step['tidak']}"
        elif "lanjut" in step:
            note = f"Lanjut: {step['lanjut']}"
        out.append(f"| {n} | {cell(step['kegiatan'])} | {cell(step['pelaksana'])} | "
                   f"{cell(step['waktu'])} | {cell(step['output'])} | {cell(note)} |")
    return "\n".join(out)


def generate(out_dir: Path, count: int, plain: bool = False, seed: int = 1,
             navigation: str | None = None, diagram: bool = False,
             steps_range: tuple[int, int] = (4, 14), actors_range: tuple[int, int] = (1, 5),
             cache_dir: str | None = None) -> int:
    """Write the site; returns the number of pages written.

    ``steps_range``/``actors_range`` bound the steps and actors of each SOP (the build
    benchmark, benchmarks/run.py, uses 6-20 and 2-6); ``cache_dir`` turns the plugin's
    cache on in that folder (relative to mkdocs.yml; default: cache off)."""
    rng = random.Random(seed)
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    sops = _plan(count, rng)
    pages: dict[Path, list[dict]] = {}
    for idx, sop in enumerate(sops):
        if idx % 7 == 1 and idx > 0:  # every seventh page holds two SOPs
            prev_path = next(reversed(pages))
            pages[prev_path].append(sop)
            continue
        folder = docs.joinpath(*(_slug(u)[:40] for u in sop["unit"]))
        pages.setdefault(folder / f"sop-{sop['i'] + 1:04d}.md", []).append(sop)
    unit_folders: dict[Path, str] = {}
    for path, group in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        parts = [f"# {group[0]['nama']}", ""]
        for sop in group:
            data = _sop_data(sop, sops, rng, steps_range, actors_range)
            if plain:
                parts += ["Prosedur ini berlaku di seluruh unit.", "", f"## {data['nomor']}", "",
                          _plain(data), ""]
            else:
                parts += ["Prosedur ini berlaku di seluruh unit.", "", "```sop", _yaml(data), "```", ""]
        path.write_text("\n".join(parts), encoding="utf-8")
        folder = path.parent
        while folder != docs:
            unit_folders.setdefault(folder, folder.name.replace("-", " ").title())
            folder = folder.parent
    for folder, title in unit_folders.items():  # a short index page per unit folder
        (folder / "index.md").write_text(f"# {title}\n\nProsedur unit ini.\n", encoding="utf-8")
    (docs / "index.md").write_text(f"# Buku Pedoman SOP {INSTANSI}\n\n{count} SOP sintetis.\n",
                                   encoding="utf-8")
    config = [f"site_name: SOP sintetis ({count})", "docs_dir: docs", "theme:", "  name: material",
              "  language: id", "  font: false", "  features:", "    - navigation.sections",
              "    - navigation.indexes", "    - navigation.prune", "plugins:"]
    if plain:
        config += ["  - search"]  # MkDocs' own search: the twin's only one
    else:
        # as the README and docs/pencarian.md set a site up: the plugin's search (Pagefind) and
        # not the theme's too, which would give readers two search boxes and build two indexes
        config += ["  - sop:", f"      institution: {INSTANSI}", "      today: 2025-01-01",
                   f"      diagram: {'true' if diagram else 'false'}"]
        config += ([f"      cache_dir: {cache_dir}"] if cache_dir else ["      cache: false"])
        if navigation:
            config.append(f"      navigation: {navigation}")
    config += ["markdown_extensions:", "  - tables", "  - attr_list", "  - admonition"]
    (out_dir / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return len(pages) + len(unit_folders) + 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--plain", action="store_true", help="plain Markdown tables, no plugin")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--navigation", choices=("sections", "full"), default=None)
    parser.add_argument("--diagram", action="store_true", help="keep Graphviz diagrams")
    parser.add_argument("--steps", default="4-14", help="steps per SOP, LO-HI (run.py: 6-20)")
    parser.add_argument("--actors", default="1-5", help="actors per SOP, LO-HI (run.py: 2-6)")
    parser.add_argument("--cache-dir", default=None, help="turn the plugin's cache on in this folder")
    args = parser.parse_args(argv)
    steps = tuple(int(x) for x in args.steps.split("-"))
    actors = tuple(int(x) for x in args.actors.split("-"))
    pages = generate(args.out_dir, args.count, args.plain, args.seed, args.navigation, args.diagram,
                     steps, actors, args.cache_dir)
    print(f"{args.out_dir}: {args.count} SOPs on {pages} pages")


if __name__ == "__main__":
    main()
