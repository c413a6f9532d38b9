"""Grouping and ordering ``dasar_hukum`` citations by regulation.

Editors cite the same regulation in many spellings (``Undang-Undang Nomor 25 Tahun
2009 tentang Pelayanan Publik``, ``UU No. 25 Tahun 2009``, ``UU 25/2009``). A catalogue
of legal bases must list each regulation once, ordered by the hierarchy of Indonesian
legislation (UU 12/2011 as amended), so we read each citation into a
:class:`Regulation` whose ``key`` is the same however it was written.

Identity is (kind, issuer, number, year):

* ``kind`` is the type of instrument; UU and Perppu share a rank but not an identity,
  and the ministry of a ministerial regulation is part of it (Permendagri 108/2019 is
  not PMK 108/2019); ``PMK`` is read as Peraturan Menteri Keuangan;
* ``issuer`` is the normalised ministry (``dagri``, ``panrb``, ``keu`` ...), agency
  (``bkn``, ``lan`` ...) or region (``kota-contoh``, ``provinsi-jawa-tengah``);
* numbers compare by their digit and letter runs (``05`` = ``5``, ``PM 12`` = ``PM.12``);
  a year is read from ``Tahun``/``Th.``/``thn`` or a trailing ``/2009``.

Under-specified citations (no region, no ministry, no year, or no number but the same
``tentang`` title) join the one group they are compatible with; when two or more groups
fit (``Perda Nomor 3 Tahun 2020`` with both a Kota and a Provinsi Perda 3/2020 cited),
the citation stays on its own rather than being guessed into one.

Ranks: 0 UUD 1945; 1 UU and Perppu; 2 PP; 3 Perpres; 4 Peraturan Menteri and other
ministerial/agency regulations; 5 Perda (and Qanun); 6 Peraturan Gubernur, Bupati,
Wali Kota (and Peraturan Desa); 7 Keputusan, Instruksi, Surat Edaran; 8 anything else.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable, TypeVar

from ..core.model import slug

__all__ = ["Regulation", "RANKS", "parse_citation", "group_citations"]

T = TypeVar("T")


@dataclass(frozen=True)
class Regulation:
    """One regulation as identified from a citation."""

    key: str  # stable identity, e.g. "uu-25-2009", "permen-dagri-108-2019"
    kind: str  # "uu", "permen", "perda", ..., "lainnya"
    rank: int  # position in the hierarchy, 0 (UUD) .. 8 (other)
    number: str  # as displayed: "25", "PM 12", "3A"; "" when not written
    year: int | None
    issuer: str  # normalised ministry/agency/region code; "" when none or not written
    title: str  # the "tentang ..." part when written
    display: str  # canonical readable name, with " tentang <title>" when known
    name: str = ""  # display without the title: "Undang-Undang Nomor 25 Tahun 2009"


RANKS: dict[str, int] = {
    "uud": 0, "uu": 1, "perppu": 1, "pp": 2, "perpres": 3,
    "permen": 4, "peraturan-lembaga": 4,
    "perda": 5, "qanun": 5,
    "pergub": 6, "perbup": 6, "perwal": 6, "perdes": 6,
    "keppres": 7, "kepmen": 7, "kepgub": 7, "kepbup": 7, "kepwal": 7, "keputusan": 7,
    "inpres": 7, "instruksi": 7, "surat-edaran": 7,
    "lainnya": 8,
}

_KEY_PREFIX = {"peraturan-lembaga": "peraturan"}

_NATIONAL = {"uu": "Undang-Undang", "perppu": "Peraturan Pemerintah Pengganti Undang-Undang",
             "pp": "Peraturan Pemerintah", "perpres": "Peraturan Presiden",
             "keppres": "Keputusan Presiden", "inpres": "Instruksi Presiden"}

_REGIONAL = {"perda": "Peraturan Daerah", "qanun": "Qanun", "pergub": "Peraturan Gubernur",
             "perbup": "Peraturan Bupati", "perwal": "Peraturan Wali Kota",
             "perdes": "Peraturan Desa", "kepgub": "Keputusan Gubernur",
             "kepbup": "Keputusan Bupati", "kepwal": "Keputusan Wali Kota"}

# (kind, pattern on the normalised text before the number). Order matters.
_TYPES: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p)) for k, p in (
    ("perppu", r"(peraturan pemerintah pengganti undang undang|perppu|perpu)\b"),
    ("uu", r"(undang undang|undangundang|undang udang|undang2|uu|u u)\b"),
    ("pp", r"(peraturan pemerintah|pp)\b"),
    ("perpres", r"(peraturan presiden|perpres|perpers)\b"),
    ("keppres", r"((surat )?keputusan presiden|keppres|kepres|sk presiden)\b"),
    ("inpres", r"(instruksi presiden|inpres)\b"),
    ("permen", r"(peraturan ment?e?ri\b|peraturan men|per men|permen|pmk\b|pma\b)"),
    ("kepmen", r"((surat )?keputusan ment?e?ri\b|(surat )?keputusan men|kep men|kepmen"
               r"|sk ment?e?ri\b|sk men)"),
    ("perda", r"(peraturan daerah|perda)\b"),
    ("qanun", r"qanun\b"),
    ("pergub", r"(peraturan gubernur|pergub)\b"),
    ("perbup", r"(peraturan bupati|perbup)\b"),
    ("perwal", r"(peraturan wali ?kota|peraturan walkot|perwal|perwali|perwako|perwalkot)\b"),
    ("perdes", r"(peraturan desa|perdes)\b"),
    ("kepgub", r"((surat )?keputusan gubernur|kepgub|sk gubernur|sk gub)\b"),
    ("kepbup", r"((surat )?keputusan bupati|kepbup|sk bupati)\b"),
    ("kepwal", r"((surat )?keputusan wali ?kota|kepwal|kepwali|sk wali ?kota)\b"),
    ("peraturan-lembaga",
     r"(perkaban|perka|pojk|pbi|perma|pkpu|perbawaslu|perpol|perkap|perki|perlem)\b"),
    ("keputusan", r"(surat keputusan|keputusan|sk|kep)\b"),
    ("instruksi", r"(instruksi|inst)\b"),
    ("surat-edaran", r"(surat edaran|se)\b"),
)]

# Abbreviations that name their issuer as well as their kind.
_IMPLIED_ISSUER = {"pmk": "keu", "pma": "ag", "pojk": "ojk", "pbi": "bi", "perma": "ma",
                   "pkpu": "kpu", "perbawaslu": "bawaslu", "perpol": "polri",
                   "perkap": "polri", "perki": "kip"}
_KEPALA_ABBR = {"perka", "perkaban", "perkap"}

_MINISTRIES: list[tuple[str, str, str]] = [
    ("dikbudristek", "Pendidikan, Kebudayaan, Riset, dan Teknologi",
     r"pendidikan (dan )?kebudayaan riset|dikbudristek|dikbud ristek"),
    ("dikbud", "Pendidikan dan Kebudayaan", r"pendidikan (dan )?kebudayaan|dikbud\b"),
    ("diknas", "Pendidikan Nasional", r"pendidikan nasional|diknas"),
    ("ristekdikti", "Riset, Teknologi, dan Pendidikan Tinggi",
     r"riset teknologi (dan )?pendidikan tinggi|ristek ?dikti"),
    ("dagri", "Dalam Negeri", r"dalam negeri|dagri|dn\b"),
    ("panrb", "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
     r"pendayagunaan aparatur|pan ?(dan |& ?)?rb\b|panrb|pan\b|apan\b"),
    ("keu", "Keuangan", r"keuangan|keu\b|kue\b"),
    ("kes", "Kesehatan", r"kesehatan|kes\b"),
    ("kumham", "Hukum dan Hak Asasi Manusia",
     r"hukum dan (hak asasi manusia|ham)|kumham|hukham"),
    ("naker", "Ketenagakerjaan", r"ketenagakerjaan|tenaga kerja|nakertrans|naker|aker\b"),
    ("hub", "Perhubungan", r"perhubungan|hub\b"),
    ("pupr", "Pekerjaan Umum dan Perumahan Rakyat",
     r"pekerjaan umum dan perumahan rakyat|pu ?pr\b"),
    ("pu", "Pekerjaan Umum", r"pekerjaan umum|pu\b"),
    ("kominfo", "Komunikasi dan Informatika", r"komunikasi dan informatika|kominfo"),
    ("komdigi", "Komunikasi dan Digital", r"komunikasi dan digital|komdigi"),
    ("sos", "Sosial", r"sosial|sos\b"),
    ("ag", "Agama", r"agama|ag\b"),
    ("tan", "Pertanian", r"pertanian|tan\b"),
    ("dag", "Perdagangan", r"perdagangan|dag\b"),
    ("perin", "Perindustrian", r"perindustrian|perin\b|prin\b"),
    ("lhk", "Lingkungan Hidup dan Kehutanan", r"lingkungan hidup dan kehutanan|lhk"),
    ("lh", "Lingkungan Hidup", r"lingkungan hidup|lh\b"),
    ("atrbpn", "Agraria dan Tata Ruang/Kepala Badan Pertanahan Nasional",
     r"agraria|atr\b|atr bpn"),
    ("desa", "Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", r"desa\b"),
    ("esdm", "Energi dan Sumber Daya Mineral", r"energi dan sumber daya mineral|esdm"),
    ("kp", "Kelautan dan Perikanan", r"kelautan dan perikanan|kp\b"),
    ("pppa", "Pemberdayaan Perempuan dan Perlindungan Anak",
     r"pemberdayaan perempuan|pp ?pa\b"),
    ("bumn", "Badan Usaha Milik Negara", r"badan usaha milik negara|bumn"),
    ("ppn", "Perencanaan Pembangunan Nasional/Kepala Bappenas",
     r"perencanaan pembangunan nasional|ppn\b|bappenas"),
    ("pora", "Pemuda dan Olahraga", r"pemuda dan olah ?raga|pora\b"),
    ("parekraf", "Pariwisata dan Ekonomi Kreatif", r"pariwisata|parekraf"),
    ("kukm", "Koperasi dan Usaha Kecil dan Menengah", r"koperasi|kukm|kop ukm|kop\b"),
    ("setneg", "Sekretaris Negara", r"sekretaris negara|setneg"),
    ("han", "Pertahanan", r"pertahanan|han\b"),
    ("lu", "Luar Negeri", r"luar negeri|lu\b"),
]

_AGENCIES: list[tuple[str, str, str]] = [
    ("bkn", "Badan Kepegawaian Negara", r"badan kepegawaian negara|bkn\b"),
    ("lan", "Lembaga Administrasi Negara", r"lembaga administrasi negara|lan\b"),
    ("lkpp", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
     r"lembaga kebijakan pengadaan|lkpp"),
    ("anri", "Arsip Nasional Republik Indonesia", r"arsip nasional|anri"),
    ("bpom", "Badan Pengawas Obat dan Makanan", r"badan pengawas obat|bpom|badan pom"),
    ("bpkp", "Badan Pengawasan Keuangan dan Pembangunan",
     r"badan pengawasan keuangan|bpkp"),
    ("bps", "Badan Pusat Statistik", r"badan pusat statistik|bps\b"),
    ("bnpb", "Badan Nasional Penanggulangan Bencana",
     r"badan nasional penanggulangan bencana|bnpb"),
    ("bssn", "Badan Siber dan Sandi Negara", r"badan siber|bssn"),
    ("bpn", "Badan Pertanahan Nasional", r"badan pertanahan nasional|bpn\b"),
    ("bpk", "Badan Pemeriksa Keuangan", r"badan pemeriksa keuangan|bpk\b"),
    ("ojk", "Otoritas Jasa Keuangan", r"otoritas jasa keuangan|ojk"),
    ("bi", "Bank Indonesia", r"bank indonesia|bi\b"),
    ("kpu", "Komisi Pemilihan Umum", r"komisi pemilihan umum|kpu\b"),
    ("bawaslu", "Badan Pengawas Pemilihan Umum", r"badan pengawas pemilihan umum|bawaslu"),
    ("ma", "Mahkamah Agung", r"mahkamah agung|ma\b"),
    ("mk", "Mahkamah Konstitusi", r"mahkamah konstitusi|mk\b"),
    ("ombudsman", "Ombudsman Republik Indonesia", r"ombudsman|ori\b"),
    ("kpk", "Komisi Pemberantasan Korupsi", r"komisi pemberantasan korupsi|kpk\b"),
    ("kip", "Komisi Informasi", r"komisi informasi|kip\b"),
    ("polri", "Kepolisian Negara Republik Indonesia", r"kepolisian|polri|kapolri"),
    ("bnn", "Badan Narkotika Nasional", r"badan narkotika nasional|bnn\b"),
    ("bmkg", "Badan Meteorologi, Klimatologi, dan Geofisika", r"bmkg|badan meteorologi"),
]

# Words after "Peraturan" that make it an agency's (not an unknown) regulation.
_AGENCY_WORDS = re.compile(r"(badan|lembaga|komisi|kepala|direktur|dirjen|sekretaris|sekjen"
                           r"|dewan|otoritas|mahkamah|bank|ketua|jaksa|kepolisian|arsip"
                           r"|ombudsman)\b")

_LEVELS = [("provinsi", r"(provinsi|propinsi|prov)\b"),
           ("kabupaten", r"(kabupaten|kab)\b"),
           ("kota", r"(kota administrasi|kotamadya|kota)\b")]
_LEVEL_WORDS = re.compile(r"^(provinsi|propinsi|prov|kabupaten|kab|kota administrasi|kotamadya"
                          r"|kota|desa)\b\s*")

# Common short names of provinces, so "Pergub Jateng" is "Pergub Jawa Tengah".
_PROVINCE_ABBR = {
    "jabar": "jawa barat", "jateng": "jawa tengah", "jatim": "jawa timur",
    "diy": "daerah istimewa yogyakarta", "dki": "dki jakarta", "sumut": "sumatera utara",
    "sumbar": "sumatera barat", "sumsel": "sumatera selatan", "sulsel": "sulawesi selatan",
    "sulut": "sulawesi utara", "sulteng": "sulawesi tengah", "sultra": "sulawesi tenggara",
    "sulbar": "sulawesi barat", "kalbar": "kalimantan barat", "kalteng": "kalimantan tengah",
    "kalsel": "kalimantan selatan", "kaltim": "kalimantan timur",
    "kaltara": "kalimantan utara", "ntb": "nusa tenggara barat",
    "ntt": "nusa tenggara timur",
}

_NUMBER_KEYWORD = re.compile(r"\b(?:nomor|nomer|nmr|no)\b\s*[.:]*\s*|\bno(?=\d)")
_YEAR_MARKERS = {"tahun", "thn", "th", "tahun:"}
_TITLE_SPLIT = re.compile(r"\s+(?:tentang|ttg|tntg|tent)\b\.?:?\s*", re.I)
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")
_YEAR = re.compile(r"(?:1[89]|20)\d{2}")


def _fold(text: str) -> str:
    """Lower-case ASCII with quotes and dashes unified, for matching only."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return s.lower()


