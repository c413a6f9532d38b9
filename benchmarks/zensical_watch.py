"""Benchmark (not a test): an editor saves an SOP while ``mkdocs-sop generate --watch``
and ``zensical serve`` run side by side; how long until the browser gets the change?

    python benchmarks/zensical_watch.py --count 2000

It writes a synthetic handbook of N SOPs (benchmarks/generate.py) set up for Zensical
(the ``mkdocs_sop`` extension, the generated stylesheets), runs ``mkdocs-sop generate``
once, starts both processes, then renames one SOP and times two things: until its own
page is served with the new name (Zensical alone), and until the catalogue overview is
served with it (``generate --watch`` rewrites the catalogue page, Zensical rebuilds it).
Figures go to docs/performa.md by hand; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate as write_site  # noqa: E402
from run import ENV, _free_port, _get  # noqa: E402

from mkdocs_sop.catalogue.site import zensical_config  # noqa: E402

ZENSICAL = zensical_config()  # the assets generate writes, as the site lists them


def start(cmd: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def wait_for(url: str, marker: str | None, timeout: float, step: float = 0.05) -> float:
    t0 = time.perf_counter()
    while True:
        body = _get(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter() - t0
        if time.perf_counter() - t0 > timeout:
            raise SystemExit(f"{url} never showed {marker!r}")
        time.sleep(step)


def measure(count: int, work: Path, timeout: float = 1800) -> dict:
    site = work / f"z{count}"
    write_site(site, count, cache_dir=".cache/mkdocs-sop")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("markdown_extensions:\n", ZENSICAL + "markdown_extensions:\n")
    config += "  - mkdocs_sop:\n      institution: x\n      diagram: false\n      cache_dir: .cache/mkdocs-sop\n"
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs_sop", "generate", "-q"], cwd=site, env=ENV, check=False)
    generate_s = time.perf_counter() - t0
    port = _free_port()
    watcher = start([sys.executable, "-m", "mkdocs_sop", "generate", "--watch", "-q"], site)
    server = start([sys.executable, "-m", "zensical", "serve", "-a", f"127.0.0.1:{port}"], site)
    try:
        pages = sorted((site / "docs").rglob("sop-*.md"))
        page = pages[len(pages) // 3]
        url = f"http://127.0.0.1:{port}/{page.relative_to(site / 'docs').with_suffix('').as_posix()}/"
        first = wait_for(url, None, timeout, step=0.5)
        catalogue = f"http://127.0.0.1:{port}/katalog/"
        wait_for(catalogue, None, timeout, step=0.5)
        time.sleep(3)  # let both watchers settle
        marker = f"Disimpan{int(time.time())}"
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'^(nama: "?)', rf"\g<1>{marker} ", text, count=1, flags=re.M), encoding="utf-8")
        saved = time.perf_counter()
        own = wait_for(url, marker, timeout)
        wait_for(catalogue, marker, timeout)
        listed = time.perf_counter() - saved
        return {"count": count, "generate_once_s": round(generate_s, 1), "serve_first_page_s": round(first, 1),
                "save_to_own_page_s": round(own, 2), "save_to_catalogue_s": round(listed, 2)}
    finally:
        stop(server)
        stop(watcher)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=None, help="folder for the synthetic site (default: a temporary one)")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="sop-zensical-"))
    print(json.dumps(measure(args.count, work), indent=1))


if __name__ == "__main__":
    main()
