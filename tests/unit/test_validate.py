"""Flow rules (targets, actors, reachability) and site-wide rules of SOP-FORMAT.md section 5."""

from __future__ import annotations

import pytest
from page_support import line_of, make_page

from mkdocs_sop.catalogue.registry import Catalogue
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.model import ParseResult, Severity, TargetKind
from mkdocs_sop.core.parse import parse_block as _parse_block
from mkdocs_sop.core.validate import SiteIndex, site_diagnostics

PATH = "docs/layanan/kk.md"

IDENTITY = """\
nomor: "470/SOP/001"
nama: Penerbitan KK
unit: Dinas
"""


def parse_block(*args, **kwargs):
    """The parser with English messages, which these tests quote (Indonesian: test_messages.py)."""
    return _parse_block(*args, language="en", **kwargs)


def parse_page(yaml_body: str, path: str = PATH) -> tuple[str, ParseResult]:
    text = make_page(yaml_body)
    block = find_blocks(text.splitlines())[0]
    return text, parse_block(block.body, path, block.first_body_line)


def flow(steps: str, extra: str = "") -> tuple[str, ParseResult]:
    return parse_page(IDENTITY + extra + "langkah:\n" + steps)


def step(kegiatan: str, pelaksana: str = "A", **keys) -> str:
    out = f"  - kegiatan: {kegiatan}\n    pelaksana: {pelaksana}\n"
    for key, value in keys.items():
        out += f"    {key}: {value}\n"
    return out


def errors(result):
    return [d for d in result.diagnostics if d.severity is Severity.ERROR]


def warnings(result):
    return [d for d in result.diagnostics if d.severity is Severity.WARNING]


def the_error(result, key=None):
    found = [d for d in errors(result) if key is None or d.key == key]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    d = found[0]
    assert result.sop is None and not result.ok
    assert d.path == PATH and d.message and d.hint
    return d


# ---------------------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "kind", "number"), [
    ("3", TargetKind.STEP, 3), ("'3'", TargetKind.STEP, 3), ("tiga", TargetKind.STEP, 3),
    ("selesai", TargetKind.END, 0), ("end", TargetKind.END, 0), ("Selesai", TargetKind.END, 0),
    ("END", TargetKind.END, 0),
])
def test_targets_by_number_id_and_end(written, kind, number):
    steps = (step("satu", lanjut=written) + step("dua", lanjut="selesai") + step("tiga", id="tiga")
             if kind is TargetKind.STEP else step("satu", lanjut=written))
    if kind is TargetKind.STEP:
        steps = step("satu", keputusan="Ok?", ya=written, tidak=2) + step("dua") + step("tiga", id="tiga")
    _, result = flow(steps)
    assert result.ok, [d.format() for d in result.diagnostics]
    first = result.sop.steps[0]
    target = first.yes if first.decision else first.next
    assert target.kind is kind and target.step == number
    assert target.written == written.strip("'")


def test_target_to_another_sop():
    _, result = flow(step("satu") + step("dua", lanjut='"sop:470/SOP/002"'))
    assert result.ok
    target = result.sop.steps[1].next
    assert target.kind is TargetKind.SOP and target.sop == "470/SOP/002"


def test_sop_prefix_is_case_insensitive_and_decision_branch_may_leave():
    steps = step("satu", keputusan="Ok?", ya='"SOP: 470/SOP/009"', tidak="selesai")
    _, result = flow(steps)
    assert result.ok
    assert result.sop.steps[0].yes.sop == "470/SOP/009"


def test_default_targets():
    _, result = flow(step("satu") + step("dua", keputusan="Ok?", tidak=1) + step("tiga"))
    s1, s2, s3 = result.sop.steps
    assert s1.next.step == 2 and s2.yes.step == 3 and s2.no.step == 1
    assert s3.next.kind is TargetKind.END