def _words(text: str) -> str:
    """Letters, digits and '&' only, single-spaced: 'Per.Men PAN-RB' -> 'per men pan rb'."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9&]+", " ", s.lower()).strip()


def _strip_ri(words: str) -> str:
    """'Republik Indonesia' / 'RI' says nothing about identity in an Indonesian citation."""
    s = re.sub(r"\b(negara )?republik indonesia\b|\bn?ri\b", " ", words)
    return re.sub(r"\s+", " ", s).strip()


def _lookup(table: list[tuple[str, str, str]], words: str) -> tuple[str, str] | None:
    for code, name, pattern in table:
        if re.match(pattern, words):
            return code, name
    return None


def _nice(words: str, original: str) -> str:
    """Readable casing for an unknown name: as written, or Title Case if written flat.
    Acronyms stay as written (``KMA``, ``RI``, ``BPS``): a word of up to five capitals in
    the original is never re-cased."""
    if not words:
        return ""
    pattern = r"\W+".join(re.escape(w) for w in words.split())
    m = re.search(pattern, original, re.I)
    seg = m.group(0) if m else words
    seg = re.sub(r"\s+", " ", seg)
    if seg.islower() or seg.isupper():
        small = {"dan", "di", "ke", "dari", "of", "and"}
        long_caps = seg.isupper() and len(seg.split()) > 2  # "BADAN PUSAT STATISTIK": words, not acronyms

        def recase(w: str) -> str:
            if w.isupper() and len(w) <= (3 if long_caps else 5):
                return w  # an acronym
            return w.lower() if w.lower() in small else w.capitalize()

        return " ".join("-".join(recase(part) for part in w.split("-")) for w in seg.split())
    return seg


def _ministry(words: str, original: str) -> tuple[str, str]:
    rest = re.sub(r"^negara\b\s*", "", _strip_ri(words))
    if not rest:
        return "", ""
    found = _lookup(_MINISTRIES, rest)
    if found:
        return found
    short = " ".join(rest.split()[:8])
    return slug(short), _nice(short, original)


def _agency(words: str, original: str) -> tuple[str, str]:
    rest = _strip_ri(words)
    if not rest:
        return "", ""
    found = _lookup(_AGENCIES, rest)
    if found:
        return found
    short = " ".join(rest.split()[:8])
    # the name as written, "RI" included (identity ignores it, the reader does not)
    return slug(short), _nice(" ".join(words.split()[:len(short.split()) + 3]), original) \
        if re.search(r"\bri\b|republik indonesia", words) else _nice(short, original)


def _region(words: str, original: str, with_level: bool) -> tuple[str, str]:
    """Perda regions keep their level (Kota/Kabupaten/Provinsi); head-of-region ones drop it."""
    rest = _strip_ri(words)
    level = ""
    if with_level:
        for name, pattern in _LEVELS:
            m = re.match(pattern, rest)
            if m:
                level, rest = name, rest[m.end():].strip()
                break
    else:
        rest = _LEVEL_WORDS.sub("", rest)
    rest = " ".join(rest.split()[:6])
    if not rest:
        return "", ""
    if rest in _PROVINCE_ABBR:
        rest = _PROVINCE_ABBR[rest]
        original = rest.title().replace("Dki", "DKI")
    code = f"{level}-{slug(rest)}" if level else slug(rest)
    shown = _nice(rest, original)
    return code, (f"{level.capitalize()} {shown}" if level else shown)


def _generic_issuer(kind: str, words: str, original: str) -> tuple[str, str, str]:
    """Issuer of a Keputusan/Instruksi/Surat Edaran; may refine the kind (SK Bupati -> kepbup)."""
    rest = _strip_ri(words)
    m = re.match(r"(ment?e?ri\b|men(?=[a-z]))\s*", rest)
    if m:
        code, name = _ministry(rest[m.end():], original)
        if kind == "keputusan":
            return "kepmen", code, name
        return kind, f"menteri-{code}" if code else "menteri", f"Menteri {name}".strip()
    for sub, pattern in (("kepgub", r"gubernur\b"), ("kepbup", r"bupati\b"),
                         ("kepwal", r"wali ?kota\b"), ("keppres", r"presiden\b")):
        m = re.match(pattern, rest)
        if m:
            head = m.group(0)
            code, name = _region(rest[m.end():], original, with_level=False)
            if kind == "keputusan":
                return sub, ("" if sub == "keppres" else code), ("" if sub == "keppres" else name)
            label = _nice(head, original)
            return kind, slug(f"{head} {code}"), f"{label} {name}".strip()
    kepala = rest.startswith("kepala ")
    code, name = _agency(words.split(" ", 1)[1] if kepala and " " in words else words, original)
    if kepala and code:
        return kind, code, f"Kepala {name}"
    return kind, code, name


def _parse_number(post: str) -> tuple[str, str, int | None, bool]:
    """(display number, number key, year, year written inside the number) from 'No. ...'."""
    post = re.sub(r"\b(tahun|thn|th)\.?\s*(?=\d{4})", r"\1 ", post)
    toks = re.findall(r"[a-z0-9](?:[a-z0-9./\-]*[a-z0-9])?|,", post)
    parts: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "," or t in _YEAR_MARKERS:
            break
        if re.search(r"\d", t):
            parts.append(t)
            i += 1
            break
        if len(t) <= 3 and not parts:  # "PM 12", "KEP 25"
            parts.append(t)
            i += 1
            continue
        break
    if not any(re.search(r"\d", p) for p in parts):
        m = re.match(r"\s*(?:tahun|thn|th)\b\.?\s*(\d{4})\b", post)
        return "", "", (int(m.group(1)) if m else None), False
    year: int | None = None
    for j in range(i, min(i + 3, len(toks))):
        if toks[j] in _YEAR_MARKERS and j + 1 < len(toks) and re.fullmatch(r"\d{4}", toks[j + 1]):
            year = int(toks[j + 1])
            break
        if j == i and _YEAR.fullmatch(toks[j]):
            year = int(toks[j])  # "UU No. 25 2009": the "Tahun" was left out
            break
    number = " ".join(parts).strip("./-")
    in_number = False
    m = re.fullmatch(r"(\d+[a-z]?)\s*[/\-]\s*(\d{4})", number)
    if m and (year is None or year == int(m.group(2))):
        number, year = m.group(1), int(m.group(2))
    else:
        m = re.search(r"/(\d{4})$", number)
        if m and (year is None or year == int(m.group(1))):
            year, in_number = int(m.group(1)), True
    if re.fullmatch(r"\d+", number):
        shown = number.lstrip("0") or "0"
    else:
        shown = number.upper()
    key = "-".join((t.lstrip("0") or "0") if t.isdigit() else t
                   for t in re.findall(r"[a-z]+|\d+", number))
    return shown, key, year, in_number


def _other(text: str) -> Regulation:
    return Regulation(key="lainnya-" + slug(text), kind="lainnya", rank=RANKS["lainnya"],
                      number="", year=None, issuer="", title="", display=text, name=text)


def parse_citation(text: str) -> Regulation:
    """Read one citation; never raises. Unrecognised text gets kind ``lainnya``."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _parse_citation(text)


