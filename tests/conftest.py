"""Shared fixtures: golden files (``--update-goldens``) and Markdown pages holding SOP blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden/ instead of comparing")


@pytest.fixture
def update_goldens(request) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def golden(update_goldens):
    """``golden("html/name.html", text)``: compare byte for byte with tests/golden/<name>.

    With ``--update-goldens`` the file is (re)written and the test passes.
    """

    def check(name: str, actual: str) -> None:
        path = GOLDEN_DIR / name
        data = actual.encode("utf-8")
        if update_goldens:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing: run pytest --update-goldens")
        expected = path.read_bytes()
        if expected != data:
            exp_lines = expected.decode("utf-8").splitlines()
            act_lines = actual.splitlines()
            import difflib

            diff = "\n".join(list(difflib.unified_diff(exp_lines, act_lines, "golden", "actual",
                                                       lineterm=""))[:60])
            pytest.fail(f"output differs from {path} (run pytest --update-goldens if intended):\n{diff}")

    return check


# -- Markdown pages with SOP blocks ------------------------------------------------------

from page_support import FRONT_TEXT, line_of, make_page  # noqa: E402,F401 - shared with tests


@pytest.fixture
def page():
    return make_page


@pytest.fixture
def find_line():
    return line_of


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium (Debian's) for every browser test of the session.

    Playwright's sync API allows one running instance per process, so the browser suites
    of every folder share this one.
    """
    from pathlib import Path as _Path

    from needs import need

    need(_Path("/usr/bin/chromium").exists(), "Chromium is not installed (/usr/bin/chromium); scripts/test installs it")
    import importlib.util

    need(importlib.util.find_spec("playwright") is not None, "playwright is not installed (pip install -e '.[test]')")
    import playwright.sync_api as sync_api
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-default-apps", "--disable-extensions"])
        yield browser
        browser.close()
