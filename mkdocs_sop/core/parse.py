"""Turn one ``sop`` block (YAML text) into a :class:`Sop`, with diagnostics.

Every diagnostic carries the Markdown file's path and the line of the offending key in
that file, plus what to do. Nothing is dropped silently: unknown keys, duplicate keys
and wrong shapes are all reported. Flow checks (targets, reachability) live in
:mod:`validate`, which this module calls once the shape is right.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from typing import Any

from . import validate
from .dates import parse_flexdate
from .messages import DEFAULT_LANGUAGE, did_you_mean, hint as _hint, make, phrase
from .model import (
    Approval,
    Diagnostic,
    FlexDate,
    ParseResult,
    Revision,
    Severity,
    Sop,
    SopCategory,
    SopFormat,
    SopStatus,
    SopType,
    Step,
    walk_steps,
)
from .yamlexplain import curly_quoted_values, explain
from .yamlload import LineDict, LineList, YamlProblem, load


@dataclass(frozen=True)
class Key:
    """One identity or step key: its Indonesian name and the aliases that mean the same."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False


IDENTITY_KEYS: tuple[Key, ...] = (
    Key("nomor", ("number",), True),
    Key("nama", ("name", "judul", "title"), True),
    Key("unit", (), True),
    Key("instansi", ("institution",)),
    Key("jenis", ("type",)),
    Key("kategori", ("category",)),
    Key("format", ()),
    Key("tanggal_pembuatan", ("created",)),
    Key("tanggal_revisi", ("revised",)),
    Key("tanggal_efektif", ("effective",)),
    Key("disahkan_oleh", ("approved_by",)),
    Key("dasar_hukum", ("legal_basis",)),
    Key("kualifikasi_pelaksana", ("qualifications",)),
    Key("keterkaitan", ("related",)),
    Key("peralatan_perlengkapan", ("equipment",)),
    Key("peringatan", ("warning",)),
    Key("pencatatan_pendataan", ("records",)),
    Key("tambahan", ("extra",)),
    Key("proses_bisnis", ("business_process",)),
    Key("status", ()),
    Key("tanggal_dicabut", ("revoked_on",)),
    Key("alasan_dicabut", ("revocation_reason",)),
    Key("menggantikan", ("supersedes",)),
    Key("riwayat", ("history",)),
    Key("pelaksana", ("actors",)),
    Key("baris_per_halaman", ("rows_per_page",)),
    Key("langkah", ("steps",), True),
)

STEP_KEYS: tuple[Key, ...] = (
    Key("kegiatan", ("activity",), True),
    Key("pelaksana", ("actor",), True),
    Key("id", ()),
    Key("kelengkapan", ("requirements",)),
    Key("waktu", ("time",)),
    Key("output", ()),
    Key("keterangan", ("notes",)),
    Key("keputusan", ("decision",)),
    Key("ya", ("yes",)),
    Key("tidak", ("no",)),
    Key("lanjut", ("next",)),
    Key("sub", ("substeps",)),
)

APPROVAL_KEYS: tuple[Key, ...] = (
    Key("jabatan", ("title",)),
    Key("nama", ("name",)),
    Key("pangkat", ("rank",)),
    Key("nip", ("id",)),
)

REVISION_KEYS: tuple[Key, ...] = (
    Key("tanggal", ("date",), True),
    Key("uraian", ("change",), True),
)

ENUM_VALUES: dict[str, dict[str, str]] = {
    "jenis": {"administratif": "administratif", "administrative": "administratif",
              "teknis": "teknis", "technical": "teknis"},
    "kategori": {"pelayanan": "pelayanan", "service": "pelayanan", "rutin": "rutin",
                 "routine": "rutin", "penugasan": "penugasan", "assignment": "penugasan"},
    "format": {"diagram-alir": "diagram-alir", "langkah-sederhana": "langkah-sederhana",
               "langkah-berjenjang": "langkah-berjenjang"},
    "status": {"berlaku": "berlaku", "in-force": "berlaku", "draf": "draf", "draft": "draf",
               "dicabut": "dicabut", "revoked": "dicabut", "digantikan": "digantikan",
               "superseded": "digantikan"},
}


