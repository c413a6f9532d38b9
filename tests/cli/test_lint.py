"""`mkdocs-sop lint`: the site build's verdicts, its exit codes and output forms."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli_fixtures import broken_site, in_root, runner  # noqa: F401 - fixtures
from mkdocs_sop.cli import TEXTS, check_sources, cli_text, load_site_config, main, walk_sources
from mkdocs_sop.core.messages import placeholders

from cli_fixtures import BROKEN_EXPECTED, BROKEN_EXPECTED_EN, ROOT, env_without_color, messages, write_tree


def test_sample_handbook_is_clean(runner, in_root):
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.fullmatch(r"\d+ SOP dalam \d+ berkas: 0 kesalahan, 0 peringatan\.\n", result.stderr)
    english = runner.invoke(main, ["lint", "--lang", "en"])
    assert re.fullmatch(r"\d+ SOP\(s\) in \d+ file\(s\): 0 error\(s\), 0 warning\(s\)\.\n", english.stderr)


def test_problems_are_printed_as_path_line_column(runner, broken_site):
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # each problem inside a block is followed by its line as written and a caret under the column
    assert [line for line in lines if not line.startswith(" ")] == BROKEN_EXPECTED
    tab = next(i for i, line in enumerate(lines) if line.endswith("[yaml-tab]"))
    assert lines[tab + 1:tab + 3] == ["   8 | \u2192- kegiatan: x", "     | ^"]
    assert result.stderr == "2 SOP dalam 3 berkas: 5 kesalahan, 3 peringatan.\n"


def test_lines_count_front_matter_and_paths_are_relative_to_the_current_folder(runner, broken_site,
                                                                                monkeypatch):
    monkeypatch.chdir(broken_site / "docs")
    result = runner.invoke(main, ["lint", "index.md", "-q", "--strict-links"])
    # index.md alone: same lines (front matter included), path as the editor named it
    assert result.stdout.splitlines()[0].startswith("index.md:10: warning:")


def test_json_format(runner, broken_site):
    result = runner.invoke(main, ["lint", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 5 and data["warnings"] == 3 and data["ok"] is False
    assert [d["text"] for d in data["diagnostics"]] == BROKEN_EXPECTED
    first = data["diagnostics"][0]
    assert (first["path"], first["line"], first["severity"], first["key"], first["code"]) == \
        ("docs/sub/b.md", 10, "error", "langkah[1].pelaksana", "actor-not-listed")
    assert [d["code"] for d in data["diagnostics"]] == [  # errors first, then warnings
        "actor-not-listed", "branch-on-non-decision", "duplicate-nomor", "block-not-closed", "yaml-tab",
        "related-unresolved", "sop-target-unresolved", "teknis-many-actors"]
    assert data["internal_errors"] == []
    assert all(d["text"].endswith(f" [{d['code']}]") for d in data["diagnostics"])


def test_lang_option_and_site_language(runner, broken_site):
    """`--lang en` prints English; `language: en` in mkdocs.yml does too; `--lang id` wins over it.

    The summary line follows the same choice; the JSON output is the same but for the texts.
    """
    english = runner.invoke(main, ["lint", "--lang", "en"])
    assert messages(english.stdout) == BROKEN_EXPECTED_EN
    assert english.stderr == "2 SOP(s) in 3 file(s): 5 error(s), 3 warning(s).\n"
    indonesian = json.loads(runner.invoke(main, ["lint", "--format", "json"]).stdout)
    english_json = json.loads(runner.invoke(main, ["lint", "--format", "json", "--lang", "en"]).stdout)
    assert list(english_json) == list(indonesian) == ["files", "sops", "blocks", "errors", "warnings", "ok",
                                                       "diagnostics", "internal_errors"]
    assert [list(d) for d in english_json["diagnostics"]] == [list(d) for d in indonesian["diagnostics"]]
    config = broken_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      diagram: false\n", "      diagram: false\n      language: en\n"), encoding="utf-8")
    assert load_site_config("mkdocs.yml").language == "en"
    site_english = runner.invoke(main, ["lint"])
    assert messages(site_english.stdout) == BROKEN_EXPECTED_EN
    assert site_english.stderr == "2 SOP(s) in 3 file(s): 5 error(s), 3 warning(s).\n"
    english = runner.invoke(main, ["lint", "--format", "json"]).stdout
    assert [d["text"] for d in json.loads(english)["diagnostics"]] == BROKEN_EXPECTED_EN
    back = runner.invoke(main, ["lint", "--lang", "id"])
    assert messages(back.stdout) == BROKEN_EXPECTED
    assert back.stderr == "2 SOP dalam 3 berkas: 5 kesalahan, 3 peringatan.\n"
    assert runner.invoke(main, ["lint", "--lang", "fr"]).exit_code == 2


def test_warnings_alone_pass_unless_strict(runner, tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.md": """\
        ```sop
        nomor: T/1
        nama: Teknis
        unit: U
        jenis: teknis
        langkah:
          - kegiatan: a
            pelaksana: P
          - kegiatan: b
            pelaksana: Q
        ```
        """})
    monkeypatch.chdir(tmp_path)
    relaxed = runner.invoke(main, ["lint", "a.md"])
    assert relaxed.exit_code == 0
    assert relaxed.stdout.startswith("a.md:5: warning: `jenis`: SOP teknis dikerjakan oleh satu pelaksana")
    assert messages(relaxed.stdout)[-1].endswith("[teknis-many-actors]")
    assert runner.invoke(main, ["lint", "a.md", "--strict"]).exit_code == 1


def test_strict_links_from_config_and_flag(runner, broken_site):
    lines = runner.invoke(main, ["lint", "--no-strict-links"]).stdout
    assert "[related-unresolved]" not in lines and "`Tidak Ada`" not in lines
    assert "SOP `Z/9`, tetapi SOP itu tidak ada di situs ini" in lines  # `sop:` targets are always checked


def test_usage_errors_exit_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    no_config = runner.invoke(main, ["lint"])
    assert no_config.exit_code == 2
    assert ("Kesalahan: tidak ada folder atau berkas yang disebut (PATHS), dan tidak ada mkdocs.yml, "
            "properdocs.yml atau zensical.toml di folder ini. Sebutkan folder atau berkasnya, misalnya "
            "`mkdocs-sop lint docs`, atau jalankan perintah ini di folder tempat berkas konfigurasi situs "
            "berada.\n") in no_config.stderr
    english = runner.invoke(main, ["lint", "--lang", "en"])
    assert english.exit_code == 2
    assert ("Error: no PATHS given and no mkdocs.yml, properdocs.yml or zensical.toml in this folder. Name "
            "the folders or files to lint, e.g. `mkdocs-sop lint docs`, or run it next to your site's config "
            "file.\n") in english.stderr
    nowhere = runner.invoke(main, ["lint", "nowhere"])
    assert nowhere.exit_code == 2
    assert "nowhere: tidak ada berkas atau folder bernama itu." in nowhere.stderr
    assert "nowhere: no such file or folder." in runner.invoke(main, ["lint", "nowhere", "--lang", "en"]).stderr
    assert runner.invoke(main, ["lint", ".", "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["lint", "--bogus"]).exit_code == 2


def test_usage_errors_about_the_config_follow_lang(runner, tmp_path, monkeypatch):
    """Before the site's `language` is known, `--lang` (else Indonesian) chooses."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: [tidak ditutup\n", encoding="utf-8")
    bad = runner.invoke(main, ["lint"])
    assert bad.exit_code == 2 and "Kesalahan: mkdocs.yml bukan YAML yang benar: " in bad.stderr
    assert "Error: mkdocs.yml is not valid YAML: " in runner.invoke(main, ["lint", "--lang", "en"]).stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - sop:\n      language: en\n",
                                         encoding="utf-8")
    # the site says English, the docs folder is missing: English; --lang id wins
    assert "Error: the docs folder of mkdocs.yml (docs) does not exist." in runner.invoke(main, ["lint"]).stderr
    assert "Kesalahan: folder dokumen mkdocs.yml (docs) tidak ada." in runner.invoke(main, ["lint", "--lang", "id"]).stderr


