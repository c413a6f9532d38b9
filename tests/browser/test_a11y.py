"""Accessibility: axe-core (npm) run in the page, and the text a screen reader gets from the
flowchart table and the diagram.

axe runs over the whole page; what it finds inside the content area (``.md-content``: our
SOP and catalogue output) fails the test. Findings in the theme's own chrome (Material's
header, search dialog, navigation, footer) are written to
``test-output/browser/axe-theme.json`` and reported, not failed: the plugin does not
make that markup.
"""

from __future__ import annotations

import json

import pytest

from browser_support import KK, PERDA, choose_dark

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
      inContent: (() => { try { const el = document.querySelector(n.target[0]);
                                return !!(el && el.closest('.md-content')); } catch (e) { return false; } })()}))}));
}"""

PAGES = [(KK, "light"), (KK, "dark"), (PERDA, "light"), ("katalog/", "light"), ("katalog/", "dark"),
         ("katalog/unit/", "light"), ("katalog/unit/", "dark"),
         ("katalog/pelaksana/", "light"), ("katalog/dasar-hukum/", "light"), ("", "light"),
         ("katalog/monev/", "light"), ("katalog/monev/", "dark"),
         ("katalog/monev/unit/dinas-kependudukan-dan-pencatatan-sipil/", "light"),
         ("katalog/monev/unit/dinas-kependudukan-dan-pencatatan-sipil/monitoring-2026-s1/", "light"),
         ("katalog/monev/evaluasi/2023-11-22-2023-11-evaluasi-kk/", "dark")]
THEME_FINDINGS: dict[str, list] = {}


def _id(p) -> str:
    path, scheme = p.values if hasattr(p, "values") else p
    return f"{path or 'home'}-{scheme}"


@pytest.mark.parametrize("path,scheme", PAGES, ids=[_id(p) for p in PAGES])
def test_axe_finds_nothing_in_our_content(new_page, site_dir, axe_script, artifacts, path, scheme):
    if path.startswith("katalog") and not (site_dir / path / "index.html").exists():
        pytest.skip(f"no {path} in this site")
    w = new_page(width=1400, height=900)
    w.goto(path)
    if scheme == "dark":
        choose_dark(w.page)
    w.page.add_script_tag(path=str(axe_script))
    violations = w.page.evaluate(RUN_AXE, TAGS)
    ours, theirs = [], []
    for v in violations:
        for node in v["nodes"]:
            (ours if node["inContent"] else theirs).append(
                f"[{v['impact']}] {v['id']}: {v['help']} — {node['target']}: {node['summary'].splitlines()[-1].strip()}")
    THEME_FINDINGS[f"{path or 'home'} ({scheme})"] = sorted(set(theirs))
    (artifacts / "axe-theme.json").write_text(json.dumps(THEME_FINDINGS, indent=1, ensure_ascii=False),
                                              encoding="utf-8")
    assert not ours, "\n".join(ours)


def test_screen_reader_hears_step_actor_activity_and_branches(new_page):
    """The accessibility tree of a decision row: the step number, the activity, the
    question, both branches in words, and the actor of the symbol."""
    w = new_page(width=1400, height=900)
    w.goto(KK)
    row = w.page.locator("tr[data-step='2']")
    tree = row.aria_snapshot()
    for needed in ("2", "Menerima berkas permohonan", "Berkas lengkap dan sah?", "Ya:", "ke langkah 3",
                   "Tidak:", "ke langkah 1", "Langkah 2: Petugas Loket"):
        assert needed in tree, f"{needed!r} not in the accessibility tree of step 2:\n{tree}"
    # drawing-only pieces stay out of it
    assert "Ya" not in row.locator(".lbl").first.evaluate("e => e.getAttribute('aria-hidden') === 'true' ? '' : 'Ya'")
    # the table is a labelled, focusable scroll region with real column headers
    region = w.page.get_by_role("region", name="Diagram alir")
    assert region.count() == 1
    headers = w.page.locator("table.sop-flowchart").first.get_by_role("columnheader")
    names = [h.inner_text().strip() for h in headers.all()]
    for name in ("No", "Kegiatan", "Pemohon", "Petugas Loket", "Kelengkapan", "Waktu", "Output"):
        assert name in names, names


def test_diagram_has_a_name(new_page):
    w = new_page(width=1400, height=900)
    w.goto(KK)
    svg = w.page.locator(".sop-diagram svg")
    if svg.count() == 0:
        pytest.skip("no Graphviz engine: the diagram is not in the page")
    name = svg.first.evaluate("""s => { const id = s.getAttribute('aria-labelledby');
        return s.getAttribute('aria-label') || (id && document.getElementById(id).textContent)
               || (s.querySelector(':scope > title') || {}).textContent || ''; }""")
    assert "Penerbitan Kartu Keluarga Baru" in name or "Diagram" in name, name
