"""The editor's guide holds what it promises: the worked example of docs/dari-word.md lints
clean and is what `mkdocs-sop fmt` writes; the form page points at its own assets."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_sop.cli import format_block
from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.form import ASSET_DIR, form_assets, form_page

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_worked_example_lints_clean_and_is_formatted():
    text = (DOCS / "dari-word.md").read_text(encoding="utf-8")
    body = re.search(r"```sop\n(.*?)```", text, re.S).group(1)
    result = parse_block(body)
    assert result.diagnostics == ()
    assert result.sop.steps[1].decision and result.sop.steps[1].no.step == 1  # "Tidak kembali ke 1"
    assert format_block(body) == body


def test_every_image_of_the_guide_is_committed():
    for page in ("menambahkan-sop.md", "pesan-kesalahan.md"):
        for image in re.findall(r"\]\((img/[^)]+\.png)\)", (DOCS / page).read_text(encoding="utf-8")):
            assert (DOCS / image).is_file(), image


def test_the_form_page_finds_its_scripts_from_where_it_is_served():
    labels = label_set("id")
    nested = form_page("panduan/formulir-sop.md", labels, use_directory_urls=True)
    assert '<script src="../../assets/mkdocs-sop/form/sop-form.js"></script>' in nested
    flat = form_page("formulir-sop.md", labels, use_directory_urls=False)
    assert '<script src="assets/mkdocs-sop/form/sop-form.js"></script>' in flat
    assert '<th scope="col">Kegiatan</th>' in flat
    renamed = form_page("formulir-sop.md", label_set("id", {"kegiatan": "Aktivitas <b>"}))
    assert '<th scope="col">Aktivitas &lt;b&gt;</th>' in renamed  # labels are text, escaped


def test_the_form_assets_carry_the_libraries_and_their_licences():
    files = form_assets()
    for name in ("sop-form.js", "sop-form.css", "sop-schema.js", "vendor/js-yaml.min.js",
                 "vendor/ajv2020.min.js", "vendor/LICENSE-js-yaml.txt", "vendor/LICENSE-ajv.txt"):
        assert f"{ASSET_DIR}/{name}" in files
    assert "MIT" in files[f"{ASSET_DIR}/vendor/LICENSE-ajv.txt"]
    assert files[f"{ASSET_DIR}/vendor/ajv2020.min.js"].startswith("/* ajv 8.17.1 (ajv2020)")
