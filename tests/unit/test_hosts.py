"""The page's context read from what each host gives a Markdown instance (Zensical, MkDocs)."""

from __future__ import annotations

import markdown
import pytest
from zensical.extensions.context import ContextExtension, Page

from mkdocs_sop.adapters.hosts import front_matter_lines, page_context
from mkdocs_sop.adapters.markdown import SopError, SopExtension

BROKEN = "---\ntitle: Rusak\nhide: [footer]\n---\n\n# Rusak\n\n```sop\nnomor: X/1\nnama: R\nunit: U\nlangkah:\n" \
         "  - kegiatan: a\n    pelaksana: P\n    kep: salah\n```\n"
BODY = BROKEN.split("---\n\n", 1)[1]  # what Zensical hands the extensions: no front matter


def zensical_markdown(docs, path: str, **settings) -> markdown.Markdown:
    page = Page(url=path.replace(".md", "/"), path=path, meta={"title": "Rusak", "hide": ["footer"]})
    return markdown.Markdown(extensions=[ContextExtension(page=page, config={"docs_dir": str(docs)}),
                                         SopExtension(diagram=False, **settings)])


def test_zensical_page_path_url_meta_and_front_matter_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "unit").mkdir(parents=True)
    (tmp_path / "docs" / "unit" / "rusak.md").write_text(BROKEN, encoding="utf-8")
    md = zensical_markdown(tmp_path / "docs", "unit/rusak.md")
    page = page_context(md, BODY)
    assert page.src_path == "docs/unit/rusak.md"
    assert page.line_offset == 5  # four lines of front matter and the blank line after
    assert page.url == "unit/rusak.md"  # Zensical rebases links from the source file
    assert page.meta["title"] == "Rusak"


def test_an_sop_error_fails_zensical_build_naming_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rusak.md").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SopError, match=r"^docs/rusak\.md:15: error: .*\[unknown-key\]"):
        zensical_markdown(tmp_path / "docs", "rusak.md").convert(BODY)
    # a preview: the page renders with its error box, and the table of contents is hidden
    md = zensical_markdown(tmp_path / "docs", "rusak.md", fail_on_error=False)
    html = md.convert(BODY)
    assert 'class="sop-error' in html
    context = md.preprocessors["rendering_context"].page
    assert context.meta["hide"] == ["footer", "toc"]


def test_plain_python_markdown_has_no_page_and_never_raises():
    html = markdown.markdown(BODY, extensions=[SopExtension(diagram=False)])
    assert 'class="sop-error' in html and "mkdocs-sop" not in html


@pytest.mark.parametrize(("raw", "given", "expected"), [
    ("---\ntitle: x\n---\n\n\n# H\n\nteks\n", "# H\n\nteks\n", 5),
    ("---\ntitle: x\n---\n\n\n# H\n\nteks\n", "\n\n# H\n\nteks\n", 3),
    ("Title: x\nAuthor: y\n\n# H\n\nteks\n", "# H\n\nteks\n", 3),  # MultiMarkdown meta (MkDocs)
    ("# H\n\nteks\n", "# H\n\nteks\n", 0),
])
def test_front_matter_lines(tmp_path, raw, given, expected):
    (tmp_path / "p.md").write_text(raw, encoding="utf-8")
    assert front_matter_lines(str(tmp_path / "p.md"), given) == expected
