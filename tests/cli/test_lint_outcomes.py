"""`mkdocs-sop lint` as CI and an editor read it: exit codes, errors first, the fix for the cause,
and nothing from an SOP that could drive the terminal."""

from __future__ import annotations

import json

from cli_fixtures import messages, write_tree

from cli_fixtures import runner  # noqa: F401 - fixture
from mkdocs_sop.cli import main

TYPO_PAGE = """\
# Surat

```sop
nomor: 800/1
nama: Pengagendaan Surat
unit: Bagian Umum
pelaksana: [Pengadministrasi Umum, Kepala Subbagian Tata Usaha]
langkah:
  - kegiatan: Menerima surat
    pelaksana: Pengadministrasi Umum
  - kegiatan: Memeriksa surat
    pelaksana: Kepala Sub Bagian Tata Usaha
```
"""

CLEAN_PAGE = """\
```sop
nomor: 800/2
nama: Pengarsipan
unit: Bagian Umum
langkah:
  - kegiatan: Mengarsipkan surat
    pelaksana: Arsiparis
```
"""


def test_an_error_comes_before_the_warning_it_causes_and_that_warning_names_the_real_fix(runner, tmp_path,
                                                                                        monkeypatch):
    """A step misspells a listed actor: the error (at the step) first, then the warning (at the
    list, higher up the file) says to correct the step, not to remove the actor."""
    write_tree(tmp_path, {"surat.md": TYPO_PAGE})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint", "surat.md"])
    assert messages(result.stdout) == [
        "surat.md:12: error: `langkah[2].pelaksana`: pelaksana `Kepala Sub Bagian Tata Usaha` tidak ada dalam "
        "daftar `pelaksana` SOP ini. Mungkin maksud Anda `Kepala Subbagian Tata Usaha`? [actor-not-listed]",
        "surat.md:7: warning: `pelaksana`: pelaksana `Kepala Subbagian Tata Usaha` tidak mempunyai langkah, "
        "sehingga kolomnya akan kosong. Langkah 2 menuliskannya `Kepala Sub Bagian Tata Usaha`: perbaiki nama "
        "di langkah itu. [actor-unused]",
    ]
    assert result.exit_code == 1
    english = messages(runner.invoke(main, ["lint", "surat.md", "--lang", "en"]).stdout)[1]
    assert english.endswith("Step 2 writes it as `Kepala Sub Bagian Tata Usaha`: correct the name there. "
                            "[actor-unused]")


def test_an_actor_nobody_uses_still_gets_the_usual_advice(runner, tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.md": CLEAN_PAGE.replace("langkah:", "pelaksana: [Arsiparis, Sekretaris]\nlangkah:")})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint", "a.md"])
    assert messages(result.stdout) == ["a.md:5: warning: `pelaksana`: pelaksana `Sekretaris` tidak mempunyai "
                                       "langkah, sehingga kolomnya akan kosong. Hapus pelaksana itu, atau "
                                       "berikan langkah kepadanya. [actor-unused]"]
    assert result.exit_code == 0


def test_a_crash_is_one_line_and_exit_2_and_the_other_files_are_still_checked(runner, tmp_path, monkeypatch):
    """CI must tell a bug of the tool (2) from an SOP with errors (1)."""
    import mkdocs_sop.cli.check as check

    real_parse = check.parse_block

    def parse_that_crashes_on_one_page(body, *args, **kwargs):
        if "Pengagendaan" in body:
            raise RecursionError("maximum recursion depth exceeded\nwhile calling a Python object")
        return real_parse(body, *args, **kwargs)

    monkeypatch.setattr(check, "parse_block", parse_that_crashes_on_one_page)
    write_tree(tmp_path, {"docs/a.md": CLEAN_PAGE.replace("Arsiparis\n", "Arsiparis\n    lanjut: 9\n"),
                          "docs/surat.md": TYPO_PAGE})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint", "docs"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert result.stdout.startswith("docs/a.md:8: error: `langkah[1].lanjut`:")  # the other file: checked
    assert result.stderr.splitlines() == [
        "docs/surat.md: kesalahan internal: RecursionError: maximum recursion depth exceeded while calling a "
        "Python object. Ini kesalahan program mkdocs-sop, bukan kesalahan penulisan SOP; mohon laporkan beserta "
        "berkas itu.",
        "0 SOP dalam 2 berkas: 1 kesalahan, 0 peringatan.",
    ]
    data = json.loads(runner.invoke(main, ["lint", "docs", "--format", "json"]).stdout)
    assert data["ok"] is False
    assert data["internal_errors"] == [{"path": "docs/surat.md", "error": "RecursionError: maximum recursion "
                                        "depth exceeded while calling a Python object"}]


