"""One bad block never stops a page: issue 10's reproducers through the Markdown extension.

Each input once raised a traceback that wrote no site at all and named no page. Now each
becomes that block's error box (or, where the text is acceptable, a rendered SOP) plus a
message with the file and the line, and the page around it is rendered. Resource limits
(core/limits.py) are checked here too: each refusal is a located message, in time.
"""

from __future__ import annotations

import logging
import re
import time

import markdown
import pytest

from page_support import render_at

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.limits import Limits
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_html import RenderOptions
from mkdocs_sop.core.blocks import BlockRenderer as SopService

LOGGER = "mkdocs.plugins.mkdocs_sop"
HEAD = 'nomor: "R/1"\nnama: Uji\nunit: Dinas\n'
STEPS = "langkah:\n  - kegiatan: Menerima\n    pelaksana: Petugas\n"


def decision(target_key: str, target: str) -> str:
    return (HEAD + "langkah:\n  - kegiatan: Memeriksa\n    pelaksana: Petugas\n    keputusan: Lengkap?\n"
            f"    {target_key}: {target}\n    tidak: 2\n  - kegiatan: Menyelesaikan\n    pelaksana: Petugas\n"
            if target_key == "ya" else
            HEAD + "langkah:\n  - kegiatan: Memeriksa\n    pelaksana: Petugas\n    keputusan: Lengkap?\n"
            f"    {target_key}: {target}\n  - kegiatan: Menyelesaikan\n    pelaksana: Petugas\n")


def nested(levels: int) -> str:
    text = HEAD + "format: langkah-berjenjang\nlangkah:\n"
    for i in range(levels):
        pad = "  " * (2 * i)
        text += f"{pad}  - kegiatan: Tingkat {i}\n{pad}    pelaksana: Petugas\n{pad}    sub:\n"
    pad = "  " * (2 * levels)
    return text + f"{pad}  - kegiatan: Terdalam\n{pad}    pelaksana: Petugas\n"


def waktu(text: str) -> str:
    return HEAD + f"langkah:\n  - kegiatan: Menerima\n    pelaksana: Petugas\n    waktu: {text}\n"


# name -> (block, the code of the error box, or None when the SOP renders)
REPRODUCERS = {
    "tag-omap": (HEAD + "x: !!omap [a: 1]\n" + STEPS, "unknown-key"),
    "tag-float": (HEAD + "x: !!float a\n" + STEPS, "yaml-bad-value"),
    "tag-int": (HEAD + "x: !!int 1.\n" + STEPS, "yaml-bad-value"),
    "tag-omap-not-pairs": (HEAD + "x: !!omap [1, 2]\n" + STEPS, "yaml-invalid"),
    "huge-int": (HEAD + "x: " + "1" * 5000 + "\n" + STEPS, "yaml-bad-value"),
    "superscript-target": (decision("ya", "²"), "target-unknown"),
    "circled-target": (decision("tidak", '"①"'), "target-unknown"),
    "long-number-target": (decision("tidak", '"' + "9" * 5000 + '"'), "target-out-of-range"),
    "no-end-date": (HEAD + "tanggal_efektif: 9999-12-31\n" + STEPS, None),
    "waktu-overflow": (waktu(" x ".join(["1000000"] * 60) + " menit"), None),
    "waktu-nan": (waktu(" x ".join(["1000000"] * 60) + " x 0 menit"), None),
    "sub-250-deep": (nested(250), "limit-depth"),
    "flow-100000-deep": (HEAD + "x: " + "[" * 100_000 + "]" * 100_000 + "\n" + STEPS, "limit-depth"),
    "block-100000-deep": (HEAD + "x:\n  " + "- " * 100_000 + "a\n" + STEPS, "limit-depth"),
    "recursive-alias": (HEAD + "x: &a [1, *a]\n" + STEPS, "limit-yaml-nodes"),
    "date-target": (decision("ya", "9999-12-31"), "target-invalid"),  # found by tests/fuzz
}


def page(block: str) -> str:
    return "# Judul\n\nSebelum.\n\n```sop\n" + block + "```\n\nSesudah.\n"


def convert(text: str, **config) -> tuple[str, list[str]]:
    """A Markdown page through the extension alone: its HTML and the messages it logged."""
    messages: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Catch()
    logging.getLogger(LOGGER).addHandler(handler)
    try:
        html = markdown.markdown(text, extensions=["mkdocs_sop"],
                                 extension_configs={"mkdocs_sop": {"diagram": False, **config}})
    finally:
        logging.getLogger(LOGGER).removeHandler(handler)
    return html, messages


def render(block: str, **config) -> tuple[str, list[str]]:
    return convert(page(block), **config)