@pytest.mark.parametrize(("written", "needle", "message", "hint"), [
    ("verifikasi", "lanjut: verifikasi", "`verifikasi` names no step", "Did you mean `verifikasii`?"),
    ("zzz", "lanjut: zzz", "`zzz` names no step", "Known ids: `verifikasii`."),
    ("selsai", "lanjut: selsai", "`selsai` names no step", "Did you mean `selesai`?"),
    ("7", "lanjut: 7", "step 7 does not exist: this SOP has steps 1 to 2", "step number in that range"),
    ("0", "lanjut: 0", "step 0 does not exist", "step number in that range"),
    ("-1", "lanjut: -1", "step -1 does not exist", "step number in that range"),
    ("1.5", "lanjut: 1.5", "a target must be", "tidak: 2"),
    ("[1, 2]", "lanjut: [1, 2]", "a target must be", "tidak: 2"),
    ("true", "lanjut: true", "a target must be", "tidak: 2"),
    ('"sop:"', 'lanjut: "sop:"', "`sop:` must be followed", "lanjut:"),
])
def test_bad_targets(written, needle, message, hint):
    text, result = flow(step("satu", lanjut=written) + step("dua", id="verifikasii"))
    d = the_error(result, "langkah[1].lanjut")
    assert d.line == line_of(text, needle)
    assert message in d.message and hint in d.hint, d.format()


def test_target_without_ids_explains_how_to_name_a_step():
    text, result = flow(step("satu", lanjut="qqqq") + step("dua"))
    assert "Give the target step an `id:`" in the_error(result).hint


@pytest.mark.parametrize("branch", ["ya", "tidak", "yes", "no"])
def test_bad_decision_target_line(branch):
    text, result = flow(step("satu", keputusan="Ok?", **{branch: "99"}, **({} if branch in ("tidak", "no")
                                                                          else {"tidak": "selesai"}))
                        + step("dua"))
    canonical = {"yes": "ya", "no": "tidak"}.get(branch, branch)
    d = the_error(result, f"langkah[1].{canonical}")
    assert d.line == line_of(text, f"{branch}: 99")


def test_duplicate_id():
    text, result = flow(step("satu", id="cek") + step("dua") + step("tiga", id="cek"))
    d = the_error(result, "langkah[3].id")
    assert d.line == line_of(text, "kegiatan: tiga")
    assert "already used by step 1" in d.message and "own id" in d.hint


def test_numeric_id_rejected():
    text, result = flow(step("satu", id="2") + step("dua"))
    d = the_error(result, "langkah[1].id")
    assert d.line == line_of(text, "id: 2")


# ---------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------

def test_decision_without_tidak():
    text, result = flow(step("satu", keputusan="Lengkap?") + step("dua"))
    d = the_error(result, "langkah[1].tidak")
    assert d.line == line_of(text, "kegiatan: satu")
    assert "`tidak`" in d.message and "Add `tidak:" in d.hint


def test_last_step_decision_needs_ya():
    text, result = flow(step("satu") + step("dua", keputusan="Ok?", tidak=1))
    d = the_error(result, "langkah[2].ya")
    assert d.line == line_of(text, "kegiatan: dua")
    assert "ya: selesai" in d.hint


@pytest.mark.parametrize("key", ["ya", "tidak", "yes", "no"])
def test_ya_tidak_on_a_step_that_is_not_a_decision(key):
    canonical = {"yes": "ya", "no": "tidak"}.get(key, key)
    text, result = flow(step("satu", **{key: 2}) + step("dua"))
    d = the_error(result, f"langkah[1].{canonical}")
    assert d.line == line_of(text, f"{key}: 2")
    assert "only for decisions" in d.message and "keputusan" in d.hint


def test_lanjut_on_a_decision():
    text, result = flow(step("satu", keputusan="Ok?", tidak="selesai", lanjut=2) + step("dua"))
    d = the_error(result, "langkah[1].lanjut")
    assert d.line == line_of(text, "lanjut: 2")
    assert "`ya:`" in d.hint


# ---------------------------------------------------------------------------------------
# Reachability and ends
# ---------------------------------------------------------------------------------------

def test_unreachable_step():
    text, result = flow(step("satu", lanjut=3) + step("dua") + step("tiga"))
    d = the_error(result, "langkah[2]")
    assert d.line == line_of(text, "kegiatan: dua")
    assert "never be reached" in d.message and "lanjut" in d.hint


def test_several_unreachable_steps_each_reported():
    text, result = flow(step("satu", lanjut="selesai") + step("dua") + step("tiga"))
    keys = sorted(d.key for d in errors(result))
    assert keys == ["langkah[2]", "langkah[3]"]
    assert {d.line for d in errors(result)} == {line_of(text, "kegiatan: dua"), line_of(text, "kegiatan: tiga")}