def _alias_map(keys: tuple[Key, ...]) -> dict[str, str]:
    out = {}
    for key in keys:
        out[key.name] = key.name
        for alias in key.aliases:
            out[alias] = key.name
    return out


_IDENTITY_ALIASES = _alias_map(IDENTITY_KEYS)
_STEP_ALIASES = _alias_map(STEP_KEYS)
_APPROVAL_ALIASES = _alias_map(APPROVAL_KEYS)
_REVISION_ALIASES = _alias_map(REVISION_KEYS)


def _shape_name(value: Any, language: str = DEFAULT_LANGUAGE) -> str:
    if isinstance(value, dict):
        name = "mapping"
    elif isinstance(value, list):
        name = "list"
    elif isinstance(value, bool):
        name = "bool"
    elif isinstance(value, (int, float)):
        name = "number"
    elif isinstance(value, (_dt.date, _dt.datetime)):
        name = "date"
    elif value is None:
        name = "nothing"
    else:
        name = "text"
    return phrase("shape-" + name, language)


def _backticked(words) -> str:
    return ", ".join(f"`{w}`" for w in words)


class _Reporter:
    """Collects diagnostics with Markdown-file lines for one block."""

    def __init__(self, path: str, first_line: int, language: str = DEFAULT_LANGUAGE,
                 text: str = "") -> None:
        self.path = path
        self.lines = text.splitlines()  # quoted under each message
        self.first_line = first_line  # 1-based Markdown line of the block's first YAML line
        self.language = language
        self.items: list[Diagnostic] = []
        self.raw: dict[str, str] = {}  # dotted key -> scalar as written, for "put it in quotes" hints

    def md_line(self, yaml_line: int | None) -> int:
        return self.first_line + (yaml_line or 0)

    def add(self, code: str, yaml_line: int | None, key: str = "", hint: str | None = None, /,
            column: int = 0, **params) -> None:
        """Report ``code`` (core/messages.py); ``hint`` replaces its usual hint when given."""
        diagnostic = make(code, self.language, path=self.path, line=self.md_line(yaml_line),
                          column=column, key=key, hint_text=hint, **params)
        index = yaml_line or 0
        if 0 <= index < len(self.lines):
            diagnostic = replace(diagnostic, source=self.lines[index])
        self.items.append(diagnostic)

    def quoted(self, diagnostic: Diagnostic) -> Diagnostic:
        """``diagnostic`` with its line of this block as written (made by the flow checks)."""
        index = diagnostic.line - self.first_line
        if diagnostic.source or not 0 <= index < len(self.lines):
            return diagnostic
        return replace(diagnostic, source=self.lines[index])

    def hint(self, name: str, /, **params) -> str:
        return _hint(name, self.language, **params)

    def phrase(self, name: str, /, **params) -> str:
        return phrase(name, self.language, **params)

    def shape(self, value: Any) -> str:
        return _shape_name(value, self.language)

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)


def _normalise_keys(mapping: LineDict, aliases: dict[str, str], where: str, rep: _Reporter,
                    keys: tuple[Key, ...]) -> tuple[dict[str, Any], dict[str, int]]:
    """Map aliases to canonical names; report unknown, duplicate and doubled keys."""
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    written: dict[str, str] = {}
    for key, line in mapping.duplicates:
        rep.add("duplicate-key", line, f"{where}{key}")
    for raw_key, value in mapping.items():
        line = mapping.key_lines.get(raw_key, mapping.line)
        key = str(raw_key)
        canonical = aliases.get(key)
        if canonical is None:
            canonical = aliases.get(key.lower())
        if canonical is None:
            rep.add("unknown-key", line, f"{where}{key}",
                    did_you_mean(key, aliases.keys(), rep.language) or None,
                    keys=_backticked(k.name for k in keys))
            continue
        if canonical in values:
            rep.add("key-and-alias", line, f"{where}{key}", other=written[canonical])
            continue
        values[canonical] = value
        lines[canonical] = line
        written[canonical] = key
        if raw_key in mapping.raw:
            rep.raw[f"{where}{canonical}"] = mapping.raw[raw_key]
    for key in keys:
        if key.required and key.name not in values:
            also = rep.hint("add-key-or-alias", missing=key.name, alias=key.aliases[0]) if key.aliases else None
            rep.add("required-missing", mapping.line, f"{where}{key.name}", also, missing=key.name)
    return values, lines


