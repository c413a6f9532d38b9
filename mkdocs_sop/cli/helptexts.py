"""The Indonesian of every ``--help`` text and of Click's own words (see :mod:`.localized`).

The commands keep their help in English in the code (Click's docstrings and ``help=``);
this table gives each one its Indonesian, keyed by the English with its spaces and line
breaks folded, so a changed English text without its Indonesian is caught by a test
(tests/cli/test_help_language.py), never shown half-translated without notice.
"""

from __future__ import annotations

import re

import click

# Click's own words: English -> Indonesian
CLICK_WORDS: dict[str, str] = {
    "Usage: ": "Penggunaan: ",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Arguments": "Argumen",
    "[OPTIONS]": "[OPSI]",
    "COMMAND [ARGS]...": "PERINTAH [ARG]...",
    "default": "bawaan",
    "required": "wajib",
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Aborted!": "Dibatalkan!",
    "Show this message and exit.": "Tampilkan bantuan ini, lalu keluar.",
    "Show the version and exit.": "Tampilkan versi program, lalu keluar.",
}

# Click's usage errors: English template -> Indonesian ({message} and {first} are translated in turn)
CLICK_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("{first} Did you mean {possibility}?", "{first} Mungkin maksud Anda {possibility}?"),
    ("{first} (Possible options: {options})", "{first} (Opsi yang mungkin: {options})"),
    ("Invalid value for {param_hint}: {message}", "Nilai {param_hint} tidak sah: {message}"),
    ("Invalid value: {message}", "Nilai tidak sah: {message}"),
    ("Missing argument {param_hint}.{rest}", "Argumen {param_hint} belum diisi.{rest}"),
    ("Missing option {param_hint}.{rest}", "Opsi {param_hint} belum diisi.{rest}"),
    ("Missing parameter {param_hint}.{rest}", "Parameter {param_hint} belum diisi.{rest}"),
    ("No such option {name}.", "Opsi {name} tidak dikenal."),
    ("No such option: {name}", "Opsi {name} tidak dikenal."),
    ("No such command {name}.", "Perintah {name} tidak dikenal."),
    ("Missing command.", "Perintah belum disebut."),
    ("Option {name} requires an argument.", "Opsi {name} memerlukan sebuah nilai."),
    ("Option {name} requires {nargs} arguments.", "Opsi {name} memerlukan {nargs} nilai."),
    ("Option {name} does not take a value.", "Opsi {name} tidak menerima nilai."),
    ("Got unexpected extra argument ({args})", "Ada argumen lebih yang tidak dikenal ({args})"),
    ("Got unexpected extra arguments ({args})", "Ada argumen lebih yang tidak dikenal ({args})"),
    ("{value} is not one of {choices}.", "{value} bukan salah satu dari {choices}."),
    ("{value} is not a valid integer.", "{value} bukan bilangan bulat."),
    ("{value} is not a valid float.", "{value} bukan bilangan."),
    ("{value} is not in the range {range}.", "{value} di luar rentang {range}."),
    ("{value} is not {choice}.", "{value} bukan {choice}."),
    ("File {filename} does not exist.", "Berkas {filename} tidak ada."),
    ("Directory {filename} does not exist.", "Folder {filename} tidak ada."),
    ("Path {filename} does not exist.", "Jalur {filename} tidak ada."),
    ("File {filename} is a directory.", "{filename} adalah folder, bukan berkas."),
    ("Path {filename} is a directory.", "{filename} adalah folder, bukan berkas."),
    ("Directory {filename} is a file.", "{filename} adalah berkas, bukan folder."),
    ("Path {filename} is a file.", "{filename} adalah berkas, bukan folder."),
    ("File {filename} is not readable.", "Berkas {filename} tidak dapat dibaca."),
    ("Path {filename} is not readable.", "{filename} tidak dapat dibaca."),
    ("Directory {filename} is not writable.", "Folder {filename} tidak dapat ditulisi."),
    ("Path {filename} is not writable.", "{filename} tidak dapat ditulisi."),
    ("Could not open file {filename}: {message}", "Berkas {filename} tidak dapat dibuka: {message}"),
)

