"""Every problem report, with a stable code, in Indonesian (default) and English.

Editors in government offices read these messages, so Indonesian comes first; a site
with ``language: en`` gets the English text. Each diagnostic has a short kebab-case
**code** (``unknown-key``, ``target-out-of-range``, ...) that never changes with the
language or the wording, so CI scripts and the documentation can refer to it.

Templates use :meth:`str.format` placeholders; both languages of one template have the
same placeholders (a test checks it). Keys as the editor wrote them appear in
backticks. A message continues the key it is about (``\\`langkah[2].lanjt\\`: kunci
tidak dikenal.``), so it starts in lower case; a hint is a sentence of its own.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from string import Formatter
from typing import Iterable

from .model import Diagnostic, Severity

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True)
class Message:
    """One diagnostic: its severity and, per language, the message and the usual hint."""

    severity: Severity
    en: str
    id: str
    hint_en: str = ""
    hint_id: str = ""


# Hints shared by several codes, or used instead of a code's usual hint.
HINTS: dict[str, tuple[str, str]] = {  # name -> (English, Indonesian)
    "did-you-mean": ("Did you mean `{suggestion}`?", "Mungkin maksud Anda `{suggestion}`?"),
    "known-keys": ("Known keys: {keys}.", "Kunci yang dikenal: {keys}."),
    "add-key-or-alias": ("Add `{missing}:` (or `{alias}`).", "Tambahkan `{missing}:` (atau `{alias}`)."),
    "name-the-unit": ("Name the unit that owns the SOP.", "Tulis nama unit pemilik SOP ini."),
    "quote-value": ("Put the value in quotes, e.g. `{field}: \"{value}\"`.",
                    "Apit nilainya dengan tanda petik, misalnya `{field}: \"{value}\"`."),
    "quote-value-short": ("Put the value in quotes.", "Apit nilainya dengan tanda petik."),
    "quote-item": ("Put the item in quotes.", "Apit butir itu dengan tanda petik."),
    "one-item-per-line": ("Write one item per line, each starting with `- `.",
                          "Tulis satu butir per baris, masing-masing diawali `- `."),
    "steps-under-langkah": ("Write each step as `- kegiatan: ...` under `langkah:`.",
                            "Tulis setiap langkah sebagai `- kegiatan: ...` di bawah `langkah:`."),
    "step-as-mapping": ("Write the step as a mapping: `- kegiatan: ...` then `pelaksana: ...` on the "
                        "next line.",
                        "Tulis langkah sebagai pasangan kunci dan nilai: `- kegiatan: ...`, lalu "
                        "`pelaksana: ...` di baris berikutnya."),
    "nip-in-quotes": ("Put the NIP in quotes, e.g. `nip: \"19640824 199102 1 002\"`.",
                      "Apit NIP dengan tanda petik, misalnya `nip: \"19640824 199102 1 002\"`."),
    "rows-example": ("For example `baris_per_halaman: 12`.", "Misalnya `baris_per_halaman: 12`."),
    "waktu-unit": ("Write the unit, e.g. `waktu: {value} menit`.",
                   "Tulis satuannya, misalnya `waktu: {value} menit`."),
    "actor-misspelt": ("Step {step} writes it as `{written}`: correct the name there.",
                       "Langkah {step} menuliskannya `{written}`: perbaiki nama di langkah itu."),
    "known-ids": ("Known ids: {ids}.", "`id` yang ada: {ids}."),
    "write-the-question": ("Write the question the step decides, e.g. `keputusan: Is the file complete?`.",
                           "Tulis pertanyaan yang diputuskan langkah ini, misalnya "
                           "`keputusan: Berkas lengkap?`."),
}

# Words put into messages: what a value looked like, what was expected instead.
PHRASES: dict[str, tuple[str, str]] = {  # name -> (English, Indonesian)
    # what was found
    "shape-mapping": ("a mapping (key: value pairs)", "pasangan kunci dan nilai (`kunci: nilai`)"),
    "shape-list": ("a list", "daftar"),
    "shape-bool": ("true/false", "true/false"),
    "shape-number": ("a number", "angka"),
    "shape-date": ("a date", "tanggal"),
    "shape-nothing": ("nothing", "kosong"),
    "shape-text": ("text", "teks"),
    # what was expected
    "expect-text": ("text", "teks"),
    "expect-text-list": ("text or a list of text", "teks atau daftar teks"),
    "expect-one-of": ("one of {choices}", "salah satu dari {choices}"),
    "expect-date": ("a date (`2024-01-10`, `14 Juni 2024`, `Juni 2020` or `2019`)",
                    "tanggal (`2024-01-10`, `14 Juni 2024`, `Juni 2020`, atau `2019`)"),
    "expect-steps": ("a list of steps", "daftar langkah"),
    "expect-substeps": ("a non-empty list of steps", "daftar langkah yang tidak kosong"),
    "expect-approval": ("the position as text, or a mapping of `jabatan`, `nama`, `pangkat`, `nip`",
                        "jabatan sebagai teks, atau pasangan `jabatan`, `nama`, `pangkat`, `nip`"),
    "expect-tambahan": ("a mapping of row label to text (`Definisi: ...`)",
                        "pasangan judul baris dan isinya (`Definisi: ...`)"),
    "expect-revisions": ("a list of revisions (`- tanggal: ...` / `uraian: ...`)",
                         "daftar revisi (`- tanggal: ...` / `uraian: ...`)"),
    "expect-revision": ("a mapping with `tanggal` and `uraian`", "pasangan kunci `tanggal` dan `uraian`"),
    "expect-rows": ("a whole number of rows (0 = never split)",
                    "bilangan bulat jumlah baris (0 = tabel tidak pernah dipotong)"),
    "expect-id": ("a short name", "nama singkat"),
    "expect-question": ("the question as text, or `true`", "pertanyaan berupa teks, atau `true`"),
    "expect-text-unit": ("text with a unit", "teks beserta satuannya"),
    "expect-mapping": ("a mapping (key: value pairs)", "pasangan kunci dan nilai (`kunci: nilai`)"),
    "expect-full-date": ("a full date (`2025-06-18` or `18 Juni 2025`)",
                         "tanggal lengkap (`2025-06-18` atau `18 Juni 2025`)"),
}

MESSAGES: dict[str, Message] = {
    # -- YAML and the block as a whole ---------------------------------------------
    "yaml-invalid": Message(
        E, "this line cannot be read as YAML.",
        "baris ini tidak dapat dibaca.",
        "Check indentation (spaces only), colons and closing quotes on this line; a value that starts "
        "with a sign such as `@`, `*`, `&`, `!`, `%` or a backtick must be put in quotes.",
        "Periksa indentasi (hanya spasi), titik dua, dan tanda petik penutup pada baris ini; isi yang "
        "diawali tanda seperti `@`, `*`, `&`, `!`, `%` atau tanda petik terbalik harus diapit tanda petik."),
    "yaml-tab": Message(
        E, "this line is indented with a Tab; YAML only accepts spaces.",
        "baris ini diindentasi dengan tombol Tab; YAML hanya menerima spasi.",
        "Replace each Tab at the start of this line with spaces, lined up with the key above.",
        "Ganti setiap Tab di awal baris ini dengan spasi, sejajar dengan kunci di atasnya."),
    "yaml-colon-space": Message(
        E, "there is no space after the colon of `{field}:`, so `{field}` is not read as a key.",
        "tidak ada spasi sesudah titik dua pada `{field}:`, sehingga `{field}` tidak terbaca sebagai kunci.",
        "Put one space after the colon: `{field}: {value}`.",
        "Tambahkan satu spasi sesudah titik dua: `{field}: {value}`."),
    "yaml-curly-quotes": Message(
        E, "the curly quote {quote} (from Word) is not a quote mark for YAML.",
        "tanda petik lengkung {quote} (dari Word) tidak dikenali sebagai tanda petik.",
        "Type straight quotes instead: `\"...\"`, or leave the quotes out.",
        "Ketik ulang dengan tanda petik biasa: `\"...\"`, atau hapus tanda petiknya."),
    "yaml-colon-in-value": Message(
        E, "the value of `{field}` holds a colon followed by a space, which YAML reads as a new key.",
        "isi `{field}` memuat titik dua yang diikuti spasi, sehingga terbaca sebagai kunci baru.",
        "Put the value in quotes: `{field}: \"{value}\"`.",
        "Apit isinya dengan tanda petik: `{field}: \"{value}\"`."),
    "yaml-unclosed-quote": Message(
        E, "the quote `{quote}` opened here is never closed.",
        "tanda petik `{quote}` dibuka di sini tetapi tidak pernah ditutup.",
        "Add the closing `{quote}` at the end of the value.",
        "Tambahkan `{quote}` penutup di akhir isinya."),
    "yaml-unclosed-bracket": Message(
        E, "the list opened here with `{opening}` is never closed.",
        "daftar yang dibuka di sini dengan `{opening}` tidak pernah ditutup.",
        "Add `{closing}` after the last item, on the same line.",
        "Tambahkan `{closing}` sesudah butir terakhir, pada baris yang sama."),
    "yaml-indent": Message(
        E, "this line is not lined up with the lines around it.",
        "baris ini tidak sejajar dengan baris di sekitarnya.",
        "Start it with as many spaces as the other keys of the same step or list (e.g. `pelaksana:` exactly "
        "under `kegiatan:`).",
        "Awali baris ini dengan jumlah spasi yang sama dengan kunci lain dari langkah atau daftar yang sama "
        "(misalnya `pelaksana:` tepat di bawah `kegiatan:`)."),
    "curly-quotes": Message(
        W, "the value is wrapped in curly quotes {quote} (from Word), which will be printed as part of it.",
        "isinya diapit tanda petik lengkung {quote} (dari Word), yang akan ikut tercetak.",
        "Type straight quotes instead (`\"...\"`), or leave the quotes out.",
        "Ganti dengan tanda petik biasa (`\"...\"`), atau hapus tanda petiknya."),
    "block-not-mapping": Message(
        E, "an SOP block must be a mapping of keys (`nomor: ...`), found {found}.",
        "blok SOP harus berisi pasangan kunci dan nilai (`nomor: ...`), tetapi isinya {found}.",
        "Start the block with `nomor:`, `nama:`, `unit:` and `langkah:`.",
        "Awali blok dengan `nomor:`, `nama:`, `unit:`, dan `langkah:`."),
    "yaml-bad-value": Message(
        E, "the value `{value}` cannot be read as `{tag}`.",
        "nilai `{value}` tidak dapat dibaca sebagai `{tag}`.",
        "Remove the tag `{tag}`, or put the value in quotes.",
        "Hapus tag `{tag}`, atau apit nilainya dengan tanda petik."),
    # -- limits (core/limits.py; a site may change them under `limits:`) --------------
    "limit-depth": Message(
        E, "the block nests more than {limit} levels of `sub:` (or of YAML lists and mappings).",
        "blok ini bersarang lebih dari {limit} tingkat `sub:` (atau daftar dan pasangan YAML).",
        "Split the SOP into several, or raise `max_depth` under `limits:` of `- sop:` in mkdocs.yml.",
        "Pecah SOP ini menjadi beberapa SOP, atau naikkan `max_depth` di bawah `limits:` pada `- sop:` "
        "di mkdocs.yml."),
    "limit-steps": Message(
        E, "the SOP has more than {limit} steps, sub-steps included.",
        "SOP ini memiliki lebih dari {limit} langkah, termasuk sub-langkah.",
        "Split it into several SOPs joined with `lanjut: \"sop:<nomor>\"`, or raise `max_steps` under "
        "`limits:` of `- sop:` in mkdocs.yml.",
        "Pecah menjadi beberapa SOP yang disambung dengan `lanjut: \"sop:<nomor>\"`, atau naikkan "
        "`max_steps` di bawah `limits:` pada `- sop:` di mkdocs.yml."),
    "limit-text": Message(
        E, "this text has {length} characters, more than the limit of {limit}.",
        "teks ini berisi {length} karakter, melebihi batas {limit} karakter.",
        "Shorten it (long explanations belong in the page around the block), or raise `max_text` under "
        "`limits:` of `- sop:` in mkdocs.yml.",
        "Persingkat teksnya (penjelasan panjang ditulis di halaman, di luar blok), atau naikkan "
        "`max_text` di bawah `limits:` pada `- sop:` di mkdocs.yml."),
    "limit-yaml-nodes": Message(
        E, "the block holds more than {limit} values once its YAML aliases (`*name`) are expanded.",
        "blok ini berisi lebih dari {limit} nilai setelah alias YAML (`*nama`) dijabarkan.",
        "Write repeated steps out instead of reusing anchors (`&name`), or raise `max_yaml_nodes` under "
        "`limits:` of `- sop:` in mkdocs.yml.",
        "Tulis langkah yang berulang apa adanya, jangan memakai ulang jangkar (`&nama`), atau naikkan "
        "`max_yaml_nodes` di bawah `limits:` pada `- sop:` di mkdocs.yml."),
    "internal-error": Message(
        E, "internal error while processing this block ({error}); the block is shown as an error.",
        "terjadi kesalahan internal saat memproses blok ini ({error}); blok ini ditampilkan sebagai "
        "kesalahan.",
        "Please report it to the handbook's maintainers together with the block.",
        "Laporkan kepada pengelola buku pedoman beserta isi bloknya."),
    "block-not-closed": Message(
        E, "this `sop` block is never closed.",
        "blok `sop` ini tidak pernah ditutup.",
        "Add a closing fence (```) after the block.",
        "Tambahkan pagar penutup (```) sesudah blok."),
    # -- keys -------------------------------------------------------------------------
    "unknown-key": Message(
        E, "unknown key.", "kunci tidak dikenal.",
        "Known keys: {keys}.", "Kunci yang dikenal: {keys}."),
    "duplicate-key": Message(
        E, "is written twice; the second value would silently replace the first.",
        "ditulis dua kali; nilai kedua akan menimpa nilai pertama tanpa pemberitahuan.",
        "Keep only one.", "Sisakan satu saja."),
    "duplicate-row": Message(
        E, "is written twice.", "ditulis dua kali.",
        "Keep only one.", "Sisakan satu saja."),
    "key-and-alias": Message(
        E, "is given together with `{other}`, which means the same.",
        "ditulis bersama `{other}`, padahal artinya sama.",
        "Keep only one of them.", "Pakai salah satu saja."),
    "required-missing": Message(
        E, "is required but missing.", "wajib diisi tetapi tidak ada.",
        "Add `{missing}:`.", "Tambahkan `{missing}:`."),
    "empty-value": Message(
        E, "must not be empty.", "tidak boleh kosong.",
        "Write the text after the colon.", "Tulis isinya sesudah titik dua."),
    "date-impossible": Message(
        W, "`{value}` is not a day of the calendar; it is shown as written.",
        "`{value}` bukan tanggal yang ada di kalender; tanggal ini ditampilkan apa adanya.",
        "Check the day and the month (months 1-12, 30 April, 28 or 29 February), e.g. `2024-12-01` or "
        "`1 Desember 2024`.",
        "Periksa hari dan bulannya (bulan 1-12, 30 April, 28 atau 29 Februari), misalnya `2024-12-01` atau "
        "`1 Desember 2024`."),
    "no-steps": Message(
        E, "needs at least one step.", "harus memuat sedikitnya satu langkah.",
        "Add steps as `- kegiatan: ...` items.", "Tambahkan langkah sebagai butir `- kegiatan: ...`."),
    # -- shapes and values ------------------------------------------------------------
    "wrong-shape": Message(
        E, "expected {expected}, found {found}.", "seharusnya {expected}, tetapi isinya {found}."),
    "item-not-text": Message(
        E, "item {n} should be text, found {found}.", "butir ke-{n} seharusnya teks, tetapi isinya {found}.",
        "Each item must be one line of text.", "Setiap butir harus berupa satu baris teks."),
    "value-not-allowed": Message(
        E, "`{value}` is not allowed.", "`{value}` bukan nilai yang dapat dipakai di sini.",
        "Use one of {choices}.", "Gunakan salah satu dari {choices}."),
    "step-not-mapping": Message(
        E, "each step must be a mapping of keys, found {found}.",
        "setiap langkah harus berupa pasangan kunci dan nilai, tetapi isinya {found}."),
    "actor-empty": Message(
        E, "must name an actor.", "harus menyebut pelaksana.",
        "Write the role that does this step.", "Tulis jabatan yang mengerjakan langkah ini."),
    "id-is-number": Message(
        E, "an id must not be a plain number: numbers already mean step numbers.",
        "`id` tidak boleh hanya berupa angka, karena angka sudah berarti nomor langkah.",
        "Use a name, e.g. `id: langkah-{id}`.", "Gunakan nama, misalnya `id: langkah-{id}`."),
    "decision-in-list-format": Message(
        E, "decisions are not allowed in format `{format}`: its steps follow one another in order.",
        "keputusan tidak dapat dipakai pada format `{format}`: langkah-langkahnya berurutan satu per satu.",
        "Use `format: diagram-alir` for a branching flow, or remove this key.",
        "Gunakan `format: diagram-alir` untuk alur yang bercabang, atau hapus kunci ini."),
    "jump-in-list-format": Message(
        E, "jumps are not allowed in format `{format}`: its steps follow one another in order.",
        "lompatan tidak dapat dipakai pada format `{format}`: langkah-langkahnya berurutan satu per satu.",
        "Use `format: diagram-alir` for a branching flow, or remove this key.",
        "Gunakan `format: diagram-alir` untuk alur yang bercabang, atau hapus kunci ini."),
    "substeps-not-allowed": Message(
        E, "sub-steps are only allowed in format `langkah-berjenjang`.",
        "sub-langkah hanya dapat dipakai pada format `langkah-berjenjang`.",
        "Set `format: langkah-berjenjang` or move the sub-steps up.",
        "Tulis `format: langkah-berjenjang`, atau jadikan sub-langkah itu langkah biasa."),
    # -- actors -----------------------------------------------------------------------
    "actor-listed-twice": Message(
        E, "actor `{actor}` is listed {times} times.", "pelaksana `{actor}` tercantum {times} kali.",
        "List each actor once.", "Cantumkan setiap pelaksana satu kali saja."),
    "actor-not-listed": Message(
        E, "actor `{actor}` is not in the SOP's `pelaksana` list.",
        "pelaksana `{actor}` tidak ada dalam daftar `pelaksana` SOP ini.",
        "Add `{actor}` to the SOP's `pelaksana` list, or use one of: {actors}.",
        "Tambahkan `{actor}` ke daftar `pelaksana` SOP, atau gunakan salah satu dari: {actors}."),
    "actor-unused": Message(
        W, "actor `{actor}` has no step, so its column would stay empty.",
        "pelaksana `{actor}` tidak mempunyai langkah, sehingga kolomnya akan kosong.",
        "Remove it, or give it a step.", "Hapus pelaksana itu, atau berikan langkah kepadanya."),
    "teknis-many-actors": Message(
        W, "an SOP teknis is done by one actor (Permen PANRB 35/2012), this one has {count}: {actors}.",
        "SOP teknis dikerjakan oleh satu pelaksana (Permen PANRB 35/2012), tetapi SOP ini mempunyai "
        "{count}: {actors}.",
        "Use `jenis: administratif`, or split the procedure.",
        "Gunakan `jenis: administratif`, atau pecah prosedur ini."),
    # -- targets and decisions --------------------------------------------------------
    "duplicate-id": Message(
        E, "id `{id}` is already used by step {step}.", "`id` `{id}` sudah dipakai oleh langkah {step}.",
        "Give each step its own id.", "Berikan `id` yang berbeda untuk setiap langkah."),
    "target-invalid": Message(
        E, "a target must be a step number, a step `id`, `selesai` or `sop:<nomor>`.",
        "tujuan harus berupa nomor langkah, `id` langkah, `selesai`, atau `sop:<nomor>`.",
        "For example `tidak: 2` or `tidak: selesai`.", "Misalnya `tidak: 2` atau `tidak: selesai`."),
    "target-out-of-range": Message(
        E, "step {number} does not exist: this SOP has steps 1 to {count}.",
        "langkah {number} tidak ada: SOP ini hanya memiliki langkah 1 sampai {count}.",
        "Use a step number in that range, a step `id`, or `selesai`.",
        "Gunakan nomor langkah dalam rentang itu, `id` langkah, atau `selesai`."),
    "sop-target-empty": Message(
        E, "`sop:` must be followed by the other SOP's nomor.",
        "`sop:` harus diikuti nomor SOP yang dituju.",
        "For example `lanjut: \"sop:470/SOP-PDP/002/2024\"`.",
        "Misalnya `lanjut: \"sop:470/SOP-PDP/002/2024\"`."),
    "target-unknown": Message(
        E, "`{target}` names no step.", "tidak ada langkah dengan `id` `{target}`.",
        "Give the target step an `id:`, or use its number.",
        "Berikan `id:` pada langkah yang dituju, atau gunakan nomornya."),
    "decision-with-lanjut": Message(
        E, "a decision goes on by `ya` and `tidak`, not `lanjut`.",
        "langkah keputusan berlanjut melalui `ya` dan `tidak`, bukan `lanjut`.",
        "Replace `lanjut:` by `ya:`.", "Ganti `lanjut:` dengan `ya:`."),
    "last-decision-needs-ya": Message(
        E, "the last step is a decision, so `ya` has no next step to default to.",
        "langkah terakhir adalah keputusan, sehingga tidak ada langkah berikutnya untuk jawaban `ya`.",
        "Add `ya: selesai` or a step to go to.", "Tambahkan `ya: selesai` atau langkah yang dituju."),
    "decision-needs-tidak": Message(
        E, "a decision needs a `tidak` target (where the flow goes when the answer is no).",
        "keputusan memerlukan `tidak` (ke mana alur berlanjut bila jawabannya tidak).",
        "Add `tidak: <step number, id or selesai>`.", "Tambahkan `tidak: <nomor langkah, id, atau selesai>`."),
    "branch-on-non-decision": Message(
        E, "`{branch}` is only for decisions.", "`{branch}` hanya untuk langkah keputusan.",
        "Add `keputusan: <question>` to make this step a decision, or use `lanjut:`.",
        "Tambahkan `keputusan: <pertanyaan>` agar langkah ini menjadi keputusan, atau gunakan `lanjut:`."),
    # -- the flow as a whole ----------------------------------------------------------
    "unreachable-step": Message(
        E, "step {step} can never be reached from step 1.",
        "langkah {step} tidak pernah dapat dicapai dari langkah 1.",
        "Point a `lanjut`, `ya` or `tidak` of an earlier step at it, or remove it.",
        "Arahkan `lanjut`, `ya`, atau `tidak` dari langkah sebelumnya ke langkah ini, atau hapus langkah ini."),
    "never-ends": Message(
        E, "the flow from step {step} never reaches an end (steps {steps} loop forever).",
        "alur dari langkah {step} tidak pernah sampai ke akhir (langkah {steps} berputar terus).",
        "Give one of these steps a way out: a decision with `tidak: selesai`, or a `lanjut` to a later step.",
        "Beri salah satu langkah itu jalan keluar: keputusan dengan `tidak: selesai`, atau `lanjut` ke "
        "langkah sesudahnya."),
    # -- the whole site ---------------------------------------------------------------
    "duplicate-nomor": Message(
        E, "nomor `{nomor}` is already used by \"{nama}\" ({where}).",
        "nomor `{nomor}` sudah dipakai oleh \"{nama}\" ({where}).",
        "Every SOP in the site needs its own number.", "Setiap SOP di situs harus mempunyai nomor sendiri."),
    "related-unresolved": Message(
        W, "related SOP `{ref}` is not in this site.", "SOP terkait `{ref}` tidak ada di situs ini.",
        "Check the other SOP's `nomor` (or `nama`).", "Periksa `nomor` (atau `nama`) SOP yang dirujuk."),
    "sop-target-unresolved": Message(
        W, "the flow continues in SOP `{ref}`, but that SOP is not in this site.",
        "alur berlanjut ke SOP `{ref}`, tetapi SOP itu tidak ada di situs ini.",
        "Check the other SOP's `nomor` (or `nama`).", "Periksa `nomor` (atau `nama`) SOP yang dirujuk."),
    "superseded-unresolved": Message(
        W, "superseded SOP `{ref}` is not in this site.",
        "SOP yang digantikan, `{ref}`, tidak ada di situs ini.",
        "Check the other SOP's `nomor` (or `nama`).", "Periksa `nomor` (atau `nama`) SOP yang dirujuk."),
    # -- building ---------------------------------------------------------------------
    "diagram-engine-missing": Message(
        W, "diagrams are left out: no Graphviz engine is available ({why}).",
        "diagram tidak digambar: tidak ada mesin Graphviz yang dapat dipakai ({why}).",
        "Install the package's dependencies (`pip install mkdocs-sop`), or set `diagram: false`.",
        "Pasang dependensi paket ini (`pip install mkdocs-sop`), atau tulis `diagram: false`."),
    "diagram-failed": Message(
        W, "the diagram of `{nomor}` is left out: Graphviz could not draw it ({reason}).",
        "diagram `{nomor}` tidak digambar: Graphviz tidak dapat menggambarnya ({reason}).",
        "The table above it is complete; shorten very long texts of the SOP, or report the message.",
        "Tabel di atasnya tetap lengkap; persingkat teks yang sangat panjang, atau laporkan pesan ini."),
    "diagram-timeout": Message(
        W, "the diagram of `{nomor}` is left out: Graphviz needed more than {seconds} s.",
        "diagram `{nomor}` tidak digambar: Graphviz memerlukan lebih dari {seconds} detik.",
        "Split the SOP into several, or raise `diagram_seconds` under `limits:` of `- sop:` in mkdocs.yml.",
        "Pecah SOP ini menjadi beberapa SOP, atau naikkan `diagram_seconds` di bawah `limits:` pada "
        "`- sop:` di mkdocs.yml."),
    "instansi-other": Message(
        W, "`{instansi}` is not the site's institution ({site}); the site's logo is left off this "
        "SOP's identity grid and printed copy.",
        "`{instansi}` bukan instansi situs ini ({site}); logo situs tidak dicantumkan pada tabel "
        "identitas dan salinan cetak SOP ini.",
        "If the SOP is another institution's, list its logo under `logos:` of `- sop:` in mkdocs.yml; if it is "
        "the site's own, delete `instansi:` or write it exactly as `institution`.",
        "Bila SOP ini milik instansi lain, cantumkan logonya di `logos:` pada `- sop:` dalam mkdocs.yml; bila "
        "milik instansi situs sendiri, hapus `instansi:` atau tulis persis seperti `institution`."),
    "logo-missing": Message(
        W, "`logo: {logo}` is not a file in the docs folder ({docs_dir}); identity grids will show no logo.",
        "`logo: {logo}` bukan berkas di folder docs ({docs_dir}); tabel identitas akan tampil tanpa logo.",
        "Put the file in the docs folder, or correct the path under `- sop:` in mkdocs.yml.",
        "Letakkan berkasnya di folder docs, atau perbaiki alamatnya di bawah `- sop:` dalam mkdocs.yml."),
    "file-unreadable": Message(
        E, "cannot read the file: {error}.", "berkas tidak dapat dibaca: {error}."),
    # -- monitoring and evaluation records (core/monev.py) ------------------------------
    "period-invalid": Message(
        E, "`{value}` is not a semester.", "`{value}` bukan semester.",
        "Write the year and the semester, e.g. `periode: 2025-S1` (January-June) or `2025-S2`.",
        "Tulis tahun dan semesternya, misalnya `periode: 2025-S1` (Januari-Juni) atau `2025-S2`."),
    "period-two-ways": Message(
        E, "period `{value}` is the same semester as `{other}` ({other_path}), written another way.",
        "periode `{value}` adalah semester yang sama dengan `{other}` ({other_path}), ditulis dengan cara lain.",
        "Write every period the same way, e.g. `{other}`, so the tables group them together.",
        "Tulis setiap periode dengan cara yang sama, misalnya `{other}`, agar tabel mengelompokkannya."),
    "round-twice": Message(
        E, "the monitoring of {unit} in {period} is already recorded in {other_path}.",
        "monitoring {unit} periode {period} sudah dicatat di {other_path}.",
        "Keep one file per unit and semester: move these rows into that file.",
        "Satu berkas untuk satu unit dan satu semester: pindahkan baris ini ke berkas itu."),
    "record-unit-unknown": Message(
        E, "no SOP of the site belongs to unit `{unit}`.", "tidak ada SOP di situs ini milik unit `{unit}`.",
        "Write the unit as the SOPs' `unit` writes it.", "Tulis unitnya seperti pada `unit` SOP-nya."),
    "record-sop-unknown": Message(
        E, "SOP `{sop}` is not in this site; this row is left out.",
        "SOP `{sop}` tidak ada di situs ini; baris ini tidak dipakai.",
        "Check the SOP's `nomor` (or `nama`).", "Periksa `nomor` (atau `nama`) SOP itu."),
    "record-sop-other-unit": Message(
        W, "SOP `{sop}` does not belong to {unit}.", "SOP `{sop}` bukan milik {unit}.",
        "Record it in the monitoring of its own unit.", "Catat di monitoring unit pemiliknya."),
    "record-sop-twice": Message(
        E, "SOP `{sop}` is already in this file (line {first}); this row is left out.",
        "SOP `{sop}` sudah ada di berkas ini (baris {first}); baris ini tidak dipakai.",
        "Keep one row per SOP.", "Satu baris untuk satu SOP."),
    "date-outside-period": Message(
        W, "`{value}` is not in {period}.", "`{value}` tidak berada dalam periode {period}.",
        "Check the date or the file's `periode`.", "Periksa tanggalnya atau `periode` berkas ini."),
    "action-missing": Message(
        W, "the SOP is not running well but no action is written.",
        "SOP tidak berjalan dengan baik tetapi tindakan yang harus diambil tidak ditulis.",
        "Add `tindakan:` (Tabel 7 asks for it).", "Tambahkan `tindakan:` (Tabel 7 memintanya)."),
    "criterion-missing": Message(
        E, "criteria missing: {missing}; this SOP's evaluation is left out.",
        "kriteria belum diisi: {missing}; evaluasi SOP ini tidak dipakai.",
        "Answer all seven criteria with `ya` or `tidak`.", "Jawab ketujuh kriteria dengan `ya` atau `tidak`."),
    "follow-up-missing": Message(
        W, "the decision is `{decision}` but no follow-up is written.",
        "keputusannya `{decision}` tetapi tindak lanjutnya tidak ditulis.",
        "Add `tindak_lanjut:` with the new SOP's `nomor` or the decree.",
        "Tambahkan `tindak_lanjut:` berisi `nomor` SOP baru atau surat keputusannya."),
}


def language_of(language: str | None) -> str:
    """``en`` for English (``en``, ``en-GB``, ...), else Indonesian."""
    return "en" if str(language or "").lower().startswith("en") else "id"


def message(code: str, language: str = DEFAULT_LANGUAGE, /, **params) -> str:
    entry = MESSAGES[code]
    return (entry.en if language_of(language) == "en" else entry.id).format(**params)


def hint(name: str, language: str = DEFAULT_LANGUAGE, /, **params) -> str:
    """A hint by name: a code (its usual hint) or a shared hint of :data:`HINTS`."""
    if name in MESSAGES:
        entry = MESSAGES[name]
        template = entry.hint_en if language_of(language) == "en" else entry.hint_id
    else:
        en, ind = HINTS[name]
        template = en if language_of(language) == "en" else ind
    return template.format(**params)


def phrase(name: str, language: str = DEFAULT_LANGUAGE, /, **params) -> str:
    en, ind = PHRASES[name]
    return (en if language_of(language) == "en" else ind).format(**params)


def make(code: str, language: str = DEFAULT_LANGUAGE, /, *, path: str = "", line: int = 0, column: int = 0,
         key: str = "", hint_text: str | None = None, **params) -> Diagnostic:
    """The diagnostic ``code`` in ``language``; ``hint_text`` replaces the usual hint when given.

    Placeholders therefore never use the names ``path``, ``line``, ``column``, ``key`` or
    ``hint_text``.
    """
    entry = MESSAGES[code]
    text = message(code, language, **params)
    help_text = hint(code, language, **params) if hint_text is None else hint_text
    return Diagnostic(entry.severity, text, path, line, column, key, help_text, code)


def did_you_mean(word: str, choices: Iterable[str], language: str = DEFAULT_LANGUAGE) -> str:
    """A "did you mean `x`?" hint, or an empty string when nothing is close.

    The one suggestion of the project (keys, values, actors, targets, related SOPs):
    case and spacing are ignored, the choice is quoted as written.
    """
    close = closest(word, choices)
    return hint("did-you-mean", language, suggestion=close) if close else ""


def closest(word: str, choices: Iterable[str]) -> str:
    """The choice ``word`` most likely misspells, as written, or ``""`` (case and spacing ignored)."""
    written: dict[str, str] = {}
    for choice in choices:
        written.setdefault(_fold(choice), str(choice))
    close = difflib.get_close_matches(_fold(word), list(written), n=1, cutoff=0.6)
    return written[close[0]] if close else ""


def _fold(text: object) -> str:
    return " ".join(str(text).lower().split())


def placeholders(template: str) -> set[str]:
    """The field names of a :meth:`str.format` template."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


__all__ = ["LANGUAGES", "MESSAGES", "HINTS", "PHRASES", "Message", "make", "message", "hint", "phrase", "did_you_mean", "closest",
           "language_of", "placeholders"]
