"""Every sentence the importer writes (notes, YAML comments, the review report), in two languages.

Like ``core.messages``: name -> (English, Indonesian) with the same placeholders in both.
"""

from __future__ import annotations

from ..core.messages import DEFAULT_LANGUAGE, language_of

TEXTS: dict[str, tuple[str, str]] = {
    # identity
    "id-read": ("identity table ({where}): {count} field(s)", "tabel identitas ({where}): {count} isian"),
    "id-missing": ("not found in the identity table; fill it in", "tidak ditemukan di tabel identitas; isi"),
    "id-none": ("no identity table before this flowchart; nomor, nama and unit must be filled in by hand",
                "tidak ada tabel identitas sebelum diagram alir ini; nomor, nama dan unit harus diisi sendiri"),
    "id-label-variant": ("label \"{label}\" read as `{key}`", "label \"{label}\" dibaca sebagai `{key}`"),
    "id-extra": ("label \"{label}\" is not a standard identity field: kept under `tambahan`",
                 "label \"{label}\" bukan isian identitas baku: disimpan di `tambahan`"),
    "id-instansi": ("first line of the unit cell (\"{text}\") taken as the institution",
                    "baris pertama sel unit (\"{text}\") dianggap instansi"),
    "id-approval": ("approval block split into position, name, rank and NIP by its lines; check them",
                    "blok pengesahan dipisah menjadi jabatan, nama, pangkat dan NIP menurut barisnya; periksa"),
    "id-approval-unclear": ("approval block could not be split; kept as the position",
                            "blok pengesahan tidak dapat dipisah; disimpan sebagai jabatan"),
    # flowchart
    "flow-read": ("flowchart table ({where}): {steps} step(s), {actors} actor column(s), {header} header row(s)",
                  "tabel diagram alir ({where}): {steps} langkah, {actors} kolom pelaksana, {header} baris judul"),
    "flow-shapes": ("{count} symbol(s) read from drawn shapes ({sources}), {lines} connector(s), {labels} label(s)",
                    "{count} simbol dibaca dari bentuk gambar ({sources}), {lines} garis penghubung, {labels} label"),
    "flow-marks": ("actors read from marks written in the actor columns ({marks})",
                   "pelaksana dibaca dari tanda yang ditulis di kolom pelaksana ({marks})"),
    "flow-actor-text": ("actors read from the text of the single Pelaksana column",
                        "pelaksana dibaca dari teks kolom Pelaksana (satu kolom)"),
    "flow-actor-columns": ("columns between Kegiatan and Mutu Baku without a \"Pelaksana\" header read as actors: {names}",
                           "kolom antara Kegiatan dan Mutu Baku tanpa judul \"Pelaksana\" dibaca sebagai pelaksana: {names}"),
    "flow-continued": ("continued in {where} (numbering goes on from {number})",
                       "berlanjut di {where} (nomor berlanjut dari {number})"),
    "flow-page-pair": ("off-page connectors \"{label}\" read as the flow continuing on the next page",
                       "konektor antarhalaman \"{label}\" dibaca sebagai alur yang berlanjut ke halaman berikut"),
    "flow-heights": ("rows in {where} have no fixed height: shape positions rest on estimated row heights",
                     "baris di {where} tidak bertinggi tetap: letak bentuk dihitung dari perkiraan tinggi baris"),
    "flow-loose": ("{count} shape(s) outside every table were not read",
                   "{count} bentuk di luar tabel tidak dibaca"),
    "flow-unplaced": ("a {symbol} shape in {where} lies outside the actor columns; not used",
                      "bentuk {symbol} di {where} berada di luar kolom pelaksana; tidak dipakai"),
    "flow-skipped-tables": ("skipped {count} table(s) that are neither identity nor flowchart ({names})",
                            "{count} tabel yang bukan identitas atau diagram alir dilewati ({names})"),
    # steps
    "step-no-actor": ("no symbol or mark in any actor column; write the actor",
                      "tidak ada simbol atau tanda di kolom pelaksana mana pun; tulis pelaksananya"),
    "step-sda": ("actor written \"{text}\" (same as above): taken from step {step}",
                 "pelaksana ditulis \"{text}\" (sama dengan di atas): diambil dari langkah {step}"),
    "step-sda-first": ("actor written \"{text}\" with no step above it", "pelaksana ditulis \"{text}\" tanpa langkah di atasnya"),
    "step-number-gap": ("numbered {number} in the source, after {previous}", "bernomor {number} di sumber, sesudah {previous}"),
    "step-number-missing": ("row without a number in the source", "baris tanpa nomor di sumber"),
    "step-time": ("time \"{text}\" is not a duration the site can add up; kept as written",
                  "waktu \"{text}\" bukan lama waktu yang dapat dijumlahkan situs; ditulis apa adanya"),
    "step-actor-text": ("text \"{text}\" in the actor column {actor}; not read as a mark",
                        "teks \"{text}\" di kolom pelaksana {actor}; tidak dibaca sebagai tanda"),
    "step-several": ("symbols in {count} actor columns: the step is done by all of them",
                     "simbol di {count} kolom pelaksana: langkah dikerjakan bersama"),
    "step-terminator-end": ("drawn as a terminator: the flow ends here", "digambar sebagai terminator: alur berakhir di sini"),
    "step-symbol-differs": ("drawn as {drawn}; the regulation's rules draw {rendered} here",
                            "digambar sebagai {drawn}; menurut aturan Permen di sini digambar {rendered}"),
    "step-question": ("the text reads like a question but no decision symbol was drawn; kept as a process",
                      "teksnya seperti pertanyaan tetapi tidak digambar simbol keputusan; tetap sebagai proses"),
    "step-unknown-symbol": ("figure \"{geometry}\" is not one of the regulation's symbols; read as a process",
                            "bentuk \"{geometry}\" bukan simbol Permen; dibaca sebagai proses"),
    # branches
    "branch-read": ("branch \"{label}\" read from a connector and its label: to {target}",
                    "cabang \"{label}\" dibaca dari garis penghubung dan labelnya: ke {target}"),
    "branch-guessed": ("connectors without labels: the one to the next step taken as \"Ya\", the one to {target} as \"Tidak\"",
                       "garis tanpa label: yang ke langkah berikut dianggap \"Ya\", yang ke {target} dianggap \"Tidak\""),
    "branch-unclear": ("the \"Tidak\" branch could not be read from the drawing; write its target",
                       "cabang \"Tidak\" tidak terbaca dari gambar; tulis tujuannya"),
    "branch-next": ("a connector leads to {target}", "garis penghubung menuju {target}"),
    "branch-many": ("{count} connectors leave this step; only the flow to the next step was kept",
                    "{count} garis keluar dari langkah ini; hanya alur ke langkah berikut yang dipakai"),
    "branch-lone-connector": ("a connector leads to the off-page connector \"{label}\", which has no partner in this "
                              "file; if the flow goes on in another SOP, write `lanjut: sop:<its nomor>`",
                              "garis menuju konektor antarhalaman \"{label}\" yang tidak berpasangan di berkas ini; "
                              "bila alur berlanjut ke SOP lain, tulis `lanjut: sop:<nomornya>`"),
    "target-step": ("step {step}", "langkah {step}"),
    "target-end": ("the end", "selesai"),
    # page and report
    "page-intro": ("Imported from {source} with `mkdocs-sop import`. Check the lines marked `{mark}`, "
                   "then set `status` to `berlaku`.",
                   "Diimpor dari {source} dengan `mkdocs-sop import`. Periksa baris bertanda `{mark}`, "
                   "lalu ubah `status` menjadi `berlaku`."),
    "mark": ("CHECK", "PERIKSA"),
    "guess-mark": ("GUESSED", "DITEBAK"),
    "report-read": ("read", "dibaca"),
    "report-guessed": ("guessed", "ditebak"),
    "report-check": ("needs a person", "perlu diperiksa"),
    "report-sop": ("{path}: {nomor} {nama} ({steps} step(s))", "{path}: {nomor} {nama} ({steps} langkah)"),
    "report-file": ("{path}: {count} SOP(s)", "{path}: {count} SOP"),
    "report-line": ("line {line}", "baris {line}"),
    "report-draf": ("status: draf until a person has checked it", "status: draf sampai diperiksa orang"),
    "report-lint": ("lint: {errors} error(s), {warnings} warning(s), all at marked lines",
                    "lint: {errors} kesalahan, {warnings} peringatan, semuanya di baris bertanda"),
    "report-lint-unmarked": ("lint found a problem at an unmarked line (please report it): {problem}",
                             "lint menemukan masalah di baris tanpa tanda (mohon laporkan): {problem}"),
    # files and pages
    "batch-exists": ("{path} already exists; not overwritten (move it away, or import into another folder)",
                     "{path} sudah ada; tidak ditimpa (pindahkan berkas itu, atau impor ke folder lain)"),
    "batch-nothing": ("no .docx or .xlsx file in {path}", "tidak ada berkas .docx atau .xlsx di {path}"),
    "batch-missing": ("{path}: no such file or folder", "{path}: tidak ada berkas atau folder bernama itu"),
    # bad files
    "bad-not-office": ("not a Word (.docx) or Excel (.xlsx) file", "bukan berkas Word (.docx) atau Excel (.xlsx)"),
    "bad-old-format": ("an old Word/Excel 97-2003 file (.doc/.xls): open it and save it as .docx or .xlsx first",
                       "berkas Word/Excel 97-2003 (.doc/.xls): buka lalu simpan sebagai .docx atau .xlsx dahulu"),
    "bad-encrypted": ("protected with a password: save a copy without the password first",
                      "dilindungi kata sandi: simpan salinan tanpa kata sandi dahulu"),
    "bad-empty": ("the file is empty", "berkasnya kosong"),
    "bad-damaged": ("cannot be read ({error})", "tidak dapat dibaca ({error})"),
    "bad-bug": ("could not be read because of a fault in the importer (please report it with the file): {error}",
                "tidak dapat dibaca karena kesalahan program pengimpor (mohon laporkan beserta berkasnya): {error}"),
    "bad-no-tables": ("no table in it: an SOP's identity and flowchart are tables",
                      "tidak ada tabel di dalamnya: identitas dan diagram alir SOP berupa tabel"),
    "bad-no-flowchart": ("no flowchart table (with No, Kegiatan and Pelaksana columns) found",
                         "tidak ditemukan tabel diagram alir (dengan kolom No, Kegiatan dan Pelaksana)"),
    "bad-no-steps": ("the flowchart table has no steps", "tabel diagram alir tidak berisi langkah"),
    "identity-without-flow": ("identity table {where} ({nomor}) has no flowchart after it; not written",
                              "tabel identitas {where} ({nomor}) tidak diikuti diagram alir; tidak ditulis"),
}


def say(name: str, language: str = DEFAULT_LANGUAGE, /, **params) -> str:
    en, ind = TEXTS[name]
    return (en if language_of(language) == "en" else ind).format(**params)
