"""Search quality and speed: the old search (Material's lunr) against the new (Pagefind
with Indonesian roots), in headless Chromium, on built sites served from localhost.

    python benchmarks/search.py                       # the sample handbook, search_queries.json
    python benchmarks/search.py --scale SITE_DIR      # also: index size and latency of a big site

Quality: the sample handbook is built twice (the repository's ``mkdocs.yml``, and the
same with Material's ``search`` plugin instead of the sop plugin's search); every query
of ``search_queries.json`` is typed into each, and it passes when one of its expected
pages is among the first three distinct pages (the first, for SOP numbers). Old search
is read from Material's own result list; new search from ``SopSearch.search``, what the
search box lists.

Scale (``--scale``): a site built with both searches (``benchmarks/generate.py`` writes
one with Material's search; the sop plugin adds its own): index sizes, and the time from
typing to the first result on a fresh page (cold: loads the index) and on later queries.

Writes ``benchmarks/search_results.json`` and ``benchmarks/search_results.md``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(config: Path, out: Path) -> float:
    started = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                   check=True, cwd=config.parent, env=env)
    return time.perf_counter() - started


def old_config(work: Path) -> Path:
    """The repository's mkdocs.yml with Material's search and without the sop plugin's."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, sep, tail = text.partition("plugins:\n")
    tail = tail.replace("  - sop:\n", "  - search:\n      lang: id\n  - sop:\n      search: false\n", 1)
    config = ROOT / ".search-benchmark-old.yml"  # beside docs_dir, which is relative to it
    config.write_text(head + sep + tail, encoding="utf-8")
    return config


def page_of(url: str, base: str) -> str:
    path = url.split("#", 1)[0].split("?", 1)[0]
    if path.startswith(base):
        path = path[len(base):]
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path


def top_pages(urls: list[str], base: str, n: int = 3) -> list[str]:
    out: list[str] = []
    for url in urls:
        page = page_of(url, base)
        if page not in out:
            out.append(page)
        if len(out) == n:
            break
    return out


NEW_SEARCH_JS = """async (q) => {
  const t0 = performance.now();
  const results = await window.SopSearch.search(q, {});
  const urls = [];
  for (const item of results.slice(0, 10)) {
    const data = item.data || await item.result.data();
    urls.push(data.url);
  }
  return {urls, ms: performance.now() - t0};
}"""


def new_search(page, base: str, query: str) -> tuple[list[str], float]:
    got = page.evaluate(NEW_SEARCH_JS, query)
    return got["urls"], got["ms"]


def old_search(page, base: str, query: str) -> tuple[list[str], float]:
    """Type into Material's search and read its result list once it settles."""
    page.fill(".md-search__input", "")
    page.press(".md-search__input", "End")  # Material reads the box on key events
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=10000)
    started = time.perf_counter()
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")
    last, stable_since = None, None
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        urls = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        meta = page.inner_text(".md-search-result__meta") if page.query_selector(".md-search-result__meta") else ""
        state = (tuple(urls), meta)
        if state != last:
            last, stable_since = state, time.perf_counter()
            first_seen = (time.perf_counter() - started) * 1000
        elif time.perf_counter() - stable_since > 0.4 and urls:
            break
        elif time.perf_counter() - stable_since > 3:  # no result at all
            break
        page.wait_for_timeout(25)
    return list(last[0]) if last else [], first_seen


