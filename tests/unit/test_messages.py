"""The message catalogue: every code in both languages, and every code produced by a real bad input.

Indonesian is the default; `language="en"` gives the English text. The code is the same in
both, and both texts of a template have the same placeholders.
"""

from __future__ import annotations

import re
from string import Formatter

import pytest

from mkdocs_sop.cli import Source, check_sources
from mkdocs_sop.catalogue.registry import Catalogue
from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.logos import Logos
from mkdocs_sop.core.messages import HINTS, MESSAGES, PHRASES, make, placeholders
from mkdocs_sop.core.model import Diagnostic, Severity
from mkdocs_sop.core.monev import SiteView, check_site, parse_records
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_html import RenderOptions
from mkdocs_sop.core.blocks import BlockRenderer
from mkdocs_sop.core.fences import Block
from mkdocs_sop.core.page import PageContext

CODE = re.compile(r"^[a-z]+(-[a-z]+)*$")

IDENT = 'nomor: "470/1"\nnama: Penerbitan KK\nunit: Dinas\n'
STEP = "  - kegiatan: a\n    pelaksana: A\n"
TWO = "langkah:\n" + STEP + "  - kegiatan: b\n    pelaksana: A\n"


def flow(steps: str, extra: str = "") -> str:
    return IDENT + extra + "langkah:\n" + steps


# code -> a block that produces it (parse_block alone)
BLOCKS: dict[str, str] = {
    "yaml-invalid": IDENT + "langkah:\n  - kegiatan: @a\n    pelaksana: A\n",
    "yaml-indent": IDENT + "langkah:\n  - kegiatan: a\n     pelaksana: A\n",
    "yaml-colon-space": IDENT + "langkah:\n  - kegiatan:a\n    pelaksana: A\n",
    "yaml-curly-quotes": IDENT + "langkah:\n  - kegiatan: “Cek: berkas”\n    pelaksana: A\n",
    "yaml-colon-in-value": IDENT + "langkah:\n  - kegiatan: Cek: berkas\n    pelaksana: A\n",
    "yaml-unclosed-quote": IDENT + "langkah:\n  - kegiatan: 'Cek\n    pelaksana: A\n",
    "yaml-unclosed-bracket": IDENT + "langkah:\n  - kegiatan: a\n    pelaksana: [A, B\n",
    "curly-quotes": IDENT + "peringatan: “Hati-hati”\n" + TWO,
    "yaml-tab": IDENT + "langkah:\n  - kegiatan: a\n\tpelaksana: A\n",
    "block-not-mapping": "- satu\n- dua\n",
    "unknown-key": IDENT + "zzz: 1\n" + TWO,
    "duplicate-key": IDENT + "nama: lagi\n" + TWO,
    "duplicate-row": IDENT + "tambahan:\n  Definisi: a\n  Definisi: b\n" + TWO,
    "key-and-alias": IDENT + "name: x\n" + TWO,
    "required-missing": 'nomor: "1"\nnama: x\n' + TWO,
    "empty-value": 'nomor: "1"\nnama:\nunit: U\n' + TWO,
    "no-steps": IDENT + "langkah: []\n",
    "date-impossible": IDENT + "tanggal_efektif: 2024-13-01\n" + TWO,
    "wrong-shape": "nomor: 007\nnama: x\nunit: U\n" + TWO,
    "item-not-text": IDENT + "dasar_hukum:\n  - 12\n" + TWO,
    "value-not-allowed": IDENT + "kategori: servis\n" + TWO,
    "step-not-mapping": IDENT + "langkah:\n  - Menerima berkas\n",
    "actor-empty": IDENT + 'langkah:\n  - kegiatan: a\n    pelaksana: ""\n',
    "id-is-number": flow(STEP + "    id: 3\n"),
    "decision-in-list-format": flow(STEP + "    keputusan: Ok?\n", "format: langkah-sederhana\n"),
    "jump-in-list-format": flow(STEP + "    lanjut: 1\n", "format: langkah-sederhana\n"),
    "substeps-not-allowed": flow(STEP + "    sub:\n      - kegiatan: c\n"),
    "actor-listed-twice": flow(STEP, "pelaksana: [A, A]\n"),
    "actor-not-listed": flow(STEP + "  - kegiatan: b\n    pelaksana: Kepala\n", "pelaksana: [A]\n"),
    "actor-unused": flow(STEP, "pelaksana: [A, B]\n"),
    "teknis-many-actors": IDENT + "jenis: teknis\nlangkah:\n" + STEP + "  - kegiatan: b\n    pelaksana: B\n",
    "duplicate-id": flow(STEP + "    id: x\n  - kegiatan: b\n    pelaksana: A\n    id: x\n"),
    "target-invalid": flow(STEP + "    lanjut: [1, 2]\n"),
    "target-out-of-range": flow(STEP + "    lanjut: 7\n"),
    "sop-target-empty": flow(STEP + '    lanjut: "sop:"\n'),
    "target-unknown": flow(STEP + "    lanjut: periksa\n"),
    "decision-with-lanjut": flow(STEP + "    keputusan: Ok?\n    tidak: 1\n    lanjut: 2\n" + STEP),
    "last-decision-needs-ya": flow(STEP + "  - kegiatan: b\n    pelaksana: A\n    keputusan: Ok?\n    tidak: 1\n"),
    "decision-needs-tidak": flow(STEP + "    keputusan: Ok?\n" + STEP),
    "branch-on-non-decision": flow(STEP + "    ya: 2\n" + STEP),
    "unreachable-step": flow(STEP + "    lanjut: selesai\n" + STEP),
    "never-ends": flow(STEP + "  - kegiatan: b\n    pelaksana: A\n    lanjut: 1\n"),
    "yaml-bad-value": IDENT + "x: !!float a\n" + TWO,
    "limit-depth": IDENT + "x: " + "[" * 40 + "]" * 40 + "\n" + TWO,
    "limit-steps": IDENT + "langkah:\n" + STEP * 1001,
    "limit-text": IDENT + "proses_bisnis: " + "a" * 5001 + "\n" + TWO,
    "limit-yaml-nodes": IDENT + "x: &a [1, *a]\n" + TWO,
}


