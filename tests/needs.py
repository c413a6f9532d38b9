"""What a test needs from the machine (Chromium, poppler, npm): skip or fail.

``scripts/test`` installs every tool the tests use, so in CI (``CI`` set, as every CI
service does) a missing tool means a broken set-up and the run must fail, never pass
with skipped tests. A developer without ``CI`` set gets a skip that says what to install.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def need(available: bool, reason: str) -> None:
    """Fail (in CI) or skip (elsewhere) the calling test when ``available`` is false."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI is set: a missing tool fails the run; scripts/test installs it)",
                    pytrace=False)
    pytest.skip(reason)
