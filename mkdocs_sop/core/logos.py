"""Which logo an SOP's identity grid (and so its printed copy) carries.

An auditor holding a printed SOP reads the logo as "this institution issued it". The
site's logo therefore goes only on the site's own SOPs: an SOP whose ``instansi`` names
another institution carries that institution's logo when the site lists one under
``logos:``, and otherwise no logo at all (never the site's), with a warning at its
``instansi:`` line so the editor learns why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .messages import DEFAULT_LANGUAGE, make
from .model import Diagnostic, Sop


@dataclass(frozen=True)
class Logos:
    """The site's institution and logo, and the logos of the other institutions it publishes."""

    institution: str = ""  # the site's `institution`: SOPs naming no instansi belong to it
    site_logo: str = ""  # path of the site's logo inside the docs folder ("": none)
    others: tuple[tuple[str, str], ...] = ()  # (instansi, logo path) from the site's `logos:`

    @classmethod
    def from_settings(cls, institution: str = "", site_logo: str = "",
                      others: Mapping[str, str] | None = None) -> "Logos":
        pairs = tuple(sorted((str(k), str(v)) for k, v in (others or {}).items() if v))
        return cls(institution.strip(), site_logo or "", pairs)

    def is_foreign(self, sop: Sop) -> bool:
        """True when the SOP names an institution other than the site's."""
        return bool(self.institution and sop.instansi) and _fold(sop.instansi) != _fold(self.institution)

    def own_logo(self, sop: Sop) -> str:
        """The logo listed under ``logos:`` for the SOP's institution, or ""."""
        wanted = _fold(sop.instansi)
        return next((path for name, path in self.others if _fold(name) == wanted), "")

    def for_sop(self, sop: Sop) -> str | None:
        """The logo's path inside the docs folder; "" for no logo; None when the site has no
        logo of its own to decide with (a logo given as a URL is then used as written)."""
        if self.is_foreign(sop):
            return self.own_logo(sop)
        return self.site_logo or None

    def problems(self, sops: Iterable[Sop], language: str = DEFAULT_LANGUAGE) -> list[Diagnostic]:
        """A warning on each SOP of another institution that has no logo of its own listed."""
        if not self.site_logo:
            return []  # no logo is printed on any SOP: nothing misleading to say
        return [make("instansi-other", language, path=sop.source_path,
                     line=sop.lines.get("instansi", sop.line + 1), key="instansi",
                     instansi=sop.instansi, site=self.institution)
                for sop in sops if self.is_foreign(sop) and not self.own_logo(sop)]


def _fold(text: str) -> str:
    return " ".join(str(text).lower().split())


__all__ = ["Logos"]