def _site(language: str, extra: str) -> list[Diagnostic]:
    cat = Catalogue(language=language)
    pages = {"a.md": f"```sop\n{IDENT}{extra}{TWO}```\n",
             "b.md": f"```sop\n{IDENT.replace('Penerbitan KK', 'Lain')}{TWO}```\n"}
    for page, text in pages.items():
        cat.add_page(text, page, "docs/" + page, page, lambda b, p, f: parse_block(b, p, f, language=language))
    return cat.finish(strict_links=True)


def _other_institution(language: str) -> list[Diagnostic]:
    cat = Catalogue(language=language)
    cat.add_page(f"```sop\n{IDENT}instansi: Kantor Lain\n{TWO}```\n", "a.md", "docs/a.md", "a/",
                 lambda b, p, f: parse_block(b, p, f, language=language))
    return cat.finish(logos=Logos("Pemerintah Kota Contoh", "assets/logo.svg"))


def _service(language: str) -> BlockRenderer:
    return BlockRenderer(RenderOptions(labels=label_set(language), language=language, diagram=True),
                      report=lambda d: None)


def _unclosed(language: str) -> list[Diagnostic]:
    service = _service(language)
    service.render_block(Block(0, 2, "", "nomor: '1'\n", False), PageContext(src_path="docs/a.md"))
    return list(service.reports.reported)


def _no_engine(language: str) -> list[Diagnostic]:
    service = _service(language)

    class NoEngine:
        problems = ["no Graphviz `dot` on PATH"]

        def render(self, dot):
            return None

        def failure(self, dot):
            return None

    service.diagrams.renderer = NoEngine()
    body = flow(STEP)
    service.render_block(Block(0, body.count("\n") + 1, "", body, True), PageContext(src_path="docs/a.md"))
    return list(service.reports.reported)


