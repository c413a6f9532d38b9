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

FRONT_TEXT = """# Judul halaman

Paragraf pembuka sebelum blok SOP,
agar nomor baris di file Markdown berbeda dari nomor baris di dalam blok.

"""


def make_page(yaml_body: str, front: str = FRONT_TEXT, after: str = "\nTeks penutup.\n",
              fence: str = "```", info: str = "sop") -> str:
    """A Markdown page: prose, then the block, then prose."""
    body = yaml_body if yaml_body.endswith("\n") else yaml_body + "\n"
    return f"{front}{fence}{info}\n{body}{fence}\n{after}"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the ``occurrence``-th line of ``text`` containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s) in the page")


@pytest.fixture
def page():
    return make_page


@pytest.fixture
def find_line():
    return line_of