class _Fields:
    """Typed readers for one mapping's values; each reports a wrong shape and returns a default."""

    def __init__(self, values: dict[str, Any], lines: dict[str, int], rep: _Reporter, where: str,
                 default_line: int) -> None:
        self.values = values
        self.lines = lines
        self.rep = rep
        self.where = where
        self.default_line = default_line

    def line(self, key: str) -> int:
        return self.lines.get(key, self.default_line)

    def _wrong(self, key: str, expected: str, value: Any, hint: str = "", **params) -> None:
        """``expected`` names a phrase of core/messages.py (``text``, ``date``, ...)."""
        if not hint and isinstance(value, (int, float, bool, _dt.date)):
            as_written = self.rep.raw.get(f"{self.where}{key}", value)
            hint = self.rep.hint("quote-value", field=key, value=as_written)
        self.rep.add("wrong-shape", self.line(key), f"{self.where}{key}", hint,
                     expected=self.rep.phrase("expect-" + expected, **params), found=self.rep.shape(value))

    def text(self, key: str, required: bool = False) -> str:
        value = self.values.get(key)
        if value is None:
            if required and key in self.values:  # `nama:` with nothing after the colon
                self.rep.add("empty-value", self.line(key), f"{self.where}{key}")
            return ""
        if isinstance(value, str):
            text = value.strip()
            if required and not text:
                self.rep.add("empty-value", self.line(key), f"{self.where}{key}")
            return text
        self._wrong(key, "text", value)
        return ""

    def text_list(self, key: str) -> tuple[str, ...]:
        """A string or a list of strings (every item checked)."""
        value = self.values.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),) if value.strip() else ()
        if isinstance(value, list):
            out = []
            for i, item in enumerate(value):
                if isinstance(item, str):
                    if item.strip():
                        out.append(item.strip())
                else:
                    line = value.item_lines[i] if isinstance(value, LineList) else self.line(key)
                    hint = (self.rep.hint("quote-item") if isinstance(item, (int, float, bool, _dt.date))
                            else None)
                    self.rep.add("item-not-text", line, f"{self.where}{key}", hint,
                                 n=i + 1, found=self.rep.shape(item))
            return tuple(out)
        self._wrong(key, "text-list", value,
                    "" if isinstance(value, (int, float, bool, _dt.date))
                    else self.rep.hint("one-item-per-line"))
        return ()

    def enum(self, key: str, default: str) -> str:
        value = self.values.get(key)
        if value is None:
            return default
        allowed = ENUM_VALUES[key]
        if not isinstance(value, str):
            self._wrong(key, "one-of", value, choices=_backticked(dict.fromkeys(allowed)))
            return default
        found = allowed.get(value.strip().lower())
        if found is None:
            self.rep.add("value-not-allowed", self.line(key), f"{self.where}{key}",
                         did_you_mean(value, allowed.keys(), self.rep.language) or None,
                         value=value, choices=_backticked(allowed))
            return default
        return found

    def date(self, key: str) -> FlexDate | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, (str, _dt.date, int)) and not isinstance(value, bool):
            found = parse_flexdate(value)
            if found.impossible:  # shown as written, but an auditor would reject it
                self.rep.add("date-impossible", self.line(key), f"{self.where}{key}", value=found.text)
            return found
        self._wrong(key, "date", value)
        return None


