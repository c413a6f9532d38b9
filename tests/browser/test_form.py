"""The SOP form (formulir-sop/) as an editor uses it: fill the paper SOP, see the checks,
download the page, load it back; the downloaded page passes lint and is what
`mkdocs-sop fmt` would write.

The paper SOP is the one of issue 17: three actors, and a decision "Berkas lengkap?" whose
"Tidak" goes back to step 1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import ROOT, Watched, served
from mkdocs_sop.cli import format_block
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.parse import parse_block

FORM = "formulir-sop/"

PAPER = {
    "nomor": "800/SOP-BKPSDM/014/2023",
    "nama": "Penerbitan Rekomendasi Mutasi Pegawai",
    "unit": "Badan Kepegawaian dan Pengembangan SDM\nBidang Mutasi",
    "tanggal_pembuatan": "2 Januari 2023",
    "dasar_hukum": "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen PNS",
}
ACTORS = ["Pemohon", "Petugas Loket", "Kepala Bidang"]
STEPS = [  # kegiatan, actors, kelengkapan, waktu, output
    ("Menyerahkan berkas permohonan mutasi", ["Pemohon"], "Surat permohonan\nSK pangkat terakhir",
     "5 menit", "Berkas permohonan"),
    ("Memeriksa kelengkapan berkas", ["Petugas Loket"], "", "15 menit", "Berkas diperiksa"),
    ("Menandatangani rekomendasi", ["Petugas Loket", "Kepala Bidang"], "", "1 hari", "Surat rekomendasi"),
]


def open_form(new_page):
    watched = new_page()
    watched.goto(FORM)
    watched.page.wait_for_selector("#sop-form-editor[data-ready]")
    return watched


def fill_paper_sop(page) -> None:
    for field, value in PAPER.items():
        page.fill(f"[data-field={field}]", value)
    page.fill("[data-field=approval-jabatan]", "Kepala BKPSDM")
    page.fill("[data-field=approval-nip]", "19700101 199503 1 001")
    page.fill("[data-field=actors]", "\n".join(ACTORS))
    for _ in STEPS[1:]:
        page.click("[data-action=add]")
    for index, (kegiatan, actors, kelengkapan, waktu, output) in enumerate(STEPS):
        row = page.locator(".sop-form-steps tbody tr").nth(index)
        row.locator("[data-step-field=kegiatan]").fill(kegiatan)
        for actor in actors:
            row.locator(f"input[data-actor='{actor}']").check()
        if kelengkapan:
            row.locator("[data-step-field=kelengkapan]").fill(kelengkapan)
        row.locator("[data-step-field=waktu]").fill(waktu)
        row.locator("[data-step-field=output]").fill(output)
    decision = page.locator(".sop-form-steps tbody tr").nth(1)
    decision.locator("[data-step-field=decision]").check()
    decision = page.locator(".sop-form-steps tbody tr").nth(1)  # the row is drawn again with Ya/Tidak
    decision.locator("[data-step-field=question]").fill("Berkas lengkap?")


def verdict(page) -> str:
    page.wait_for_timeout(250)  # the checks run 120 ms after the last key
    return page.locator(".sop-form-verdict").inner_text()


def problems(page) -> list[str]:
    return page.locator(".sop-form-problems li").all_inner_texts()


def test_the_paper_sop_is_filled_checked_downloaded_and_loaded_back(new_page, tmp_path, artifacts):
    watched = open_form(new_page)
    page = watched.page
    fill_paper_sop(page)
    # a decision without its "Tidak" is an error, named on its row
    assert "harus diperbaiki" in verdict(page)
    assert any("Langkah 2: pilih ke mana alur berlanjut bila jawabannya Tidak" in p for p in problems(page))
    assert page.locator(".sop-form-steps tbody tr").nth(1).locator(
        "[data-step-field=tidak]").get_attribute("aria-invalid") == "true"
    page.screenshot(path=str(artifacts / "form-error.png"), full_page=True)

    # "Tidak kembali ke 1"
    page.locator(".sop-form-steps tbody tr").nth(1).locator("[data-step-field=tidak]").select_option(
        label="langkah 1")
    assert verdict(page) == "Lengkap: tidak ada kesalahan."
    assert problems(page) == []
    # the preview: the decision's diamond in the actor's column, both branches said
    preview = page.locator(".sop-form-preview tr[data-step='2']")
    assert preview.locator("td[data-actor='Petugas Loket']").get_attribute("data-symbol") == "decision"
    assert "Tidak: ke langkah 1" in preview.inner_text()
    assert page.locator(".sop-form-preview tr[data-step='3'] td[data-symbol]").count() == 2

    with page.expect_download() as info:
        page.click("[data-action=download]")
    download = info.value
    assert download.suggested_filename == "penerbitan-rekomendasi-mutasi-pegawai.md"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    block = find_blocks(text.splitlines())[0]
    assert "    tidak: 1\n" in block.body

    # the page passes lint: no error and no warning
    result = parse_block(block.body, saved.name, block.first_body_line)
    assert result.diagnostics == (), [d.format() for d in result.diagnostics]
    sop = result.sop
    assert sop.nomor == PAPER["nomor"] and sop.unit == tuple(PAPER["unit"].split("\n"))
    assert sop.pelaksana == tuple(ACTORS)
    assert [s.pelaksana for s in sop.steps] == [tuple(s[1]) for s in STEPS]
    assert sop.steps[1].decision and sop.steps[1].no.step == 1 and sop.steps[0].kelengkapan == (
        "Surat permohonan", "SK pangkat terakhir")
    assert sop.disahkan_oleh.nip == "19700101 199503 1 001"
    # ... and `mkdocs-sop fmt` would leave it as it is
    assert format_block(block.body) == block.body

    # load it back into an empty form
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=new]")
    assert page.input_value("[data-field=nomor]") == ""
    page.set_input_files(".sop-form-file", str(saved))
    page.wait_for_function("document.querySelector('[data-field=nomor]').value !== ''")
    assert page.input_value("[data-field=nama]") == PAPER["nama"]
    assert page.input_value("[data-field=actors]") == "\n".join(ACTORS)
    row = page.locator(".sop-form-steps tbody tr").nth(1)
    assert row.locator("[data-step-field=decision]").is_checked()
    assert row.locator("[data-step-field=tidak] option:checked").inner_text() == "langkah 1"
    assert page.locator(".sop-form-yaml").inner_text().rstrip("\n") == text.rstrip("\n")
    assert verdict(page) == "Lengkap: tidak ada kesalahan."
    assert watched.errors == [] and watched.foreign_requests() == []


def test_mistakes_are_named_as_the_editor_types(new_page):
    page = open_form(new_page).page
    page.fill("[data-field=actors]", "Pemohon\nPetugas Loket\nSekretaris")
    page.click("[data-action=add]")
    page.click("[data-action=add]")
    rows = page.locator(".sop-form-steps tbody tr")
    rows.nth(0).locator("[data-step-field=kegiatan]").fill("Menyerahkan berkas")
    rows.nth(0).locator("input[data-actor='Pemohon']").check()
    rows.nth(0).locator("[data-step-field=lanjut]").select_option("selesai")
    rows.nth(1).locator("[data-step-field=kegiatan]").fill("Mencatat \u201cberkas\u201d")
    rows.nth(1).locator("input[data-actor='Petugas Loket']").check()
    found = problems(page)
    assert "harus diperbaiki" in verdict(page)
    expected = [
        "Perbaiki: Nomor SOP: wajib diisi.",
        "Perbaiki: Nama SOP: wajib diisi.",
        "Perbaiki: Unit: wajib diisi.",
        "Perbaiki: Langkah 3: tulis kegiatannya.",
        "Perbaiki: Langkah 3: pilih sedikitnya satu pelaksana.",
        "Perbaiki: Langkah 2 tidak pernah dicapai dari langkah 1",
        "Perbaiki: Langkah 3 tidak pernah dicapai dari langkah 1",
        "Periksa: Langkah 2: Kegiatan: ada tanda petik lengkung",
        "Periksa: Pelaksana \u201cSekretaris\u201d belum mempunyai langkah",
    ]
    for words in expected:
        assert any(p.startswith(words) for p in found), (words, found)
    # each mistake once, in the editor's words: no alias (number, title) and no schema twin of a flow check
    assert len(found) == len(expected), found
    assert rows.nth(2).locator("[data-step-field=kegiatan]").get_attribute("aria-invalid") == "true"
    # a fix clears its message at once
    rows.nth(0).locator("[data-step-field=lanjut]").select_option("")
    assert not any("tidak pernah dicapai" in p for p in problems(page))


def test_an_existing_handbook_page_loads_into_the_form_unchanged_in_meaning(new_page):
    source = ROOT / "sops" / "disdukcapil" / "pendaftaran-penduduk" / "penerbitan-kk-baru.md"
    text = source.read_text(encoding="utf-8")
    page = open_form(new_page).page
    paste(page, text)
    out = page.locator(".sop-form-yaml").inner_text()
    before = parse_block(find_blocks(text.splitlines())[0].body).sop
    after_block = find_blocks(out.splitlines())[0]
    after = parse_block(after_block.body).sop
    assert out.splitlines()[0] == text.splitlines()[0]  # the page around the block is kept
    assert (after.nomor, after.nama, after.unit, after.pelaksana) == (
        before.nomor, before.nama, before.unit, before.pelaksana)
    assert [(s.kegiatan, s.pelaksana, s.decision, s.question, s.kelengkapan, s.waktu, s.output)
            for s in after.steps] == [(s.kegiatan, s.pelaksana, s.decision, s.question, s.kelengkapan,
                                       s.waktu, s.output) for s in before.steps]
    assert _targets(after) == _targets(before)
    assert format_block(after_block.body) == after_block.body


def paste(page, text: str) -> None:
    page.click(".sop-form-paste-box summary")
    page.fill(".sop-form-paste", text)
    page.click("[data-action=load-text]")
    page.wait_for_function("document.querySelector('[data-field=nomor]').value !== ''")


def _targets(sop) -> list:
    def where(t):
        return None if t is None else (t.kind, t.step, t.sop)
    return [(where(s.yes), where(s.no), where(s.next)) for s in sop.steps]


def test_the_draft_survives_a_reload(new_page):
    page = open_form(new_page).page
    page.fill("[data-field=nama]", "Penerbitan Surat Keterangan")
    verdict(page)
    page.reload()
    page.wait_for_selector("#sop-form-editor[data-ready]")
    assert page.input_value("[data-field=nama]") == "Penerbitan Surat Keterangan"
    assert "dipulihkan" in page.locator(".sop-form-status").inner_text()


@pytest.mark.parametrize("width", [1400])
def test_screenshots_of_the_form(new_page, artifacts, width):
    """The form filled with the paper SOP, for the guide (docs/img/ is refreshed from these)."""
    page = open_form(new_page).page
    fill_paper_sop(page)
    page.locator(".sop-form-steps tbody tr").nth(1).locator("[data-step-field=tidak]").select_option(
        label="langkah 1")
    verdict(page)
    page.screenshot(path=str(artifacts / "form-filled.png"), full_page=True)
    assert Path(artifacts / "form-filled.png").stat().st_size > 10_000


def test_the_menu_has_one_form_entry_and_the_form_links_to_its_guide(new_page):
    """The form page and its guide do not share a name in the menu (the guide is "Panduan formulir SOP")."""
    watched = new_page()
    page = watched.page
    watched.goto("")
    entries = [t.strip() for t in page.locator("nav.md-nav--primary .md-nav__link").all_inner_texts()]
    assert entries.count("Formulir SOP") == 1, entries
    assert entries.count("Panduan formulir SOP") == 1, entries
    watched.goto(FORM)
    page.locator("article").get_by_role("link", name="Panduan formulir SOP").click()  # in the introduction
    assert page.locator("h1").first.inner_text().rstrip("\u00b6") == "Panduan formulir SOP"


def _tree(steps) -> list:
    """(number, kegiatan, actors, waktu, output) of every step and sub-step, in reading order."""
    out = []
    for step in steps:
        out.append((step.number, step.kegiatan, step.pelaksana, step.waktu, step.output))
        out.extend(_tree(step.substeps))
    return out


def test_sub_steps_load_are_edited_and_saved_as_fmt_writes_them(new_page, tmp_path):
    """A `langkah-berjenjang` SOP: its sub-steps (three levels) are rows 1.1, 1.2.1, ...; one is edited,
    one added, one deleted; the downloaded page passes lint and is what `mkdocs-sop fmt` writes."""
    source = ROOT / "sops" / "setwan" / "persidangan" / "reses.md"
    text = source.read_text(encoding="utf-8")
    page = open_form(new_page).page
    paste(page, text)
    rows = page.locator(".sop-form-steps tbody tr")
    numbers = [n.strip() for n in page.locator(".sop-form-steps tbody .sop-form-no").all_inner_texts()]
    assert numbers[:6] == ["1", "1.1", "1.2", "1.2.1", "1.2.2", "1.2.3"]
    before = parse_block(find_blocks(text.splitlines())[0].body).sop
    assert len(numbers) == len(_tree(before.steps))
    assert verdict(page) == "Lengkap: tidak ada kesalahan."

    # edit sub-step 1.2.2, add a sub-step under 2.2 with its own actor, delete sub-step 1.2.3
    row = page.locator(".sop-form-steps tbody tr[data-path='0.1.1']")
    row.locator("[data-step-field=kegiatan]").fill("Menyiapkan formulir penjaringan aspirasi")
    row.locator("[data-step-field=waktu]").fill("2 hari")
    page.locator(".sop-form-steps tbody tr[data-path='1.1'] [data-action=add-sub]").click()
    added = page.locator(".sop-form-steps tbody tr[data-path='1.1.3']")
    added.locator("[data-step-field=kegiatan]").fill("Menyerahkan catatan aspirasi")
    added.locator("input[data-actor='Anggota DPRD']").check()
    page.locator(".sop-form-steps tbody tr[data-path='0.1.2'] [data-action=delete]").click()
    assert verdict(page) == "Lengkap: tidak ada kesalahan."
    assert rows.count() == len(numbers)  # one added, one deleted
    preview = page.locator(".sop-form-preview tr[data-step='2.2.4']")
    assert preview.locator("td[data-symbol]").get_attribute("data-actor") == "Anggota DPRD"

    with page.expect_download() as info:
        page.click("[data-action=download]")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    block = find_blocks(saved.read_text(encoding="utf-8").splitlines())[0]
    result = parse_block(block.body, saved.name, block.first_body_line)
    assert result.diagnostics == (), [d.format() for d in result.diagnostics]
    assert format_block(block.body) == block.body  # fmt leaves it as it is
    expected = _tree(before.steps)
    edited = next(i for i, s in enumerate(expected) if s[0] == "1.2.2")
    expected[edited] = ("1.2.2", "Menyiapkan formulir penjaringan aspirasi", expected[edited][2], "2 hari",
                        expected[edited][4])
    del expected[edited + 1]  # 1.2.3
    last_of_2_2 = max(i for i, s in enumerate(expected) if s[0].startswith("2.2."))
    expected.insert(last_of_2_2 + 1, ("2.2.4", "Menyerahkan catatan aspirasi", ("Anggota DPRD",), "", ""))
    assert _tree(result.sop.steps) == expected
    # the identity and the page around the block are kept
    assert (result.sop.nomor, result.sop.pelaksana) == (before.nomor, before.pelaksana)
    assert saved.read_text(encoding="utf-8").splitlines()[0] == text.splitlines()[0]


def test_sub_steps_are_offered_only_with_the_nested_format(new_page):
    page = open_form(new_page).page
    page.fill("[data-field=actors]", "Petugas")
    first = page.locator(".sop-form-steps tbody tr").first
    assert first.locator("[data-action=add-sub]").count() == 0
    page.select_option("[data-field=format]", "langkah-berjenjang")
    page.locator(".sop-form-steps tbody tr").first.locator("[data-action=add-sub]").click()
    sub = page.locator(".sop-form-steps tbody tr[data-path='0.0']")
    assert sub.locator(".sop-form-no").inner_text().strip() == "1.1"
    sub.locator("[data-step-field=kegiatan]").fill("Memeriksa")
    verdict(page)  # the form writes the page 120 ms after the last key
    yaml = page.locator(".sop-form-yaml").inner_text()
    assert "format: langkah-berjenjang\n" in yaml and "    sub:\n      - kegiatan: Memeriksa\n" in yaml
    # back to the flowchart format: the sub-step is kept, and named as the thing to fix
    page.select_option("[data-field=format]", "diagram-alir")
    assert any("sub-langkah hanya untuk format" in p for p in problems(page)), problems(page)


ENGLISH_SITE = """\
site_name: Handbook
theme:
  name: material
  language: en
  font: false