def judge(queries: list[dict], search, page, base: str) -> dict:
    rows = []
    for item in queries:
        urls, ms = search(page, base, item["query"])
        top = top_pages(urls, base)
        expected = set(item["expect"])
        ok = bool(top) and (top[0] in expected if item.get("first") else bool(expected & set(top)))
        rows.append({"query": item["query"], "kind": item["kind"], "ok": ok, "top3": top, "ms": round(ms, 1)})
    passed = sum(r["ok"] for r in rows)
    numbers = [r for r in rows if r["kind"] == "nomor"]
    return {"passed": passed, "total": len(rows), "rate": round(passed / len(rows), 3),
            "numbers_first": sum(r["ok"] for r in numbers), "numbers": len(numbers),
            "by_kind": {k: [sum(r["ok"] for r in rows if r["kind"] == k), sum(r["kind"] == k for r in rows)]
                        for k in dict.fromkeys(r["kind"] for r in rows)},
            "rows": rows}


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def quality(work: Path) -> dict:
    from playwright.sync_api import sync_playwright

    queries = json.loads((HERE / "search_queries.json").read_text(encoding="utf-8"))["queries"]
    new_out, old_out = work / "new", work / "old"
    for out in (new_out, old_out):
        shutil.rmtree(out, ignore_errors=True)
    config = old_config(work)
    try:
        build(ROOT / "mkdocs.yml", new_out)
        build(config, old_out)
    finally:
        config.unlink(missing_ok=True)
    result = {"queries": len(queries)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for name, out, search, ready in (
                ("new", new_out, new_search, "() => !!window.SopSearch"),
                ("old", old_out, old_search, "() => !!document.querySelector('.md-search__input')")):
            server, base = serve(out)
            page = browser.new_page()
            outside = []
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
            page.goto(base)
            page.wait_for_function(ready)
            search(page, base, "sop")  # the index is loaded before the first measured query
            result[name] = judge(queries, search, page, base)
            result[name]["requests_outside"] = sorted(set(outside))
            page.close()
            server.shutdown()
        browser.close()
    result["index_bytes"] = {"new": folder_bytes(new_out / "pagefind") + folder_bytes(new_out / "sop-search"),
                             "old": folder_bytes(old_out / "search")}
    return result


TYPE_DELAY_MS = 200  # a staff member typing: the box's 150 ms pause passes between two keys
BOX = ".sop-search-header input[type=search]"


def typed(page, query: str) -> float:
    """Type ``query`` into the header box key by key, as a reader does (each pause starts a
    search of what is typed so far); ms from the last key to the first result of the whole
    query on screen."""
    page.fill(BOX, "")
    page.wait_for_function("() => !document.querySelector('.sop-search-header .sop-search-result')")
    page.click(BOX)
    page.keyboard.type(query[:-1], delay=TYPE_DELAY_MS)  # (Playwright's delay holds each key down)
    started = time.perf_counter()
    page.keyboard.type(query[-1])
    page.wait_for_function(
        """(q) => { const list = document.querySelector('.sop-search-header .sop-search-results');
                    return list && list.getAttribute('data-query') === q && list.querySelector('.sop-search-result'); }""",
        arg=query, timeout=60000)
    return (time.perf_counter() - started) * 1000


def scale_typed(browser, base: str, queries: list[str]) -> dict:
    """The header box as a reader uses it: the first query typed on a freshly opened page (the
    index loads meanwhile), then the next ones on the same page."""
    first, later = [], []
    for i, query in enumerate(queries):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.wait_for_function("() => !!window.SopSearch")
        first.append(typed(page, query))
        for again in queries[i + 1:i + 3]:
            later.append(typed(page, again))
        context.close()
    return {"typed_first_ms_median": round(statistics.median(first)), "typed_first_ms_max": round(max(first)),
            "typed_later_ms_median": round(statistics.median(later)), "typed_later_ms_max": round(max(later))}


def scale(site_out: Path, queries: list[str]) -> dict:
    """Index sizes, and the time from opening a page to the first result of a query typed at
    once (cold: nothing cached, so the index loads), the search files loaded meanwhile, and
    later queries on the same page (warm). Both searches, on the same built site."""
    from playwright.sync_api import sync_playwright

    pages = sum(1 for _ in site_out.rglob("*.html"))
    out = {"pages": pages,
           "index_bytes": {"new": folder_bytes(site_out / "pagefind") + folder_bytes(site_out / "sop-search"),
                           "old": folder_bytes(site_out / "search")},
           "new_index_files": sum(1 for p in (site_out / "pagefind").rglob("*") if p.is_file())}
    server, base = serve(site_out)
    search_files = {"new": ("/pagefind/", "/sop-search/"), "old": ("/search/", "/assets/javascripts/workers/")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for name, search, ready in (("new", new_search, "() => !!window.SopSearch"),
                                    ("old", old_search, "() => !!document.querySelector('.md-search__input')")):
            cold, warm, loaded = [], [], []
            for i, query in enumerate(queries):
                context = browser.new_context()  # nothing cached: the index loads again
                page = context.new_page()
                fetched = []
                page.on("requestfinished", lambda r: fetched.append(r))
                started = time.perf_counter()
                page.goto(base)
                page.wait_for_function(ready)
                search(page, base, query)
                cold.append((time.perf_counter() - started) * 1000)
                loaded.append(sum(r.sizes()["responseBodySize"] for r in fetched
                                  if any(part in r.url for part in search_files[name])))
                for again in queries[i + 1:i + 3]:
                    warm.append(search(page, base, again)[1])
                context.close()
            out[name] = {"cold_ms_median": round(statistics.median(cold)),
                         "cold_ms_max": round(max(cold)),
                         "warm_ms_median": round(statistics.median(warm)) if warm else None,
                         "bytes_loaded_first_query_median": int(statistics.median(loaded))}
        out["new"].update(scale_typed(browser, base, queries))
        browser.close()
    server.shutdown()
    return out


def markdown(result: dict) -> str:
    lines = ["# Search benchmark", ""]
    if "new" in result:
        new, old = result["new"], result["old"]
        lines += [f"Sample handbook, {result['queries']} queries (benchmarks/search_queries.json); "
                  "a query passes when an expected page is in the first 3 (SOP numbers: first).", "",
                  "| | old (Material lunr) | new (Pagefind + roots) |", "|---|---|---|",
                  f"| top-3 | {old['passed']}/{old['total']} ({old['rate']:.0%}) | "
                  f"{new['passed']}/{new['total']} ({new['rate']:.0%}) |",
                  f"| SOP number first | {old['numbers_first']}/{old['numbers']} | "
                  f"{new['numbers_first']}/{new['numbers']} |"]
        for kind in new["by_kind"]:
            o, n = old["by_kind"][kind], new["by_kind"][kind]
            lines.append(f"| {kind} | {o[0]}/{o[1]} | {n[0]}/{n[1]} |")
        lines += [f"| index size | {result['index_bytes']['old'] / 1024:.0f} KiB | "
                  f"{result['index_bytes']['new'] / 1024:.0f} KiB |",
                  f"| requests leaving localhost | {len(old['requests_outside'])} | "
                  f"{len(new['requests_outside'])} |", "", "Misses:", ""]
        for name in ("old", "new"):
            for row in result[name]["rows"]:
                if not row["ok"]:
                    lines.append(f"- {name}: `{row['query']}` ({row['kind']}) -> {', '.join(row['top3']) or '-'}")
    if "scale" in result:
        s = result["scale"]
        lines += ["", f"## At scale: {s['pages']} pages", "",
                  "| | old (Material lunr) | new (Pagefind + roots) |", "|---|---|---|",
                  f"| index on disk | {s['index_bytes']['old'] / 1048576:.1f} MiB | "
                  f"{s['index_bytes']['new'] / 1048576:.1f} MiB ({s['new_index_files']} files) |",
                  f"| search files loaded until the first result (median) | {s['old']['bytes_loaded_first_query_median'] / 1048576:.2f} MiB | "
                  f"{s['new']['bytes_loaded_first_query_median'] / 1048576:.2f} MiB |",
                  f"| page opened to first result, nothing cached (median / max) | {s['old']['cold_ms_median']} / {s['old']['cold_ms_max']} ms | "
                  f"{s['new']['cold_ms_median']} / {s['new']['cold_ms_max']} ms |",
                  f"| later queries (median) | {s['old']['warm_ms_median']} ms | {s['new']['warm_ms_median']} ms |"]
        if "typed_first_ms_median" in s["new"]:
            n = s["new"]
            lines += ["", f"Typed into the header box key by key ({TYPE_DELAY_MS} ms a key), from the last key to "
                      "the first result of the whole query on screen (new search):", "",
                      "| | median | max |", "|---|---|---|",
                      f"| first query on a freshly opened page | {n['typed_first_ms_median']} ms | {n['typed_first_ms_max']} ms |",
                      f"| later queries on the same page | {n['typed_later_ms_median']} ms | {n['typed_later_ms_max']} ms |"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=HERE / "out" / "search")
    ap.add_argument("--scale", type=Path, help="a built site with both indexes (e.g. generate.py --count 2000)")
    ap.add_argument("--skip-quality", action="store_true", help="only the --scale measurement")
    args = ap.parse_args(argv)
    results_path = HERE / "search_results.json"
    result = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
    if not args.skip_quality:
        args.work.mkdir(parents=True, exist_ok=True)
        result.update(quality(args.work))
    if args.scale:
        result["scale"] = scale(args.scale, ["pemohon", "verifikasi berkas", "kepala dinas", "pelayanan publik",
                                             "UU 25/2009", "arsip", "periksa", "laporan"])
    results_path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = markdown(result)
    (HERE / "search_results.md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