_CONFIG = ("The site's config file: mkdocs.yml, properdocs.yml or zensical.toml (default: the first of "
           "zensical.toml, properdocs.yml, mkdocs.yml found in the current folder).")
_LANG = "Language of the messages: `id` or `en` (default: the site's `language`, else `id`)."

# Every command's help: English (as in the code) -> Indonesian. "\b" keeps a paragraph's lines as written.
HELP: tuple[tuple[str, str], ...] = (
    # mkdocs-sop
    ("Check, create, tidy and export SOPs (Permen PANRB 35/2012) written in ```sop blocks.",
     "Memeriksa, membuat, merapikan, dan mengekspor SOP (Permen PANRB 35/2012) yang ditulis dalam blok ```sop."),
    ("\b\nExamples:\n  mkdocs-sop lint                      check every SOP of the site (mkdocs.yml here)\n"
     "  mkdocs-sop new sops/layanan/ktp.md   start a new SOP page\n"
     "  mkdocs-sop fmt --check               would tidying change anything? (for CI)\n"
     "  mkdocs-sop export --format csv       the catalogue, as the site's sop.csv\n"
     "  mkdocs-sop search-index site         search for a site built by Zensical/ProperDocs/any\n"
     "  mkdocs-sop form                      the SOP form page, for a site built without the plugin\n"
     "  mkdocs-sop import lama -o impor      Word/Excel SOPs to draft pages, with a review report\n"
     "  mkdocs-sop generate --watch          catalogue pages and data into docs (for Zensical)\n"
     "  mkdocs-sop preview docs/a/b.md       one page in the browser, again after every save\n\n"
     "Run `mkdocs-sop COMMAND --help` for each command's options.",
     "\b\nContoh:\n  mkdocs-sop lint                      periksa setiap SOP situs (mkdocs.yml di folder ini)\n"
     "  mkdocs-sop new sops/layanan/ktp.md   mulai halaman SOP baru\n"
     "  mkdocs-sop fmt --check               adakah yang berubah bila dirapikan? (untuk CI)\n"
     "  mkdocs-sop export --format csv       katalog, seperti sop.csv situs\n"
     "  mkdocs-sop search-index site         pencarian untuk situs dari Zensical/ProperDocs/lainnya\n"
     "  mkdocs-sop form                      halaman formulir SOP, untuk situs tanpa plugin\n"
     "  mkdocs-sop import lama -o impor      SOP Word/Excel menjadi halaman draf, dengan laporan\n"
     "  mkdocs-sop generate --watch          halaman katalog dan data ke folder docs (untuk Zensical)\n"
     "  mkdocs-sop preview docs/a/b.md       satu halaman di peramban, ditampilkan ulang setiap disimpan\n\n"
     "Jalankan `mkdocs-sop PERINTAH --help` untuk opsi setiap perintah. Bahasa Inggris: "
     "MKDOCS_SOP_LANG=en, `--lang en`, atau `language: en` situs."),
    # lint
    ("Check SOP blocks with every check the site build runs.\n\nPATHS are Markdown files or folders (searched "
     "recursively); without PATHS, the docs folder of the site's config file in the current folder (zensical.toml, "
     "properdocs.yml or mkdocs.yml). A `.sop.yaml` file named here is checked as one SOP. Each problem is printed "
     "as `path:line:column: severity: message`, the form editors and CI annotators understand, ending in its code "
     "in brackets (`[unknown-key]`); lines count from the top of the Markdown file, front matter included.",
     "Memeriksa blok SOP dengan semua pemeriksaan yang dijalankan saat situs dibangun.\n\nPATHS adalah berkas "
     "Markdown atau folder (ditelusuri sampai ke subfolder); tanpa PATHS, folder docs dari berkas konfigurasi situs "
     "di folder ini (zensical.toml, properdocs.yml, atau mkdocs.yml). Berkas `.sop.yaml` yang disebut diperiksa "
     "sebagai satu SOP. Setiap masalah dicetak sebagai `berkas:baris:kolom: tingkat: pesan`, bentuk yang dipahami "
     "penyunting teks dan CI, diakhiri kodenya dalam kurung siku (`[unknown-key]`); baris dihitung dari awal "
     "berkas Markdown, termasuk front matter."),
    ("\b\nExamples:\n  mkdocs-sop lint                      every SOP in the docs folder of ./mkdocs.yml\n"
     "  mkdocs-sop lint sops/disdukcapil     one folder (site-wide checks then see only it)\n"
     "  mkdocs-sop lint --strict             warnings fail too, like `mkdocs build --strict`\n"
     "  mkdocs-sop lint --format json > problems.json\n"
     "  mkdocs-sop lint --lang en            messages in English (default: the site's `language`)\n\n"
     "\b\nExit status: 0 no errors (warnings allowed unless --strict), 1 problems found,\n"
     "2 usage error (unknown option, missing folder) or an internal error of mkdocs-sop\n"
     "(a bug, reported as one line naming the file; the other files are still checked).",
     "\b\nContoh:\n  mkdocs-sop lint                      setiap SOP di folder docs dari ./mkdocs.yml\n"
     "  mkdocs-sop lint sops/disdukcapil     satu folder (pemeriksaan antar-SOP hanya melihat folder itu)\n"
     "  mkdocs-sop lint --strict             peringatan juga menggagalkan, seperti `mkdocs build --strict`\n"
     "  mkdocs-sop lint --format json > masalah.json\n"
     "  mkdocs-sop lint --lang en            pesan berbahasa Inggris (bawaan: `language` situs)\n\n"
     "\b\nKode keluar: 0 tidak ada kesalahan (peringatan boleh, kecuali dengan --strict), 1 ada masalah,\n"
     "2 salah penggunaan (opsi tidak dikenal, folder tidak ada) atau kesalahan internal mkdocs-sop\n"
     "(kesalahan program, dilaporkan satu baris dengan nama berkasnya; berkas lain tetap diperiksa)."),
    (_CONFIG, "Berkas konfigurasi situs: mkdocs.yml, properdocs.yml, atau zensical.toml (bawaan: yang pertama "
              "ditemukan di folder ini dari zensical.toml, properdocs.yml, mkdocs.yml)."),
    ("`text`: path:line:column: severity: message hint [code]; `json`: for machines.",
     "`text`: berkas:baris:kolom: tingkat: pesan saran [kode]; `json`: untuk program lain."),
    ("Language of the messages: `id` or `en` (default: the site's `language`, else `id`). Codes such as "
     "[unknown-key] are the same in both.",
     "Bahasa pesan: `id` atau `en` (bawaan: `language` situs, atau `id`). Kode seperti [unknown-key] sama dalam "
     "kedua bahasa."),
    ("Exit 1 on warnings too (as `mkdocs build --strict` fails).",
     "Keluar dengan kode 1 juga bila ada peringatan (seperti `mkdocs build --strict` gagal)."),
    ("Warn about `keterkaitan` items naming no SOP (default: the site's `strict_links`).",
     "Beri peringatan untuk butir `keterkaitan` yang tidak menunjuk SOP mana pun (bawaan: `strict_links` situs)."),
    ("Default `instansi` (default: the site's `institution`).",
     "`instansi` bawaan (bawaan: `institution` situs)."),
    ("No summary line on standard error.", "Tanpa baris ringkasan di keluaran galat (stderr)."),
    # new
    ("Write a new SOP page at PATH (default: <nama>.md in the current folder).\n\nA PATH ending in `.sop.yaml` "
     "gets the block alone, for drafting with an editor's schema support; paste it into a page's ```sop block "
     "when done.",
     "Menulis halaman SOP baru di PATH (bawaan: <nama>.md di folder ini).\n\nPATH yang berakhiran `.sop.yaml` "
     "hanya berisi bloknya, untuk disusun di penyunting teks yang memakai skema; setelah selesai, tempelkan ke "
     "blok ```sop sebuah halaman."),
    ("\b\nExamples:\n  mkdocs-sop new sops/layanan/ktp.md          asks for each value (in a terminal)\n"
     "  mkdocs-sop new sops/layanan/ktp.md \\\n      --nomor 470/SOP-PDP/010/2025 --nama \"Penerbitan KTP-el\" \\\n"
     "      --unit \"Dinas Kependudukan dan Pencatatan Sipil\" --unit \"Bidang Pelayanan\" \\\n"
     "      --pelaksana Pemohon --pelaksana \"Petugas Loket\" --pelaksana Operator\n\n"
     "In a terminal it asks for every identity field of the official grid (Enter skips one) and whether the page "
     "copies an existing SOP: a copy gets only the dates you give, a new SOP is dated today. The page is written "
     "with every identity key present and commented, example steps that give each actor a step (one of them a "
     "decision) and `status: draf`; it passes `mkdocs-sop lint --strict`. An existing file is never overwritten.",
     "\b\nContoh:\n  mkdocs-sop new sops/layanan/ktp.md          menanyakan setiap isian (di terminal)\n"
     "  mkdocs-sop new sops/layanan/ktp.md \\\n      --nomor 470/SOP-PDP/010/2025 --nama \"Penerbitan KTP-el\" \\\n"
     "      --unit \"Dinas Kependudukan dan Pencatatan Sipil\" --unit \"Bidang Pelayanan\" \\\n"
     "      --pelaksana Pemohon --pelaksana \"Petugas Loket\" --pelaksana Operator\n\n"
     "Di terminal, perintah ini menanyakan setiap isian tabel identitas resmi (Enter melewatinya) dan apakah "
     "halaman ini menyalin SOP yang sudah ada: salinan hanya memuat tanggal yang Anda berikan, SOP baru diberi "
     "tanggal hari ini. Halaman ditulis dengan semua kunci identitas beserta petunjuknya, contoh langkah yang "
     "memberi setiap pelaksana satu langkah (salah satunya keputusan), dan `status: draf`; halaman itu lulus "
     "`mkdocs-sop lint --strict`. Berkas yang sudah ada tidak pernah ditimpa."),
    ("The SOP number (unique in the site).", "Nomor SOP (unik di seluruh situs)."),
    ("The procedure's title.", "Judul prosedur."),
    ("The owning unit; repeat for a hierarchy, top first.",
     "Unit pemilik; ulangi untuk unit bertingkat, yang teratas dahulu."),
    ("An actor (a column of the flowchart); repeat, left to right.",
     "Seorang pelaksana (satu kolom diagram alir); ulangi, urut dari kiri ke kanan."),
    ("The institution, when it differs from the site's.", "Instansi, bila berbeda dengan instansi situs."),
    ("The page copies an existing SOP (no date is filled in), or is a new SOP (dated today). Default: asked in a "
     "terminal, else --baru.",
     "Halaman ini menyalin SOP yang sudah ada (tidak ada tanggal yang diisikan), atau SOP baru (bertanggal hari "
     "ini). Bawaan: ditanyakan di terminal, atau --baru."),
    ("Ask for missing values and the other identity fields (default: when run in a terminal).",
     "Tanyakan isian yang belum ada dan isian identitas lainnya (bawaan: bila dijalankan di terminal)."),
    ("Language of the questions and messages (the page itself is in Indonesian): `id` or `en` (default: the "
     "site's `language`, else `id`).",
     "Bahasa pertanyaan dan pesan (halamannya sendiri berbahasa Indonesia): `id` atau `en` (bawaan: `language` "
     "situs, atau `id`)."),
    # fmt
    ("Tidy SOP blocks: canonical key order and indentation, comments kept.",
     "Merapikan blok SOP: urutan kunci dan indentasi baku, komentar dipertahankan."),
    ("\b\nExamples:\n  mkdocs-sop fmt                       tidy every SOP in the docs folder of ./mkdocs.yml\n"
     "  mkdocs-sop fmt sops/setwan --diff    show what would change, write nothing\n"
     "  mkdocs-sop fmt --check               exit 1 if a file would change (for CI)\n\n"
     "\b\nKeys are put in the order of the format (nomor, nama, unit, ... langkah; in each\n"
     "step kegiatan, pelaksana, id, kelengkapan, waktu, output, keterangan, keputusan,\n"
     "ya, tidak, lanjut, sub) and lists are indented under their key. Comments, quotes,\n"
     "the alias the editor chose (nama or name) and everything outside the blocks stay\n"
     "as written. Each block is parsed before and after: if the meaning would change, or\n"
     "the block has errors, it is left alone and reported.",
     "\b\nContoh:\n  mkdocs-sop fmt                       rapikan setiap SOP di folder docs dari ./mkdocs.yml\n"
     "  mkdocs-sop fmt sops/setwan --diff    tampilkan yang akan berubah, tanpa menulis\n"
     "  mkdocs-sop fmt --check               keluar dengan kode 1 bila ada berkas yang akan berubah (CI)\n\n"
     "\b\nKunci diurutkan menurut format (nomor, nama, unit, ... langkah; di setiap langkah\n"
     "kegiatan, pelaksana, id, kelengkapan, waktu, output, keterangan, keputusan,\n"
     "ya, tidak, lanjut, sub) dan daftar diindentasi di bawah kuncinya. Komentar, tanda petik,\n"
     "alias pilihan penyusun (nama atau name), dan semua teks di luar blok tetap seperti\n"
     "ditulis. Setiap blok dibaca sebelum dan sesudahnya: bila artinya akan berubah, atau\n"
     "bloknya mengandung kesalahan, blok itu dibiarkan dan dilaporkan."),
    ("Write nothing; list files that would change and exit 1 if any.",
     "Tidak menulis apa pun; sebutkan berkas yang akan berubah dan keluar dengan kode 1 bila ada."),
    ("Write nothing; print a unified diff.", "Tidak menulis apa pun; cetak perbedaannya (unified diff)."),
    (_LANG, "Bahasa pesan: `id` atau `en` (bawaan: `language` situs, atau `id`)."),
    # export
    ("Export the catalogue data of the site without building it.",
     "Mengekspor data katalog situs tanpa membangun situsnya."),
    ("\b\nExamples:\n  mkdocs-sop export                          sop.json of the site, on standard output\n"
     "  mkdocs-sop export --format csv -o sop.csv  the spreadsheet, as a file\n"
     "  mkdocs-sop export --include-drafts sops    drafts too, from a folder\n\n"
     "The data is what the site publishes as sop.json / sop.csv (same functions, same shapes); site name, URL, "
     "language and include_drafts come from the site's config file.",
     "\b\nContoh:\n  mkdocs-sop export                          sop.json situs, ke keluaran standar\n"
     "  mkdocs-sop export --format csv -o sop.csv  lembar kerja, sebagai berkas\n"
     "  mkdocs-sop export --include-drafts sops    termasuk draf, dari sebuah folder\n\n"
     "Datanya sama dengan yang diterbitkan situs sebagai sop.json / sop.csv (fungsi dan bentuk yang sama); nama "
     "situs, URL, bahasa, dan include_drafts diambil dari berkas konfigurasi situs."),
    ("`json` as sop.json, `csv` as sop.csv.", "`json` seperti sop.json, `csv` seperti sop.csv."),
    ("Write to this file instead of standard output.", "Tulis ke berkas ini, bukan ke keluaran standar."),
    ("List SOPs with `status: draf` (default: the site's `include_drafts`).",
     "Sertakan SOP dengan `status: draf` (bawaan: `include_drafts` situs)."),
    ("Language of the messages (the data keeps the site's `language`): `id` or `en` (default: the site's "
     "`language`, else `id`).",
     "Bahasa pesan (datanya tetap memakai `language` situs): `id` atau `en` (bawaan: `language` situs, atau "
     "`id`)."),
    # schema
    ("Print the JSON Schema of the sop block (for editors' completion and checking).",
     "Mencetak JSON Schema blok sop (untuk pelengkapan dan pemeriksaan di penyunting teks)."),
    ("\b\nExamples:\n  mkdocs-sop schema > sop.schema.json       a copy for your editor settings\n"
     "  mkdocs-sop schema --path                  where the installed file is",
     "\b\nContoh:\n  mkdocs-sop schema > sop.schema.json       salinan untuk pengaturan penyunting teks Anda\n"
     "  mkdocs-sop schema --path                  letak berkas yang terpasang"),
    ("Print the installed file's path instead.", "Cetak letak berkas yang terpasang saja."),
    # search-index
    ("Index a built site for search: Indonesian roots, SOP numbers, facets.",
     "Mengindeks situs yang sudah dibangun untuk pencarian: kata dasar bahasa Indonesia, nomor SOP, faset."),
    ("\b\nExamples:\n  zensical build && mkdocs-sop search-index site\n  mkdocs-sop search-index public --lang en\n\n"
     "Writes SITE_DIR/pagefind/ (the index) and SITE_DIR/sop-search/ (the search box script, its styles, the "
     "site's root words and the facet table); the pages themselves are not changed. Add sop-search/kosakata.js "
     "and sop-search/sop-search.js to the theme's extra JavaScript and sop-search/sop-search.css to its extra CSS "
     "(the MkDocs plugin does this by itself), and turn the theme's own search off (Zensical: plugins: - search: "
     "enabled: false).",
     "\b\nContoh:\n  zensical build && mkdocs-sop search-index site\n  mkdocs-sop search-index public --lang en\n\n"
     "Menulis SITE_DIR/pagefind/ (indeksnya) dan SITE_DIR/sop-search/ (skrip kotak pencarian, gayanya, kata "
     "dasar situs, dan tabel saringannya); halaman-halamannya sendiri tidak diubah. Tambahkan "
     "sop-search/kosakata.js dan sop-search/sop-search.js ke JavaScript tambahan tema, dan "
     "sop-search/sop-search.css ke CSS tambahannya (plugin MkDocs melakukannya sendiri), lalu matikan pencarian "
     "bawaan tema (Zensical: plugins: - search: enabled: false)."),
    # form
    ("Write the SOP form for editors (a page and its scripts) into the docs folder.",
     "Menulis formulir SOP untuk penyusun (sebuah halaman dan skripnya) ke folder docs."),
    ("\b\nExamples:\n  mkdocs-sop form                      into the docs folder of ./mkdocs.yml (or zensical.toml)\n"
     "  mkdocs-sop form docs --page panduan/formulir-sop.md",
     "\b\nContoh:\n  mkdocs-sop form                      ke folder docs dari ./mkdocs.yml (atau zensical.toml)\n"
     "  mkdocs-sop form docs --page panduan/formulir-sop.md"),
    ("The site's mkdocs.yml, properdocs.yml or zensical.toml (default: the one here).",
     "mkdocs.yml, properdocs.yml, atau zensical.toml situs (bawaan: yang ada di folder ini)."),
    ("Path of the form page inside the docs folder.", "Letak halaman formulir di dalam folder docs."),
    # import
    ("Import SOPs from Word (.docx) and Excel (.xlsx) files into draft SOP pages.",
     "Mengimpor SOP dari berkas Word (.docx) dan Excel (.xlsx) menjadi halaman SOP draf."),
    ("\b\nExamples:\n  mkdocs-sop import lama/ -o sops/impor          every .docx/.xlsx under lama/, recursively\n"
     "  mkdocs-sop import sop-kk.docx sop.xlsx -o impor\n\n"
     "\b\nEach SOP found (a file may hold several, after a cover page and the decree) becomes\n"
     "one page in the output folder, named after the SOP's title; an existing file is never\n"
     "overwritten. Every page gets `status: draf`. Readings that rest on a rule of thumb are\n"
     "marked `# DITEBAK:` and unclear ones `# PERIKSA:` at their line; `mkdocs-sop lint`\n"
     "names the lines a person must still complete. The report (standard output) lists per\n"
     "file what was read, what was guessed and how, and what needs a person.\n\n"
     "\b\nExit status: 0 every file imported, 1 a file could not be imported or a page\n"
     "already existed (the others are still written), 2 usage error.",
     "\b\nContoh:\n  mkdocs-sop import lama/ -o sops/impor          setiap .docx/.xlsx di bawah lama/, sampai subfolder\n"
     "  mkdocs-sop import sop-kk.docx sop.xlsx -o impor\n\n"
     "\b\nSetiap SOP yang ditemukan (satu berkas dapat memuat beberapa, sesudah sampul dan surat\n"
     "keputusan) menjadi satu halaman di folder keluaran, dinamai menurut judul SOP; berkas yang\n"
     "sudah ada tidak pernah ditimpa. Setiap halaman diberi `status: draf`. Bacaan yang berdasar\n"
     "perkiraan ditandai `# DITEBAK:` dan yang tidak jelas `# PERIKSA:` pada barisnya; `mkdocs-sop lint`\n"
     "menyebut baris yang masih harus dilengkapi orang. Laporannya (keluaran standar) memuat, per\n"
     "berkas, apa yang terbaca, apa yang ditebak dan bagaimana, dan apa yang perlu diperiksa orang.\n\n"
     "\b\nKode keluar: 0 semua berkas terimpor, 1 ada berkas yang tidak dapat diimpor atau halaman\n"
     "yang sudah ada (yang lain tetap ditulis), 2 salah penggunaan."),
    ("Folder for the new pages (created when missing; existing files are left alone).",
     "Folder untuk halaman baru (dibuat bila belum ada; berkas yang sudah ada dibiarkan)."),
    ("Language of the report and of the comments written in the pages: `id` or `en` (default: the site's "
     "`language`, else `id`).",
     "Bahasa laporan dan komentar yang ditulis di halaman: `id` atau `en` (bawaan: `language` situs, atau `id`)."),
    # generate
    ("Write the catalogue pages, sop.json, sop.csv and assets of the site (for Zensical and others).",
     "Menulis halaman katalog, sop.json, sop.csv, dan aset situs (untuk Zensical dan lainnya)."),
    ("\b\nExamples:\n  mkdocs-sop generate                  catalogue pages, sop.json, sop.csv, assets into docs\n"
     "  mkdocs-sop generate --watch          again after every save (beside `zensical serve`)\n"
     "  mkdocs-sop generate -o build/katalog another folder\n\n"
     "\b\nExit status: 0 no SOP error, 1 an SOP has an error (messages as `mkdocs-sop lint`),\n"
     "2 usage error. With --watch it runs until Ctrl+C.",
     "\b\nContoh:\n  mkdocs-sop generate                  halaman katalog, sop.json, sop.csv, aset ke folder docs\n"
     "  mkdocs-sop generate --watch          lagi setiap kali berkas disimpan (di samping `zensical serve`)\n"
     "  mkdocs-sop generate -o build/katalog folder lain\n\n"
     "\b\nKode keluar: 0 tidak ada kesalahan SOP, 1 ada SOP yang salah (pesannya seperti `mkdocs-sop lint`),\n"
     "2 salah penggunaan. Dengan --watch perintah berjalan terus sampai Ctrl+C."),
    ("Folder to write into (default: the site's docs folder).", "Folder tujuan (bawaan: folder docs situs)."),
    ("Keep running; generate again when a Markdown file changes.",
     "Berjalan terus; buat lagi setiap kali berkas Markdown berubah."),
    # preview
    ("Show one page of the site in the browser, as the site will, again after every save.",
     "Menampilkan satu halaman situs di peramban, seperti di situs nanti, dan menampilkannya ulang setiap kali "
     "disimpan."),
    ("\b\nExamples:\n  mkdocs-sop preview docs/layanan/ktp.md          open the printed address in a browser\n"
     "  mkdocs-sop preview docs/layanan/ktp.md -a 127.0.0.1:8100\n"
     "  mkdocs-sop preview docs/layanan/ktp.md --lang en\n\n"
     "\b\nOnly this page is served: links to other pages open in the built site or under\n"
     "`mkdocs serve`. It runs until Ctrl+C.",
     "\b\nContoh:\n  mkdocs-sop preview docs/layanan/ktp.md          buka alamat yang dicetak di peramban\n"
     "  mkdocs-sop preview docs/layanan/ktp.md -a 127.0.0.1:8100\n"
     "  mkdocs-sop preview docs/layanan/ktp.md --lang en\n\n"
     "\b\nHanya halaman ini yang dilayani: tautan ke halaman lain dibuka di situs yang sudah\n"
     "dibangun atau di `mkdocs serve`. Perintah berjalan terus sampai Ctrl+C."),
    ("Language of the preview and its messages: `id` or `en` (default: the site's `language`, else `id`).",
     "Bahasa pratinjau dan pesannya: `id` atau `en` (bawaan: `language` situs, atau `id`)."),
    ("Address to serve on (default: 127.0.0.1:8000, or the next free port).",
     "Alamat tempat pratinjau dilayani (bawaan: 127.0.0.1:8000, atau port bebas berikutnya)."),
)