@functools.lru_cache(maxsize=16384)  # a site cites the same regulations over and over, every build
def _parse_citation(text: str) -> Regulation:
    original = re.sub(r"\s+", " ", text).strip()
    original = _LIST_MARKER.sub("", original).strip()
    if not original:
        return _other("")
    parts = _TITLE_SPLIT.split(original, maxsplit=1)
    head = parts[0]
    title = ""
    if len(parts) > 1:
        title = parts[1].strip().strip("\"'“”‘’").rstrip(" .;,").strip()
    head_f = _fold(head)

    if re.match(r"\s*(undang\W*undang\W*dasar|uud)", head_f):
        return Regulation(key="uud-1945", kind="uud", rank=0, number="", year=1945, issuer="",
                          title="", name=_UUD, display=_UUD)

    m = _NUMBER_KEYWORD.search(head_f)
    bare_year = re.search(r"\b(?:tahun|thn|th)\b\.?\s*(\d{4})\b", head_f)
    if bare_year and (not m or m.start() > bare_year.start()):
        m = None  # "UU Tahun 2009 tentang ...": a year but no number
        pre, post = head_f[:bare_year.start()], head_f[bare_year.start():]
    elif m:
        pre, post = head_f[:m.start()], head_f[m.end():]
    else:
        d = re.search(r"\b\d", head_f) or re.search(r"\d", head_f)
        pre, post = (head_f[:d.start()], head_f[d.start():]) if d else (head_f, "")
    p = _words(pre)

    kind = ""
    rest = ""
    abbr = ""
    for k, pattern in _TYPES:
        tm = pattern.match(p)
        if tm:
            kind, rest, abbr = k, p[tm.end():].strip(), tm.group(0).strip()
            break
    if not kind and p.startswith("peraturan "):
        tail = _strip_ri(p[len("peraturan "):])
        if _AGENCY_WORDS.match(tail) or _lookup(_AGENCIES, tail):
            kind, rest, abbr = "peraturan-lembaga", tail, "peraturan"
    if not kind:
        return _other(original)

    issuer, issuer_name = "", ""
    prefix = ""
    if kind in _NATIONAL:
        prefix = _NATIONAL[kind]
    elif kind in ("permen", "kepmen"):
        if abbr in _IMPLIED_ISSUER:
            issuer = _IMPLIED_ISSUER[abbr]
            issuer_name = dict((c, n) for c, n, _ in _MINISTRIES)[issuer]
        else:
            issuer, issuer_name = _ministry(rest, head)
        prefix = ("Peraturan Menteri" if kind == "permen" else "Keputusan Menteri")
        prefix = f"{prefix} {issuer_name}".strip()
    elif kind == "peraturan-lembaga":
        kepala = abbr in _KEPALA_ABBR
        if rest.startswith("kepala "):
            kepala, rest = True, rest[len("kepala "):]
        if abbr in _IMPLIED_ISSUER:
            issuer = _IMPLIED_ISSUER[abbr]
            issuer_name = dict((c, n) for c, n, _ in _AGENCIES)[issuer]
        else:
            issuer, issuer_name = _agency(rest, head)
        prefix = ("Peraturan Kepala" if kepala else "Peraturan") + (f" {issuer_name}" if issuer_name else "")
    elif kind in _REGIONAL:
        issuer, issuer_name = _region(rest, head, with_level=kind in ("perda", "qanun"))
        prefix = f"{_REGIONAL[kind]} {issuer_name}".strip()
    else:  # keputusan, instruksi, surat-edaran
        kind, issuer, issuer_name = _generic_issuer(kind, rest, head)
        if kind in _NATIONAL:
            prefix = _NATIONAL[kind]
        elif kind == "kepmen":
            prefix = f"Keputusan Menteri {issuer_name}".strip()
        elif kind in _REGIONAL:
            prefix = f"{_REGIONAL[kind]} {issuer_name}".strip()
        else:
            base = {"keputusan": "Keputusan", "instruksi": "Instruksi",
                    "surat-edaran": "Surat Edaran"}[kind]
            prefix = f"{base} {issuer_name}".strip()

    number, number_key, year, in_number = _parse_number(post)
    name = prefix
    if number:
        name += f" Nomor {number}"
    if year is not None and not in_number:
        name += f" Tahun {year}"
    slot = number_key or (slug(title) if title else "x")
    key_parts = [_KEY_PREFIX.get(kind, kind), issuer, slot,
                 str(year) if year and not in_number else ""]
    key = "-".join(part for part in key_parts if part)
    display = f"{name} tentang {title}" if title else name
    return Regulation(key=key, kind=kind, rank=RANKS[kind], number=number, year=year,
                      issuer=issuer, title=title, display=display, name=name)


