"""Every word of the SOP form, in English and Indonesian (the site's ``language`` chooses).

One table for the page's markup (:mod:`.form`) and for its script (``sop-form.js``, which
receives the chosen language's texts in the form's ``data-texts`` attribute). As in
core.messages: name -> (English, Indonesian), the same ``{placeholders}`` in both (a test
checks it). Column and field names come from the site's labels (core/labels.py), so a
renamed label is renamed in the form too.
"""

from __future__ import annotations

from typing import Mapping

from .core.messages import language_of

FORM_TEXTS: dict[str, tuple[str, str]] = {
    # -- the page -----------------------------------------------------------------------
    "title": ("SOP form", "Formulir SOP"),
    "intro": ("Fill in this form as you would fill in an SOP on paper. The form writes the `sop` block for "
              "you, checks it as you type, and saves it as a page of the handbook. Everything you type stays on "
              "your computer: nothing is sent anywhere. The step-by-step guide is in the editors' guide, "
              "chapter *Adding an SOP to the handbook*.",
              "Isi formulir ini seperti mengisi SOP di kertas. Formulir menulis blok `sop` untuk Anda, "
              "memeriksanya sambil Anda mengetik, dan menyimpannya sebagai halaman buku pedoman. "
              "Semua isian tetap di komputer Anda: tidak ada yang dikirim ke mana pun. "
              "Panduan langkah demi langkah ada di panduan penyunting, bab *Menambahkan SOP ke buku pedoman*."),
    "intro-guide": ("How this form works: [{guide}]({url}).", "Cara kerja formulir ini: [{guide}]({url})."),
    "guide-name": ("SOP form guide", "Panduan formulir SOP"),
    # toolbar
    "files": ("File", "Berkas"),
    "open": ("Open page\u2026", "Buka halaman\u2026"),
    "download": ("Download page (.md)", "Unduh halaman (.md)"),
    "save": ("Save to file\u2026", "Simpan ke berkas\u2026"),
    "copy": ("Copy", "Salin"),
    "new": ("New SOP", "SOP baru"),
    "paste-summary": ("Or paste an existing page or sop block", "Atau tempel halaman atau blok sop yang sudah ada"),
    "paste-label": ("Pasted page or block", "Halaman atau blok yang ditempel"),
    "load-text": ("Load into the form", "Muat ke formulir"),
    # sections
    "section-identity": ("1. SOP identity", "1. Identitas SOP"),
    "section-actors": ("2. Actors", "2. Pelaksana"),
    "section-steps": ("3. Steps", "3. Langkah"),
    "section-check": ("4. Check", "4. Pemeriksaan"),
    "section-preview": ("5. Preview", "5. Pratinjau"),
    "section-result": ("6. Result: the Markdown page", "6. Hasil: halaman Markdown"),
    "field-unit": ("Unit (top level first, one per line)", "Unit kerja (dari atas ke bawah, satu per baris)"),
    "field-instansi": ("Institution (leave empty when it is the site's)",
                       "Instansi (kosongkan bila sama dengan situs)"),
    "field-format": ("Format", "Format"),
    "unit": ("Unit", "Unit"),  # names in messages, where the site's labels have none
    "langkah": ("Steps", "Langkah"),
    "keputusan": ("Decision", "Keputusan"),
    "approval-jabatan": ("Position", "Jabatan"),
    "approval-nama": ("Name", "Nama"),
    "approval-pangkat": ("Rank", "Pangkat"),
    "approval-nip": ("NIP", "NIP"),
    "hint-tanggal_pembuatan": ("Write it as on the document, e.g. 2 Januari 2023; leave empty when there is none.",
                               "Tulis seperti di dokumen, mis. 2 Januari 2023; kosongkan bila tidak ada."),
    "hint-nomor": ("Exactly as on the document, e.g. 800/SOP-BKPSDM/014/2023.",
                   "Persis seperti di dokumen, mis. 800/SOP-BKPSDM/014/2023."),
    "hint-keterkaitan": ("Number or name of other SOPs, one per line.", "Nomor atau nama SOP lain, satu per baris."),
    "hint-dasar_hukum": ("One regulation per line.", "Satu peraturan per baris."),
    "choice-jenis-default": ("Administrative (default)", "Administratif (bawaan)"),
    "choice-jenis-administratif": ("Administrative", "Administratif"),
    "choice-jenis-teknis": ("Technical", "Teknis"),
    "choice-kategori-pelayanan": ("Service", "Pelayanan"),
    "choice-kategori-rutin": ("Routine", "Rutin"),
    "choice-kategori-penugasan": ("Assignment", "Penugasan"),
    "choice-format-default": ("Flowchart (default)", "Diagram alir (bawaan)"),
    "choice-format-diagram-alir": ("Flowchart", "Diagram alir"),
    "choice-format-langkah-sederhana": ("Simple steps", "Langkah sederhana"),
    "choice-format-langkah-berjenjang": ("Steps with sub-steps", "Langkah berjenjang"),
    "choice-status-default": ("In force (default)", "Berlaku (bawaan)"),
    "choice-status-berlaku": ("In force", "Berlaku"),
    "choice-status-draf": ("Draft", "Draf"),
    "choice-status-dicabut": ("Revoked", "Dicabut"),
    "choice-status-digantikan": ("Superseded", "Digantikan"),
    "actors-label": ("Actors' positions, one per line, left to right as the columns on paper",
                     "Jabatan pelaksana, satu per baris, urut dari kiri ke kanan seperti kolom di kertas"),
    "steps-hint": ("One row for each step, as in the table on paper. Tick its actors (one or more). For a "
                   "decision, tick Decision, write the question, then choose where the flow goes when the answer "
                   "is Yes and when it is No (\u201cNo: back to 1\u201d: choose step 1). With the format "
                   "\u201cSteps with sub-steps\u201d, \u201c+ sub\u201d adds a sub-step (1.1, 1.2, \u2026) "
                   "under a step.",
                   "Satu baris untuk setiap langkah, seperti tabel di kertas. Centang pelaksananya (boleh lebih "
                   "dari satu). Untuk langkah keputusan, centang Keputusan, tulis pertanyaannya, lalu pilih ke "
                   "mana alur berlanjut bila jawabannya Ya dan bila Tidak (\u201cTidak kembali ke 1\u201d: pilih "
                   "langkah 1). Dengan format \u201cLangkah berjenjang\u201d, tombol \u201c+ sub\u201d menambah "
                   "sub-langkah (1.1, 1.2, \u2026) di bawah sebuah langkah."),
    "steps-region": ("Table of steps", "Tabel langkah"),
    "head-flow": ("Flow", "Alur"),
    "add-step": ("+ Add step", "+ Tambah langkah"),
    "preview-hint": ("The flowchart table as it will print, with the symbols in their actors' columns. What "
                     "differs from the published page: the arrows between symbols, the split into printed sheets "
                     "(with lettered connectors), the identity grid and the Graphviz diagram are drawn only once "
                     "the page is saved into the handbook and the site is built; an SOP in a list format is "
                     "published as a numbered list.",
                     "Tabel diagram alir seperti yang akan dicetak, dengan simbol di kolom pelaksananya. Bedanya "
                     "dengan halaman terbit: garis panah antar simbol, pemotongan per halaman cetak (dengan "
                     "penghubung berhuruf), tabel identitas, dan diagram Graphviz baru digambar setelah halaman "
                     "disimpan ke buku pedoman dan situs dibangun; SOP berformat langkah terbit sebagai daftar "
                     "bernomor."),
    "result-label": ("Content of the page to be saved", "Isi halaman yang akan disimpan"),
    # -- the script ---------------------------------------------------------------------------
    "new-title": ("New SOP", "SOP baru"),
    "new-file": ("new-sop", "sop-baru"),
    "not-a-mapping": ("This block holds no keys and values.", "Blok ini tidak berisi pasangan kunci dan nilai."),
    "no-block": ("This page holds no ```sop block.", "Halaman ini tidak memuat blok ```sop."),
    "many-blocks": (" This page holds {count} sop blocks; the first one was loaded.",
                    " Halaman ini memuat {count} blok sop; yang dimuat adalah blok pertama."),
    "loaded": ("Loaded.", "Dimuat."),
    "loaded-from": ("Loaded from {name}.", "Dimuat dari {name}."),
    "step-at": ("Step {number}: ", "Langkah {number}: "),
    "step-in": ("Step {number}, ", "Langkah {number}, "),
    "schema-required": ("must be filled in.", "wajib diisi."),
    "schema-empty": ("must not be empty.", "tidak boleh kosong."),
    "schema-type": ("is not of the right shape.", "isinya tidak sesuai bentuknya."),
    "schema-enum": ("is not a known choice.", "bukan pilihan yang dikenal."),
    "schema-unknown": ("unknown key.", "kunci tidak dikenal."),
    "need-kegiatan": ("write its activity.", "tulis kegiatannya."),
    "need-actor": ("choose at least one actor.", "pilih sedikitnya satu pelaksana."),
    "need-question": ("write the decision's question (e.g. \u201cFiles complete?\u201d).",
                      "tulis pertanyaan keputusannya (misalnya \u201cBerkas lengkap?\u201d)."),
    "need-no": ("choose where the flow goes when the answer is No.",
                "pilih ke mana alur berlanjut bila jawabannya Tidak."),
    "need-yes-last": ("the last step is a decision: choose where the flow goes when the answer is Yes.",
                      "langkah terakhir adalah keputusan: pilih ke mana alur berlanjut bila jawabannya Ya."),
    "curly": ("has curly quotes (from Word); they would be printed as they are.",
              "ada tanda petik lengkung (dari Word); tanda itu akan ikut tercetak."),
    "unreachable": ("Step {number} is never reached from step 1: point Next, Yes or No of an earlier step at "
                    "it, or delete it.",
                    "Langkah {number} tidak pernah dicapai dari langkah 1: arahkan Lanjut, Ya, atau Tidak dari "
                    "langkah sebelumnya ke langkah ini, atau hapus langkah ini."),
    "never-ends": ("The flow from step {number} never reaches the end (steps {steps} go round forever): give "
                   "one of them a way out, e.g. No \u2192 End.",
                   "Alur dari langkah {number} tidak pernah sampai ke akhir (langkah {steps} berputar terus): beri "
                   "salah satunya jalan keluar, misalnya Tidak \u2192 Selesai."),
    "actor-unused": ("Actor \u201c{actor}\u201d has no step yet, so their column would be empty: choose them on a "
                     "step, or remove them from the list.",
                     "Pelaksana \u201c{actor}\u201d belum mempunyai langkah, sehingga kolomnya akan kosong: pilih dia "
                     "pada sebuah langkah, atau hapus dari daftar."),
    "actor-twice": ("Actor \u201c{actor}\u201d is listed {count} times: list them once.",
                    "Pelaksana \u201c{actor}\u201d tercantum {count} kali: cantumkan sekali saja."),
    "teknis-many": ("A technical SOP is carried out by one actor (Permen PANRB 35/2012), but this SOP has {count}.",
                    "SOP teknis dikerjakan oleh satu pelaksana (Permen PANRB 35/2012), tetapi SOP ini mempunyai "
                    "{count}."),
    "sub-format": ("sub-steps are only for the format \u201cSteps with sub-steps\u201d: choose it under Format, "
                   "or delete the sub-steps.",
                   "sub-langkah hanya untuk format \u201cLangkah berjenjang\u201d: pilih format itu, atau hapus "
                   "sub-langkahnya."),
    "decision-format": ("a list format has no decisions or jumps: choose the format \u201cFlowchart\u201d, or "
                        "untick Decision and set Next to the next step.",
                        "format langkah tidak mengenal keputusan atau lompatan: pilih format \u201cDiagram "
                        "alir\u201d, atau hapus centang Keputusan dan kembalikan Lanjut ke langkah berikutnya."),
    "verdict-bad": ("{count} thing(s) must be fixed before the SOP can be published.",
                    "{count} hal harus diperbaiki sebelum SOP dapat diterbitkan."),
    "verdict-warn": ("No errors; check {count} warning(s).", "Tidak ada kesalahan; periksa {count} peringatan."),
    "verdict-good": ("Complete: no errors.", "Lengkap: tidak ada kesalahan."),
    "fix": ("Fix: ", "Perbaiki: "),
    "check": ("Check: ", "Periksa: "),
    "choose": ("\u2014 choose \u2014", "\u2014 pilih \u2014"),
    "next-step": ("next step ({number})", "langkah berikutnya ({number})"),
    "end-last": ("end (last step)", "selesai (langkah terakhir)"),
    "step-n": ("step {number}", "langkah {number}"),
    "end": ("end", "selesai"),
    "to-step": ("to step {number}", "ke langkah {number}"),
    "actors-of": ("Actors of step {number}", "Pelaksana langkah {number}"),
    "actors-first": ("Fill in the list of actors first.", "Isi daftar pelaksana dahulu."),
    "inherits": ("(empty: those of step {number})", "(kosong: pelaksana langkah {number})"),
    "decision": ("Decision", "Keputusan"),
    "question-placeholder": ("Question, e.g. Files complete?", "Pertanyaan, mis. Berkas lengkap?"),
    "question": ("decision question", "pertanyaan keputusan"),
    "yes-to": ("Yes \u2192 ", "Ya \u2192 "),
    "no-to": ("No \u2192 ", "Tidak \u2192 "),
    "next-to": ("Next \u2192 ", "Lanjut \u2192 "),
    "if-yes": ("if Yes", "jika Ya"),
    "if-no": ("if No", "jika Tidak"),
    "next": ("next", "lanjut ke"),
    "in-order": ("in order", "berurutan"),
    "field-of": ("Step {number}: {field}", "Langkah {number}: {field}"),
    "kelengkapan-lines": ("requirements (one per line)", "kelengkapan (satu per baris)"),
    "waktu-placeholder": ("15 minutes", "15 menit"),
    "up": ("Move up", "Naikkan"),
    "down": ("Move down", "Turunkan"),
    "insert": ("Insert a step after it", "Sisipkan langkah sesudahnya"),
    "delete": ("Delete", "Hapus"),
    "add-sub": ("Add a sub-step", "Tambah sub-langkah"),
    "up-n": ("Move step {number} up", "Naikkan langkah {number}"),
    "down-n": ("Move step {number} down", "Turunkan langkah {number}"),
    "insert-n": ("Insert a step after step {number}", "Sisipkan langkah sesudah langkah {number}"),
    "delete-n": ("Delete step {number}", "Hapus langkah {number}"),
    "add-sub-n": ("Add a sub-step under step {number}", "Tambah sub-langkah di bawah langkah {number}"),
    "preview-caption": ("Flowchart preview \u2014 {name}", "Pratinjau diagram alir \u2014 {name}"),
    "yes-label": ("Yes: ", "Ya: "),
    "no-label": ("No: ", "Tidak: "),
    "next-label": ("Next: ", "Lanjut: "),
    "downloaded": ("Downloaded as {name}. Put that file in its unit's folder inside the handbook's docs folder.",
                   "Diunduh sebagai {name}. Letakkan berkas itu di folder unitnya dalam folder docs buku pedoman."),
    "markdown-page": ("Markdown page", "Halaman Markdown"),
    "markdown-or-yaml": ("Markdown or YAML page", "Halaman Markdown atau YAML"),
    "saved-to": ("Saved to {name}.", "Tersimpan ke {name}."),
    "cannot-save": ("Cannot save: {error}", "Tidak dapat menyimpan: {error}"),
    "cannot-open": ("Cannot open: {error}", "Tidak dapat membuka: {error}"),
    "cannot-load": ("Cannot load: {error}", "Tidak dapat dimuat: {error}"),
    "yaml-at-line": ("{reason} (line {line})", "{reason} (baris {line})"),
    "copied": ("Copied.", "Disalin."),
    "cannot-copy": ("Cannot copy; select the text and press Ctrl+C.",
                    "Tidak dapat menyalin; pilih teksnya lalu tekan Ctrl+C."),
    "confirm-new": ("Start a new SOP? What is filled in now will be cleared.",
                    "Mulai SOP baru? Isian yang sekarang akan dikosongkan."),
    "started-new": ("New SOP.", "SOP baru."),
    "restored": ("Your last entries were restored from this browser.", "Isian terakhir dipulihkan dari peramban ini."),
}


def form_texts(language: str) -> Mapping[str, str]:
    """Every text of the form in ``language`` (``en`` for English, else Indonesian)."""
    english = language_of(language) == "en"
    return {name: (en if english else ind) for name, (en, ind) in FORM_TEXTS.items()}


__all__ = ["FORM_TEXTS", "form_texts"]
