"""Parse each block once per build (and, with a disk cache, once per change)."""

from __future__ import annotations

from .cache import BlockCache, digest
from .limits import DEFAULT_LIMITS, Limits
from .messages import make
from .model import Diagnostic, ParseResult, Sop
from .parse import parse_block


class ParseMemo:
    """``parse_block`` remembered by (text, place, language, institution).

    A block read by the catalogue step and rendered on its page is parsed once. The memo
    also remembers which text each parsed SOP came from, for the fragment cache's keys:
    it keeps every result alive, so an SOP object's identity stays valid while it lives.

    ``earlier``: the memo of the previous build in this process (``mkdocs serve`` makes a
    new renderer for each rebuild): its results are taken as they are when the settings
    match, so after a save only the saved SOP is parsed again, with no file read and no
    unpickling for the others.
    """

    def __init__(self, *, language: str, institution: str = "", cache: BlockCache | None = None,
                 limits: Limits = DEFAULT_LIMITS, earlier: "ParseMemo | None" = None) -> None:
        self.language = language
        self.institution = institution
        self.limits = limits
        self.cache = cache
        self._parsed: dict[tuple, ParseResult] = {}
        self._body_of: dict[int, str] = {}
        same = earlier is not None and (earlier.language, earlier.institution, earlier.limits) == (
            language, institution, limits)
        self._earlier: dict[tuple, ParseResult] = earlier._parsed if same else {}

    def parse(self, body: str, path: str, first_line: int) -> ParseResult:
        key = (body, path, first_line)
        result = self._parsed.get(key)
        if result is not None:
            return result
        result = self._earlier.get(key)
        if result is None:
            result = self._parse_once(body, path, first_line)
        self._parsed[key] = result
        if result.sop is not None:
            self._body_of[id(result.sop)] = body
        return result

    def _parse_once(self, body: str, path: str, first_line: int) -> ParseResult:
        """From the disk cache when it has it, else parsed (and put there)."""
        result = None
        disk_key = None
        if self.cache is not None:
            disk_key = digest("parse", self.language, self.institution, repr(self.limits), path,
                              str(first_line), body)
            result = self.cache.get(disk_key)
        if result is None:
            result = self._parse_guarded(body, path, first_line)
            if disk_key is not None:
                self.cache.put(disk_key, result)
        return result

    def _parse_guarded(self, body: str, path: str, first_line: int) -> ParseResult:
        """parse_block, with the last resort: an unexpected exception is this block's error."""
        try:
            return parse_block(body, path, first_line, default_instansi=self.institution,
                               language=self.language, limits=self.limits)
        except Exception as exc:  # noqa: BLE001 - one block never stops the site
            return ParseResult(None, (internal_error(exc, self.language, path, first_line),))

    def forget_earlier(self) -> None:
        """Drop the previous build's results (once this build has read every page)."""
        self._earlier = {}

    def body_of(self, sop: Sop) -> str | None:
        """The block text this memo parsed ``sop`` from (None: not parsed here)."""
        return self._body_of.get(id(sop))


def internal_error(exc: Exception, language: str, path: str, line: int) -> Diagnostic:
    """An unexpected exception inside one block, as that block's located error."""
    error = f"{type(exc).__name__}: {exc}"
    return make("internal-error", language, path=path, line=line,
                error=error if len(error) <= 200 else error[:199] + "…")