def _render_flow(service) -> list[Diagnostic]:
    body = flow(STEP)
    service.render_block(Block(0, body.count("\n") + 1, "", body, True), PageContext(src_path="docs/a.md"))
    return list(service.reports.reported)


def _diagram_refused(language: str, timed_out: bool) -> list[Diagnostic]:
    from mkdocs_sop.core.graphviz_engine import RenderFailure

    service = _service(language)

    class Refusing:
        def render(self, dot):
            return None

        def failure(self, dot):
            return RenderFailure("syntax error in line 6", timed_out=timed_out)

    service.diagrams.renderer = Refusing()
    return _render_flow(service)


def _internal(language: str) -> list[Diagnostic]:
    class Broken:
        def context_for(self, sop, page_url):
            raise ZeroDivisionError("division by zero")

        def link_for(self, nomor, page_url):
            return None

    service = BlockRenderer(RenderOptions(labels=label_set(language), language=language, diagram=False),
                            report=lambda d: None, site=Broken())
    return _render_flow(service)


def _unreadable(language: str, tmp_path) -> list[Diagnostic]:
    bad = tmp_path / "rusak.md"
    bad.write_bytes(b"```sop\n\xff\xfe\n```\n")
    return check_sources([Source(str(bad), "rusak.md", "rusak.md")], language=language).diagnostics


# code -> function(language, tmp_path) -> diagnostics, for codes beyond one block
OTHERS = {
    "duplicate-nomor": lambda lang, tmp: _site(lang, ""),
    "related-unresolved": lambda lang, tmp: _site(lang, "keterkaitan: [Tidak Ada]\n"),
    "superseded-unresolved": lambda lang, tmp: _site(lang, "menggantikan: [470/0]\n"),
    "sop-target-unresolved": lambda lang, tmp: _site_target(lang),
    "block-not-closed": lambda lang, tmp: _unclosed(lang),
    "diagram-engine-missing": lambda lang, tmp: _no_engine(lang),
    "diagram-failed": lambda lang, tmp: _diagram_refused(lang, False),
    "diagram-timeout": lambda lang, tmp: _diagram_refused(lang, True),
    "internal-error": lambda lang, tmp: _internal(lang),
    "file-unreadable": _unreadable,
    "instansi-other": lambda lang, tmp: _other_institution(lang),
    **{code: (lambda code: lambda lang, tmp: _records(code, lang))(code) for code in (
        "period-invalid", "period-two-ways", "round-twice", "record-unit-unknown", "record-sop-unknown",
        "record-sop-other-unit", "record-sop-twice", "date-outside-period", "action-missing",
        "criterion-missing", "follow-up-missing")},
}

# monitoring/evaluation records (core/monev.py): code -> (file name, text), checked against a small site
_ROUND = 'unit: Dinas\nperiode: 2025-S1\nhasil:\n  - sop: "470/1"\n    penilaian: berjalan dengan baik\n'
_CRITERIA = "".join(f"      {c}: ya\n" for c in ("mendorong_kinerja", "mudah_dipahami", "mudah_dilaksanakan",
                                                  "peran_jelas", "mengatasi_masalah", "menjawab_kebutuhan"))