def parse_block(text: str, path: str = "", first_line: int = 1, *,
                default_instansi: str = "", language: str = DEFAULT_LANGUAGE) -> ParseResult:
    """Parse and validate one block.

    ``first_line`` is the 1-based line of the block's first YAML line in the Markdown
    file, so messages point into the file the editor has open. Messages are in
    ``language`` (``id`` or ``en``); their codes are the same in both.
    """
    rep = _Reporter(path, first_line, language, text)
    try:
        data = load(text)
    except YamlProblem as exc:
        fault = explain(text, exc)
        rep.add(fault.code, fault.line, column=fault.column, **fault.param_dict())
        return ParseResult(None, tuple(rep.items))
    for line, column, key, quotes in curly_quoted_values(text):
        rep.add("curly-quotes", line, key, column=column, quote=quotes)
    if not isinstance(data, LineDict):
        rep.add("block-not-mapping", 0, found=rep.shape(data))
        return ParseResult(None, tuple(rep.items))

    values, lines = _normalise_keys(data, _IDENTITY_ALIASES, "", rep, IDENTITY_KEYS)
    f = _Fields(values, lines, rep, "", data.line)

    nomor = f.text("nomor", required=True)
    nama = f.text("nama", required=True)
    unit = f.text_list("unit")
    if "unit" in values and not unit and not rep.failed:
        rep.add("empty-value", f.line("unit"), "unit", rep.hint("name-the-unit"))
    sop_format = SopFormat(f.enum("format", "diagram-alir"))
    status = SopStatus(f.enum("status", "berlaku"))
    jenis = SopType(f.enum("jenis", "administratif"))
    kategori_text = f.enum("kategori", "")
    actors = f.text_list("pelaksana")
    approval = _approval(values.get("disahkan_oleh"), f, rep)
    tambahan = _tambahan(values.get("tambahan"), f, rep)
    riwayat = _riwayat(values.get("riwayat"), f, rep)
    rows = _rows_per_page(values.get("baris_per_halaman"), f, rep)

    raw_steps = values.get("langkah")
    steps: tuple[Step, ...] = ()
    step_maps: list[tuple[dict, dict, int]] = []
    if raw_steps is None and "langkah" in values:  # `langkah:` with no steps under it
        raw_steps = []
    if raw_steps is not None:
        if not isinstance(raw_steps, list):
            f._wrong("langkah", "steps", raw_steps, rep.hint("steps-under-langkah"))
        elif not raw_steps:
            rep.add("no-steps", f.line("langkah"), "langkah")
        else:
            steps, step_maps = _steps(raw_steps, "langkah", rep, sop_format, depth=1, inherited=())

    if rep.failed or not steps:
        return ParseResult(None, tuple(rep.items))

    if not actors:
        seen: dict[str, None] = {}
        for step in walk_steps(steps):
            for actor in step.pelaksana:
                seen.setdefault(actor, None)
        actors = tuple(seen)

    sop = Sop(
        nomor=nomor,
        nama=nama,
        unit=unit,
        steps=steps,
        instansi=f.text("instansi") or default_instansi,
        jenis=jenis,
        kategori=SopCategory(kategori_text) if kategori_text else None,
        format=sop_format,
        tanggal_pembuatan=f.date("tanggal_pembuatan"),
        tanggal_revisi=f.date("tanggal_revisi"),
        tanggal_efektif=f.date("tanggal_efektif"),
        disahkan_oleh=approval,
        dasar_hukum=f.text_list("dasar_hukum"),
        kualifikasi_pelaksana=f.text_list("kualifikasi_pelaksana"),
        keterkaitan=f.text_list("keterkaitan"),
        peralatan_perlengkapan=f.text_list("peralatan_perlengkapan"),
        peringatan=f.text_list("peringatan"),
        pencatatan_pendataan=f.text_list("pencatatan_pendataan"),
        tambahan=tambahan,
        proses_bisnis=f.text("proses_bisnis"),
        status=status,
        tanggal_dicabut=f.date("tanggal_dicabut"),
        alasan_dicabut=f.text("alasan_dicabut"),
        menggantikan=f.text_list("menggantikan"),
        riwayat=riwayat,
        pelaksana=actors,
        print_rows=rows,
        source_path=path,
        line=first_line - 1,
        lines={k: rep.md_line(v) for k, v in {**lines, **_item_lines(values, ("keterkaitan", "menggantikan"))}.items()},
    )
    if rep.failed:
        return ParseResult(None, tuple(rep.items))
    sop, flow_diagnostics = validate.resolve_flow(sop, step_maps, rep.md_line, explicit_actors="pelaksana" in values,
                                                  language=language)
    diagnostics = tuple(rep.items) + tuple(rep.quoted(d) for d in flow_diagnostics)
    if any(d.severity is Severity.ERROR for d in flow_diagnostics):
        return ParseResult(None, diagnostics)
    return ParseResult(sop, diagnostics)