def test_every_line_of_the_command_has_both_languages_with_the_same_placeholders():
    for name, (en, ind) in TEXTS.items():
        assert en and ind and en != ind, name
        assert placeholders(en) == placeholders(ind), name
    assert cli_text("lint-summary", sops=3, files=4, errors=1, warnings=0) == \
        "3 SOP dalam 4 berkas: 1 kesalahan, 0 peringatan."
    assert cli_text("lint-summary", "en", sops=3, files=4, errors=1, warnings=0) == \
        "3 SOP(s) in 4 file(s): 1 error(s), 0 warning(s)."


def test_empty_folder_is_clean(runner, tmp_path):
    result = runner.invoke(main, ["lint", str(tmp_path)])
    assert result.exit_code == 0 and result.stdout == ""


def test_sop_yaml_file_is_one_block(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.sop.yaml").write_text("nomor: X/1\nnama: X\nunit: U\nlangkah:\n  - kegiatan: a\n"
                                        "    pelaksan: P\n", encoding="utf-8")
    result = runner.invoke(main, ["lint", "x.sop.yaml", "-q"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("x.sop.yaml:")
    assert "kunci tidak dikenal" in result.stdout and "Mungkin maksud Anda `pelaksana`?" in result.stdout
    assert "[unknown-key]" in result.stdout


def test_config_reader_tolerates_mkdocs_tags(tmp_path, monkeypatch):
    monkeypatch.setenv("SOP_INST", "Pemerintah Kota Uji")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\ndocs_dir: halaman\nplugins:\n  - search\n  - sop:\n"
        "      institution: !ENV [SOP_INST, 'cadangan']\n      strict_links: true\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n", encoding="utf-8")
    cfg = load_site_config(str(tmp_path / "mkdocs.yml"))
    assert cfg.docs_dir == str(tmp_path / "halaman")
    assert cfg.institution == "Pemerintah Kota Uji" and cfg.strict_links is True


def test_mkdocs_exclusions_and_order(tmp_path):
    write_tree(tmp_path, {"docs/b.md": "x", "docs/index.md": "x", "docs/a/z.md": "x",
                          "docs/.hidden/h.md": "x", "docs/templates/t.md": "x", "docs/drafts/d.md": "x",
                          "docs/img.png": "x",
                          "mkdocs.yml": "site_name: X\nexclude_docs: |\n  drafts/\n"})
    cfg = load_site_config(str(tmp_path / "mkdocs.yml"))
    pages = [s.page for s in walk_sources([cfg.docs_dir], cfg)]
    assert pages == ["index.md", "b.md", "a/z.md"]  # MkDocs' order: index first, files before folders


def test_same_verdicts_as_lint_in_process(broken_site):
    cfg = load_site_config("mkdocs.yml")
    result = check_sources(walk_sources([cfg.docs_dir], cfg), cfg.institution, cfg.strict_links)
    assert [d.format() for d in result.diagnostics] == BROKEN_EXPECTED


@pytest.mark.site
def test_same_verdicts_as_mkdocs_build(broken_site, tmp_path_factory):
    """Every problem `mkdocs build` logs for the site, and nothing else, is what lint prints."""
    out = tmp_path_factory.mktemp("built")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=broken_site,
                           capture_output=True, text=True, env=env_without_color(), timeout=300)
    logged = [line.split("mkdocs_sop: ", 1)[1] for line in build.stderr.splitlines()
              if "mkdocs_sop: " in line and ": sop: " not in line]
    assert sorted(logged) == sorted(BROKEN_EXPECTED), build.stderr


