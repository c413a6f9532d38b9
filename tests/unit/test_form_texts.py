"""The form's words (form_texts.py): both languages, the same placeholders, and the page in the site's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.messages import placeholders
from mkdocs_sop.form import form_page
from mkdocs_sop.form_texts import FORM_TEXTS, form_texts


def test_every_text_has_both_languages_with_the_same_placeholders():
    for name, (en, ind) in FORM_TEXTS.items():
        assert en and ind, name
        assert placeholders(en) == placeholders(ind), name
    assert form_texts("en-GB")["verdict-good"] == "Complete: no errors."
    assert form_texts("id")["verdict-good"] == "Lengkap: tidak ada kesalahan."


def test_every_text_the_script_asks_for_exists():
    script = (re.sub(r"\s+", " ", (Path(__file__).resolve().parents[2] / "mkdocs_sop" / "assets" / "form" / "sop-form.js").read_text("utf-8")))
    asked = set(re.findall(r"""\bt\("([a-z-]+)"[,)]""", script))
    asked |= {f"label-{k}" for k in re.findall(r"""\blabel\("([a-z_]+)"\)""", script)}
    page = form_page("formulir-sop.md", label_set("en"), language="en")
    given = json.loads(re.search(r'data-texts="([^"]*)"', page).group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert asked and not asked - set(given), asked - set(given)
    assert given["label-kegiatan"] == "Activity" and given["label-unit"] == "Unit"


def test_the_page_is_in_the_sites_language_with_its_renamed_labels():
    english = form_page("formulir-sop.md", label_set("en", {"kegiatan": "Task"}), language="en")
    assert english.startswith("---\nhide:\n  - toc\n---\n\n# SOP form\n")
    assert ">1. SOP identity</h2>" in english and ">Task</th>" in english and "Langkah" not in english
    indonesian = form_page("formulir-sop.md", label_set("id"), guide="panduan/formulir.md")
    assert "# Formulir SOP\n" in indonesian and ">1. Identitas SOP</h2>" in indonesian
    assert "Cara kerja formulir ini: [Panduan formulir SOP](panduan/formulir.md)." in indonesian