def _item_lines(values: dict, keys: tuple[str, ...]) -> dict[str, int]:
    """``key[i]`` -> line of each item of these lists, so a message about one item points at it."""
    out = {}
    for key in keys:
        value = values.get(key)
        if isinstance(value, LineList):
            for i, line in enumerate(value.item_lines):
                out[f"{key}[{i}]"] = line
    return out


def _approval(value: Any, f: _Fields, rep: _Reporter) -> Approval | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Approval(jabatan=value.strip())
    if isinstance(value, LineDict):
        vals, lines = _normalise_keys(value, _APPROVAL_ALIASES, "disahkan_oleh.", rep, APPROVAL_KEYS)
        sub = _Fields(vals, lines, rep, "disahkan_oleh.", value.line)
        nip = vals.get("nip")
        if isinstance(nip, int) and not isinstance(nip, bool):
            sub._wrong("nip", "text", nip, rep.hint("nip-in-quotes"))
            nip_text = ""
        else:
            nip_text = sub.text("nip")
        return Approval(sub.text("jabatan"), sub.text("nama"), sub.text("pangkat"), nip_text)
    f._wrong("disahkan_oleh", "approval", value)
    return None


def _tambahan(value: Any, f: _Fields, rep: _Reporter) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, LineDict):
        f._wrong("tambahan", "tambahan", value)
        return ()
    rows = []
    for key, item in value.items():
        line = value.key_lines.get(key, value.line)
        if isinstance(item, list) and all(isinstance(i, str) for i in item):
            rows.append((str(key), "; ".join(i.strip() for i in item)))
        elif isinstance(item, str):
            rows.append((str(key), item.strip()))
        else:
            rep.add("wrong-shape", line, f"tambahan.{key}",
                    rep.hint("quote-value-short") if isinstance(item, (int, float, bool, _dt.date)) else "",
                    expected=rep.phrase("expect-text"), found=rep.shape(item))
    for key, line in value.duplicates:
        rep.add("duplicate-row", line, f"tambahan.{key}")
    return tuple(rows)


