"""Flows with several loops as Chromium draws them: no two lines cross, none runs into
another's path (the layout's own model is checked in tests/unit/test_layout.py; this is what a
reader sees, measured on the drawn boxes)."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "unit"))
from test_layout import LOOPY  # noqa: E402  (the same flows as the unit tests)

GEOMETRY_JS = (Path(__file__).parent / "geometry.js").read_text(encoding="utf-8")
CSS = (Path(__file__).parents[2] / "mkdocs_sop" / "assets" / "sop.css").read_text(encoding="utf-8")
PRINT_WIDTH = round((297 - 20) / 25.4 * 96)


def _page() -> str:
    blocks = []
    for n, (name, steps) in enumerate(sorted(LOOPY.items())):
        blocks.append(f'## {name}\n\n```sop\nnomor: "L/{n}"\nnama: "{name}"\nunit: Uji\nlangkah:\n{steps}```\n')
    body = markdown.markdown("\n".join(blocks), extensions=["mkdocs_sop"])
    return f"<!doctype html><html lang=id><meta charset=utf-8><style>{CSS}</style><body>{body}</body></html>"


@pytest.mark.parametrize("width,media", [(1366, "screen"), (390, "screen"), (PRINT_WIDTH, "print")])
def test_loops_drawn_by_chromium_keep_their_lines_apart(chromium, width, media):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.emulate_media(media=media)
        page.set_content(_page(), wait_until="load")
        found = page.evaluate(GEOMETRY_JS, 2)
    finally:
        context.close()
    assert found["tables"] == len(LOOPY) and found["wires"] > 100
    assert not found["problems"], "\n".join(found["problems"])