_UUD = "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"


# --- grouping -----------------------------------------------------------------------

def _number_key(reg: Regulation) -> str:
    if not reg.number:
        return ""
    return "-".join((t.lstrip("0") or "0") if t.isdigit() else t
                    for t in re.findall(r"[a-z]+|\d+", reg.number.lower()))


def _title_key(title: str) -> str:
    return slug(title) if title else ""


@dataclass
class _Group:
    reg: Regulation
    items: list[tuple[int, object]]  # (input position, item)
    titles: list[tuple[int, str]]  # (input position, title)

    def more_specific_than(self, other: "_Group") -> bool:
        """True when ``other`` could be an under-specified spelling of this group."""
        a, b = other.reg, self.reg
        if a.kind != b.kind or a.key == b.key or a.kind == "lainnya":
            return False
        if _number_key(a) != _number_key(b):
            if _number_key(a) or not a.title:
                return False
            if _title_key(a.title) not in {_title_key(t) for _, t in self.titles}:
                return False
        if a.year is not None and a.year != b.year:
            return False
        if a.issuer != b.issuer and a.issuer:
            # "Perda Contoh" (no level) fits "Perda Kota Contoh", nothing else
            level, _, bare = b.issuer.partition("-")
            if not (level in ("provinsi", "kabupaten", "kota") and bare == a.issuer):
                return False
        return True


