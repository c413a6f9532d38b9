"""sop_to_dot: swimlanes, the regulation's symbols, labelled edges, links, escaping."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from mkdocs_sop.core.model import Sop, Step, Target, TargetKind
from mkdocs_sop.core.render_dot import INK, sop_to_dot


def to(n: int) -> Target:
    return Target(TargetKind.STEP, step=n, written=str(n))


END = Target(TargetKind.END, written="selesai")


def sop(*steps: Step, pelaksana=("Pemohon", "Petugas", "Kepala")) -> Sop:
    return Sop(nomor="470/SOP/001", nama="Contoh", unit=("Dinas",), steps=steps, pelaksana=pelaksana)


def sample() -> Sop:
    return sop(
        Step("1", 1, "Mengajukan permohonan", ("Pemohon",), next=to(2)),
        Step("2", 2, "Memeriksa berkas", ("Petugas",), decision=True, question="Lengkap?", yes=to(3), no=to(1)),
        Step("3", 3, "Memverifikasi dan menandatangani", ("Kepala", "Petugas"), next=to(4)),
        Step(
            "4", 4, "Memutuskan", ("Kepala",), decision=True, yes=to(5),
            no=Target(TargetKind.SOP, sop="470/SOP/002", written="sop:470/SOP/002"),
        ),
        Step("5", 5, "Menyerahkan dokumen", ("Petugas",), decision=True, yes=END, no=to(6)),
        Step("6", 6, "Mengarsipkan", ("Petugas",), next=END),
    )


def link(nomor: str) -> str:
    return f"../sop-lain/#sop-{nomor.replace('/', '-').lower()}"


def node_line(dot: str, name: str) -> str:
    m = re.search(rf"^\s*{re.escape(name)} \[.*\]$", dot, re.M)
    assert m, f"node {name} not in DOT"
    return m.group(0)


def edge_line(dot: str, tail: str, head: str, needle: str = "") -> str:
    for line in dot.splitlines():
        if line.strip().startswith(f"{tail} -> {head} ") and needle in line and "invis" not in line:
            return line
    raise AssertionError(f"edge {tail} -> {head} not in DOT")


def test_golden_dot(golden):
    golden("dot/sample.dot", sop_to_dot(sample(), {"yes": "Ya", "no_branch": "Tidak"}, link))


def test_deterministic_across_processes():
    from fresh import fresh_outputs

    here = sop_to_dot(sample(), {"yes": "Ya"}, link)
    code = ("import sys; from test_render_dot import sample, link; from mkdocs_sop.core.render_dot import "
            "sop_to_dot; sys.stdout.write(sop_to_dot(sample(), {'yes': 'Ya'}, link))")
    assert fresh_outputs(code) == [here, here]


def test_every_symbol_shape():
    dot = sop_to_dot(sample(), {}, link)
    first = node_line(dot, "s1_1")
    assert "shape=box" in first and "rounded" in first and "sop-terminator" in first
    assert "shape=diamond" in node_line(dot, "s2_2") and "sop-decision" in node_line(dot, "s2_2")
    process = node_line(dot, "s3_3")
    assert "shape=box" in process and "rounded" not in process and "sop-process" in process
    last = node_line(dot, "s6_2")
    assert "rounded" in last and "sop-terminator" in last
    conn = node_line(dot, "c4_tidak")
    assert "shape=invhouse" in conn and "sop-connector" in conn  # pentagon pointing down
    assert 'URL="../sop-lain/#sop-470-sop-002"' in conn
    assert "Berlanjut ke SOP 470/SOP/002" in conn


def test_decision_edges_labelled_and_back_edges_do_not_rank():
    dot = sop_to_dot(sample(), {"yes": "Y", "no_branch": "T"}, link)
    yes = edge_line(dot, "s2_2", "s3_3")
    assert "label=Y " in yes and "sop-edge-ya" in yes
    # a loop back is laid out as a downward edge with its arrow reversed (dir=back)
    back = back_edge_line(dot, "s1_1", "s2_2")
    assert "label=T " in back and "dir=back" in back and "sop-edge-back" in back
    assert "label=T " in edge_line(dot, "s4_3", "c4_tidak")
    # a plain {"yes", "no"} mapping works too, and the defaults are Ya / Tidak
    assert "label=Tidak" in back_edge_line(sop_to_dot(sample()), "s1_1", "s2_2")
    assert "label=N " in back_edge_line(sop_to_dot(sample(), {"yes": "J", "no": "N"}), "s1_1", "s2_2")


def back_edge_line(dot: str, tail: str, head: str) -> str:
    return next(line for line in dot.splitlines()
                if line.strip().startswith(f"{tail} -> {head} ") and "sop-edge-back" in line)


def test_end_branch_of_a_decision_gets_an_end_mark_and_end_steps_no_edge():
    dot = sop_to_dot(sample(), {"end": "Selesai"}, link)
    mark = node_line(dot, "e5_ya")
    assert "label=Selesai" in mark and "sop-end" in mark
    assert "label=Ya" in edge_line(dot, "s5_2", "e5_ya")
    assert not any(line.strip().startswith("s6_2 -> ") and "invis" not in line for line in dot.splitlines())


def test_lanes_in_pelaksana_order_and_multi_actor_steps_joined():
    dot = sop_to_dot(sample(), {}, link)
    titles = re.findall(r"^\s*(lane\d) \[label=(\w+)", dot, re.M)
    assert titles == [("lane1", "Pemohon"), ("lane2", "Petugas"), ("lane3", "Kepala")]
    assert "lane1 -> lane2 [style=invis]" in dot and "lane2 -> lane3 [style=invis]" in dot
    # step 3 is done by Kepala (first: the flow goes through it) and Petugas
    assert "sop-shared" in node_line(dot, "s3_2")
    join = edge_line(dot, "s3_2", "s3_3", "sop-join")
    assert "dir=none" in join and "style=dashed" in join
    assert "sop-edge-ya" in edge_line(dot, "s2_2", "s3_3")  # into the first actor's node


def test_actor_missing_from_the_list_still_gets_a_lane():
    dot = sop_to_dot(sop(Step("1", 1, "A", ("Tamu",), next=END), pelaksana=("Pemohon",)))
    assert re.search(r"lane2 \[label=Tamu", dot)


def test_hostile_text_is_escaped():
    nasty = 'Klik <script>alert("x")</script> & \\N \\l "kutip" C:\\dir\\\nbaris\tbaru \x00\x07'
    s = sop(
        Step("1", 1, nasty, ('Aktor "A" \\',), next=Target(TargetKind.SOP, sop='X"\\Y', written="")),
        pelaksana=('Aktor "A" \\',),
    )
    dot = sop_to_dot(s, {"yes": "<b>Ya</b>", "no_branch": "Tidak"}, lambda n: 'javascript:alert("1")')
    label = node_line(dot, "s1_1")
    assert "\x00" not in dot and "\x07" not in dot and "baris baru" in label and "\tbaru" not in label
    assert "\\\\N" in label and "\\\\l" in label  # backslashes doubled: no DOT escapes
    assert '\\"kutip\\"' in label  # quotes escaped
    assert "&amp;" in label  # & literal, not an entity Graphviz would decode
    assert "C:\\\\dir\\\\" in label  # a trailing backslash cannot eat the closing quote
    assert "URL" not in node_line(dot, "c1_next")  # javascript: links dropped
    assert 'label="Aktor \\"A\\" \\\\"' in dot
    # labels never become HTML-like labels
    assert "label=<" not in dot


@pytest.mark.skipif(not shutil.which("dot"), reason="needs Graphviz dot")
def test_hostile_text_survives_graphviz_literally():
    nasty = 'A <script>x</script> & &lt; \\N "q" end\\'
    s = sop(Step("1", 1, nasty, ("P",), next=END), pelaksana=("P",))
    out = subprocess.run(["dot", "-Tsvg"], input=sop_to_dot(s).encode(), capture_output=True, check=True)
    svg = out.stdout.decode()
    assert "<script>" not in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    import html

    shown = " ".join(html.unescape(t) for t in texts).replace("-", "-")
    assert "<script>x</script>" in shown and "& &lt;" in shown and "\\N" in shown and "end\\" in shown
    titles = " ".join(html.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', svg))
    assert "\\N" in titles and "s1_1" not in titles  # tooltips too


def test_colours_follow_the_theme():
    dot = sop_to_dot(sample(), {}, link)
    assert INK in dot
    assert not re.search(r"(?i)\b(black|white|#000000|#ffffff)\b", dot)
    assert "bgcolor=transparent" in dot


def test_memo_follows_links_and_labels():
    s = sample()
    a = sop_to_dot(s, {}, lambda n: "../a/")
    assert sop_to_dot(s, {}, lambda n: "../a/") is a  # remembered
    assert 'URL="../b/"' in sop_to_dot(s, {}, lambda n: "../b/")
    assert "URL=" not in node_line(sop_to_dot(s, {}, lambda n: None), "c4_tidak")
    assert "label=Y " in sop_to_dot(s, {"yes": "Y"}, lambda n: "../a/")
