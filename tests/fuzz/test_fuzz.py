"""Property-based and mutation fuzzing of what an editor or a site config can write.

Seeds are the real SOP blocks of the sample handbook (``sops/``); Hypothesis mutates them
(hostile payloads in keys and values, YAML tags, anchors and aliases, deep nesting,
control characters, odd digits and dates, lines deleted, duplicated or re-indented, CR
and CRLF endings) and also writes blocks from scratch. For every input:

- no exception escapes the Markdown extension, a whole-site build or ``mkdocs-sop lint``,
  and nothing reaches the block boundary's last resort (``internal-error`` is a bug);
- every message has a file and a line inside the page;
- no element, event attribute or script made from SOP or config text appears in any
  built HTML file (SOP pages, catalogue pages, navigation, titles, search index);
- each input stays within a time budget, and the hostile inputs of issue 10 within the
  documented limits of time and memory.

CI runs a bounded, deterministic number of examples (about a minute). A longer local
run: ``SOP_FUZZ_EXAMPLES=3000 SOP_FUZZ_SITES=20 SOP_FUZZ_RANDOM=1 python -m pytest
tests/fuzz -q -p no:cacheprovider --hypothesis-show-statistics``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hostile import MARKER, PAYLOADS, live_markup, live_markup_in_site
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.labels import label_set

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("SOP_FUZZ_EXAMPLES", "150"))
SITES = int(os.environ.get("SOP_FUZZ_SITES", "2"))
LOGGER = "mkdocs.plugins.mkdocs_sop"
SECONDS_PER_BLOCK = 10.0  # far above any real block; a hang shows as a failure, not a stuck run

FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=os.environ.get("SOP_FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def seed_blocks() -> list[str]:
    blocks = []
    for path in sorted((ROOT / "sops").rglob("*.md")):
        if path.is_symlink() or "panduan" in path.parts:
            continue
        blocks += [b.body + "\n" for b in find_blocks(path.read_text("utf-8").splitlines()) if b.closed]
    assert len(blocks) >= 10, "the sample handbook's SOPs are the fuzzer's seeds"
    return blocks


SEEDS = seed_blocks()

# Values an editor could write anywhere: payloads, YAML that means more than it says,
# numbers that are not numbers, dates at the calendar's edge, times that overflow.
HOSTILE_VALUES = [*[json.dumps(p) for p in PAYLOADS], *PAYLOADS, "!!float a", "!!int 1.", "!!omap [a: 1]",
                  "!!binary x", "!!timestamp 2024-13-40", "!!python/object:os.system x", "&a [1, *a]", "*nowhere",
                  "²", '"①"', "٣", "9" * 40, "-1", "0", "9999-12-31", "0001-01-01", "2024-02-30", "null", "~",
                  "true", "yes", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", '"\\e[2J\\r\\x9b"', "'\\u202e=1+1'",
                  "＝HYPERLINK(1)", " x ".join(["1000000"] * 30) + " menit", "1e308 jam", "½ x 0 menit",
                  '"sop:' + PAYLOADS[0] + '"', "selesai", '"' + "\\\\" * 300 + '"', "a" * 600,
                  "|\n  " + PAYLOADS[1], ">-\n  " + PAYLOADS[2]]
HOSTILE_KEYS = ["kegiatan", "pelaksana", "keputusan", "ya", "tidak", "lanjut", "id", "sub", "waktu", "unit",
                "nomor", "nama", "instansi", "dasar_hukum", "status", "format", "jenis", "tanggal_efektif",
                "<script>" + MARKER + "()</script>", '"\\e[31mmerah"', "<<", "? [a, b]", "&k kegiatan"]
NOISE = st.text(alphabet=st.sampled_from(list("ab-:[]{}&*!|>#%@`'\"\\\t\r ²①٣\x00\x1b\u202e\u200b＝<>/=")),
                max_size=12)


@st.composite
def mutated_block(draw) -> str:
    """A seed SOP with a few random mutations."""
    lines = draw(st.sampled_from(SEEDS)).splitlines()
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3, 5]))):
        if not lines:
            lines = ["nomor: x"]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["payload", "payload", "payload", "value", "key", "insert", "delete",
                                   "duplicate", "noise", "indent", "anchor", "nest"]))
        line = lines[i]
        indent = line[: len(line) - len(line.lstrip())]
        if op == "payload" and ":" in line:  # valid YAML: the value is quoted, only its text is hostile
            key, value = line.split(":", 1)
            at = draw(st.integers(0, len(value.strip().strip('"'))))
            text = value.strip().strip('"')
            lines[i] = f"{key}: {json.dumps(text[:at] + draw(st.sampled_from(PAYLOADS)) + text[at:])}"
        elif op == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(HOSTILE_VALUES))}"
        elif op == "key" and ":" in line:
            lines[i] = f"{indent}{draw(st.sampled_from(HOSTILE_KEYS))}:{line.split(':', 1)[1]}"
        elif op == "insert":
            key, value = draw(st.sampled_from(HOSTILE_KEYS)), draw(st.sampled_from(HOSTILE_VALUES))
            lines.insert(i, f"{indent}{key}: {value}")
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "noise":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(NOISE) + line[at:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 9)) + line.lstrip()
        elif op == "anchor" and line.lstrip().startswith("- kegiatan:"):
            lines[i] = line.replace("- kegiatan:", "- &s kegiatan:", 1)
            lines.insert(i + 1, f"{indent}  sub: [*s, *s, *s]")
        elif op == "nest":
            depth = draw(st.integers(1, 40))
            lines.insert(i, f"{indent}sub:" + "".join(f"\n{indent}{'  ' * (d + 1)}- kegiatan: d{d}\n"
                                                         f"{indent}{'  ' * (d + 1)}  pelaksana: P\n"
                                                         f"{indent}{'  ' * (d + 1)}  sub:" for d in range(depth))
                         + f"\n{indent}{'  ' * (depth + 1)}- kegiatan: z")
    return "\n".join(lines) + "\n"


TEXT = st.one_of(st.sampled_from(PAYLOADS), st.sampled_from(PAYLOADS),
                 st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30), NOISE)


@st.composite
def written_block(draw) -> str:
    """An SOP written from scratch: hostile text in every field; the flow is mostly valid,
    so most of these render as SOPs and their text reaches every part of the page."""
    name = TEXT.filter(lambda t: t.strip() and t.strip() == t and "\n" not in t)
    actors = draw(st.lists(name, min_size=1, max_size=4, unique_by=lambda t: t.casefold()))
    steps = []
    n = draw(st.integers(1, 8))
    for i in range(n):
        step = {"kegiatan": draw(name), "pelaksana": draw(st.sampled_from(actors))}
        if draw(st.integers(0, 3)) == 0:
            step["keputusan"] = draw(name)
            step["tidak"] = draw(st.one_of(st.integers(1, n), st.just("selesai"), st.just("selesai"),
                                           st.sampled_from(["²", "①", "0", str(n + 5)]), TEXT))
            if i == n - 1:
                step["ya"] = "selesai"
        if draw(st.booleans()):
            step["waktu"] = draw(st.one_of(st.sampled_from(["5 menit", "1 x 24 jam", "½ hari kerja"]), TEXT,
                                           st.sampled_from(HOSTILE_VALUES[-12:])))
        steps.append(step)
    sop = {"nomor": draw(name), "nama": draw(name), "unit": draw(st.lists(name, min_size=1, max_size=3)),
           "instansi": draw(name), "pelaksana": actors, "dasar_hukum": draw(st.lists(name, max_size=3)),
           "keterkaitan": draw(st.lists(name, max_size=2)), "langkah": steps}
    return json.dumps(sop, ensure_ascii=False) + "\n"  # JSON is YAML


BLOCKS = st.one_of(mutated_block(), mutated_block(), written_block())


def page_of(block: str, newline: str = "\n") -> str:
    return ("# Halaman\n\nSebelum.\n\n```sop\n" + block + "```\n\nSesudah.\n").replace("\n", newline)


class Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def render(text: str, **config) -> tuple[str, list[str], float]:
    handler = Messages()
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    started = time.monotonic()
    try:
        html = markdown.markdown(text, extensions=["mkdocs_sop"],
                                 extension_configs={"mkdocs_sop": {"diagram": False, **config}})
    finally:
        logger.removeHandler(handler)
    return html, handler.lines, time.monotonic() - started


MESSAGE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+)(:\d+)?: (error|warning): .+ \[(?P<code>[a-z-]+)\]$", re.S)


def check_messages(messages: list[str], page_lines: int) -> None:
    for text in messages:
        m = MESSAGE.match(text)
        assert m, f"message without a file and line: {text!r}"
        assert m["code"] != "internal-error", f"the last resort caught a bug: {text}"
        assert 1 <= int(m["line"]) <= page_lines, f"line outside the page: {text}"
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), f"control character in {text!r}"


@FUZZ
@given(block=BLOCKS, newline=st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
def test_the_extension_never_raises_and_never_lets_markup_through(block, newline):
    text = page_of(block, newline)
    html, messages, seconds = render(text)
    assert seconds < SECONDS_PER_BLOCK, f"{seconds:.1f} s for one block"
    assert "<p>Sebelum.</p>" in html and "<p>Sesudah.</p>" in html
    event("SOP rendered" if 'class="sop ' in html else "error box")
    event("payload text on the page" if MARKER in html else "no payload on the page")
    assert live_markup(html) == [], block
    check_messages(messages, text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 10))
@given(block=BLOCKS)
def test_diagrams_of_hostile_text_are_inert(block):
    """With the Graphviz diagram: SVG text from SOP text is escaped too."""
    text = page_of(block)
    html, messages, seconds = render(text, diagram=True)
    assert seconds < SECONDS_PER_BLOCK * 3
    assert live_markup(html) == [], block
    check_messages(messages, text.count("\n") + 1)


# -- whole sites and lint -------------------------------------------------------------

def site_config(labels: dict) -> dict:
    return {"site_name": "Fuzz", "theme": {"name": "material"}, "docs_dir": "docs", "site_dir": "site",
            "plugins": ["search", {"sop": {"cache": False, "diagram": False, "today": "2025-01-01",
                                           "institution": PAYLOADS[0], "labels": labels,
                                           "fail_on_error": False}}]}  # fuzzed blocks have errors: build anyway


@settings(FUZZ, max_examples=SITES)
@given(blocks=st.lists(BLOCKS, min_size=4, max_size=8),
       label_keys=st.lists(st.sampled_from(sorted(label_set("id"))), max_size=6, unique=True))
def test_whole_sites_and_lint_never_raise_and_write_no_live_markup(tmp_path_factory, blocks, label_keys):
    root = tmp_path_factory.mktemp("fuzzsite")
    docs = root / "docs"
    (docs / "bagian").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    pages = {f"bagian/p{i}.md": page_of(b) for i, b in enumerate(blocks)}
    pages["bagian/baik.md"] = page_of(SEEDS[0])  # at least one SOP, so every catalogue page exists
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    labels = {k: f"{v} {PAYLOADS[i % len(PAYLOADS)]}" for i, (k, v) in enumerate(label_set("id").items())
              if k in label_keys}
    (root / "mkdocs.yml").write_text(json.dumps(site_config(labels)), encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
                          cwd=root, capture_output=True, text=True, timeout=600)
    assert time.monotonic() - started < 300
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    for line in proc.stderr.splitlines():
        if "mkdocs_sop:" in line:
            assert re.search(r"mkdocs_sop: docs/\S+\.md:\d+(:\d+)?: (error|warning): .*\[[a-z-]+\]$", line), line
            assert "[internal-error]" not in line, line
    assert (root / "site" / "katalog" / "index.html").exists()
    assert live_markup_in_site(root / "site", html_search_index=True) == []
    lint = subprocess.run([sys.executable, "-m", "mkdocs_sop", "lint", "-q", "-f", str(root / "mkdocs.yml"),
                           str(docs)], cwd=root, capture_output=True, text=True, timeout=600)
    assert lint.returncode in (0, 1), (lint.returncode, lint.stderr[-3000:])  # 2 would be an internal error
    assert "Traceback" not in lint.stderr, lint.stderr[-3000:]
    assert "[internal-error]" not in lint.stdout


# -- the hostile inputs of issue 10 stay within the documented limits -----------------

MEMORY_MB = 400  # a whole process: Python, Markdown, PyYAML and the block


def _bomb(levels: int) -> str:
    text = 'nomor: "B/1"\nnama: Bom\nunit: U\nformat: langkah-berjenjang\nx:\n  l0: &l0 {kegiatan: a, pelaksana: P}\n'
    for i in range(1, levels):
        text += f"  l{i}: &l{i} {{kegiatan: a, pelaksana: P, sub: [{', '.join([f'*l{i - 1}'] * 10)}]}}\n"
    return text + f"langkah: [*l{levels - 1}]\n"


RESOURCE_INPUTS = {
    "anchors-1kb-1e11-steps": _bomb(12),
    "sub-250-deep": 'nomor: "D/1"\nnama: D\nunit: U\nformat: langkah-berjenjang\nlangkah:\n' + "".join(
        "  " * (2 * i) + "  - kegiatan: a\n" + "  " * (2 * i) + "    pelaksana: P\n" + "  " * (2 * i) + "    sub:\n"
        for i in range(250)) + "  " * 500 + "  - kegiatan: z\n",
    "brackets-200k": 'nomor: "K/1"\nnama: K\nunit: U\nx: ' + "[" * 200_000 + "]" * 200_000 + "\nlangkah: []\n",
    "backslashes-16k": 'nomor: "S/1"\nnama: S\nunit: U\nlangkah:\n  - kegiatan: "' + "\\\\" * 16_000 + '"\n'
                       "    pelaksana: P\n",
    "steps-5000": 'nomor: "L/1"\nnama: L\nunit: U\nlangkah:\n' + "".join(
        f"  - kegiatan: langkah {i}\n    pelaksana: A{i % 100}\n" for i in range(5000)),
    "text-1mb": 'nomor: "T/1"\nnama: T\nunit: U\nlangkah:\n  - kegiatan: ' + "a" * 1_000_000 + "\n    pelaksana: P\n",
}

PROBE = """\
import json, resource, sys, time, markdown
text = sys.stdin.read()
started = time.monotonic()
html = markdown.markdown(text, extensions=["mkdocs_sop"], extension_configs={"mkdocs_sop": {"diagram": True}})
print(json.dumps({"seconds": time.monotonic() - started, "error_box": 'class="sop-error' in html,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.parametrize("name", sorted(RESOURCE_INPUTS))
def test_hostile_inputs_stay_within_time_and_memory(name):
    proc = subprocess.run([sys.executable, "-c", PROBE], input=page_of(RESOURCE_INPUTS[name]),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["error_box"] or name == "backslashes-16k", result  # refused by a limit, with a message
    assert result["seconds"] < 30, result
    assert result["mb"] < MEMORY_MB, result
    assert "Traceback" not in proc.stderr
