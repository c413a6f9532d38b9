"""The standalone Python-Markdown extension: alone, with superfences, in admonitions, nested fences."""

from __future__ import annotations

import logging
import re

import markdown
import pytest
from page_support import line_of

from mkdocs_sop.adapters.markdown import SopExtension, makeExtension

SOP = """\
```sop
nomor: "470/1"
nama: Uji Coba
unit: Dinas
langkah:
  - kegiatan: Menerima
    pelaksana: Petugas
  - kegiatan: Memeriksa
    pelaksana: Kepala
```
"""

LOGGER = "mkdocs.plugins.mkdocs_sop"


def md(text: str, extensions=(), **config) -> str:
    cfg = {"mkdocs_sop": {"diagram": False, **config}}
    return markdown.markdown(text, extensions=["mkdocs_sop", *extensions], extension_configs=cfg)


def count_sops(html: str) -> int:
    return len(re.findall(r'<div [^>]*class="sop ', html))


@pytest.mark.parametrize("extensions", [(), ("fenced_code",), ("pymdownx.superfences",),
                                        ("admonition", "pymdownx.superfences", "pymdownx.details",
                                         "attr_list", "md_in_html", "toc", "tables")])
def test_renders_with_other_extensions(extensions):
    html = md("# Judul\n\nTeks *miring*.\n\n" + SOP + "\nAkhir.\n", extensions)
    assert count_sops(html) == 1
    assert "<em>miring</em>" in html and "<p>Akhir.</p>" in html
    assert 'data-sop-nomor="470/1"' in html
    assert "<pre" not in html and "kegiatan:" not in html


def test_entry_point_and_instance_forms():
    for ext in (SopExtension(diagram=False), makeExtension(diagram=False)):
        assert count_sops(markdown.markdown(SOP, extensions=[ext])) == 1
    # registered as a Markdown extension entry point and importable by dotted name
    assert count_sops(markdown.markdown(SOP, extensions=["mkdocs_sop.adapters.markdown"],
                                        extension_configs={"mkdocs_sop.adapters.markdown": {"diagram": False}})) == 1


def test_two_blocks_and_other_code_untouched():
    text = SOP + "\n```python\nprint('<x>')\n```\n\n" + SOP.replace("470/1", "470/2")
    for extensions in ((), ("pymdownx.superfences",)):
        html = md(text, extensions)
        assert count_sops(html) == 2
        code = re.sub(r"<[^>]+>", "", html.split("</table></div></div>")[1])
        assert "print(" in code and "&lt;x&gt;" in code


@pytest.mark.parametrize("extensions", [("admonition",), ("admonition", "pymdownx.superfences"),
                                        ("pymdownx.details", "pymdownx.superfences")])
def test_inside_an_admonition(extensions):
    opener = "???" if "pymdownx.details" in extensions else "!!!"
    indented = "".join("    " + line if line else line for line in SOP.splitlines(True))
    html = md(f"{opener} note \"Catatan\"\n\n{indented}\n", extensions)
    assert count_sops(html) == 1
    before = html.index('class="admonition note"') if opener == "!!!" else html.index("<details")
    assert before < html.index('class="sop ')
    assert "<pre" not in html


def test_inside_a_list_item_with_superfences():
    indented = "".join("    " + line if line else line for line in SOP.splitlines(True))
    html = md(f"1. Langkah pertama:\n\n{indented}\n2. Berikutnya\n", ("pymdownx.superfences",))
    assert count_sops(html) == 1 and "<li>" in html


@pytest.mark.parametrize("extensions", [(), ("fenced_code",), ("pymdownx.superfences",)])
def test_example_nested_in_a_longer_markdown_fence_stays_code(extensions):
    text = "Contoh:\n\n````markdown\n" + SOP + "````\n\n"
    html = md(text, extensions)
    assert count_sops(html) == 0 and "sop-error" not in html
    assert "nomor: &quot;470/1&quot;" in html or 'nomor: "470/1"' in html
    assert "```sop" in html


def test_unclosed_fence_gives_an_error_box(caplog):
    text = "# Judul\n\nTeks.\n\n```sop\nnomor: '1'\nnama: x\n"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        html = md(text)
    assert 'class="sop-error' in html and "tidak pernah ditutup" in html  # Indonesian by default
    assert "<pre>nomor: '1'\nnama: x</pre>" in html or "nomor: &#x27;1&#x27;" in html or "nomor: '1'" in html
    records = [r for r in caplog.records if r.name == LOGGER]
    assert len(records) == 1 and records[0].levelno == logging.ERROR
    assert f":{line_of(text, '```sop')}:" in records[0].getMessage()
    assert records[0].getMessage().endswith(" [block-not-closed]")


def test_bad_block_logs_markdown_line_and_shows_box(caplog):
    text = "# Judul\n\nSatu.\n\nDua.\n\n" + SOP.replace("    pelaksana: Kepala", "    pelaksana: Kepala\n    lanjut: 9")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        html = md(text)
    assert count_sops(html) == 0 and html.count('class="sop-error ') == 1
    (record,) = [r for r in caplog.records if r.name == LOGGER]
    line = line_of(text, "lanjut: 9")
    assert f":{line}: error: `langkah[2].lanjut`: langkah 9 tidak ada" in record.getMessage()
    assert record.getMessage().endswith(" [target-out-of-range]")
    assert f":{line}</code>" in html


def test_tab_in_block_reported_before_whitespace_normalisation(caplog):
    text = "Teks.\n\n" + SOP.replace("    pelaksana: Kepala", "\tpelaksana: Kepala")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        html = md(text)
    assert "sop-error" in html
    (record,) = [r for r in caplog.records if r.name == LOGGER]
    assert f":{line_of(text, chr(9) + 'pelaksana')}:" in record.getMessage() and "tab" in record.getMessage()


def test_english_output_and_labels():
    html = md(SOP, language="en", labels={"nama": "Judul SOP"})
    assert "Judul SOP" in html
    assert "Activity" in html or "Activities" in html


def test_same_input_same_bytes_across_instances():
    assert md(SOP) == md(SOP)


def test_indented_fence_outside_a_container_is_not_put_inside_a_code_block():
    indented = "".join("    " + line if line else line for line in SOP.splitlines(True))
    html = md("Teks.\n\n" + indented)
    assert not re.search(r"<pre><code>\s*<div", html)


def test_engine_none_means_no_diagram_and_no_warning(caplog):
    import markdown

    with caplog.at_level(logging.WARNING):
        html = markdown.markdown(SOP, extensions=["mkdocs_sop"],
                                 extension_configs={"mkdocs_sop": {"diagram_engine": "none"}})
    assert 'class="sop ' in html and "sop-diagram" not in html
    assert not [r for r in caplog.records if "diagram" in r.getMessage().lower()]
