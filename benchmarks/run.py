"""Build benchmark: the plugin against its plain-Markdown twin, at several sizes.

    python benchmarks/run.py --sizes 500 2000        # the figures of docs/performa.md
    python benchmarks/run.py --quick                 # N = 100, a minute or two
    python benchmarks/run.py --sizes 2000 --serve    # also time `mkdocs serve` after a save

For each N, benchmarks/generate.py writes a synthetic handbook (6-20 steps, 2-6 actors,
decisions, legal bases, related SOPs, over ~140 units; Graphviz diagrams on, the plugin's
cache in ``<site>/.cache/sop``, navigation ``full`` like MkDocs without the plugin) and
its plain twin (the same pages and text as hand-made Markdown tables, same theme and
settings, no plugin). Builds run in fresh processes (``python -m mkdocs build``),
alternating plain and plugin builds so a busy machine hurts both alike:

    plain, plugin cold (cache folder deleted), plain, plugin warm (nothing changed),
    [edit one SOP in both sites] plain, plugin rebuild after the edit

Each build's wall time, CPU time (user + system of the build and its children, e.g.
``dot``) and peak memory (max RSS) come from ``wait4``. Also measured: the diagrams of
the site rendered in one batch on every core (ms per diagram), the size of SOP pages in
both sites, and whether the cold and warm builds wrote the same bytes. ``--serve``
starts ``mkdocs serve`` (and ``mkdocs serve --dirty``) on the largest site, saves one
SOP and times until the server returns the changed page.

Writes benchmarks/results.json and benchmarks/results.md (the table pasted into
docs/performa.md). Timing targets live here, never in tests.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402

STEPS, ACTORS = (6, 20), (2, 6)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}
TARGETS = {"cold": 1.3, "warm": 1.1, "scaling": 4.5, "diagram_ms": 3.0, "serve_s": 2.0}


def build(site: Path, out: Path, config: str = "mkdocs.yml") -> dict:
    """One ``mkdocs build`` in a fresh process: wall s, cpu s, peak MB."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / config), "-d", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    return {"wall": round(wall, 3), "cpu": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def edit_one(site: Path, plain: bool) -> Path:
    """Change the first step's activity of one SOP page (the same page in both sites)."""
    pages = sorted((site / "docs").rglob("sop-*.md"))
    page = pages[len(pages) // 2]
    text = page.read_text(encoding="utf-8")
    if plain:
        new = re.sub(r"^\| 1 \| ([^|]*)\|", r"| 1 | Disunting: \1|", text, count=1, flags=re.M)
    else:
        new = re.sub(r'^(\s*- kegiatan: ")', r"\1Disunting: ", text, count=1, flags=re.M)
    assert new != text, page
    page.write_text(new, encoding="utf-8")
    return page


def sop_page_sizes(out: Path, docs: Path) -> float:
    """Mean bytes of the built HTML of the pages that hold SOPs."""
    sizes = []
    for md in docs.rglob("sop-*.md"):
        html = out / md.relative_to(docs).with_suffix("") / "index.html"
        if html.is_file():
            sizes.append(html.stat().st_size)
    return round(sum(sizes) / max(len(sizes), 1))


def same_bytes(a: Path, b: Path) -> list[str]:
    """Files that differ between two built sites (empty: byte-for-byte identical)."""
    diff = []
    for root, _dirs, files in os.walk(a):
        for name in files:
            pa = Path(root) / name
            pb = b / pa.relative_to(a)
            if not pb.is_file() or not filecmp.cmp(pa, pb, shallow=False):
                diff.append(str(pa.relative_to(a)))
    for root, _dirs, files in os.walk(b):
        for name in files:
            pb = Path(root) / name
            if not (a / pb.relative_to(b)).is_file():
                diff.append(str(pb.relative_to(b)))
    return sorted(diff)


def diagram_batch(site: Path) -> dict:
    """All diagrams of the site drawn in one batch on every core, no cache: ms per diagram."""
    from mkdocs_sop.core.fences import find_blocks
    from mkdocs_sop.core.graphviz_engine import DiagramRenderer
    from mkdocs_sop.core.labels import label_set
    from mkdocs_sop.core.model import SopFormat
    from mkdocs_sop.core.parse import parse_block
    from mkdocs_sop.core.render_dot import sop_to_dot

    labels = label_set("id", {})
    dots = []
    for md in sorted((site / "docs").rglob("*.md")):
        for block in find_blocks(md.read_text(encoding="utf-8").splitlines()):
            sop = parse_block(block.body, str(md), block.first_body_line).sop
            if sop is not None and sop.format is SopFormat.DIAGRAM_ALIR:
                dots.append(sop_to_dot(sop, labels, lambda nomor: "../x/"))
    renderer = DiagramRenderer(cache_dir=None, engine="auto")
    engine = renderer.engine_identity  # start-up outside the timing
    t0 = time.perf_counter()
    svgs = renderer.render_many(dots)
    wall = time.perf_counter() - t0
    return {"engine": engine, "jobs": renderer.jobs, "diagrams": len(dots),
            "failed": sum(s is None for s in svgs), "ms_per_diagram": round(wall * 1000 / max(len(dots), 1), 2)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def serve_after_save(site: Path, dirty: bool, timeout: float = 900) -> dict:
    """Seconds from saving one SOP to the server returning the changed page."""
    port = _free_port()
    # not --no-livereload: in MkDocs 1.6 it also stops the watcher, so a save would never rebuild
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(site / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"] + \
        (["--dirty"] if dirty else [])
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        pages = sorted((site / "docs").rglob("sop-*.md"))
        page = pages[len(pages) // 3]
        rel = page.relative_to(site / "docs").with_suffix("")
        url = f"http://127.0.0.1:{port}/{rel.as_posix()}/"
        t0 = time.perf_counter()
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - t0 > timeout:
                raise SystemExit(f"mkdocs serve did not come up: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
        first = time.perf_counter() - t0
        time.sleep(2)  # let the watcher settle
        marker = f"Disimpan{int(time.time())}"
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'^(\s*- kegiatan: ")', rf"\1{marker} ", text, count=1, flags=re.M),
                        encoding="utf-8")
        t0 = time.perf_counter()
        while True:
            body = _get(url)
            if body and marker in body:
                break
            if time.perf_counter() - t0 > timeout:
                raise SystemExit("mkdocs serve never served the edited page")
            time.sleep(0.05)
        return {"first_build_s": round(first, 1), "save_to_served_s": round(time.perf_counter() - t0, 2)}
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def measure(n: int, work: Path, serve: bool = False) -> dict:
    sop_site, plain_site = work / f"sop-{n}", work / f"plain-{n}"
    generate(sop_site, n, plain=False, navigation="full", diagram=True, steps_range=STEPS,
             actors_range=ACTORS, cache_dir=".cache/sop")
    generate(plain_site, n, plain=True, steps_range=STEPS, actors_range=ACTORS)
    cache = sop_site / ".cache" / "sop"
    shutil.rmtree(cache, ignore_errors=True)
    out = work / "out"
    r: dict = {"n": n}
    print(f"N={n}: plain", end="", flush=True)
    plain1 = build(plain_site, out / f"plain-{n}")
    print(", plugin cold", end="", flush=True)
    r["cold"] = build(sop_site, out / f"sop-{n}-cold")
    print(", plain", end="", flush=True)
    plain2 = build(plain_site, out / f"plain-{n}")
    print(", plugin warm", end="", flush=True)
    r["warm"] = build(sop_site, out / f"sop-{n}-warm")
    # the same site without the catalogue's generated pages (index pages the twin has not got)
    text = (sop_site / "mkdocs.yml").read_text(encoding="utf-8")
    (sop_site / "mkdocs-no-catalogue.yml").write_text(
        text.replace("      navigation: full\n", "      navigation: full\n      catalogue: false\n"), encoding="utf-8")
    print(", plugin warm without catalogue", end="", flush=True)
    r["nocat"] = build(sop_site, out / f"sop-{n}-nocat", "mkdocs-no-catalogue.yml")
    r["identical_cold_warm"] = same_bytes(out / f"sop-{n}-cold", out / f"sop-{n}-warm")
    r["html_pages"] = {site: sum(1 for _ in (out / name).rglob("*.html"))
                       for site, name in (("plugin", f"sop-{n}-warm"), ("plain", f"plain-{n}"),
                                          ("nocat", f"sop-{n}-nocat"))}
    r["sop_page_bytes"] = sop_page_sizes(out / f"sop-{n}-warm", sop_site / "docs")
    r["plain_page_bytes"] = sop_page_sizes(out / f"plain-{n}", plain_site / "docs")
    edit_one(plain_site, plain=True)
    edit_one(sop_site, plain=False)
    print(", plain (edited)", end="", flush=True)
    plain3 = build(plain_site, out / f"plain-{n}")
    print(", plugin after editing one SOP", end="", flush=True)
    r["edit"] = build(sop_site, out / f"sop-{n}-edit")
    r["plain"] = {k: round(sum(p[k] for p in (plain1, plain2)) / 2, 3) for k in ("wall", "cpu", "peak_mb")}
    r["plain_edit"] = plain3
    print(", diagrams", end="", flush=True)
    r["diagrams"] = diagram_batch(sop_site)
    r["cache_mb"] = round(sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 2**20, 1)
    for kind in ("cold", "warm", "nocat"):
        r[f"{kind}_ratio"] = {k: round(r[kind][k] / r["plain"][k], 2) for k in ("wall", "cpu")}
    r["edit_ratio"] = {k: round(r["edit"][k] / plain3[k], 2) for k in ("wall", "cpu")}
    print(" done", flush=True)
    return r


def table(results: list[dict]) -> str:
    rows = ["| N | build | wall s | CPU s | peak MB | x plain (wall / CPU) |", "|---|---|---|---|---|---|"]
    for r in results:
        n = r["n"]
        rows.append(f"| {n} | plain twin (mean of 2) | {r['plain']['wall']:.1f} | {r['plain']['cpu']:.1f} | "
                    f"{r['plain']['peak_mb']:.0f} | 1 |")
        for kind, label in (("cold", "plugin, cold (empty cache)"), ("warm", "plugin, warm (nothing changed)"),
                            ("edit", "plugin, after editing one SOP"),
                            ("nocat", "plugin, warm, `catalogue: false`")):
            b, q = r[kind], r[f"{kind}_ratio"]
            rows.append(f"| {n} | {label} | {b['wall']:.1f} | {b['cpu']:.1f} | {b['peak_mb']:.0f} | "
                        f"{q['wall']:.2f} / {q['cpu']:.2f} |")
    rows.append("")
    rows.append("| N | HTML pages: plugin / `catalogue: false` / plain twin |")
    rows.append("|---|---|")
    for r in results:
        h = r["html_pages"]
        rows.append(f"| {r['n']} | {h['plugin']} / {h['nocat']} / {h['plain']} |")
    rows.append("")
    rows.append("| N | diagrams, one batch (engine, jobs) | ms per diagram | SOP page, plugin / plain (KB) | "
                "cache MB | cold = warm bytes |")
    rows.append("|---|---|---|---|---|---|")
    for r in results:
        d = r["diagrams"]
        same = "yes" if not r["identical_cold_warm"] else f"NO ({len(r['identical_cold_warm'])} files)"
        rows.append(f"| {r['n']} | {d['diagrams']} ({d['engine']}, {d['jobs']}) | {d['ms_per_diagram']:.2f} | "
                    f"{r['sop_page_bytes'] / 1024:.1f} / {r['plain_page_bytes'] / 1024:.1f} | {r['cache_mb']} | {same} |")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        rows.append("")
        rows.append(f"Scaling N={b['n']} / N={a['n']} (x{b['n'] / a['n']:.0f} SOPs): cold "
                    f"{b['cold']['wall'] / a['cold']['wall']:.2f} wall / {b['cold']['cpu'] / a['cold']['cpu']:.2f} CPU; "
                    f"plain {b['plain']['wall'] / a['plain']['wall']:.2f} wall / "
                    f"{b['plain']['cpu'] / a['plain']['cpu']:.2f} CPU.")
    for r in results:
        for key, label in (("serve", "mkdocs serve"), ("serve_dirty", "mkdocs serve --dirty")):
            if key in r:
                rows.append(f"\n{label}, N={r['n']}: first build {r[key]['first_build_s']} s; saving one SOP "
                            f"-> changed page served in {r[key]['save_to_served_s']} s.")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--quick", action="store_true", help="N = 100 only")
    ap.add_argument("--serve", action="store_true", help="also time mkdocs serve after a save (largest N)")
    ap.add_argument("--work", type=Path, default=HERE / "out", help="where sites and builds go")
    ap.add_argument("--results", type=Path, default=HERE / "results.json")
    args = ap.parse_args(argv)
    sizes = [100] if args.quick else sorted(args.sizes)
    args.work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    meta = {"python": sys.version.split()[0], "machine": platform.machine(), "cpus": os.cpu_count(),
            "load_before": os.getloadavg(), "targets": TARGETS}
    results: list[dict] = []

    def write() -> str:  # after every size, so a long run that fails late keeps what it measured
        meta["total_s"] = round(time.perf_counter() - t0)
        md = table(results)
        args.results.write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n", encoding="utf-8")
        args.results.with_suffix(".md").write_text(md, encoding="utf-8")
        return md

    for n in sizes:
        results.append(measure(n, args.work, False))
        write()
    if args.serve:
        site = args.work / f"sop-{sizes[-1]}"
        for dirty in (False, True):
            print(f"N={sizes[-1]}: mkdocs serve{' --dirty' if dirty else ''}", flush=True)
            results[-1]["serve_dirty" if dirty else "serve"] = serve_after_save(site, dirty)
            write()
    md = write()
    print(md)
    print(f"{args.results} and {args.results.with_suffix('.md')} written in {meta['total_s']} s")


if __name__ == "__main__":
    main()
