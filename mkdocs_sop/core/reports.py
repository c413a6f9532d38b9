"""Diagnostics reported once per build, and counted, so a host can fail the build on errors."""

from __future__ import annotations

from typing import Callable

from .model import Diagnostic, Severity

Reporter = Callable[[Diagnostic], None]


class Reports:
    """Passes each diagnostic to ``report`` the first time it is seen."""

    def __init__(self, report: Reporter | None = None) -> None:
        self._report = report
        self._seen: set[Diagnostic] = set()

    def __call__(self, diagnostic: Diagnostic) -> None:
        if diagnostic in self._seen:
            return
        self._seen.add(diagnostic)
        if self._report is not None:
            self._report(diagnostic)

    @property
    def reported(self) -> frozenset[Diagnostic]:
        return frozenset(self._seen)

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors reported so far, in file and line order."""
        return sorted((d for d in self._seen if d.severity is Severity.ERROR),
                      key=lambda d: (d.path or "", d.line or 0, d.code))

    def clear(self) -> None:
        """Forget what was reported (a new build of a serving process reports again)."""
        self._seen.clear()