def _riwayat(value: Any, f: _Fields, rep: _Reporter) -> tuple[Revision, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        f._wrong("riwayat", "revisions", value)
        return ()
    out = []
    for i, item in enumerate(value):
        where = f"riwayat[{i + 1}]."
        if not isinstance(item, LineDict):
            line = value.item_lines[i] if isinstance(value, LineList) else f.line("riwayat")
            rep.add("wrong-shape", line, f"riwayat[{i + 1}]", "",
                    expected=rep.phrase("expect-revision"), found=rep.shape(item))
            continue
        vals, lines = _normalise_keys(item, _REVISION_ALIASES, where, rep, REVISION_KEYS)
        sub = _Fields(vals, lines, rep, where, item.line)
        tanggal = sub.date("tanggal")
        uraian = sub.text("uraian")
        if tanggal is not None:
            out.append(Revision(tanggal, uraian))
    return tuple(out)


def _rows_per_page(value: Any, f: _Fields, rep: _Reporter) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    rep.add("wrong-shape", f.line("baris_per_halaman"), "baris_per_halaman", rep.hint("rows-example"),
            expected=rep.phrase("expect-rows"), found=rep.shape(value))
    return None


def _steps(raw: list, where: str, rep: _Reporter, sop_format: SopFormat, depth: int,
           inherited: tuple[str, ...], prefix: str = "") -> tuple[tuple[Step, ...], list]:
    """Build steps in written order; targets are resolved later by :mod:`validate`."""
    steps: list[Step] = []
    maps: list[tuple[dict, dict, int]] = []
    for i, item in enumerate(raw):
        number = f"{prefix}{i + 1}"
        key_path = f"{where}[{number}]"
        item_line = raw.item_lines[i] if isinstance(raw, LineList) else 0
        if not isinstance(item, LineDict):
            rep.add("step-not-mapping", item_line, key_path,
                    rep.hint("step-as-mapping") if isinstance(item, str) else "", found=rep.shape(item))
            continue
        vals, lines = _normalise_keys(item, _STEP_ALIASES, key_path + ".", rep,
                                      tuple(k for k in STEP_KEYS if not (k.name == "pelaksana" and inherited)))
        sf = _Fields(vals, lines, rep, key_path + ".", item.line)
        kegiatan = sf.text("kegiatan", required=True)
        reported = len(rep.items)
        actors = sf.text_list("pelaksana") or inherited
        if "pelaksana" in vals and not actors and len(rep.items) == reported:
            rep.add("actor-empty", sf.line("pelaksana"), key_path + ".pelaksana")
        step_id = ""
        if "id" in vals:
            raw_id = vals["id"]
            if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
                step_id = str(raw_id).strip()
                if step_id.isdigit():
                    rep.add("id-is-number", sf.line("id"), key_path + ".id", id=step_id)
                    step_id = ""
            else:
                sf._wrong("id", "id", raw_id)
        decision_value = vals.get("keputusan")
        decision = False
        question = ""
        if decision_value is not None:
            if isinstance(decision_value, bool):
                decision = decision_value
            elif isinstance(decision_value, str):
                decision = True
                question = decision_value.strip()
            else:
                sf._wrong("keputusan", "question", decision_value, sf.rep.hint("write-the-question"))
        list_format = sop_format is not SopFormat.DIAGRAM_ALIR
        if list_format:
            for key in ("keputusan", "ya", "tidak", "lanjut"):
                if key in vals and not (key == "keputusan" and decision_value is False):
                    code = "jump-in-list-format" if key == "lanjut" else "decision-in-list-format"
                    rep.add(code, sf.line(key), key_path + "." + key, format=sop_format.value)
        substeps: tuple[Step, ...] = ()
        if "sub" in vals:
            if sop_format is not SopFormat.LANGKAH_BERJENJANG:
                rep.add("substeps-not-allowed", sf.line("sub"), key_path + ".sub")
            elif not isinstance(vals["sub"], list) or not vals["sub"]:
                sf._wrong("sub", "substeps", vals["sub"])
            else:
                substeps, _ = _steps(vals["sub"], key_path + ".sub", rep, sop_format, depth + 1,
                                     actors, prefix=f"{number}.")
        steps.append(Step(
            number=number,
            index=i + 1,
            kegiatan=kegiatan,
            pelaksana=actors,
            line=rep.md_line(item.line),
            id=step_id,
            kelengkapan=sf.text_list("kelengkapan"),
            waktu=_waktu(sf),
            output=sf.text("output"),
            keterangan=sf.text("keterangan"),
            decision=decision,
            question=question,
            substeps=substeps,
            actor_line=rep.md_line(sf.line("pelaksana")),
        ))
        maps.append((vals, lines, item.line))
    return tuple(steps), maps


def _waktu(sf: _Fields) -> str:
    """``waktu`` is shown verbatim; a bare number is accepted only with a clear error."""
    value = sf.values.get("waktu")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        sf._wrong("waktu", "text-unit", value, sf.rep.hint("waktu-unit", value=value))
        return ""
    return sf.text("waktu")


def with_source(result: ParseResult, path: str) -> ParseResult:
    """The same result attributed to another path (a cached parse reused for a moved file)."""
    if result.sop is None:
        return ParseResult(None, tuple(replace(d, path=path) for d in result.diagnostics))
    return ParseResult(replace(result.sop, source_path=path),
                       tuple(replace(d, path=path) for d in result.diagnostics))


__all__ = ["parse_block", "did_you_mean", "IDENTITY_KEYS", "STEP_KEYS", "Key", "with_source"]