def test_infinite_loop():
    text, result = flow(step("satu") + step("dua") + step("tiga", lanjut=2))
    d = the_error(result, "langkah[1]")
    assert d.line == line_of(text, "kegiatan: satu")
    assert "never reaches an end" in d.message and "steps 1, 2, 3" in d.message
    assert "selesai" in d.hint


def test_loop_through_decision_with_no_way_out():
    text, result = flow(step("satu") + step("dua", keputusan="Ok?", ya=1, tidak=1))
    d = the_error(result)
    assert "never reaches an end" in d.message
    assert d.line == line_of(text, "kegiatan: satu")


def test_loop_with_exit_is_fine():
    _, result = flow(step("satu") + step("dua", keputusan="Ok?", ya=1, tidak="selesai"))
    assert result.ok


def test_loop_leaving_to_another_sop_is_fine():
    _, result = flow(step("satu") + step("dua", keputusan="Ok?", ya=1, tidak='"sop:X/1"'))
    assert result.ok


def test_self_loop_only_is_stuck():
    _, result = flow(step("satu", lanjut=1))
    assert "never reaches an end" in the_error(result).message


# ---------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------

def test_actor_not_in_list_with_suggestion():
    text, result = flow(step("satu", "Petugas") + step("dua", "Kepala Seksie"),
                        extra="pelaksana: [Petugas, Kepala Seksi]\n")
    d = the_error(result, "langkah[2].pelaksana")
    assert d.line == line_of(text, "pelaksana: Kepala Seksie")  # the key the message names
    assert "`Kepala Seksie` is not in the SOP's `pelaksana` list" in d.message
    assert d.hint == "Did you mean `Kepala Seksi`?"


def test_actor_not_in_list_without_close_match():
    text, result = flow(step("satu", "Petugas") + step("dua", "Bupati"), extra="actors: [Petugas]\n")
    d = the_error(result, "langkah[2].pelaksana")
    assert "Add `Bupati` to the SOP's `pelaksana` list" in d.hint and "`Petugas`" in d.hint


def test_actor_in_a_multi_actor_step_and_in_substeps_checked():
    text, result = flow(step("satu", "[Petugas, Kasir]") + step("dua", "Petugas"),
                        extra="pelaksana: [Petugas]\n")
    assert "`Kasir`" in the_error(result).message
    body = (IDENTITY + "format: langkah-berjenjang\npelaksana: [Petugas]\nlangkah:\n"
            "  - kegiatan: a\n    pelaksana: Petugas\n    sub:\n      - kegiatan: b\n        pelaksana: Kasir\n")
    text, result = parse_page(body)
    d = the_error(result, "langkah[1.1].pelaksana")
    assert d.line == line_of(text, "pelaksana: Kasir")


def test_listed_actor_without_step_is_a_warning_and_order_is_kept():
    text, result = flow(step("satu", "Petugas") + step("dua", "Petugas"),
                        extra="pelaksana: [Kepala, Petugas]\n")
    assert result.ok and result.sop.pelaksana == ("Kepala", "Petugas")
    (w,) = warnings(result)
    assert "`Kepala` has no step" in w.message and w.line == line_of(text, "pelaksana: [Kepala")


def test_actor_listed_twice():
    text, result = flow(step("satu", "Petugas"), extra="pelaksana: [Petugas, Petugas]\n")
    d = the_error(result, "pelaksana")
    assert d.line == line_of(text, "pelaksana: [Petugas, Petugas]")


def test_multi_actor_step():
    _, result = flow(step("satu", "[A, B, C]") + step("dua", "B"))
    assert result.ok and result.sop.steps[0].pelaksana == ("A", "B", "C")
    assert result.sop.pelaksana == ("A", "B", "C")


@pytest.mark.parametrize("jenis", ["teknis", "technical"])
def test_teknis_with_more_than_one_actor_is_a_warning(jenis):
    text, result = flow(step("satu", "A") + step("dua", "B"), extra=f"jenis: {jenis}\n")
    assert result.ok and result.sop is not None  # a warning only
    (w,) = result.diagnostics
    assert w.severity is Severity.WARNING and w.key == "jenis"
    assert w.line == line_of(text, f"jenis: {jenis}")
    assert "one actor" in w.message and "administratif" in w.hint


def test_teknis_with_one_actor_is_fine():
    _, result = flow(step("satu", "A") + step("dua", "A"), extra="jenis: teknis\n")
    assert result.ok and result.diagnostics == ()