_MEETING = 'tanggal: 2025-06-18\nhasil:\n  - sop: "470/1"\n    kriteria:\n' + _CRITERIA
RECORDS = {
    "period-invalid": [("a.monitoring.yml", _ROUND.replace("2025-S1", "Juni 2025"))],
    "period-two-ways": [("a.monitoring.yml", _ROUND),
                        ("b.monitoring.yml", _ROUND.replace("2025-S1", "Semester I 2025").replace("Dinas", "[Dinas, B]"))],
    "round-twice": [("a.monitoring.yml", _ROUND), ("b.monitoring.yml", _ROUND)],
    "record-unit-unknown": [("a.monitoring.yml", _ROUND.replace("Dinas", "Kantor"))],
    "record-sop-unknown": [("a.monitoring.yml", _ROUND.replace("470/1", "470/9"))],
    "record-sop-other-unit": [("a.monitoring.yml", _ROUND.replace("470/1", "800/1"))],
    "record-sop-twice": [("a.monitoring.yml", _ROUND + '  - sop: "470/1"\n    penilaian: baik\n')],
    "date-outside-period": [("a.monitoring.yml", _ROUND + "    tanggal: 2025-08-01\n")],
    "action-missing": [("a.monitoring.yml", _ROUND.replace("berjalan dengan", "tidak berjalan dengan"))],
    "criterion-missing": [("a.evaluasi.yml", _MEETING + "    keputusan: tetap\n")],
    "follow-up-missing": [("a.evaluasi.yml", _MEETING + "      sinergi: ya\n    keputusan: revisi\n")],
}


def _records(code: str, language: str) -> list[Diagnostic]:
    units = {"470/1": ("Dinas", "B"), "800/1": ("Badan",)}
    view = SiteView(find=lambda ref: ref if ref in units else None, units=frozenset(units.values()),
                    unit_of=units.__getitem__)
    records, found = parse_records(RECORDS[code], language)
    return found + check_site(records, view, language)[1]


def _site_target(language: str) -> list[Diagnostic]:
    cat = Catalogue(language=language)
    text = "```sop\n" + flow(STEP + '    lanjut: "sop:470/9"\n') + "```\n"
    cat.add_page(text, "a.md", "docs/a.md", "a/", lambda b, p, f: parse_block(b, p, f, language=language))
    return cat.finish()


# Produced by the MkDocs plugin only: checked by a real build in tests/site/test_site_build.py
# (test_language_en_reports_in_english_with_the_same_codes).
PLUGIN_ONLY = {"logo-missing"}


def produced(code: str, language: str, tmp_path) -> list[Diagnostic]:
    if code in BLOCKS:
        return list(parse_block(BLOCKS[code], "docs/a.md", 2, language=language).diagnostics)
    return list(OTHERS[code](language, tmp_path))


def pattern(template: str) -> re.Pattern:
    """A regular expression matching any text the template can give."""
    out = []
    for literal, name, _, _ in Formatter().parse(template):
        out.append(re.escape(literal))
        if name is not None:
            out.append(".+?")
    return re.compile("".join(out) + r"\Z", re.S)


def hint_patterns(code: str, language: str) -> list[re.Pattern]:
    entry = MESSAGES[code]
    own = entry.hint_en if language == "en" else entry.hint_id
    shared = [en if language == "en" else ind for en, ind in HINTS.values()]
    return [pattern(t) for t in [own, *shared] if t]


# ---------------------------------------------------------------------------------------


def test_every_code_is_kebab_case_and_has_both_languages():
    assert len(MESSAGES) >= 40
    for code, entry in MESSAGES.items():
        assert CODE.match(code), code
        assert entry.en and entry.id and entry.en != entry.id, code
        assert isinstance(entry.severity, Severity)
        assert bool(entry.hint_en) == bool(entry.hint_id), code


@pytest.mark.parametrize("table", ["MESSAGES", "HINTS", "PHRASES"])
def test_both_languages_have_the_same_placeholders(table):
    if table == "MESSAGES":
        pairs = {c: (m.en, m.id) for c, m in MESSAGES.items()}
        pairs.update({c + " (hint)": (m.hint_en, m.hint_id) for c, m in MESSAGES.items()})
    else:
        pairs = HINTS if table == "HINTS" else PHRASES
    for name, (en, ind) in pairs.items():
        assert placeholders(en) == placeholders(ind), name
        # make()'s own keywords cannot be placeholders
        assert not placeholders(en) & {"path", "line", "column", "key", "hint_text"}, name