def test_a_hundred_sops_are_checked_as_one_catalogue(tmp_path):
    """A hundred SOPs (the samples copied under new numbers) make one catalogue with no error.

    (How fast that is belongs in benchmarks/, not here: on a shared machine a time
    limit in a test fails for reasons that are not the code's.)"""
    sources = sorted(ROOT.joinpath("sops").rglob("*.md"))
    count = 0
    copy = 0
    while count < 100:
        copy += 1
        for path in sources:
            text = path.read_text(encoding="utf-8")
            if "```sop" not in text:
                continue
            text = re.sub(r"^(nomor|number): (.*)$", rf"\1: \2-K{copy}", text, flags=re.M)
            target = tmp_path / f"k{copy}" / path.relative_to(ROOT / "sops")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            count += text.count("```sop")
    result = check_sources(walk_sources([str(tmp_path)], None))
    assert len(result.catalogue.entries) == count
    assert result.errors == 0, [d.format() for d in result.diagnostics]


def test_python_m_mkdocs_sop_help():
    done = subprocess.run([sys.executable, "-m", "mkdocs_sop", "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0
    assert done.stdout.startswith("Penggunaan: mkdocs-sop [OPSI] PERINTAH")
    for command in ("lint", "new", "fmt", "export", "schema"):
        assert re.search(rf"^  {command} ", done.stdout, re.M)
    assert "Contoh:" in done.stdout


@pytest.mark.parametrize("command", ["lint", "new", "fmt", "export", "schema"])
def test_every_command_has_examples_in_help(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Contoh:" in result.stdout and f"mkdocs-sop {command}" in result.stdout
    english = runner.invoke(main, [command, "--help"], env={"MKDOCS_SOP_LANG": "en"})
    assert "Examples:" in english.stdout and f"mkdocs-sop {command}" in english.stdout


def test_lint_applies_the_sites_limits(tmp_path, monkeypatch):
    """`limits:` under `- sop:` in mkdocs.yml: lint refuses what the build refuses."""
    from click.testing import CliRunner

    from mkdocs_sop.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "```sop\nnomor: L/1\nnama: L\nunit: U\nlangkah:\n" + "".join(
            f"  - kegiatan: k{i}\n    pelaksana: P\n" for i in range(5)) + "```\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sop:\n      limits: {max_steps: 3}\n",
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 1
    assert "docs/a.md:12: error: `langkah[4]`:" in result.stdout and "[limit-steps]" in result.stdout


def test_an_sop_of_another_institution_is_named_where_its_instansi_is_written(runner, tmp_path, monkeypatch):
    """The site's logo is not printed on another institution's SOP: lint says so at `instansi:`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nplugins:\n  - sop:\n      institution: Pemerintah Kota Contoh\n"
        "      logo: logo.svg\n      logos:\n        Pemerintah Provinsi Contoh: prov.svg\n", encoding="utf-8")
    block = "```sop\nnomor: \"{n}\"\nnama: SOP {n}\ninstansi: {i}\nunit: U\nlangkah:\n  - kegiatan: a\n" \
            "    pelaksana: P\n```\n"
    (tmp_path / "docs").mkdir()
    for name, instansi in (("lain", "Kantor Lain"), ("prov", "Pemerintah Provinsi Contoh"),
                           ("kota", "Pemerintah Kota Contoh")):
        (tmp_path / "docs" / f"{name}.md").write_text(f"# {name}\n\n" + block.format(n=name, i=instansi),
                                                      encoding="utf-8")
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 0  # a warning: the build goes on
    assert messages(result.stdout) == [
        "docs/lain.md:6: warning: `instansi`: `Kantor Lain` bukan instansi situs ini (Pemerintah Kota Contoh); "
        "logo situs tidak dicantumkan pada tabel identitas dan salinan cetak SOP ini. Bila SOP ini milik instansi "
        "lain, cantumkan logonya di `logos:` pada `- sop:` dalam mkdocs.yml; bila milik instansi situs sendiri, "
        "hapus `instansi:` atau tulis persis seperti `institution`. [instansi-other]"]
    english = runner.invoke(main, ["lint", "--lang", "en"]).stdout
    assert "docs/lain.md:6: warning: `instansi`: `Kantor Lain` is not the site's institution" in english
