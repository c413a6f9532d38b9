"""`mkdocs-sop fmt`: canonical order and indentation, comments and meaning kept, --check for CI."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest
from cli_fixtures import ROOT, SAMPLES, sample_files

from cli_fixtures import in_root, runner  # noqa: F401 - fixtures
from mkdocs_sop.cli import main
from mkdocs_sop.cli.fmt import FormatRefused, _meaning, format_block, format_text
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.parse import IDENTITY_KEYS, STEP_KEYS, parse_block
from mkdocs_sop.core.yamlload import load

SAMPLE_BLOCKS = [(path, block) for path in sample_files()
                 for block in find_blocks(path.read_text(encoding="utf-8").split("\n"))]


def _order(keys):
    out = {}
    for i, key in enumerate(keys):
        for name in (key.name, *key.aliases):
            out.setdefault(name, i)
    return out


@pytest.mark.parametrize("path, block", SAMPLE_BLOCKS,
                         ids=[f"{p.relative_to(SAMPLES)}:{b.start + 1}" for p, b in SAMPLE_BLOCKS])
def test_every_sample_keeps_its_meaning_and_is_idempotent(path, block):
    tidy = format_block(block.body)
    assert _meaning(parse_block(tidy)) == _meaning(parse_block(block.body))
    assert format_block(tidy) == tidy
    assert tidy.count("\n") == block.body.count("\n")  # lines move, none are added or lost
    data = load(tidy)
    identity = _order(IDENTITY_KEYS)
    assert [identity[k] for k in data] == sorted(identity[k] for k in data)
    steps = _order(STEP_KEYS)
    for step in data.get("langkah") or data.get("steps"):
        assert [steps[k] for k in step] == sorted(steps[k] for k in step)


COMMENTED = """\
# kepala blok
nama: X   # judul
# komentar untuk nomor
nomor: "001"
langkah:
- pelaksana: A  # siapa
  # komentar untuk kegiatan
  kegiatan: |
    baris satu
    # bukan komentar: isi teks
  tidak: 1
  keputusan: lengkap?
  kelengkapan:
  - a
  - b   # b
  waktu: 5 menit
# komentar langkah dua
- kegiatan: y
  pelaksana: B
  lanjut: selesai