def test_every_code_has_a_bad_input():
    assert set(BLOCKS) | set(OTHERS) | PLUGIN_ONLY == set(MESSAGES)
    assert not set(BLOCKS) & set(OTHERS)


@pytest.mark.parametrize("code", sorted(set(BLOCKS) | set(OTHERS)))
def test_each_code_is_produced_in_indonesian_by_default_and_in_english_on_request(code, tmp_path):
    entry = MESSAGES[code]
    found = {}
    for language in ("id", "en"):
        hits = [d for d in produced(code, language, tmp_path) if d.code == code]
        assert hits, f"{code} ({language}) not produced; got {produced(code, language, tmp_path)}"
        d = hits[0]
        assert d.severity is entry.severity
        assert pattern(entry.id if language == "id" else entry.en).match(d.message), (language, d.message)
        if d.hint:
            assert any(p.match(d.hint) for p in hint_patterns(code, language)), (language, d.hint)
        assert d.format().endswith(f" [{code}]")
        found[language] = d
    ind, en = found["id"], found["en"]
    assert (ind.path, ind.line, ind.column, ind.key) == (en.path, en.line, en.column, en.key)
    assert ind.message != en.message
    assert bool(ind.hint) == bool(en.hint) and (not ind.hint or ind.hint != en.hint)
    # the default is Indonesian
    if code in BLOCKS:
        default = [d for d in parse_block(BLOCKS[code], "docs/a.md", 2).diagnostics if d.code == code]
        assert default[0] == ind


def test_every_diagnostic_of_the_bad_inputs_has_a_code(tmp_path):
    for code in sorted(set(BLOCKS) | set(OTHERS)):
        for language in ("id", "en"):
            for d in produced(code, language, tmp_path):
                assert d.code in MESSAGES, d


def test_indonesian_examples_read_naturally():
    """A few messages exactly as an editor sees them."""
    (d,) = parse_block(IDENT + "langkah:\n  - kegiatan: a\n    pelaksana: A\n    lanjt: 2\n  - kegiatan: b\n"
                       "    pelaksana: A\n", "docs/a.md", 2).diagnostics
    assert d.format() == ("docs/a.md:8: error: `langkah[1].lanjt`: kunci tidak dikenal. "
                          "Mungkin maksud Anda `lanjut`? [unknown-key]")
    (d,) = parse_block('nomor: "1"\nnama: x\n' + TWO, "docs/a.md", 2).diagnostics
    assert d.format() == "docs/a.md:2: error: `unit`: wajib diisi tetapi tidak ada. Tambahkan `unit:`. [required-missing]"
    (d,) = parse_block(BLOCKS["unreachable-step"], "docs/a.md", 2).diagnostics
    assert d.message == "langkah 2 tidak pernah dapat dicapai dari langkah 1."
    (d,) = parse_block(BLOCKS["wrong-shape"], "docs/a.md", 2).diagnostics
    assert (d.message, d.hint) == ("seharusnya teks, tetapi isinya angka.",
                                   'Apit nilainya dengan tanda petik, misalnya `nomor: "007"`.')


def test_format_appends_the_code_and_nothing_without_one():
    d = make("unknown-key", "id", path="a.md", line=3, key="zzz", keys="`nomor`")
    assert d.format() == "a.md:3: error: `zzz`: kunci tidak dikenal. Kunci yang dikenal: `nomor`. [unknown-key]"
    assert Diagnostic(Severity.ERROR, "x.", "a.md", 3).format() == "a.md:3: error: x."


def test_language_is_part_of_the_parse_cache(tmp_path):
    body = BLOCKS["unknown-key"]
    for language, message in (("id", "kunci tidak dikenal."), ("en", "unknown key."), ("id", "kunci tidak dikenal.")):
        renderer = BlockRenderer(RenderOptions(labels=label_set(language), language=language, diagram=False),
                                 cache_dir=str(tmp_path))  # one disk cache for all three
        assert renderer.parse(body, "a.md", 2).diagnostics[0].message == message
