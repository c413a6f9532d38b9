"""`mkdocs-sop form` writes the SOP form for hosts that run no MkDocs plugin (Zensical)."""

from __future__ import annotations

from cli_fixtures import runner, write_tree  # noqa: F401 - fixture
from mkdocs_sop.cli import main


def test_the_form_is_written_into_the_docs_folder_of_a_zensical_site(runner, tmp_path, monkeypatch):
    write_tree(tmp_path, {"zensical.toml": '[project]\nsite_name = "X"\ndocs_dir = "isi"\n', "isi/index.md": "# X\n"})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["form"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "isi" / "formulir-sop.md").read_text(encoding="utf-8")
    assert '<div id="sop-form-editor" lang="id" data-texts="{' in page
    assert '<script src="../assets/mkdocs-sop/form/sop-form.js"></script>' in page
    for name in ("sop-form.js", "sop-form.css", "sop-schema.js", "vendor/ajv2020.min.js", "vendor/js-yaml.min.js"):
        assert (tmp_path / "isi" / "assets" / "mkdocs-sop" / "form" / name).is_file()
    again = runner.invoke(main, ["form"])
    assert again.exit_code == 0 and "0 berkas ditulis" in again.stderr  # unchanged files are left alone