plugins:
  - sop:
      language: en
      form_guide: guide.md
markdown_extensions:
  - pymdownx.superfences
"""


@pytest.fixture(scope="module")
def english_form(tmp_path_factory):
    """A site with `language: en`: its form, served."""
    root = tmp_path_factory.mktemp("english")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    (root / "docs" / "guide.md").write_text("# Form guide\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(ENGLISH_SITE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True,
                          text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    with served(root / "site") as url:
        yield url


INDONESIAN_WORDS = ("Langkah", "langkah", "Pelaksana", "Kegiatan", "wajib", "Perbaiki", "Periksa", "pilih",
                    "Simpan", "Unduh", "Pratinjau", "Keputusan", "selesai", "Tidak")


def test_an_english_site_has_the_form_its_checks_and_its_preview_in_english(browser, english_form, artifacts):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    page = context.new_page()
    watched = Watched(page, english_form)
    watched.goto(FORM)
    page.wait_for_selector("#sop-form-editor[data-ready]")
    assert page.locator("#sop-form-editor").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().rstrip("\u00b6") == "SOP form"
    page.fill("[data-field=actors]", "Clerk\nHead of Section")
    page.click("[data-action=add]")
    rows = page.locator(".sop-form-steps tbody tr")
    rows.nth(0).locator("[data-step-field=kegiatan]").fill("Receive the \u201cfile\u201d")
    rows.nth(0).locator("input[data-actor='Clerk']").check()
    rows.nth(1).locator("[data-step-field=decision]").check()
    found = problems(page)
    assert verdict(page).endswith("must be fixed before the SOP can be published."), verdict(page)
    for words in ("Fix: SOP Number: must be filled in.", "Fix: SOP Name: must be filled in.",
                  "Fix: Step 2: write its activity.", "Fix: Step 2: choose at least one actor.",
                  "Fix: Step 2: write the decision's question", "Fix: Step 2: choose where the flow goes when the "
                  "answer is No.", "Check: Step 1: Activity: has curly quotes (from Word)",
                  "Check: Actor \u201cHead of Section\u201d has no step yet"):
        assert any(p.startswith(words) for p in found), (words, found)
    decision = page.locator(".sop-form-steps tbody tr").nth(1)
    assert decision.locator("[data-step-field=tidak] option").all_inner_texts() == [
        "\u2014 choose \u2014", "step 1", "end"]
    head = page.locator(".sop-form-preview thead").inner_text()
    assert all(word in head for word in ("Activity", "Actors", "Quality Standards", "Requirements", "Notes"))
    assert "Yes: end" in page.locator(".sop-form-preview tr[data-step='2']").inner_text()
    shown = page.locator("#sop-form-editor").inner_text()
    yaml = page.locator(".sop-form-yaml").inner_text()
    assert not [w for w in INDONESIAN_WORDS if w in shown.replace(yaml, "")], shown
    assert "# New SOP" in yaml and "    keputusan: true\n" in yaml  # the block's keys stay the format's own
    page.locator("article").get_by_role("link", name="SOP form guide").click()
    assert page.locator("h1").first.inner_text().rstrip("\u00b6") == "Form guide"
    page.screenshot(path=str(artifacts / "form-english.png"), full_page=True)
    assert watched.errors == [] and watched.foreign_requests() == []
    context.close()


def test_a_field_named_by_a_check_is_marked_where_the_editor_sees_it(new_page):
    page = open_form(new_page).page
    page.fill("[data-field=actors]", "Petugas")
    verdict(page)
    for selector in ("[data-field=nomor]", "[data-field=unit]"):  # an input and a text area
        assert page.locator(selector).get_attribute("aria-invalid") == "true"
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).borderTopWidth") == "2px", selector
    page.fill("[data-field=nomor]", "800/1")
    verdict(page)
    assert page.eval_on_selector("[data-field=nomor]", "e => getComputedStyle(e).borderTopWidth") == "1px"