def test_teknis_warning_also_in_list_formats():
    _, result = flow(step("satu", "A") + step("dua", "B"), extra="jenis: teknis\nformat: langkah-sederhana\n")
    assert [d.key for d in warnings(result)] == ["jenis"]


# ---------------------------------------------------------------------------------------
# Site-wide: duplicate nomor, keterkaitan, sop: targets
# ---------------------------------------------------------------------------------------

def page_text(nomor: str, nama: str, extra: str = "", steps: str = "") -> str:
    return make_page(f'nomor: "{nomor}"\nnama: {nama}\nunit: Dinas\n{extra}langkah:\n'
                     + (steps or step("satu")))


def catalogue_of(pages: dict[str, str]) -> Catalogue:
    cat = Catalogue(language="en")
    for path, text in pages.items():
        cat.add_page(text, path, path, path.replace(".md", "/"), parse_block)
    return cat


def test_duplicate_nomor_across_pages():
    a = page_text("470/1", "Satu")
    b = "Halaman lain\n\n" + page_text("470/1", "Dua")
    cat = catalogue_of({"docs/a.md": a, "docs/b.md": b})
    (d,) = cat.finish()
    assert d.severity is Severity.ERROR and d.key == "nomor"
    assert d.path == "docs/b.md" and d.line == line_of(b, 'nomor: "470/1"')
    assert f"docs/a.md:{line_of(a, 'nomor:')}" in d.message and '"Satu"' in d.message
    assert "its own number" in d.hint


def test_duplicate_nomor_on_one_page_via_site_index():
    text = page_text("470/1", "Satu") + "\n" + page_text("470/1", "Dua", extra="jenis: teknis\n")
    index = SiteIndex()
    found = []
    for block in find_blocks(text.splitlines()):
        result = parse_block(block.body, PATH, block.first_body_line)
        found.append(index.add(result.sop))
    assert found[0] is None
    assert found[1].line == line_of(text, 'nomor: "470/1"', occurrence=2)


def test_keterkaitan_unresolved_only_with_strict_links():
    a = page_text("470/1", "Penerbitan KK", extra="keterkaitan:\n  - 470/2\n  - Perubahan KK\n  - Tidak ada\n")
    b = page_text("470/2", "Perubahan KK")
    cat = catalogue_of({"docs/a.md": a, "docs/b.md": b})
    assert cat.finish() == []
    (w,) = cat.finish(strict_links=True)
    assert w.severity is Severity.WARNING and w.key == "keterkaitan"
    assert "`Tidak ada`" in w.message and w.path == "docs/a.md"
    assert w.line == line_of(a, "  - Tidak ada")  # the item, not its key
    # resolved by nomor and by nama (case and spacing ignored)
    assert cat.find("470/2").sop.nama == "Perubahan KK"
    assert cat.find("  perubahan   kk ").sop.nomor == "470/2"


def test_sop_target_to_a_missing_sop_is_a_warning_even_without_strict_links():
    a = page_text("470/1", "Satu", steps=step("satu", lanjut='"sop:470/9"'))
    b = page_text("470/2", "Dua", steps=step("satu", lanjut='"sop:470/1"'))
    cat = catalogue_of({"docs/a.md": a, "docs/b.md": b})
    (w,) = cat.finish()
    # reported at the `lanjut` line, under the step's own key
    assert w.severity is Severity.WARNING and "`470/9`" in w.message and w.line == line_of(a, "lanjut:")
    assert w.key == "langkah[1].lanjut"
    assert [e.page for e in cat.referenced_by(cat.find("470/1").sop)] == ["docs/b.md"]


def test_menggantikan_unresolved_and_superseded_by():
    a = page_text("470/3", "Baru", extra="menggantikan: [470/1, 470/0]\n")
    b = page_text("470/1", "Lama", extra="status: digantikan\n")
    cat = catalogue_of({"docs/a.md": a, "docs/b.md": b})
    (w,) = site_diagnostics(cat.index, language="en")
    assert "`470/0`" in w.message and w.key == "menggantikan"
    assert [e.sop.nomor for e in cat.superseded_by(cat.find("470/1").sop)] == ["470/3"]


def test_unclosed_block_is_not_catalogued():
    text = "# x\n\n```sop\nnomor: '1'\nnama: x\n"
    cat = catalogue_of({"docs/a.md": text})
    assert cat.entries == [] and cat.finish() == []
