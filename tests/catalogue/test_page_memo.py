"""Incremental catalogue: a rebuild renders again only the pages whose data changed, and
every page keeps exactly the bytes a full build gives it."""

from __future__ import annotations

import datetime as dt
import json
import os

from mkdocs_sop.catalogue.pagememo import PageMemo
from mkdocs_sop.catalogue.pages import PageOptions, build_pages, page_data
from mkdocs_sop.catalogue.registry import Catalogue, page_url
from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block


def sop(nomor: str, unit: str, actor: str, name: str | None = None) -> str:
    return (f"```sop\nnomor: {nomor}\nnama: {name or 'SOP ' + nomor}\nunit: {unit}\nlangkah:\n"
            f"  - kegiatan: Bekerja\n    pelaksana: {actor}\n    waktu: 5 menit\n```\n")


SITE = {
    "x/a.md": sop("X/1", "Dinas X", "Staf X"),
    "x/b.md": sop("X/2", "Dinas X", "Staf X"),
    "y/c.md": sop("Y/1", "Dinas Y", "Staf Y"),
    "y/d.md": sop("Y/2", "Dinas Y", "Staf Y"),
}
OPTIONS = PageOptions(labels=label_set("id"), today=dt.date(2025, 1, 1))


def catalogue(pages: dict[str, str]) -> Catalogue:
    cat = Catalogue()
    for rel, text in sorted(pages.items()):
        cat.add_page(text, rel, rel, page_url(rel), lambda body, path, line: parse_block(body, path, line))
    return cat


def texts(pages) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in pages}


def test_unchanged_site_renders_nothing_again_and_gives_the_same_bytes():
    memo = PageMemo()
    first = memo.pages(page_data(catalogue(SITE), OPTIONS))
    assert memo.rendered == len(first) > 5
    again = memo.pages(page_data(catalogue(SITE), OPTIONS))
    assert memo.rendered == 0
    assert texts(again) == texts(first) == texts(build_pages(catalogue(SITE), OPTIONS))


def test_a_renamed_sop_re_renders_only_the_pages_that_show_it():
    memo = PageMemo()
    before = texts(memo.pages(page_data(catalogue(SITE), OPTIONS)))
    edited = {**SITE, "y/d.md": sop("Y/2", "Dinas Y", "Staf Y", name="Nama Baru")}
    after = texts(memo.pages(page_data(catalogue(edited), OPTIONS)))
    assert after == texts(build_pages(catalogue(edited), OPTIONS))  # what a full build writes
    changed = {path for path in after if after[path] != before.get(path)}
    assert memo.rendered == len(changed)
    assert any("Nama Baru" in after[path] for path in changed)
    untouched = [path for path in after if "Nama Baru" not in after[path] and "Y/2" not in after[path]]
    assert untouched and not changed & set(untouched)  # pages without the SOP keep their bytes


def test_an_edited_site_template_is_used_at_once(tmp_path):
    """A site editing its own template while serving sees it at once (every page is rendered
    again: templates include each other, and a template edit is rare)."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    template = folder / "types.md.jinja"
    template.write_text("---\ntitle: Jenis\n---\n\nJenis milik situs\n", encoding="utf-8")
    memo = PageMemo()
    options = PageOptions(labels=label_set("id"), today=dt.date(2025, 1, 1), templates=(str(tmp_path),))
    before = texts(memo.pages(page_data(catalogue(SITE), options), options.templates))
    template.write_text("---\ntitle: Jenis\n---\n\nJenis milik situs, disunting\n", encoding="utf-8")
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 10**9))
    after = texts(memo.pages(page_data(catalogue(SITE), options), options.templates))
    assert [path for path in after if after[path] != before[path]] == ["katalog/jenis.md"]
    assert "disunting" in after["katalog/jenis.md"] and memo.rendered == len(after)


def test_sop_json_of_a_rebuild_is_what_a_full_build_writes_and_shows_the_edit():
    """sop.json is written one SOP at a time (the texts of unchanged SOPs kept between builds):
    its bytes stay those of one ``json.dumps(..., indent=1)`` of the whole export."""
    from mkdocs_sop.catalogue.export import JsonChunks, export_data, export_json

    chunks = JsonChunks()
    for pages, site_name in ((SITE, "Situs \x00sops\x00 \"</script>\""),
                             ({**SITE, "y/d.md": sop("Y/2", "Dinas Y", "Staf Y", name="Nama Baru")}, "")):
        data = export_data(catalogue(pages), site_name=site_name)
        text = export_json(catalogue(pages), data=data, chunks=chunks)
        assert text == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        assert json.loads(text)["site"]["name"] == (site_name or None)
    assert [s["nama"] for s in json.loads(text)["sops"]] == ["SOP X/1", "SOP X/2", "SOP Y/1", "Nama Baru"]
    empty = export_data(Catalogue())
    assert export_json(Catalogue(), data=empty, chunks=chunks) == json.dumps(empty, ensure_ascii=False, indent=1) + "\n"
