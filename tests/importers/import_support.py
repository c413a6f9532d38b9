"""Helpers of the importer tests: import a built file, lint and render the pages it gave."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markdown
from lxml import html as lxml_html

from mkdocs_sop.importers import import_paths

from office_fixtures import SopSpec


@dataclass
class Imported:
    lines: list[str]
    pages: list[Path]

    @property
    def report(self) -> str:
        return "\n".join(self.lines)

    def text(self, index: int = 0) -> str:
        return self.pages[index].read_text(encoding="utf-8")


def run_import(source: Path, out: Path, language: str = "id") -> Imported:
    result = import_paths([str(source)], str(out), language)
    return Imported(result.lines, [Path(p) for p in result.written])


def lint(folder: Path):
    """What `mkdocs-sop lint` says about the folder: the same parser and site-wide checks."""
    from mkdocs_sop.cli import check_sources, walk_sources

    return check_sources(walk_sources([str(folder)], None))


def render(page: Path) -> lxml_html.HtmlElement:
    text = page.read_text(encoding="utf-8")
    out = markdown.markdown(text, extensions=["mkdocs_sop"], extension_configs={"mkdocs_sop": {"diagram": False}})
    return lxml_html.fromstring(f"<div>{out}</div>")


@dataclass(frozen=True)
class RenderedStep:
    actors: tuple[str, ...]
    symbol: str
    branches: tuple[str, ...]  # "Tidak: Langkah 1" as a reader sees it


def rendered_steps(tree) -> list[RenderedStep]:
    out = []
    for row in tree.xpath("//table[contains(@class,'sop-flowchart')]//tr[@data-step]"):
        cells = row.xpath(".//td[@data-actor]")
        branches = tuple(" ".join(b.text_content().split()) for b in row.xpath(".//*[@class='sop-branch']"))
        out.append(RenderedStep(tuple(c.get("data-actor") for c in cells),
                                cells[0].get("data-symbol") if cells else "", branches))
    return out


def expected_symbols(spec: SopSpec) -> list[str]:
    """The symbols the source draws, which the rendered page must show."""
    return [{"terminator": "terminator", "process": "process", "decision": "decision"}[s.symbol] for s in spec.steps]