# "X sebagaimana telah (beberapa kali / terakhir) diubah dengan Y": Y amends X.
_AMENDED_BY = re.compile(r"\bsebagaimana\b[^,;]*?\bdiubah\b(?:\s+\w+)*?\s+dengan\b", re.I)
# "Y tentang Perubahan (Kedua ...) atas X": Y amends X.
_AMENDS = re.compile(r"\bperubahan\b(?:\s+\w+)?\s+atas\b", re.I)
_NEXT_CITATION = re.compile(r"\s*(?:;|,|\bdan\b)\s*(?=(?:UU|PP|Perpres|Permen|Perda|Peraturan|Undang)\b)", re.I)


def amendment_links(text: str) -> list[tuple[str, str]]:
    """(amending key, amended key) pairs a citation states, so an amended regulation and
    its amendments are listed as one chain."""
    return list(_amendment_links(text))


@functools.lru_cache(maxsize=16384)
def _amendment_links(text: str) -> tuple[tuple[str, str], ...]:
    links = []
    m = _AMENDED_BY.search(text)
    if m:
        base = parse_citation(text[:m.start()])
        for part in _NEXT_CITATION.split(text[m.end():]):
            amending = parse_citation(part)
            if amending.kind != "lainnya" and base.kind != "lainnya" and amending.key != base.key:
                links.append((amending.key, base.key))
    m = _AMENDS.search(text)
    if m:
        amending, base = parse_citation(text[:m.start()]), parse_citation(text[m.end():])
        if amending.kind != "lainnya" and base.kind != "lainnya" and amending.key != base.key:
            links.append((amending.key, base.key))
    return tuple(links)


