"""Shared data and fixtures of the command-line tests: the sample handbook, a small site with problems.

Test modules import the fixtures they use from here (no conftest.py in this folder: a
second module named ``conftest`` would shadow tests/conftest.py for tests that import it).
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sops"

BROKEN_SITE = {
    "mkdocs.yml": """\
        site_name: Uji
        plugins:
          - sop:
              institution: Kota Uji
              strict_links: true
              diagram: false
              catalogue: false
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        """,
    "docs/index.md": """\
        ---
        title: Beranda
        ---
        # Beranda

        ```sop
        nomor: A/1
        nama: Satu
        unit: U
        keterkaitan: [Tidak Ada]
        langkah:
          - kegiatan: a
            pelaksana: P
            lanjut: "sop:Z/9"
        ```
        """,
    "docs/sub/b.md": """\
        # B

        ```sop
        nomor: B/2
        nama: Dua
        unit: U
        pelaksana: [P]
        langkah:
          - kegiatan: a
            pelaksana: Q
          - kegiatan: b
            pelaksana: P
            tidak: 1
        ```

        ```sop
        nomor: A/1
        nama: Tiga
        unit: U
        jenis: teknis
        langkah:
          - kegiatan: a
            pelaksana: P
          - kegiatan: b
            pelaksana: Q
        ```

        ```sop
        nomor: C/3
        """,
    "docs/sub/c.md": """\
        # C
        ```sop
        nomor: C/4
        nama: Empat
        unit: U
        unknwn: 1
        langkah:
        \t- kegiatan: x
        ```
        """,
}

# What `mkdocs build` logs for BROKEN_SITE (checked against a real build in test_lint.py):
# Indonesian by default, each message ending in its code; errors first, then warnings.
BROKEN_EXPECTED = [
    'docs/sub/b.md:10: error: `langkah[1].pelaksana`: pelaksana `Q` tidak ada dalam daftar '
    '`pelaksana` SOP ini. Tambahkan `Q` ke daftar `pelaksana` SOP, atau gunakan salah satu dari: '
    '`P`. [actor-not-listed]',
    'docs/sub/b.md:13: error: `langkah[2].tidak`: `tidak` hanya untuk langkah keputusan. '
    'Tambahkan `keputusan: <pertanyaan>` agar langkah ini menjadi keputusan, atau gunakan '
    '`lanjut:`. [branch-on-non-decision]',
    'docs/sub/b.md:17: error: `nomor`: nomor `A/1` sudah dipakai oleh "Satu" (docs/index.md:7). '
    'Setiap SOP di situs harus mempunyai nomor sendiri. [duplicate-nomor]',
    'docs/sub/b.md:28: error: blok `sop` ini tidak pernah ditutup. Tambahkan pagar penutup (```) '
    'sesudah blok. [block-not-closed]',
    'docs/sub/c.md:8:1: error: baris ini diindentasi dengan tombol Tab; YAML hanya menerima spasi. '
    'Ganti setiap Tab di awal baris ini dengan spasi, sejajar dengan kunci di atasnya. [yaml-tab]',
    'docs/index.md:10: warning: `keterkaitan`: SOP terkait `Tidak Ada` tidak ada di situs ini. '
    'Periksa `nomor` (atau `nama`) SOP yang dirujuk. [related-unresolved]',
    'docs/index.md:14: warning: `langkah[1].lanjut`: alur berlanjut ke SOP `Z/9`, tetapi SOP itu tidak ada '
    'di situs ini. Periksa `nomor` (atau `nama`) SOP yang dirujuk. [sop-target-unresolved]',
    'docs/sub/b.md:20: warning: `jenis`: SOP teknis dikerjakan oleh satu pelaksana (Permen PANRB '
    '35/2012), tetapi SOP ini mempunyai 2: P, Q. Gunakan `jenis: administratif`, atau pecah '
    'prosedur ini. [teknis-many-actors]',
]

# The same with `language: en` under `- sop:` in mkdocs.yml, or `mkdocs-sop lint --lang en`.
BROKEN_EXPECTED_EN = [
    "docs/sub/b.md:10: error: `langkah[1].pelaksana`: actor `Q` is not in the SOP's `pelaksana` "
    "list. Add `Q` to the SOP's `pelaksana` list, or use one of: `P`. [actor-not-listed]",
    'docs/sub/b.md:13: error: `langkah[2].tidak`: `tidak` is only for decisions. Add `keputusan: '
    '<question>` to make this step a decision, or use `lanjut:`. [branch-on-non-decision]',
    'docs/sub/b.md:17: error: `nomor`: nomor `A/1` is already used by "Satu" (docs/index.md:7). '
    'Every SOP in the site needs its own number. [duplicate-nomor]',
    'docs/sub/b.md:28: error: this `sop` block is never closed. Add a closing fence (```) after '
    'the block. [block-not-closed]',
    'docs/sub/c.md:8:1: error: this line is indented with a Tab; YAML only accepts spaces. Replace each '
    'Tab at the start of this line with spaces, lined up with the key above. [yaml-tab]',
    'docs/index.md:10: warning: `keterkaitan`: related SOP `Tidak Ada` is not in this site. Check'
    " the other SOP's `nomor` (or `nama`). [related-unresolved]",
    'docs/index.md:14: warning: `langkah[1].lanjut`: the flow continues in SOP `Z/9`, but that SOP is not '
    'in this site. '
    "Check the other SOP's `nomor` (or `nama`). [sop-target-unresolved]",
    'docs/sub/b.md:20: warning: `jenis`: an SOP teknis is done by one actor (Permen PANRB '
    '35/2012), this one has 2: P, Q. Use `jenis: administratif`, or split the procedure. '
    '[teknis-many-actors]',
]


def messages(stdout: str) -> list[str]:
    """The message lines of lint's text output, without the quoted source line and caret under each."""
    return [line for line in stdout.splitlines() if not line.startswith(" ")]


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def broken_site(tmp_path, monkeypatch) -> Path:
    """A small site whose SOPs have one of most kinds of problem; the current folder is its root."""
    write_tree(tmp_path, BROKEN_SITE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def in_root(monkeypatch) -> Path:
    """The repository root (mkdocs.yml of the sample handbook) as the current folder."""
    monkeypatch.chdir(ROOT)
    return ROOT


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*.md"))


def env_without_color() -> dict:
    env = dict(os.environ)
    env.update(NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    return env