@pytest.mark.parametrize("name", sorted(REPRODUCERS))
def test_reproducer_gives_a_located_message_and_the_page_goes_on(name):
    block, code = REPRODUCERS[name]
    started = time.monotonic()
    html, messages = render(block)
    assert time.monotonic() - started < 20
    assert "<p>Sebelum.</p>" in html and "<p>Sesudah.</p>" in html  # the page around it is rendered
    assert not any("Traceback" in m or "internal-error" in m for m in messages), messages
    if code is None:
        assert 'class="sop ' in html and 'class="sop-error' not in html
        return
    assert 'class="sop-error' in html and f"[{code}]" in html
    located = [m for m in messages if m.endswith(f"[{code}]")]
    assert located, messages
    # every message names the file position: the extension alone has no path, so `:line:`
    assert all(re.match(r"^[^:]*:\d+(:\d+)?: error: ", m) for m in located), located
    line = int(located[0].split(":")[1])
    assert 6 <= line <= 6 + block.count("\n")  # inside the block (the fence opens on line 5)


def test_superscript_step_id_is_a_name_not_a_number():
    """`²` is not a step number (isdigit() is true, int() fails): as an id it is a name."""
    block = (HEAD + "langkah:\n  - kegiatan: Memeriksa\n    pelaksana: Petugas\n    keputusan: Lengkap?\n"
             "    ya: ²\n    tidak: 2\n  - kegiatan: Lain\n    pelaksana: Petugas\n"
             "  - kegiatan: Tujuan\n    pelaksana: Petugas\n    id: ²\n")
    result = parse_block(block, "a.md", 2)
    assert result.sop is not None, result.diagnostics
    assert result.sop.steps[0].yes.step == 3


def test_nine_nine_nine_nine_review_date_in_the_catalogue():
    import datetime as dt

    from mkdocs_sop.catalogue.registry import Catalogue

    cat = Catalogue()
    cat.add_page("```sop\n" + HEAD + "tanggal_efektif: 9999-12-31\n" + STEPS + "```\n", "a.md", "docs/a.md", "a/",
                 lambda b, p, f: parse_block(b, p, f))
    [item] = cat.review(dt.date(2025, 1, 1), 90, 2)
    assert item.state == "ok" and item.due == dt.date.max


def test_sub_nesting_limit_points_at_the_sub_key_and_is_configurable():
    html, messages = render(nested(9))
    [message] = [m for m in messages if m.endswith("[limit-depth]")]
    assert "8 tingkat `sub:`" in message
    line = int(message.split(":")[1])
    assert page(nested(9)).splitlines()[line - 1].strip() == "sub:"
    html, messages = render(nested(9), limits={"max_depth": 12})
    assert 'class="sop-error' not in html and not messages


def test_step_limit():
    block = HEAD + "langkah:\n" + "".join(f"  - kegiatan: Langkah {i}\n    pelaksana: Petugas\n" for i in range(12))
    html, messages = render(block, limits={"max_steps": 10})
    [message] = [m for m in messages if m.endswith("[limit-steps]")]
    assert "lebih dari 10 langkah" in message
    assert page(block).splitlines()[int(message.split(":")[1]) - 1].strip() == "- kegiatan: Langkah 10"
    assert 'class="sop ' in render(block)[0]  # the default allows it


def test_text_limit():
    block = HEAD + "langkah:\n  - kegiatan: " + "a" * 6000 + "\n    pelaksana: Petugas\n"
    html, messages = render(block)
    [message] = [m for m in messages if m.endswith("[limit-text]")]
    assert "6000 karakter, melebihi batas 5000" in message
    assert 'class="sop ' in render(block, limits={"max_text": 10000})[0]


def anchors_bomb(levels: int, width: int = 10) -> str:
    """YAML anchors reused in `sub:` lists: each level repeats the one below `width` times."""
    text = HEAD + "format: langkah-berjenjang\nx:\n"
    text += "  l0: &l0 {kegiatan: a, pelaksana: Petugas}\n"
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * width)
        text += f"  l{i}: &l{i} {{kegiatan: a, pelaksana: Petugas, sub: [{refs}]}}\n"
    return text + f"langkah: [*l{levels - 1}]\n"


def test_yaml_alias_expansion_is_refused_before_it_is_expanded():
    """A 1 KB block whose anchors expand to 10^7 steps (33 s and 509 MB per 2.6 KB before)."""
    block = anchors_bomb(8)
    assert len(block) < 2000
    started = time.monotonic()
    html, messages = render(block)
    assert time.monotonic() - started < 5
    [message] = [m for m in messages if m.endswith("[limit-yaml-nodes]")]
    assert "lebih dari 50000 nilai" in message


def test_limits_reject_unknown_names_and_bad_values():
    assert Limits.from_options({"max_steps": 5}).max_steps == 5
    with pytest.raises(ValueError, match="unknown limit `max_step`"):
        Limits.from_options({"max_step": 5})
    with pytest.raises(ValueError, match="positive number"):
        Limits.from_options({"max_depth": 0})


def service(**limits) -> tuple[SopService, list]:
    reports: list = []
    svc = SopService(RenderOptions(labels=label_set("id"), diagram=False), report=reports.append,
                     limits=Limits(**limits))
    return svc, reports


