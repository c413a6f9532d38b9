"""Total time as an auditor reads it (issue 12 item 2): alternatives are a range, the
flow's total runs from the fastest to the slowest path, untimed steps are named, and
calendar and working days never merge."""

from __future__ import annotations

from mkdocs_sop.core.flowtime import flow_time, steps_time
from mkdocs_sop.core.model import walk_steps
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.timeparse import Amount, format_duration


def make_sop(steps: str, fmt: str = ""):
    extra = f"format: {fmt}\n" if fmt else ""
    result = parse_block('nomor: "470/1"\nnama: Uji\nunit: Dinas\n' + extra + "langkah:\n" + steps, "t.md", 1)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.sop


def st(kegiatan: str, waktu: str = "", **keys) -> str:
    out = f"  - kegiatan: {kegiatan}\n    pelaksana: A\n"
    if waktu:
        out += f"    waktu: \"{waktu}\"\n"
    return out + "".join(f"    {k}: {v}\n" for k, v in keys.items())


def test_alternatives_in_one_cell_are_a_range_not_a_sum():
    sop = make_sop(st("a", "1 hari kerja")
                   + st("b", "7 hari kerja (Pembina Tk. I, III/d); 14 hari kerja (Pembina Utama Muda, IV/a)")
                   + st("c", "2 hari kerja"))
    time = flow_time(sop)
    assert time.total.low == Amount(working_days=10)
    assert time.total.high == Amount(working_days=17)
    assert format_duration(time.total) == "10 hari kerja – 17 hari kerja"


def test_a_shortcut_branch_does_not_hide_the_long_path():
    # the "ya" branch skips the long review: the old "main path" reported 45 menit
    sop = make_sop(st("terima", "15 menit")
                   + st("lengkap?", keputusan="Berkas lengkap?", ya=4, tidak=3)
                   + st("kaji ulang", "5 hari kerja")
                   + st("serahkan", "30 menit"))
    time = flow_time(sop)
    assert time.total.low == Amount(minutes=45)
    assert time.total.high == Amount(minutes=45, working_days=5)
    assert time.over_paths
    assert [s.number for s in time.untimed] == ["2"]


def test_a_loop_counts_at_most_once():
    sop = make_sop(st("isi", "1 jam")
                   + st("periksa", "30 menit", keputusan="Benar?", ya=3, tidak=1)
                   + st("sahkan", "10 menit"))
    time = flow_time(sop)
    assert time.total.low == Amount(minutes=100)  # straight through
    assert time.total.high == Amount(minutes=190)  # back to the start once, then through


def test_untimed_and_unreadable_steps_are_named():
    sop = make_sop(st("a", "10 menit") + st("b") + st("c", "segera") + st("d"))
    time = flow_time(sop)
    assert time.total.low == Amount(minutes=10) and not time.over_paths
    assert [s.number for s in time.untimed] == ["2", "4"]
    assert [s.number for s in time.unreadable] == ["3"]


def test_working_and_calendar_days_never_add_into_one_number():
    sop = make_sop(st("a", "3 hari") + st("b", "2 hari kerja"))
    total = flow_time(sop).total
    assert total.low == Amount(days=3, working_days=2)
    assert format_duration(total) == "3 hari + 2 hari kerja"


def test_step_list_adds_every_leaf_in_order():
    sop = make_sop("  - kegiatan: induk\n    pelaksana: A\n    sub:\n"
                   "      - kegiatan: x\n        waktu: 5 menit\n"
                   "      - kegiatan: y\n        waktu: 10 menit\n"
                   + st("z", "1 jam"), fmt="langkah-berjenjang")
    time = flow_time(sop)
    assert time.total.low == time.total.high == Amount(minutes=75)
    assert [s.number for s in walk_steps(sop.steps)] == ["1", "1.1", "1.2", "2"]


def test_no_time_anywhere_gives_no_total():
    sop = make_sop(st("a") + st("b"))
    assert flow_time(sop).total is None
    assert steps_time(sop.steps).total is None


def test_the_page_footer_says_what_the_total_covers():
    from mkdocs_sop.core.labels import label_set
    from mkdocs_sop.core.render_html import RenderOptions, render_sop, to_html
    sop = make_sop(st("terima", "15 menit")
                   + st("lengkap?", keputusan="Berkas lengkap?", ya=4, tidak=3)
                   + st("kaji ulang", "5 hari kerja")
                   + st("serahkan", "30 menit"))
    html = to_html(render_sop(sop, RenderOptions(labels=label_set("id"), diagram=False)))
    assert "Total waktu</th>" in html and "jalur utama" not in html
    assert "45 menit – 5 hari kerja 45 menit" in html
    assert "dari jalur tercepat sampai jalur terlama" in html
    assert "1 langkah tanpa waktu: 2" in html
