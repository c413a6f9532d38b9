"""What an official printed copy holds: a site's choices, handed to the page as a script and a style.

An official copy is the identity grid and the flowchart table; a site may leave the
Graphviz diagram sheet out, and print the page's address under ``site_url`` (the address
staff can type) instead of the one the printing computer opened (``localhost`` while
editing, a file path on a shared drive). ``sop.js`` reads the choice; ``sop.css`` does the
rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

SCRIPT_URI = "assets/mkdocs-sop/sop-print.js"
STYLE_URI = "assets/mkdocs-sop/sop-print.css"
ADDRESSES = ("site_url", "page", "none")


@dataclass(frozen=True)
class PrintChoices:
    diagram: bool = True  # print the Graphviz diagram sheet after the flowchart table
    address: str = "site_url"  # the footer's address: site_url (when set), page (as opened), none

    def script(self) -> str:
        """``window.SOP_PRINT`` for sop.js (loaded before it)."""
        return "window.SOP_PRINT = " + json.dumps({"address": self.address}, sort_keys=True) + ";\n"

    def style(self) -> str:
        """Print rules that follow the choices (empty rules when nothing is left out)."""
        rules = ["/* mkdocs-sop: what an official printed copy holds (print_* settings of mkdocs.yml) */"]
        if not self.diagram:
            rules.append("@media print { .sop-diagram { display: none !important; } }")
        return "\n".join(rules) + "\n"


__all__ = ["PrintChoices", "SCRIPT_URI", "STYLE_URI", "ADDRESSES"]