def test_an_unexpected_exception_in_one_block_is_that_blocks_internal_error(monkeypatch):
    """The last resort at the block boundary: an error box and a located message."""
    from mkdocs_sop.core import blocks as service_module

    def broken(*args, **kwargs):
        raise KeyError("something nobody foresaw")

    monkeypatch.setattr(service_module, "render_sop", broken)
    svc, reports = service()
    html = render_at(svc, HEAD + STEPS, "docs/a.md", 7)
    assert 'class="sop-error' in html and "[internal-error]" in html
    [d] = reports
    assert (d.code, d.path, d.line) == ("internal-error", "docs/a.md", 7)
    assert "KeyError" in d.message and "something nobody foresaw" in d.message
    from mkdocs_sop.core import parsememo

    monkeypatch.setattr(parsememo, "parse_block", broken)
    svc, reports = service()
    assert svc.parse(HEAD + STEPS, "docs/b.md", 3).diagnostics[0].code == "internal-error"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_only_line_endings_render_like_lf(newline):
    text = page(HEAD + STEPS)
    lf, messages = convert(text)
    assert 'class="sop ' in lf and not messages
    assert convert(text.replace("\n", newline)) == (lf, [])  # not dropped (CR only), not "never closed" (CRLF)
    _, messages = convert(page(HEAD + "zzz: 1\n" + STEPS).replace("\n", newline))  # lines are kept
    assert [m.split(": error")[0].rsplit(":", 1)[1] for m in messages] == ["9"]


def test_decision_without_tidak_points_at_its_keputusan_line():
    block = (HEAD + "langkah:\n  - kegiatan: Memeriksa\n    pelaksana: Petugas\n    waktu: 5 menit\n"
             "    keputusan: Lengkap?\n  - kegiatan: Menyelesaikan\n    pelaksana: Petugas\n")
    [d] = [d for d in parse_block(block, "a.md", 10).diagnostics if d.code == "decision-needs-tidak"]
    assert block.splitlines()[d.line - 10].strip() == "keputusan: Lengkap?"


def test_control_characters_from_keys_are_not_sent_to_the_terminal():
    """A key written "\\e[2J..." (YAML escapes) would clear the editor's terminal when printed."""
    block = HEAD + '"\\e[2J\\rHAPUS\\u202e\\x9b": 1\n' + STEPS
    [d] = [d for d in parse_block(block, "a.md", 2).diagnostics if d.code == "unknown-key"]
    printed = d.format()
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e]", printed), repr(printed)
    assert "\\x1b[2J\\x0dHAPUS\\u202e\\x9b" in printed  # shown, escaped, so the editor can find it


def test_a_character_yaml_refuses_is_located_at_its_line_and_column():
    block = HEAD + "proses_bisnis: a\x00b\n" + STEPS
    [d] = parse_block(block, "a.md", 5).diagnostics
    assert (d.code, d.line, d.column) == ("yaml-invalid", 8, 17)
    assert "position" not in d.message  # worded by core/yamlexplain.py; located here


def test_numbers_differing_only_in_punctuation_get_distinct_anchors_that_links_use():
    """470/SOP/1 and 470-SOP-1 both slug to sop-470-sop-1: the later one gets a digest."""
    from mkdocs_sop.catalogue.registry import Catalogue

    blocks = [f'```sop\nnomor: "{n}"\nnama: Nama {i}\nunit: U\n' + STEPS + "```\n"
              for i, n in enumerate(["470/SOP/1", "470-SOP-1", "470.sop.1"])]
    text = "# Halaman\n\n" + "\n".join(blocks)
    html = markdown.markdown(text, extensions=["mkdocs_sop"], extension_configs={"mkdocs_sop": {"diagram": False}})
    ids = re.findall(r'<div id="([^"]+)" data-sop-nomor="([^"]+)"', html)
    assert [nomor for _, nomor in ids] == ["470/SOP/1", "470-SOP-1", "470.sop.1"]
    assert ids[0][0] == "sop-470-sop-1" and len({i for i, _ in ids}) == 3
    all_ids = re.findall(r' id="([^"]+)"', html)
    assert len(all_ids) == len(set(all_ids))  # step rows too
    cat = Catalogue()
    cat.add_page(text, "p.md", "docs/p.md", "p/", lambda b, p, f: parse_block(b, p, f))
    assert [e.href for e in cat.entries] == [f"p/#{i}" for i, _ in ids]  # the catalogue links to them
    again = markdown.markdown(text, extensions=["mkdocs_sop"], extension_configs={"mkdocs_sop": {"diagram": False}})
    assert again == html  # the same ids every time


def test_every_limit_is_documented_with_its_default():
    import dataclasses
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "konfigurasi.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| [^|]+ \| `([\d.]+)` \| ", text, re.M))
    defaults = {f.name: f.default for f in dataclasses.fields(Limits)}
    assert set(rows) == set(defaults)
    assert all(float(rows[name]) == float(value) for name, value in defaults.items()), (rows, defaults)