# komentar untuk unit
unit: U
"""


def test_comments_quotes_and_block_text_are_kept():
    tidy = format_block(COMMENTED)
    assert tidy == textwrap.dedent("""\
        # kepala blok
        # komentar untuk nomor
        nomor: "001"
        nama: X   # judul
        # komentar untuk unit
        unit: U
        langkah:
          # komentar untuk kegiatan
          - kegiatan: |
              baris satu
              # bukan komentar: isi teks
            pelaksana: A  # siapa
            kelengkapan:
              - a
              - b   # b
            waktu: 5 menit
            keputusan: lengkap?
            tidak: 1
          # komentar langkah dua
          - kegiatan: y
            pelaksana: B
            lanjut: selesai
        """)
    for comment in ("# kepala blok", "# judul", "# komentar untuk nomor", "# siapa", "# b",
                    "# komentar langkah dua", "# komentar untuk unit", "# bukan komentar: isi teks"):
        assert comment in tidy
    assert _meaning(parse_block(tidy)) == _meaning(parse_block(COMMENTED))


def test_english_keys_stay_english():
    body = "steps:\n  - actor: A\n    activity: a\nname: N\nnumber: N/1\nunit: U\n"
    assert format_block(body) == "number: N/1\nname: N\nunit: U\nsteps:\n  - activity: a\n    actor: A\n"


def test_a_block_with_errors_is_left_alone():
    with pytest.raises(FormatRefused, match=r"^isinya mengandung kesalahan \(lihat `mkdocs-sop lint`\); "
                                            "perbaiki dulu$"):
        format_block("nama: X\nunit: U\nlangkah: []\n")
    with pytest.raises(FormatRefused, match=r"^it has errors \(see `mkdocs-sop lint`\); fix them first$"):
        format_block("nama: X\nunit: U\nlangkah: []\n", "en")


def test_indented_block_in_markdown_keeps_its_fence_and_indentation():
    text = ('!!! note\n\n    ```sop\n    unit: U\n    nama: X\n    nomor: N/1\n    langkah:\n'
            '    - pelaksana: A\n      kegiatan: a\n    ```\n\nSesudah.\n')
    out = format_text(text)
    assert out.changed and not out.refused
    assert out.text == ('!!! note\n\n    ```sop\n    nomor: N/1\n    nama: X\n    unit: U\n    langkah:\n'
                        '      - kegiatan: a\n        pelaksana: A\n    ```\n\nSesudah.\n')


def test_check_lists_files_and_fmt_writes_them(runner, tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "sops")
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "sops").rglob("*.md")}
    check = runner.invoke(main, ["fmt", "--check", "sops"])
    would = [line.removeprefix("akan dirapikan: ") for line in check.stdout.splitlines()]
    assert all(line.startswith("akan dirapikan: ") for line in check.stdout.splitlines())
    assert check.exit_code == (1 if would else 0)
    assert {p.relative_to(tmp_path).as_posix() for p in before} >= set(would)
    assert {p.read_bytes() for p in before} == set(before.values())  # --check writes nothing
    exported = runner.invoke(main, ["export", "sops"]).stdout
    done = runner.invoke(main, ["fmt", "sops"])
    assert done.exit_code == 0
    assert sorted(line.removeprefix("sudah dirapikan: ") for line in done.stdout.splitlines()) == sorted(would)
    unchanged = int(re.fullmatch(rf"{len(would)} berkas dirapikan, (\d+) tidak berubah\.\n", done.stderr)[1])
    again = runner.invoke(main, ["fmt", "--check", "sops"])
    assert again.exit_code == 0 and again.stdout == ""
    assert again.stderr == f"0 berkas akan dirapikan, {unchanged + len(would)} tidak berubah.\n"
    lint = runner.invoke(main, ["lint", "sops"])
    assert lint.exit_code == 0 and lint.stdout == ""
    # the site's data is the same SOP for SOP, field for field
    assert runner.invoke(main, ["export", "sops"]).stdout == exported


def test_diff_writes_nothing(runner, tmp_path):
    page = tmp_path / "a.md"
    page.write_text("```sop\nnama: X\nnomor: N/1\nunit: U\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n```\n",
                    encoding="utf-8")
    result = runner.invoke(main, ["fmt", "--diff", str(page)])
    assert result.exit_code == 0
    assert "+nomor: N/1\n nama: X\n-nomor: N/1\n" in result.stdout
    assert page.read_text(encoding="utf-8").startswith("```sop\nnama: X")


def test_crlf_files_stay_crlf(runner, tmp_path):
    page = tmp_path / "a.md"
    page.write_bytes(b"```sop\r\nnama: X\r\nnomor: N/1\r\nunit: U\r\nlangkah:\r\n  - kegiatan: a\r\n"
                     b"    pelaksana: A\r\n```\r\n")
    assert runner.invoke(main, ["fmt", str(page)]).exit_code == 0
    assert page.read_bytes() == (b"```sop\r\nnomor: N/1\r\nnama: X\r\nunit: U\r\nlangkah:\r\n"
                                 b"  - kegiatan: a\r\n    pelaksana: A\r\n```\r\n")


def test_refused_block_is_reported_and_the_rest_formatted(runner, tmp_path):
    page = tmp_path / "a.md"
    page.write_text("```sop\nnama: X\nunit: U\n```\n\n```sop\nunit: U\nnama: Y\nnomor: N/2\nlangkah:\n"
                    "  - kegiatan: a\n    pelaksana: A\n```\n", encoding="utf-8")
    result = runner.invoke(main, ["fmt", str(page)])
    assert result.exit_code == 0
    where, said = result.stderr.split(":1: warning: ")
    assert where.endswith(page.name)
    assert said == ("blok dibiarkan apa adanya: isinya mengandung kesalahan (lihat `mkdocs-sop lint`); "
                    "perbaiki dulu.\n1 berkas dirapikan, 0 tidak berubah.\n")
    assert "```sop\nnama: X\nunit: U\n```" in page.read_text(encoding="utf-8")
    assert "```sop\nnomor: N/2\nnama: Y\nunit: U\n" in page.read_text(encoding="utf-8")


def test_lines_are_english_with_lang_en(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("```sop\nnama: X\nunit: U\n```\n\n```sop\nunit: U\nnama: Y\nnomor: N/2\n"
                                   "langkah:\n  - kegiatan: a\n    pelaksana: A\n```\n\n```sop\nnomor: N/3\n",
                                   encoding="utf-8")
    check = runner.invoke(main, ["fmt", "--check", "--lang", "en", "a.md"])
    assert check.exit_code == 1
    assert check.stdout == "would reformat a.md\n"
    assert check.stderr == ("a.md:1: warning: block left as it is: it has errors (see `mkdocs-sop lint`); fix "
                            "them first.\na.md:15: warning: block left as it is: the block is never closed.\n"
                            "1 file(s) would be reformatted, 0 unchanged.\n")
    indonesian = runner.invoke(main, ["fmt", "--check", "a.md"])
    assert indonesian.stdout == "akan dirapikan: a.md\n"
    assert indonesian.stderr.splitlines()[1:] == [
        "a.md:15: warning: blok dibiarkan apa adanya: pagar penutupnya (```) tidak ada.",
        "1 berkas akan dirapikan, 0 tidak berubah."]
    done = runner.invoke(main, ["fmt", "--lang", "en", "a.md"])
    assert done.exit_code == 0 and done.stdout == "reformatted a.md\n"
    assert done.stderr.endswith("\n1 file(s) reformatted, 0 unchanged.\n")


def test_a_block_whose_meaning_would_change_fails_the_run(runner, tmp_path, monkeypatch):
    """Only that refusal (a bug of the formatter) exits 1; a block with errors does not."""
    import mkdocs_sop.cli.fmt as fmt_module

    monkeypatch.setattr(fmt_module, "_meaning", lambda result: object())  # never the same
    page = tmp_path / "a.md"
    page.write_text("```sop\nnama: X\nnomor: N/1\nunit: U\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n```\n",
                    encoding="utf-8")
    result = runner.invoke(main, ["fmt", str(page)])
    assert result.exit_code == 1
    assert "merapikannya akan mengubah isinya (mohon laporkan ini sebagai kesalahan program)." in result.stderr
    assert page.read_text(encoding="utf-8").startswith("```sop\nnama: X")


def test_default_is_the_docs_folder_of_mkdocs_yml(runner, in_root):
    result = runner.invoke(main, ["fmt", "--check"])
    assert result.exit_code in (0, 1)
    assert re.fullmatch(r"\d+ berkas akan dirapikan, \d+ tidak berubah\.\n", result.stderr)
    assert str(ROOT) not in result.stdout  # paths relative to the current folder


def test_sop_yaml_file_is_formatted_whole(runner, tmp_path):
    draft = tmp_path / "x.sop.yaml"
    draft.write_text("# yaml-language-server: $schema=./sop.schema.json\nnama: X\nnomor: N/1\nunit: U\n"
                     "langkah:\n  - pelaksana: A\n    kegiatan: a\n", encoding="utf-8")
    assert runner.invoke(main, ["fmt", str(draft)]).exit_code == 0
    assert draft.read_text(encoding="utf-8") == ("# yaml-language-server: $schema=./sop.schema.json\n"
                                                 "nomor: N/1\nnama: X\nunit: U\nlangkah:\n"
                                                 "  - kegiatan: a\n    pelaksana: A\n")


def test_an_unreadable_file_is_reported_as_lint_reports_it(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rusak.md").write_bytes(b"```sop\n\xff\n```\n")
    result = runner.invoke(main, ["fmt", "rusak.md"])
    assert result.exit_code == 1
    assert result.stderr.startswith("rusak.md: error: berkas tidak dapat dibaca: ")
    assert result.stderr.endswith(". [file-unreadable]\n0 berkas dirapikan, 0 tidak berubah.\n")
    english = runner.invoke(main, ["fmt", "rusak.md", "--lang", "en"])
    assert english.stderr.startswith("rusak.md: error: cannot read the file: ")
    assert english.stderr.endswith("\n0 file(s) reformatted, 0 unchanged.\n")
