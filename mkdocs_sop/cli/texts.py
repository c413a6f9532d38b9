"""The command line's own lines, in English and Indonesian (one table for every command)."""

from __future__ import annotations

from ..core.messages import DEFAULT_LANGUAGE, language_of

# The command's own lines (summaries, what it wrote, usage errors), in the language of
# the problem reports: Indonesian unless `--lang en` or the site's `language: en`. Like
# core.messages.HINTS and PHRASES: name -> (English, Indonesian), the same placeholders
# in both (a test checks it). `--help` texts and JSON keys stay English.
TEXTS: dict[str, tuple[str, str]] = {
    # lint
    "lint-summary": ("{sops} SOP(s) in {files} file(s): {errors} error(s), {warnings} warning(s).",
                     "{sops} SOP dalam {files} berkas: {errors} kesalahan, {warnings} peringatan."),
    # generate
    "generate-summary": ("{sops} SOP(s): {files} generated file(s) in {folder}, {written} changed; "
                         "{errors} error(s), {warnings} warning(s).",
                         "{sops} SOP: {files} berkas hasil di {folder}, {written} berubah; "
                         "{errors} kesalahan, {warnings} peringatan."),
    "generate-extensions": ("{config}: warning: markdown_extensions lists its own extensions without {missing}; "
                            "add them, or the catalogue pages show their tables and links as plain text "
                            "(the MkDocs plugin adds them by itself).",
                            "{config}: peringatan: markdown_extensions tidak memuat {missing}; tambahkan, sebab "
                            "tanpa itu tabel dan tautan halaman katalog tampil sebagai teks biasa "
                            "(plugin MkDocs menambahkannya sendiri)."),
    "generate-no-extension": ("{config}: warning: markdown_extensions does not list `mkdocs_sop`; Zensical "
                              "(which skips MkDocs plugins) will show every `sop` block as code. Add "
                              "`- mkdocs_sop` under markdown_extensions (see Memilih generator).",
                              "{config}: peringatan: markdown_extensions tidak memuat `mkdocs_sop`; Zensical "
                              "(yang melewati plugin MkDocs) akan menampilkan setiap blok `sop` sebagai kode. "
                              "Tambahkan `- mkdocs_sop` di bawah markdown_extensions (lihat Memilih generator)."),
    "generate-watching": ("Watching {folder} for saved pages (Ctrl+C stops).",
                          "Memantau {folder}: setiap halaman yang disimpan diolah lagi (Ctrl+C untuk berhenti)."),
    # preview
    "preview-serving": ("Preview of {path}: {url} (shown again at every save; Ctrl+C stops).",
                        "Pratinjau {path}: {url} (ditampilkan ulang setiap kali disimpan; Ctrl+C untuk berhenti)."),
    "preview-rendered": ("{time} {path}: {errors} error(s), {warnings} warning(s); rendered in {seconds} s.",
                         "{time} {path}: {errors} kesalahan, {warnings} peringatan; dirender dalam {seconds} detik."),
    "preview-title": ("Preview", "Pratinjau"),
    "preview-heading": ("One-page preview of {path}.", "Pratinjau satu halaman: {path}."),
    "preview-banner": ("It is shown again each time the file is saved, with the site's settings and its "
                       "errors and warnings. Links to other pages do not open here: open them in the built "
                       "site or under `mkdocs serve`.",
                       "Halaman ini ditampilkan ulang setiap kali berkasnya disimpan, dengan pengaturan situs "
                       "serta kesalahan dan peringatannya. Tautan ke halaman lain tidak dibuka di sini: "
                       "bukalah di situs yang sudah dibangun atau di `mkdocs serve`."),
    "preview-status": ("{errors} error(s), {warnings} warning(s); rendered at {time}.",
                       "{errors} kesalahan, {warnings} peringatan; dirender pukul {time}."),
    "preview-problems": ("Problems on this page ({count})", "Masalah di halaman ini ({count})"),
    "preview-stopped": ("The preview has stopped: this page is no longer updated. Run `mkdocs-sop preview` again.",
                        "Pratinjau sudah berhenti: halaman ini tidak diperbarui lagi. Jalankan `mkdocs-sop "
                        "preview` lagi."),
    "preview-not-here": ("This preview shows only {path}. Other pages open in the built site or under "
                         "`mkdocs serve`.",
                         "Pratinjau ini hanya menampilkan {path}. Halaman lain dibuka di situs yang sudah "
                         "dibangun atau di `mkdocs serve`."),
    "preview-back": ("Back to the preview", "Kembali ke pratinjau"),
    "preview-no-config": ("no mkdocs.yml, properdocs.yml or zensical.toml in this folder: run the preview "
                          "next to your site's config file, or name it with -f.",
                          "tidak ada mkdocs.yml, properdocs.yml atau zensical.toml di folder ini: jalankan "
                          "pratinjau di folder berkas konfigurasi situs, atau sebutkan berkas itu dengan -f."),
    "preview-not-in-docs": ("{path} is not a page of the site: it is not inside its docs folder ({folder}).",
                            "{path} bukan halaman situs: berkas itu tidak berada di dalam folder docs-nya "
                            "({folder})."),
    "preview-not-markdown": ("{path} is not a Markdown page (.md).", "{path} bukan halaman Markdown (.md)."),
    "preview-address": ("{address} is not an address of the form IP:PORT, e.g. 127.0.0.1:8000.",
                        "{address} bukan alamat berbentuk IP:PORT, misalnya 127.0.0.1:8000."),
    "preview-address-busy": ("cannot serve on {address}: {error}. Choose another with -a, e.g. -a 127.0.0.1:8001.",
                             "tidak dapat melayani di {address}: {error}. Pilih alamat lain dengan -a, "
                             "misalnya -a 127.0.0.1:8001."),
    "preview-extension-skipped": ("note: the Markdown extension `{name}` of the site could not be loaded for the "
                                  "preview ({error}); pages are shown without it.",
                                  "catatan: ekstensi Markdown `{name}` situs tidak dapat dimuat untuk pratinjau "
                                  "({error}); halaman ditampilkan tanpa ekstensi itu."),
    "preview-markdown-failed": ("note: the site's Markdown extensions failed on this page ({error}); it is shown "
                                "with the basic ones only.",
                                "catatan: ekstensi Markdown situs gagal pada halaman ini ({error}); halaman "
                                "ditampilkan dengan ekstensi dasar saja."),
    "internal-error": ("{path}: internal error: {error}. This is a bug of mkdocs-sop, not a mistake in the "
                       "SOP; please report it together with that file.",
                       "{path}: kesalahan internal: {error}. Ini kesalahan program mkdocs-sop, bukan kesalahan "
                       "penulisan SOP; mohon laporkan beserta berkas itu."),
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
    "prompt-skip": ("Press Enter to skip a question; the key then stays empty, with its hint.",
                    "Tekan Enter untuk melewati pertanyaan; kuncinya lalu dibiarkan kosong, dengan petunjuknya."),
    "prompt-instansi": ("Institution (empty: the site's `institution`)",
                        "Instansi (kosong: memakai `institution` situs)"),
    "prompt-transcribed": ("Is this a copy of an SOP that already exists (e.g. a signed paper SOP)? (yes/no)",
                           "Apakah ini salinan SOP yang sudah ada (mis. SOP kertas yang sudah disahkan)? (ya/tidak)"),
    "prompt-tanggal_pembuatan": ("Date made, as on the original (e.g. 14 Juni 2021)",
                                 "Tanggal pembuatan, seperti pada aslinya (mis. 14 Juni 2021)"),
    "prompt-tanggal_revisi": ("Date revised, as on the original", "Tanggal revisi, seperti pada aslinya"),
    "prompt-tanggal_efektif": ("Date effective, as on the original", "Tanggal efektif, seperti pada aslinya"),
    "prompt-jabatan": ("Approved by: position (e.g. Kepala Dinas ...)",
                       "Disahkan oleh: jabatan (mis. Kepala Dinas ...)"),
    "prompt-nama_pejabat": ("Approved by: name", "Disahkan oleh: nama"),
    "prompt-pangkat": ("Approved by: rank (e.g. Pembina Utama Muda (IV/c))",
                       "Disahkan oleh: pangkat (mis. Pembina Utama Muda (IV/c))"),
    "prompt-nip": ("Approved by: NIP", "Disahkan oleh: NIP"),
    "prompt-dasar_hukum": ("Legal basis (separate with ';')", "Dasar hukum (pisahkan dengan ';')"),
    "prompt-kualifikasi_pelaksana": ("Qualifications of the actors (separate with ';')",
                                     "Kualifikasi pelaksana (pisahkan dengan ';')"),
    "prompt-keterkaitan": ("Related SOPs, by number or name (separate with ';')",
                           "Keterkaitan: nomor atau nama SOP lain (pisahkan dengan ';')"),
    "prompt-peralatan_perlengkapan": ("Equipment (separate with ';')",
                                      "Peralatan/perlengkapan (pisahkan dengan ';')"),
    "prompt-peringatan": ("Warning: what happens if the SOP is not followed (separate with ';')",
                          "Peringatan: akibat bila SOP tidak dilaksanakan (pisahkan dengan ';')"),
    "prompt-pencatatan_pendataan": ("Records kept (separate with ';')",
                                    "Pencatatan dan pendataan (pisahkan dengan ';')"),
    "yes-no-invalid": ("{value!r}: answer yes or no.", "{value!r}: jawab ya atau tidak."),
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
    # search-index
    "search-index-done": ("Search index of {site}: {pages} page(s), {words} word(s) ({roots} with another root), "
                          "{codes} SOP/regulation code(s), {facets} facet value(s); {kib} KiB in pagefind/ and sop-search/.",
                          "Indeks pencarian {site}: {pages} halaman, {words} kata ({roots} berakar lain), "
                          "{codes} kode SOP/peraturan, {facets} nilai saringan; {kib} KiB di pagefind/ dan sop-search/."),
    "search-index-theme-search": ("warning: the theme's own search box is on too, so every page shows two search boxes; "
                                  "turn it off in the configuration: `plugins: - search: enabled: false`.",
                                  "peringatan: kotak pencarian bawaan tema juga menyala, sehingga setiap halaman "
                                  "menampilkan dua kotak pencarian; matikan di konfigurasi: "
                                  "`plugins: - search: enabled: false`."),
    "search-index-failed": ("search index not built: {reason}. Install the indexer with "
                            "`pip install \"pagefind[bin]\" PySastrawi` (both come with mkdocs-sop).",
                            "indeks pencarian tidak dibuat: {reason}. Pasang pengindeksnya dengan "
                            "`pip install \"pagefind[bin]\" PySastrawi` (keduanya ikut terpasang bersama mkdocs-sop)."),
    "export-errors": ("note: {errors} error(s) in the SOPs; SOPs with errors are left out, as the site "
                      "leaves them out. Run `mkdocs-sop lint` to see them.",
                      "catatan: ada {errors} kesalahan dalam SOP; SOP yang mengandung kesalahan tidak "
                      "ikut, sama seperti di situs. Jalankan `mkdocs-sop lint` untuk melihatnya."),
    # import
    "import-summary": ("{pages} page(s) written to {folder}; {bad} file(s) could not be imported, {refused} page(s) "
                       "already existed.",
                       "{pages} halaman ditulis ke {folder}; {bad} berkas tidak dapat diimpor, {refused} halaman "
                       "sudah ada."),
    # usage errors
    "config-unreadable": ("cannot read {path}: {error}", "{path} tidak dapat dibaca: {error}"),
    "config-not-yaml": ("{path} is not valid YAML: {error}", "{path} bukan YAML yang benar: {error}"),
    "config-today": ("{config}: sop: `today: {value}` is not a date; write it as YYYY-MM-DD.",
                     "{config}: sop: `today: {value}` bukan tanggal; tulis sebagai TTTT-BB-HH, misalnya 2025-01-31."),
    "preview-setting-kind": ("{config}: sop: `{key}: {value}` is not of the right kind (expected {kind}); see the "
                             "configuration reference.",
                             "{config}: sop: nilai `{key}: {value}` tidak sesuai jenisnya (seharusnya {kind}); lihat "
                             "rujukan Konfigurasi."),
    "config-not-toml": ("{path} is not valid TOML: {error}", "{path} bukan TOML yang benar: {error}"),
    "no-paths": ("no PATHS given and no mkdocs.yml, properdocs.yml or zensical.toml in this folder. Name "
                 "the folders or files to {command}, e.g. `mkdocs-sop {command} docs`, or run it next to "
                 "your site's config file.",
                 "tidak ada folder atau berkas yang disebut (PATHS), dan tidak ada mkdocs.yml, "
                 "properdocs.yml atau zensical.toml di folder ini. Sebutkan folder atau berkasnya, "
                 "misalnya `mkdocs-sop {command} docs`, atau jalankan perintah ini di folder tempat berkas "
                 "konfigurasi situs berada."),
    "no-docs-dir": ("the docs folder of {config} ({folder}) does not exist.",
                    "folder dokumen {config} ({folder}) tidak ada."),
    "no-such-path": ("{path}: no such file or folder.", "{path}: tidak ada berkas atau folder bernama itu."),
}


def cli_text(name: str, language: str = DEFAULT_LANGUAGE, /, **params) -> str:
    """The line ``name`` of :data:`TEXTS` in ``language`` (``en`` for English, else Indonesian)."""
    en, ind = TEXTS[name]
    return (en if language_of(language) == "en" else ind).format(**params)

