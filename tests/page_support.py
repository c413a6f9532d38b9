"""Pages with an sop block at a known line, for tests that check reported lines.

A module of its own (not conftest) so test files in any folder can import it.
"""

from __future__ import annotations


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


def render_at(renderer, body: str, path: str, first_line: int) -> str:
    """Render ``body`` as the block whose first YAML line is ``first_line`` of ``path``."""
    from mkdocs_sop.core.fences import Block
    from mkdocs_sop.core.page import PageContext

    start = first_line - 2
    return renderer.render_block(Block(start, start + body.count("\n") + 1, "", body, True),
                                 PageContext(src_path=path))
