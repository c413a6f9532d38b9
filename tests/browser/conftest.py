"""Browser tests: the sample handbook, built once per session, served on 127.0.0.1, seen by
Debian's headless Chromium driven by Playwright.

Artifacts (screenshots, PDFs) go to ``test-output/browser/`` (gitignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from needs import need

from browser_support import ARTIFACTS, CHROMIUM, ROOT, Watched, served

def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = None
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (apt-get install chromium)")
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if skip is not None:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The sample handbook (root mkdocs.yml), built once into a temporary folder."""
    out = tmp_path_factory.mktemp("handbook") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The built site served by a plain static server bound to 127.0.0.1 on a free port."""
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium  # the session's one Chromium (tests/conftest.py)


@pytest.fixture
def new_page(browser, base_url):
    """``new_page(width=1400, height=900, dark=False)``: a fresh context and a watched page."""
    contexts = []

    def make(width: int = 1400, height: int = 900, dark: bool = False) -> Watched:
        """``dark`` only sets prefers-color-scheme; use ``choose_dark`` for Material's toggle."""
        context = browser.new_context(viewport={"width": width, "height": height},
                                      color_scheme="dark" if dark else "light",
                                      locale="id-ID", timezone_id="Asia/Jakarta")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        watched = Watched(page, base_url)
        return watched

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def html_pages(site_dir) -> list[str]:
    """Every generated page, as URL paths relative to the site root."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def axe_script(tmp_path_factory) -> Path:
    """axe-core's ``axe.min.js``: tests/browser/node_modules (scripts/test installs it), else npm."""
    local = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    if local.exists():
        return local
    npm = shutil.which("npm")
    need(npm is not None, "npm is missing, so axe-core cannot be installed (apt-get install npm)")
    proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                           str(Path(__file__).parent), "axe-core@4"], capture_output=True, text=True)
    need(proc.returncode == 0 and local.exists(),
         f"npm could not install axe-core (offline?): {proc.stderr.strip()[-400:]}")
    return local


def tour_pages(html_pages: list[str]) -> list[str]:
    """Every page, except that of the catalogue's many generated lists (``katalog/``, one page
    per regulation, actor, unit...) only the top two levels and three pages of each deeper
    folder are visited: they share one template, and a visit costs about a second."""
    chosen, per_folder = [], {}
    for path in html_pages:
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["katalog"] and len(parts) > 2:
            folder = "/".join(parts[:2])
            per_folder[folder] = per_folder.get(folder, 0) + 1
            if per_folder[folder] > 3:
                continue
        chosen.append(path)
    return chosen


@pytest.fixture(scope="session")
def tour(browser, base_url, html_pages):
    """Pages visited once at 1400 px (see ``tour_pages``): requests, console errors and, on
    pages with a flowchart, the geometry report of geometry.js. ``{path: {...}}``."""
    geometry = (Path(__file__).parent / "geometry.js").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="id-ID")
    page = context.new_page()
    watched = Watched(page, base_url)
    visits = {}
    for path in tour_pages(html_pages):
        watched.requests.clear()
        watched.errors.clear()
        response = page.goto(base_url + path, wait_until="load")
        has_flow = page.locator("table.sop-flowchart").count() > 0
        visits[path] = {
            "status": response.status if response else None,
            "requests": list(watched.requests),
            "foreign": watched.foreign_requests(),
            "errors": list(watched.errors),
            "geometry": page.evaluate(geometry, 2) if has_flow else None,
        }
    context.close()
    return visits
