"""The SOP form for editors: one page of the handbook and its assets.

The form is a page of the built site (no server beyond the intranet's web server or
shared drive): the editor fills the identity grid, the actor list and one row per step as
on paper, and the page's script (``assets/form/sop-form.js``) writes the ``sop`` block as
``mkdocs-sop fmt`` would, checks it as it is typed, previews the flowchart table, loads a
page back and saves it by download or into the file itself where the browser allows.
Why this route and not a git-based CMS: ``docs/formulir.md``.

Every word is in the site's language (:mod:`.form_texts`; labels from the site's label
set); steps may hold sub-steps (``sub:``), edited like steps. Both the MkDocs plugin and a
generator-independent step can emit it: :func:`form_assets`
gives every file by its path in the site, :func:`form_page` the page's Markdown, whose
markup is built as an element tree (labels are escaped like any other text).
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from importlib import resources
from typing import Mapping
from urllib.parse import quote

from .core.htmltree import el
from .core.messages import language_of
from .form_texts import form_texts
from .schema import schema_text

FORM_PAGE = "formulir-sop.md"
ASSET_DIR = "assets/mkdocs-sop/form"
_SOURCES = ("sop-form.js", "sop-form.css", "vendor/js-yaml.min.js", "vendor/ajv2020.min.js",
            "vendor/LICENSE-js-yaml.txt", "vendor/LICENSE-ajv.txt")
_SCRIPTS = ("vendor/js-yaml.min.js", "vendor/ajv2020.min.js", "sop-schema.js", "sop-form.js")

# (field, label key or text name, kind); kind: text, list (one item per line), choice
_IDENTITY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("nomor", "nomor", "text"),
    ("nama", "nama", "text"),
    ("unit", "field-unit", "list"),
    ("instansi", "field-instansi", "text"),
    ("tanggal_pembuatan", "tanggal_pembuatan", "text"),
    ("tanggal_revisi", "tanggal_revisi", "text"),
    ("tanggal_efektif", "tanggal_efektif", "text"),
    ("jenis", "jenis", "choice"),
    ("kategori", "kategori", "choice"),
    ("format", "field-format", "choice"),
    ("status", "status", "choice"),
    ("dasar_hukum", "dasar_hukum", "list"),
    ("kualifikasi_pelaksana", "kualifikasi_pelaksana", "list"),
    ("keterkaitan", "keterkaitan", "list"),
    ("peralatan_perlengkapan", "peralatan_perlengkapan", "list"),
    ("peringatan", "peringatan", "list"),
    ("pencatatan_pendataan", "pencatatan_pendataan", "list"),
)
# field -> (value, text name); "" is "not written" (the format's default)
_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "jenis": (("", "choice-jenis-default"), ("administratif", "choice-jenis-administratif"),
              ("teknis", "choice-jenis-teknis")),
    "kategori": (("", "\u2014"), ("pelayanan", "choice-kategori-pelayanan"), ("rutin", "choice-kategori-rutin"),
                 ("penugasan", "choice-kategori-penugasan")),
    "format": (("", "choice-format-default"), ("diagram-alir", "choice-format-diagram-alir"),
               ("langkah-sederhana", "choice-format-langkah-sederhana"),
               ("langkah-berjenjang", "choice-format-langkah-berjenjang")),
    "status": (("", "choice-status-default"), ("berlaku", "choice-status-berlaku"), ("draf", "choice-status-draf"),
               ("dicabut", "choice-status-dicabut"), ("digantikan", "choice-status-digantikan")),
}
_HINTED = ("tanggal_pembuatan", "nomor", "keterkaitan", "dasar_hukum")
_APPROVAL = ("jabatan", "nama", "pangkat", "nip")
_STEP_HEADS = ("no", "kegiatan", "pelaksana", "head-flow", "kelengkapan", "waktu", "output", "keterangan", "")
# the labels the script shows (preview columns, field names in messages), from the site's label set
_SCRIPT_LABELS = ("no", "kegiatan", "pelaksana", "mutu_baku", "kelengkapan", "waktu", "output", "keterangan",
                  "nomor", "nama", "unit", "langkah", "keputusan", "yes", "no_branch", "end", "substep")


def form_assets() -> dict[str, str]:
    """Every file of the form by its path in the site (the script, its style, the libraries, the schema)."""
    base = resources.files("mkdocs_sop").joinpath("assets", "form")
    files = {posixpath.join(ASSET_DIR, name): base.joinpath(name).read_text(encoding="utf-8")
             for name in _SOURCES}
    schema = json.loads(schema_text())
    # a script, not a JSON fetch: the handbook also opens from a shared drive (file://)
    files[posixpath.join(ASSET_DIR, "sop-schema.js")] = (
        "window.SOP_SCHEMA = " + json.dumps(schema, ensure_ascii=False, sort_keys=True) + ";\n")
    return files


def form_page(page_path: str, labels: Mapping[str, str], use_directory_urls: bool = True,
              guide: str = "", language: str = "id") -> str:
    """The form page's Markdown for a page at ``page_path`` (a ``.md`` path in the docs folder).

    ``labels``: the site's label set (core/labels.py); ``language``: that of every other word
    of the form (form_texts.py); ``guide``: the ``.md`` path (in the docs folder) of the page
    explaining the form, linked from the introduction.

    Its scripts are raw HTML, which no generator rewrites, so their addresses are made
    relative to where the page is served (``formulir-sop/`` with directory URLs).
    """
    texts = form_texts(language)
    served_in = posixpath.dirname(page_path)
    stem = posixpath.splitext(posixpath.basename(page_path))[0]
    if use_directory_urls and stem not in ("index", "README"):
        served_in = posixpath.join(served_in, stem)
    base = _relative(served_in, ASSET_DIR) + "/"
    intro = texts["intro"]
    if guide:
        url = quote(_relative(posixpath.dirname(page_path), guide))
        intro += " " + texts["intro-guide"].format(guide=texts["guide-name"], url=url)
    markup = ET.tostring(_Form(labels, texts).build(base, language), encoding="unicode", method="html")
    scripts = "\n".join(f'<script src="{base}{name}"></script>' for name in _SCRIPTS)
    return (f"---\nhide:\n  - toc\n---\n\n# {texts['title']}\n\n{intro}\n\n"
            f'<link rel="stylesheet" href="{base}sop-form.css">\n\n{markup}\n\n{scripts}\n')


def _relative(from_dir: str, path: str) -> str:
    return posixpath.relpath(path, from_dir or ".")


class _Form:
    """The form's markup, its words taken from the site's labels, then from the form's texts."""

    def __init__(self, labels: Mapping[str, str], texts: Mapping[str, str]) -> None:
        self.labels = labels
        self.texts = texts

    def word(self, key: str) -> str:
        """The site's label for a key (renamed labels included), else the form's text, else the key."""
        return self.labels.get(key) or self.texts.get(key, key)

    def build(self, base: str, language: str) -> ET.Element:
        t = self.texts
        script_words = {**t, **{f"label-{k}": self.word(k) for k in _SCRIPT_LABELS}}
        root = el("div", {"id": "sop-form-editor", "lang": language_of(language),
                          "data-texts": json.dumps(script_words, ensure_ascii=False, sort_keys=True)},
                  cls="sop-form")
        self.toolbar(root)
        self.identity(root)
        actors = el("section", parent=root, cls="sop-form-actor-list")
        el("h2", text=t["section-actors"], parent=actors)
        wrap = el("label", parent=actors)
        el("span", text=t["actors-label"], parent=wrap)
        el("textarea", {"data-field": "actors", "rows": "4"}, parent=wrap)
        self.steps(root)
        check = el("section", parent=root, cls="sop-form-check")
        el("h2", text=t["section-check"], parent=check)
        el("p", {"role": "status"}, parent=check, cls="sop-form-verdict")
        el("ul", parent=check, cls="sop-form-problems")
        preview = el("section", parent=root)
        el("h2", text=t["section-preview"], parent=preview)
        el("p", text=t["preview-hint"], parent=preview, cls="sop-form-hint")
        el("div", parent=preview, cls="sop-form-preview")
        result = el("section", parent=root)
        el("h2", text=t["section-result"], parent=result)
        el("pre", {"aria-label": t["result-label"]}, parent=result, cls="sop-form-yaml")
        return root

    def toolbar(self, root: ET.Element) -> None:
        t = self.texts
        bar = el("div", {"role": "toolbar", "aria-label": t["files"]}, parent=root, cls="sop-form-bar")
        for action in ("open", "download", "save", "copy", "new"):
            el("button", {"type": "button", "data-action": action}, t[action], parent=bar)
        el("input", {"type": "file", "accept": ".md,.markdown,.yaml,.yml", "hidden": "hidden",
                     "aria-label": t["open"]}, parent=bar, cls="sop-form-file")
        el("p", {"role": "status", "aria-live": "polite"}, parent=root, cls="sop-form-status")
        paste = el("details", parent=root, cls="sop-form-paste-box")
        el("summary", text=t["paste-summary"], parent=paste)
        el("textarea", {"rows": "6", "aria-label": t["paste-label"]}, parent=paste, cls="sop-form-paste")
        el("button", {"type": "button", "data-action": "load-text"}, t["load-text"], parent=paste)

    def identity(self, root: ET.Element) -> None:
        identity = el("section", parent=root, cls="sop-form-identity")
        el("h2", text=self.texts["section-identity"], parent=identity)
        grid = el("div", parent=identity, cls="sop-form-grid")
        for field, label, kind in _IDENTITY_FIELDS:
            self.identity_field(grid, field, self.word(label), kind)
        approval = el("fieldset", parent=identity, cls="sop-form-approval")
        el("legend", text=self.word("disahkan_oleh"), parent=approval)
        for key in _APPROVAL:
            wrap = el("label", parent=approval)
            el("span", text=self.texts[f"approval-{key}"], parent=wrap)
            el("input", {"type": "text", "data-field": f"approval-{key}"}, parent=wrap)

    def identity_field(self, grid: ET.Element, field: str, label: str, kind: str) -> None:
        wrap = el("label", parent=grid, cls=f"sop-form-field sop-form-{kind}")
        el("span", text=label, parent=wrap)
        if kind == "choice":
            select = el("select", {"data-field": field}, parent=wrap)
            for value, text in _CHOICES[field]:
                el("option", {"value": value}, self.word(text), parent=select)
        elif kind == "list":
            el("textarea", {"data-field": field, "rows": "3" if field == "unit" else "2"}, parent=wrap)
        else:
            el("input", {"type": "text", "data-field": field}, parent=wrap)
        if field in _HINTED:
            el("small", text=self.texts[f"hint-{field}"], parent=wrap)

    def steps(self, root: ET.Element) -> None:
        t = self.texts
        steps = el("section", parent=root)
        el("h2", text=t["section-steps"], parent=steps)
        el("p", text=t["steps-hint"], parent=steps, cls="sop-form-hint")
        scroll = el("div", {"tabindex": "0", "role": "region", "aria-label": t["steps-region"]}, parent=steps,
                    cls="sop-form-scroll")
        table = el("table", parent=scroll, cls="sop-form-steps")
        head = el("tr", parent=el("thead", parent=table))
        for key in _STEP_HEADS:
            el("th", {"scope": "col"}, self.word(key) if key else "", parent=head)
        el("tbody", parent=table)
        el("button", {"type": "button", "data-action": "add"}, t["add-step"], parent=steps)


__all__ = ["FORM_PAGE", "ASSET_DIR", "form_assets", "form_page"]
