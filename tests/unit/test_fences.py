"""Finding ``sop`` fences in Markdown: line numbers, indentation, other fences, unclosed blocks."""

from __future__ import annotations

import pytest

from mkdocs_sop.core.fences import find_blocks


def blocks(text: str):
    return find_blocks(text.splitlines())


def test_one_block_with_lines():
    text = "# T\n\nteks\n\n```sop\nnomor: '1'\nnama: x\n```\n\nakhir\n"
    (b,) = blocks(text)
    assert (b.start, b.end, b.closed, b.indent) == (4, 7, True, "")
    assert b.body == "nomor: '1'\nnama: x"
    assert b.first_body_line == 6
    assert text.splitlines()[b.first_body_line - 1] == "nomor: '1'"


@pytest.mark.parametrize("opener", ["```sop", "``` sop", "~~~sop", "````sop", "```sop title=x",
                                    "```{.sop}", "```.sop"])
def test_info_string_forms(opener):
    closer = opener[:4] if opener.startswith("````") else opener[:3]
    (b,) = blocks(f"{opener}\na: 1\n{closer}\n")
    assert b.closed and b.body == "a: 1"


@pytest.mark.parametrize("opener", ["```sops", "```python", "```", "```yaml sop", "``sop"])
def test_not_sop(opener):
    assert blocks(f"{opener}\na: 1\n```\n") == []


def test_several_blocks_and_other_fences_skipped_whole():
    text = ("```python\n```sop\nprint()\n```\n"  # an sop opener inside a python fence is code
            "```sop\na: 1\n```\n"
            "~~~\n```sop\n~~~\n"
            "```sop\nb: 2\n```\n")
    found = blocks(text)
    assert [b.body for b in found] == ["a: 1", "b: 2"]
    assert [b.first_body_line for b in found] == [6, 12]


def test_example_inside_longer_markdown_fence_stays_code():
    text = "````markdown\n```sop\nnomor: '1'\n```\n````\n\n```sop\nnomor: '2'\n```\n"
    (b,) = blocks(text)
    assert b.body == "nomor: '2'" and b.first_body_line == 8


def test_closing_fence_must_be_as_long_and_same_char():
    text = "````sop\na: 1\n```\n~~~~\nb: 2\n````\n"
    (b,) = blocks(text)
    assert b.body == "a: 1\n```\n~~~~\nb: 2" and b.closed


def test_backtick_fence_with_backtick_in_info_is_not_a_fence():
    assert blocks("```sop `x`\na: 1\n```\n") == []


def test_unclosed_block():
    text = "teks\n\n```sop\nnomor: '1'\nnama: x\n"
    (b,) = blocks(text)
    assert not b.closed and b.end == len(text.splitlines()) and b.body == "nomor: '1'\nnama: x"
    assert b.first_body_line == 4


def test_indented_block_in_an_admonition_is_dedented():
    text = "!!! note\n\n    ```sop\n    nomor: '1'\n    langkah:\n      - a\n\n    ```\n"
    (b,) = blocks(text)
    assert b.indent == "    "
    assert b.body == "nomor: '1'\nlangkah:\n  - a\n"
    assert b.first_body_line == 4


def test_tabs_inside_the_body_are_kept_for_yaml_to_report():
    (b,) = blocks("```sop\nnomor: '1'\n\tnama: x\n```\n")
    assert "\tnama" in b.body