def _fold(text: str) -> str:
    return " ".join(text.split())


_HELP_ID: dict[str, str] = {_fold(en): ind for en, ind in HELP}
_HELP_ID.update({_fold(en): ind for en, ind in CLICK_WORDS.items()})


def has_indonesian(text: str) -> bool:
    """True when the table gives this English help text its Indonesian."""
    return _fold(text) in _HELP_ID


def help_text(text: str, language: str) -> str:
    """A help text (a docstring, an epilog, an option's help) in ``language``; English as written."""
    if language == "en" or not text.strip():
        return text
    return _HELP_ID.get(_fold(text), text)


def click_word(word: str, language: str) -> str:
    """One of Click's own words in ``language``."""
    return word if language == "en" else CLICK_WORDS.get(word, word)


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts)), re.S)


_PROBLEMS = tuple((_pattern(en), ind) for en, ind in CLICK_PROBLEMS)


def translate_problem(message: str) -> str:
    """One of Click's English error messages in Indonesian (messages of mkdocs-sop's own, already in
    the language, match no template and are kept)."""
    for pattern, indonesian in _PROBLEMS:
        found = pattern.fullmatch(message)
        if found:
            parts = found.groupdict()
            for key in ("message", "first"):
                if key in parts:
                    parts[key] = translate_problem(parts[key])
            return indonesian.format(**parts)
    return message


def usage_problem(exc: click.ClickException, language: str) -> str:
    """What went wrong, as Click words it, in ``language``."""
    message = exc.format_message()
    return message if language == "en" else translate_problem(message)


__all__ = ["CLICK_WORDS", "CLICK_PROBLEMS", "HELP", "help_text", "click_word", "usage_problem",
           "translate_problem", "has_indonesian"]
