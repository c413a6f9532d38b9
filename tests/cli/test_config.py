"""The config reader: mkdocs.yml, properdocs.yml and zensical.toml, read into one frozen SiteConfig."""

from __future__ import annotations

import dataclasses
import os

import pytest
from cli_fixtures import write_tree

from cli_fixtures import runner  # noqa: F401 - fixture
from mkdocs_sop.cli import main
from mkdocs_sop.cli.config import Generator, SiteConfig, find_config, load_site_config

PAGE = """\
# Uji

```sop
nomor: K/1
nama: Uji Konfigurasi
unit: U
pelaksana: [Petugas]
langkah:
  - kegiatan: Mencatat
    pelaksana: Petugas
    keterkaitan: x
```
"""

ZENSICAL_TOML = """\
[project]
site_name = "Buku Pedoman SOP"
site_url = "https://sop.example.go.id/"
docs_dir = "halaman"
site_dir = "publik"
use_directory_urls = false

[project.theme]
language = "id"

[project.markdown_extensions.mkdocs_sop]
language = "en"
institution = "Pemerintah Kota Toml"
strict_links = true
"""


def _load(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_site_config(str(tmp_path / name))


def test_zensical_toml(tmp_path):
    cfg = _load(tmp_path, "zensical.toml", ZENSICAL_TOML)
    assert cfg.generator is Generator.ZENSICAL
    assert cfg.docs_dir == str(tmp_path / "halaman") and cfg.site_dir == str(tmp_path / "publik")
    assert cfg.use_directory_urls is False
    assert (cfg.site_name, cfg.site_url) == ("Buku Pedoman SOP", "https://sop.example.go.id/")
    assert cfg.extension_options == {"language": "en", "institution": "Pemerintah Kota Toml",
                                     "strict_links": True}
    assert cfg.plugin_options == {}
    assert (cfg.language, cfg.institution, cfg.strict_links) == ("en", "Pemerintah Kota Toml", True)


def test_mkdocs_yml_for_zensical_takes_the_extension_options(tmp_path):
    """Zensical ignores plugins: a site built with it configures the extension instead."""
    cfg = _load(tmp_path, "mkdocs.yml", "site_name: X\nmarkdown_extensions:\n  - admonition\n  - mkdocs_sop:\n"
                "      language: en\n      institution: Kota Ekstensi\n")
    assert cfg.generator is Generator.MKDOCS
    assert (cfg.language, cfg.institution) == ("en", "Kota Ekstensi")
    assert cfg.docs_dir == str(tmp_path / "docs") and cfg.site_dir == str(tmp_path / "site")


def test_the_plugin_options_win_over_the_extension_options(tmp_path):
    cfg = _load(tmp_path, "mkdocs.yml", "site_name: X\nplugins:\n  sop:\n    institution: Kota Plugin\n"
                "markdown_extensions:\n  mkdocs_sop:\n    institution: Kota Ekstensi\n    language: en\n")
    assert cfg.options == {"institution": "Kota Plugin", "language": "en"}


def test_properdocs_yml(tmp_path):
    cfg = _load(tmp_path, "properdocs.yml", "site_name: X\ndocs_dir: isi\nexclude_docs: |\n  draf/\nplugins:\n"
                "  - search\n  - sop:\n      strict_links: true\n")
    assert cfg.generator is Generator.PROPERDOCS
    assert cfg.docs_dir == str(tmp_path / "isi") and cfg.exclude_docs == "draf/\n"
    assert cfg.strict_links is True


def test_inherit_merges_mappings_and_resolves_folders_from_the_child(tmp_path):
    """As MkDocs: mappings merged key by key (the child's win), folders relative to the child."""
    write_tree(tmp_path, {
        "base/mkdocs-base.yml": "site_name: Induk\ndocs_dir: halaman\nplugins:\n  sop:\n"
                                "    institution: Kota Induk\n    strict_links: true\n",
        "site/mkdocs.yml": "INHERIT: ../base/mkdocs-base.yml\nplugins:\n  sop:\n    language: en\n",
    })
    cfg = load_site_config(str(tmp_path / "site" / "mkdocs.yml"))
    assert cfg.site_name == "Induk"
    assert cfg.docs_dir == str(tmp_path / "site" / "halaman")
    assert cfg.plugin_options == {"institution": "Kota Induk", "strict_links": True, "language": "en"}


def test_site_config_is_frozen(tmp_path):
    cfg = _load(tmp_path, "mkdocs.yml", "site_name: X\n")
    assert isinstance(cfg, SiteConfig)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.docs_dir = "elsewhere"  # type: ignore[misc]
    with pytest.raises(TypeError):
        cfg.options["language"] = "en"  # type: ignore[index]


@pytest.mark.parametrize(("present", "chosen"), [
    (["mkdocs.yml", "properdocs.yml"], "properdocs.yml"),
    (["mkdocs.yml", "zensical.toml"], "zensical.toml"),
    (["mkdocs.yaml"], "mkdocs.yaml"),
    (["properdocs.yaml", "mkdocs.yml"], "properdocs.yaml"),
])
def test_find_config_prefers_the_generators_own_file(tmp_path, monkeypatch, present, chosen):
    monkeypatch.chdir(tmp_path)
    for name in present:
        (tmp_path / name).write_text('[project]\nsite_name = "X"\n' if name.endswith(".toml")
                                     else "site_name: X\n", encoding="utf-8")
    assert find_config(None).config_file == chosen
    assert find_config("mkdocs.yml" if "mkdocs.yml" in present else None).config_file in present


@pytest.mark.parametrize("config", ["properdocs.yml", "zensical.toml"])
def test_lint_finds_the_site_of_each_generator(runner, tmp_path, monkeypatch, config):
    """`mkdocs-sop lint` with no PATHS checks the docs folder the config names, in its language."""
    if config.endswith(".toml"):
        text = ('[project]\nsite_name = "X"\ndocs_dir = "isi"\n'
                '[project.markdown_extensions.mkdocs_sop]\nlanguage = "en"\n')
    else:
        text = "site_name: X\ndocs_dir: isi\nplugins:\n  - sop:\n      language: en\n"
    write_tree(tmp_path, {config: text, "isi/uji.md": PAGE})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint"])
    assert result.stdout == (f"{os.path.join('isi', 'uji.md')}:11: error: `langkah[1].keterkaitan`: unknown key. "
                             "Did you mean `keterangan`? [unknown-key]\n"
                             "  11 |     keterkaitan: x\n     |     ^\n")  # the line, a caret under it
    assert result.stderr == "0 SOP(s) in 1 file(s): 1 error(s), 0 warning(s).\n"  # one with errors is left out
    assert result.exit_code == 1


def test_a_broken_toml_is_a_usage_error(runner, tmp_path, monkeypatch):
    (tmp_path / "zensical.toml").write_text("[project\nsite_name = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "Kesalahan: zensical.toml bukan TOML yang benar: " in result.stderr