def group_citations(citations: Iterable[tuple[str, T]]) -> list[tuple[Regulation, list[T]]]:
    """Group citations by regulation, ordered by (rank, year, number, issuer).

    Each item keeps input order inside its group. The group's regulation is the most
    specific one cited, with the longest ``tentang`` title seen (first wins a tie).
    """
    groups: dict[str, _Group] = {}
    amended: dict[str, str] = {}  # amending key -> amended key
    for pos, (text, item) in enumerate(citations):
        reg = parse_citation(text)
        g = groups.get(reg.key)
        if g is None:
            g = groups[reg.key] = _Group(reg, [], [])
        g.items.append((pos, item))
        if reg.title:
            g.titles.append((pos, reg.title))
        for amending, base in amendment_links(text):
            amended.setdefault(amending, base)

    # an amendment cited on its own joins the regulation it amends (the whole chain once)
    def root(key: str) -> str:
        seen = {key}
        while key in amended and amended[key] not in seen:
            key = amended[key]
            seen.add(key)
        return key

    for key in list(groups):
        base = root(key)
        if base != key and base in groups:
            groups[base].items.extend(groups.pop(key).items)

    all_groups = list(groups.values())
    maximal = [g for g in all_groups if not any(o.more_specific_than(g) for o in all_groups)]
    final: list[_Group] = list(maximal)
    for g in all_groups:
        if any(g is m for m in maximal):
            continue
        targets = [m for m in maximal if m.more_specific_than(g)]
        if len(targets) == 1:
            targets[0].items.extend(g.items)
            targets[0].titles.extend(g.titles)
        else:
            final.append(g)  # ambiguous: better listed twice than merged wrongly

    out: list[tuple[Regulation, list[T]]] = []
    for g in sorted(final, key=lambda g: _order(g.reg)):
        reg = g.reg
        if g.titles:
            best = min(g.titles, key=lambda pt: (-len(pt[1]), pt[0]))[1]
            reg = replace(reg, title=best, display=f"{reg.name} tentang {best}")
        out.append((reg, [item for _, item in sorted(g.items, key=lambda pi: pi[0])]))
    return out


def _natural(number: str) -> tuple:
    if not number:
        return ((2, 0, ""),)
    return tuple((1, 0, t) if t.isalpha() else (0, len(t.lstrip("0")), t.lstrip("0"))
                 for t in re.findall(r"[a-z]+|\d+", number.lower())) or ((2, 0, ""),)


def _order(reg: Regulation) -> tuple:
    year = reg.year if reg.year is not None else 10_000
    return (reg.rank, year, _natural(reg.number), reg.issuer, reg.kind, reg.key)
