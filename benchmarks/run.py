"""Build benchmark: the plugin against its plain-Markdown twin, at several sizes.

    python benchmarks/run.py --sizes 500 2000        # the figures of docs/performa.md
    python benchmarks/run.py --quick                 # N = 100, a minute or two
    python benchmarks/run.py --sizes 2000 --serve    # also time the editing setups after a save
    python benchmarks/run.py --sizes 2000 --serve-only --setups zensical_watch

For each N, benchmarks/generate.py writes a synthetic handbook (6-20 steps, 2-6 actors,
decisions, legal bases, related SOPs, over ~140 units; Graphviz diagrams on, the plugin's
cache in ``<site>/.cache/sop``, navigation ``full`` like MkDocs without the plugin, the
plugin's search and not MkDocs' own, as the README sets a site up) and
its plain twin (the same pages and text as hand-made Markdown tables, same theme and
settings, no plugin). Builds run in fresh processes (``python -m mkdocs build``),
alternating plain and plugin builds so a busy machine hurts both alike:

    plain, plugin cold (cache folder deleted), plain, plugin warm (nothing changed),
    plugin warm without the catalogue, plugin warm with its default menu (``navigation:
    sections``: folders and catalogue, not every SOP page, so Material does not draw a
    menu of N pages into each of N pages), [edit one SOP in both sites] plain, plugin
    rebuild after the edit

Each build's wall time, CPU time (user + system of the build and its children, e.g.
``dot``) and peak memory (max RSS of the build or any child) come from ``wait4``;
``--repeats`` runs the sequence several times and reports medians. Also measured: the
diagrams of the site rendered in one batch on every core (ms per diagram), the size of
SOP pages and of the catalogue overview, the cache, and whether the cold and warm builds
wrote the same bytes (Pagefind's filter files aside: their names are not stable).

``--serve`` times the editing setups on the largest site: ``mkdocs serve --dirty``,
``mkdocs serve``, ``zensical serve`` beside ``mkdocs-sop generate --watch`` (the same
handbook set up for Zensical), and ``mkdocs-sop preview`` of the edited page. Each saves
one SOP ``--saves`` times and polls over HTTP until the page holds the change (median),
then (not the one-page preview) renames the SOP and times until ``sop.json`` lists the
new name (the catalogue step caught up).

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
import statistics
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
            "peak_mb": round(usage.ru_maxrss / 1024, 1), "load": round(os.getloadavg()[0], 2)}


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


def largest_page(folder: Path) -> dict | None:
    """The biggest HTML page of the catalogue (every listing should stay small, not only the overview)."""
    pages = sorted(folder.rglob("*.html"), key=lambda p: (-p.stat().st_size, str(p)))
    if not pages:
        return None
    return {"page": pages[0].relative_to(folder.parent).as_posix(), "bytes": pages[0].stat().st_size}


def same_bytes(a: Path, b: Path) -> list[str]:
    """Files that differ between two built sites (empty: byte-for-byte identical).

    Pagefind's folder is compared by the pages it indexes (one fragment file each): its
    filter and metadata files come out in a different order on every run (as in
    tests/site/test_cache_site.py)."""
    def files(root: Path) -> set[Path]:
        return {p.relative_to(root) for p in root.rglob("*") if p.is_file()}

    def ours(paths: set[Path]) -> set[Path]:
        return {p for p in paths if p.parts[0] != "pagefind" or p.parts[:2] == ("pagefind", "fragment")}

    left, right = ours(files(a)), ours(files(b))
    diff = {str(p) for p in left ^ right}
    diff |= {str(p) for p in left & right if not filecmp.cmp(a / p, b / p, shallow=False)}
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


#: The editing setups ``--serve`` times, by the name the results use.
SERVE_SETUPS = {
    "mkdocs_dirty": "mkdocs serve --dirty",
    "mkdocs": "mkdocs serve",
    "zensical_watch": "zensical serve + mkdocs-sop generate --watch",
    "preview": "mkdocs-sop preview (one page)",
}


def zensical_site(site: Path, n: int) -> Path:
    """The same handbook set up for Zensical: the ``mkdocs_sop`` extension (Zensical runs no
    plugin) and the catalogue written into docs by ``mkdocs-sop generate``."""
    from mkdocs_sop.catalogue.site import zensical_config

    write_sop_site(site, n)
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = text.partition("plugins:\n  - sop:\n")  # Zensical runs no plugin: the extension instead
    text = head + "markdown_extensions:\n" + text.partition("markdown_extensions:\n")[2]
    text = text.replace("markdown_extensions:\n", zensical_config() + "markdown_extensions:\n")
    text += ("  - md_in_html\n"  # the catalogue pages' tables (the MkDocs plugin adds it itself)
             "  - mkdocs_sop:\n      institution: Pemerintah Kabupaten Sintetis\n      diagram: true\n"
             "      cache_dir: .cache/sop\n")
    (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    return site


def _start(cmd: list[str], cwd: Path) -> subprocess.Popen:
    """A server in its own session; its messages go to a file (a pipe nobody reads fills
    up and stops the server in the middle of a build)."""
    log = open(cwd / f".{Path(cmd[2]).name}-{os.getpid()}.log", "w+b")  # noqa: SIM115 - closed with the server
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _tail(proc: subprocess.Popen) -> str:
    proc.log.seek(0)  # type: ignore[attr-defined]
    return proc.log.read().decode(errors="replace")[-2000:]  # type: ignore[attr-defined]


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    proc.log.close()  # type: ignore[attr-defined]


def _wait_for(url: str, marker: str | None, timeout: float, procs: list[subprocess.Popen],
              step: float = 0.05) -> float:
    """Seconds until ``url`` answers (and holds ``marker``), polling over HTTP."""
    t0 = time.perf_counter()
    while True:
        body = _get(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter() - t0
        for proc in procs:
            if proc.poll() is not None:
                raise SystemExit(f"{proc.args[:4]} stopped: {_tail(proc)}")
        if time.perf_counter() - t0 > timeout:
            raise SystemExit(f"{url} never showed {marker!r} within {timeout:.0f} s")
        time.sleep(step)


def serve_after_save(site: Path, setup: str, saves: int = 3, timeout: float = 900) -> dict:
    """Seconds from saving one SOP to the server returning its page with the change (median
    of ``saves`` saves, each a new word in one step's activity), and the first build."""
    port = _free_port()
    address = f"127.0.0.1:{port}"
    pages = sorted((site / "docs").rglob("sop-*.md"))
    page = pages[len(pages) // 3]
    if setup == "preview":  # the page being edited, served alone; the rest of the site read once
        procs = [_start([sys.executable, "-m", "mkdocs_sop", "preview", str(page.relative_to(site)), "-a", address],
                        site)]
    elif setup == "zensical_watch":
        subprocess.run([sys.executable, "-m", "mkdocs_sop", "generate", "-q"], cwd=site, env=ENV, check=False)
        procs = [_start([sys.executable, "-m", "mkdocs_sop", "generate", "--watch", "-q"], site),
                 _start([sys.executable, "-m", "zensical", "serve", "-a", address], site)]
    else:
        # not --no-livereload: in MkDocs 1.6 it also stops the watcher, so a save would never rebuild
        procs = [_start([sys.executable, "-m", "mkdocs", "serve", "-f", str(site / "mkdocs.yml"), "-a", address]
                        + (["--dirty"] if setup == "mkdocs_dirty" else []), site)]
    try:
        url = f"http://{address}/{page.relative_to(site / 'docs').with_suffix('').as_posix()}/"
        first = _wait_for(url, None, timeout, procs, step=0.5)
        times = []
        for i in range(saves):
            time.sleep(3)  # let the watchers settle
            marker = f"Disimpan{i}x{int(time.time())}"
            text = page.read_text(encoding="utf-8")
            page.write_text(re.sub(r'^(\s*- kegiatan: ")', rf"\1{marker} ", text, count=1, flags=re.M),
                            encoding="utf-8")
            times.append(round(_wait_for(url, marker, timeout, procs), 2))
        result = {"setup": SERVE_SETUPS[setup], "first_build_s": round(first, 1),
                  "save_to_served_s": sorted(times)[len(times) // 2], "saves_s": times}
        if setup == "preview":
            return result  # one page: the catalogue is the built site's (or mkdocs serve's) business
        # a renamed SOP: its page, then the catalogue's data (sop.json, read by the catalogue pages)
        time.sleep(3)
        marker = f"Dinamai{int(time.time())}"
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'^(nama: "?)', rf"\g<1>{marker} ", text, count=1, flags=re.M), encoding="utf-8")
        saved = time.perf_counter()
        _wait_for(url, marker, timeout, procs)
        _wait_for(f"http://{address}/sop.json", marker, timeout, procs)
        return {**result, "rename_to_catalogue_s": round(time.perf_counter() - saved, 2)}
    finally:
        for proc in reversed(procs):
            _stop(proc)


def write_sop_site(site: Path, n: int) -> None:
    generate(site, n, plain=False, navigation="full", diagram=True, steps_range=STEPS,
             actors_range=ACTORS, cache_dir=".cache/sop")


def median_build(runs: list[dict]) -> dict:
    """Each figure's median over repeated builds (a busy machine makes single runs noisy)."""
    return {k: round(statistics.median(run[k] for run in runs), 3) for k in ("wall", "cpu", "peak_mb")}


def measure(n: int, work: Path, repeats: int = 1) -> dict:
    """Alternating plain and plugin builds, ``repeats`` rounds; medians per kind of build."""
    sop_site, plain_site = work / f"sop-{n}", work / f"plain-{n}"
    write_sop_site(sop_site, n)
    generate(plain_site, n, plain=True, steps_range=STEPS, actors_range=ACTORS)
    cache = sop_site / ".cache" / "sop"
    # the same site without the catalogue's generated pages (index pages the twin has not got)
    text = (sop_site / "mkdocs.yml").read_text(encoding="utf-8")
    (sop_site / "mkdocs-no-catalogue.yml").write_text(
        text.replace("      navigation: full\n", "      navigation: full\n      catalogue: false\n"), encoding="utf-8")
    # the plugin's own default: a menu of folders and catalogue, not of every SOP page
    (sop_site / "mkdocs-sections.yml").write_text(text.replace("      navigation: full\n", ""), encoding="utf-8")
    out = work / "out"
    runs: dict[str, list[dict]] = {k: [] for k in ("plain", "cold", "warm", "nocat", "sections", "plain_edit", "edit")}
    r: dict = {"n": n, "repeats": repeats}
    for round_ in range(repeats):
        print(f"N={n} round {round_ + 1}/{repeats}: plain", end="", flush=True)
        runs["plain"].append(build(plain_site, out / f"plain-{n}"))
        print(", plugin cold", end="", flush=True)
        shutil.rmtree(cache, ignore_errors=True)
        runs["cold"].append(build(sop_site, out / f"sop-{n}-cold"))
        print(", plain", end="", flush=True)
        runs["plain"].append(build(plain_site, out / f"plain-{n}"))
        print(", plugin warm", end="", flush=True)
        runs["warm"].append(build(sop_site, out / f"sop-{n}-warm"))
        print(", plugin warm without catalogue", end="", flush=True)
        runs["nocat"].append(build(sop_site, out / f"sop-{n}-nocat", "mkdocs-no-catalogue.yml"))
        print(", plugin warm with its default menu", end="", flush=True)
        runs["sections"].append(build(sop_site, out / f"sop-{n}-sections", "mkdocs-sections.yml"))
        if round_ == 0:  # what the warm build wrote, before any edit
            r["identical_cold_warm"] = same_bytes(out / f"sop-{n}-cold", out / f"sop-{n}-warm")
            r["html_pages"] = {site: sum(1 for _ in (out / name).rglob("*.html"))
                               for site, name in (("plugin", f"sop-{n}-warm"), ("plain", f"plain-{n}"),
                                                  ("nocat", f"sop-{n}-nocat"))}
            r["sop_page_bytes"] = sop_page_sizes(out / f"sop-{n}-warm", sop_site / "docs")
            r["plain_page_bytes"] = sop_page_sizes(out / f"plain-{n}", plain_site / "docs")
            overview = out / f"sop-{n}-warm" / "katalog" / "index.html"
            r["overview_bytes"] = overview.stat().st_size if overview.is_file() else None
            r["largest_catalogue_page"] = largest_page(out / f"sop-{n}-warm" / "katalog")
            r["cache_mb"] = round(sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 2**20, 1)
        edit_one(plain_site, plain=True)
        edit_one(sop_site, plain=False)
        print(", plain (edited)", end="", flush=True)
        runs["plain_edit"].append(build(plain_site, out / f"plain-{n}"))
        print(", plugin after editing one SOP", end="", flush=True)
        runs["edit"].append(build(sop_site, out / f"sop-{n}-edit"))
        print(flush=True)
    for kind, found in runs.items():
        r[kind] = median_build(found)
    r["runs"] = runs
    print(f"N={n}: diagrams", end="", flush=True)
    batches = [diagram_batch(sop_site) for _ in range(repeats)]
    r["diagrams"] = {**batches[0], "ms_per_diagram": statistics.median(b["ms_per_diagram"] for b in batches),
                     "ms_each_run": [b["ms_per_diagram"] for b in batches]}
    for kind in ("cold", "warm", "nocat", "sections"):
        r[f"{kind}_ratio"] = {k: round(r[kind][k] / r["plain"][k], 2) for k in ("wall", "cpu", "peak_mb")}
    r["edit_ratio"] = {k: round(r["edit"][k] / r["plain_edit"][k], 2) for k in ("wall", "cpu")}
    print(" done", flush=True)
    return r


#: The issue's table (issue 15): what was measured before this work, at N = 2000.
BEFORE = {"serve": "79.6 s (9.7 s with `--dirty`)", "cold": "2.61 x", "warm": "1.44 x (1.01 x without)",
          "diagram": "4.2 ms", "memory": "548 MB (twin 83 MB)", "overview": "1.8 MB"}


def _verdict(value: float | None, target: float, unit: str) -> str:
    if value is None:
        return "not measured"
    if value <= target:
        return f"met ({target - value:.2f} {unit} to spare)"
    return f"**missed** by {value - target:.2f} {unit}"


def targets_table(results: list[dict]) -> list[str]:
    """Every row of the issue's table: before, now, target, met or missed by how much."""
    full = [r for r in results if "cold" in r]
    r = full[-1] if full else {}
    serve = next((x["serve"] for x in reversed(results) if "serve" in x), {})
    n = r.get("n") or (results[-1]["n"] if results else "?")
    rows = [f"| now: N = {n} | before (issue 15: N = 2000, one run) | now | target | met or missed |",
            "|---|---|---|---|---|"]
    recommended = min(serve.values(), key=lambda v: v["save_to_served_s"]) if serve else None
    dirty = serve.get("mkdocs_dirty")
    if serve:
        now = "; ".join(f"{v['setup']}: {v['save_to_served_s']} s" for v in serve.values())
        verdict = (f"recommended ({recommended['setup']}): {_verdict(recommended['save_to_served_s'], 2.0, 's')}; "
                   f"`--dirty`: {_verdict(dirty['save_to_served_s'] if dirty else None, 5.0, 's')}")
        rows.append(f"| saved SOP shown again | {BEFORE['serve']} | {now} | < 2 s recommended setup, "
                    f"< 5 s `mkdocs serve --dirty` | {verdict} |")
    if r:
        for key, label, target in (("cold", "cold build (wall / CPU)", 1.3), ("warm", "warm build with catalogue", 1.1)):
            q = r[f"{key}_ratio"]
            extra = f"; {r['nocat_ratio']['wall']:.2f} x without" if key == "warm" else ""
            rows.append(f"| {label} | {BEFORE[key]} | {q['wall']:.2f} / {q['cpu']:.2f} x{extra} | <= {target} x | "
                        f"wall {_verdict(q['wall'], target, 'x')}; CPU {_verdict(q['cpu'], target, 'x')} |")
        d = r["diagrams"]["ms_per_diagram"]
        rows.append(f"| diagrams, cold | {BEFORE['diagram']} each | {d:.2f} ms each | <= 3 ms | "
                    f"{_verdict(d, 3.0, 'ms')} |")
        peak, twin = r["warm"]["peak_mb"], r["plain"]["peak_mb"]
        rows.append(f"| peak memory, warm | {BEFORE['memory']} | {peak:.0f} MB (twin {twin:.0f} MB, "
                    f"{peak / twin:.2f} x) | <= 2 x the twin | {_verdict(peak / twin, 2.0, 'x')} |")
        size = r.get("overview_bytes")
        rows.append(f"| catalogue overview page | {BEFORE['overview']} | "
                    f"{'%.0f KB' % (size / 1024) if size else 'none'} | <= 300 KB | "
                    f"{_verdict(size / 1024 if size else None, 300, 'KB')} |")
        largest = r.get("largest_catalogue_page")
        if largest:
            rows.append(f"| largest catalogue page (`{largest['page']}`) | - | {largest['bytes'] / 1024:.0f} KB | "
                        f"<= 300 KB | {_verdict(largest['bytes'] / 1024, 300, 'KB')} |")
    return rows


def table(results: list[dict]) -> str:
    rows = targets_table(results) + [""]
    rows += ["| N | build (median of rounds) | wall s | CPU s | peak MB | x plain (wall / CPU) |",
             "|---|---|---|---|---|---|"]
    full = [r for r in results if "cold" in r]
    for r in full:
        n = r["n"]
        rows.append(f"| {n} | plain twin | {r['plain']['wall']:.1f} | {r['plain']['cpu']:.1f} | "
                    f"{r['plain']['peak_mb']:.0f} | 1 |")
        for kind, label in (("cold", "plugin, cold (empty cache)"), ("warm", "plugin, warm (nothing changed)"),
                            ("edit", "plugin, after editing one SOP"),
                            ("nocat", "plugin, warm, `catalogue: false`"),
                            ("sections", "plugin, warm, its default menu (`navigation: sections`)")):
            if kind not in r:
                continue  # measured before that build was added
            b, q = r[kind], r[f"{kind}_ratio"]
            rows.append(f"| {n} | {label} | {b['wall']:.1f} | {b['cpu']:.1f} | {b['peak_mb']:.0f} | "
                        f"{q['wall']:.2f} / {q['cpu']:.2f} |")
    rows.append("")
    rows.append("| N | rounds | HTML pages: plugin / `catalogue: false` / plain twin | diagrams, one batch "
                "(engine, jobs) | ms per diagram | SOP page, plugin / plain (KB) | cache MB | cold = warm bytes |")
    rows.append("|---|---|---|---|---|---|---|---|")
    for r in full:
        d, h = r["diagrams"], r["html_pages"]
        same = "yes" if not r["identical_cold_warm"] else f"NO ({len(r['identical_cold_warm'])} files)"
        rows.append(f"| {r['n']} | {r['repeats']} | {h['plugin']} / {h['nocat']} / {h['plain']} | "
                    f"{d['diagrams']} ({d['engine']}, {d['jobs']}) | {d['ms_per_diagram']:.2f} | "
                    f"{r['sop_page_bytes'] / 1024:.1f} / {r['plain_page_bytes'] / 1024:.1f} | {r['cache_mb']} | {same} |")
    if len(full) >= 2:
        a, b = full[0], full[-1]
        rows.append("")
        rows.append(f"Scaling N={b['n']} / N={a['n']} (x{b['n'] / a['n']:.0f} SOPs): cold "
                    f"{b['cold']['wall'] / a['cold']['wall']:.2f} wall / {b['cold']['cpu'] / a['cold']['cpu']:.2f} CPU; "
                    f"plain {b['plain']['wall'] / a['plain']['wall']:.2f} wall / "
                    f"{b['plain']['cpu'] / a['plain']['cpu']:.2f} CPU.")
    for r in results:
        if "serve" in r:
            rows += ["", f"| N = {r['n']}: editing setup | first build s | save -> changed page served, s "
                         "(median) | each save | renamed SOP -> in `sop.json`, s |", "|---|---|---|---|---|"]
            for v in r["serve"].values():
                rows.append(f"| {v['setup']} | {v['first_build_s']} | {v['save_to_served_s']} | "
                            f"{', '.join(str(t) for t in v['saves_s'])} | {v.get('rename_to_catalogue_s', '-')} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--quick", action="store_true", help="N = 100 only")
    ap.add_argument("--serve", action="store_true",
                    help="also time each editing setup from a save to the page served (largest N)")
    ap.add_argument("--setups", nargs="+", choices=list(SERVE_SETUPS), default=list(SERVE_SETUPS),
                    help="the editing setups --serve times (default: all)")
    ap.add_argument("--repeats", type=int, default=1, help="rounds of builds per N; medians are reported")
    ap.add_argument("--saves", type=int, default=3, help="saves per setup; the median is reported")
    ap.add_argument("--serve-only", action="store_true",
                    help="time the editing setups only (sites written, no build measurements)")
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
        if args.serve_only:
            write_sop_site(args.work / f"sop-{n}", n)
            results.append({"n": n})
        else:
            results.append(measure(n, args.work, args.repeats))
        write()
    if args.serve or args.serve_only:
        n = sizes[-1]
        sites = {"mkdocs_dirty": args.work / f"sop-{n}", "mkdocs": args.work / f"sop-{n}",
                 "preview": args.work / f"sop-{n}"}
        if "zensical_watch" in args.setups:
            sites["zensical_watch"] = zensical_site(args.work / f"zen-{n}", n)
        results[-1]["serve"] = {}
        for setup in args.setups:
            print(f"N={n}: {SERVE_SETUPS[setup]}", flush=True)
            results[-1]["serve"][setup] = serve_after_save(sites[setup], setup, args.saves)
            write()
    md = write()
    print(md)
    print(f"{args.results} and {args.results.with_suffix('.md')} written in {meta['total_s']} s")


if __name__ == "__main__":
    main()