def _crash_with(monkeypatch, tmp_path, module, name: str, error: Exception) -> None:
    """``module.name`` raises ``error`` (a bug, simulated); a clean page is the current folder's."""
    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(module, name, broken)
    write_tree(tmp_path, {"a.md": CLEAN_PAGE})
    monkeypatch.chdir(tmp_path)


def test_a_crash_outside_any_file_is_one_line_too(runner, tmp_path, monkeypatch):
    import mkdocs_sop.cli.lint as lint

    _crash_with(monkeypatch, tmp_path, lint, "check_sources", ValueError("boom"))
    result = runner.invoke(main, ["lint", "a.md", "--lang", "en", "-q"])
    assert result.exit_code == 2
    assert result.stderr == ("mkdocs-sop: internal error: ValueError: boom. This is a bug of mkdocs-sop, not a "
                             "mistake in the SOP; please report it together with that file.\n")


def test_control_characters_from_an_sop_never_reach_the_terminal_raw(runner, tmp_path, monkeypatch):
    """ESC from a key, a right-to-left override in an actor, CR and C1 CSI in values: shown escaped."""
    key = ("```sop\nnomor: K/1\nnama: Uji\nunit: U\n\"warna\\e[31m\": merah\nlangkah:\n"
           "  - kegiatan: a\n    pelaksana: A\n```\n")  # YAML escapes: \e is ESC, \r CR, \x9b C1 CSI
    actor = ("```sop\nnomor: K/2\nnama: Uji\nunit: U\npelaksana: [A]\nlangkah:\n"
             "  - kegiatan: a\n    pelaksana: \"B\u202eC\\r\\x9b2J\"\n```\n")
    (tmp_path / "a.md").write_text(key, encoding="utf-8")
    (tmp_path / "b.md").write_text(actor, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint", "a.md", "b.md"])
    assert result.exit_code == 1
    for raw in ("\x1b", "\u202e", "\r", "\x9b"):
        assert raw not in result.stdout and raw not in result.stderr
    assert "`warna\\x1b[31m`" in result.stdout
    assert "`B\\u202eC\\x0d\\x9b2J`" in result.stdout
    as_json = runner.invoke(main, ["lint", "a.md", "b.md", "--format", "json"]).stdout
    for raw in ("\x1b", "\u202e", "\r", "\x9b"):
        assert raw not in as_json
    found = json.loads(as_json)["diagnostics"]  # the data itself is unchanged
    assert "warna\x1b[31m" in [d["key"] for d in found]
    assert any("`B\u202eC\r\x9b2J`" in d["message"] for d in found)


def test_export_says_so_when_a_file_crashed(runner, tmp_path, monkeypatch):
    import mkdocs_sop.cli.check as check

    _crash_with(monkeypatch, tmp_path, check, "parse_block", KeyError("x"))
    result = runner.invoke(main, ["export", "a.md"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["count"] == 0
    assert result.stderr == ("a.md: kesalahan internal: KeyError: 'x'. Ini kesalahan program mkdocs-sop, bukan "
                             "kesalahan penulisan SOP; mohon laporkan beserta berkas itu.\n")


def test_fmt_reports_a_crash_as_one_line_leaves_the_file_and_exits_2(runner, tmp_path, monkeypatch):
    import mkdocs_sop.cli.fmt as fmt

    _crash_with(monkeypatch, tmp_path, fmt, "format_text", RecursionError("maximum recursion depth exceeded"))
    result = runner.invoke(main, ["fmt", "a.md"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "a.md: kesalahan internal: RecursionError: maximum recursion depth exceeded. Ini kesalahan program "
        "mkdocs-sop, bukan kesalahan penulisan SOP; mohon laporkan beserta berkas itu.")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == CLEAN_PAGE
