"""Reading the free-text ``waktu`` of a step, so totals (core/flowtime.py) can add it up.

The text itself is always shown verbatim; this module only computes totals, and must
never pretend to know more than the editor wrote.

Conventions (chosen so that a total is honest):

* **Separate buckets that never convert into each other.** An :class:`Amount` keeps

  - ``minutes``: clock time (``detik``/seconds, ``menit``/minutes, ``jam``/hours);
    hours never roll over into days, because "8 jam" of work is not a day;
  - ``days``: calendar days (``hari``, ``hari kalender``, ``minggu``/``pekan``/week = 7);
  - ``working_days``: ``hari kerja``/``HK``/working or business days
    (``minggu kerja`` = 5 working days); a working day is *not* turned into 8 hours
    or into a calendar day, since neither is true in general;
  - ``months``: ``bulan``/months (``tahun``/year = 12), not turned into days
    because months differ in length.

  ``3 hari`` plus ``2 hari kerja`` plus ``90 menit`` is therefore shown as
  ``3 hari + 2 hari kerja 1 jam 30 menit``, never as a made-up single number.
* **Ranges keep both ends.** ``5-10 menit``, ``5 s.d. 10 menit``, ``5 – 10 menit``,
  ``antara 5 dan 10 menit``, ``30 menit - 1 jam`` give a :class:`Duration` whose ``low``
  and ``high`` differ; sums add lows to lows and highs to highs.
* **Several parts add up.** Parts separated by ``,``, ``+``, ``&``, ``dan``/``and``
  are summed (``15 menit, 30 menit`` is 45 menit). A part that holds no quantity
  (``tergantung antrian``) is commentary and is ignored; a text with no quantity at all
  (``segera``, ``menyesuaikan jadwal pimpinan``) gives ``None``.
* **Alternatives are a range, never a sum.** Parts separated by ``;``, ``|`` or a line
  break are alternatives (``7 hari kerja (III/d); 14 hari kerja (IV/a)`` is 7-14 hari
  kerja): the range runs from the shortest to the longest, compared by
  :func:`rough_minutes`.
* ``1 x 24 jam`` multiplies; ``½``, ``1/2``, ``setengah``, ``half`` and a decimal comma
  (``0,5 jam``) are understood; numbers in words (``tiga hari``) and the usual
  ``3 (tiga) hari`` are read; a bare number without a unit is ignored.
* ``paling lama 15 menit`` / ``maks. 15 menit`` count as 15 menit: SOP times are
  service-level maximums, and the total is a total of what was written.

:func:`sum_durations` counts the items it could not read in ``Duration.unknown`` so a
footer can say the total is partial instead of silently under-reporting.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

__all__ = ["Amount", "Duration", "parse_duration", "sum_durations", "format_duration", "rough_minutes"]

_MAX_NUMBER = 1_000_000.0  # larger "numbers" are ids or money, not durations


@dataclass(frozen=True)
class Amount:
    """A point in time-to-complete, in buckets that do not convert into each other."""

    minutes: float = 0.0  # clock time
    days: float = 0.0  # calendar days
    working_days: float = 0.0  # hari kerja
    months: float = 0.0

    def __add__(self, other: "Amount") -> "Amount":
        return Amount(self.minutes + other.minutes, self.days + other.days,
                      self.working_days + other.working_days, self.months + other.months)

    def scaled(self, factor: float) -> "Amount":
        return Amount(self.minutes * factor, self.days * factor,
                      self.working_days * factor, self.months * factor)

    def _values(self) -> tuple[float, float, float, float]:
        return (self.minutes, self.days, self.working_days, self.months)

    def __le__(self, other: "Amount") -> bool:
        """Partial order: no bucket larger (a range's ends may not be comparable)."""
        return all(a <= b for a, b in zip(self._values(), other._values()))

    @property
    def is_zero(self) -> bool:
        return not any(self._values())


@dataclass(frozen=True)
class Duration:
    """A time as a range ``low``..``high`` (equal when exact).

    ``unknown`` counts summed items whose time could not be read (0 for a parse).
    """

    low: Amount
    high: Amount
    unknown: int = 0

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @classmethod
    def exact(cls, amount: Amount) -> "Duration":
        return cls(amount, amount)

    def __add__(self, other: "Duration") -> "Duration":
        return Duration(self.low + other.low, self.high + other.high, self.unknown + other.unknown)


# --- vocabulary ---------------------------------------------------------------------

_B_MIN, _B_DAY, _B_WORK, _B_MON = "minutes", "days", "working_days", "months"

_UNITS: dict[str, tuple[str, float]] = {}
for _words, _unit in (
    ("detik dtk det second seconds sec secs", (_B_MIN, 1 / 60)),
    ("menit mnt min mins minute minutes m", (_B_MIN, 1.0)),
    ("jam jm j hour hours hr hrs h", (_B_MIN, 60.0)),
    ("hari day days d", (_B_DAY, 1.0)),
    ("hk workday workdays workingday workingdays", (_B_WORK, 1.0)),
    ("minggu mgg mg pekan week weeks wk wks", (_B_DAY, 7.0)),
    ("bulan bln month months mo mos", (_B_MON, 1.0)),
    ("tahun thn th year years yr yrs", (_B_MON, 12.0)),
):
    for _w in _words.split():
        _UNITS[_w] = _unit

# "se-" forms: one of the unit ("sehari" = 1 hari).
_ONE_UNIT = {"sedetik": "detik", "semenit": "menit", "sejam": "jam", "sehari": "hari",
             "seminggu": "minggu", "sepekan": "pekan", "sebulan": "bulan", "setahun": "tahun"}

_NUMBER_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
    "setengah": 0.5, "seperempat": 0.25, "sepertiga": 1 / 3,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90, "half": 0.5, "quarter": 0.25,
}

_RANGE_WORDS = {"sampai", "hingga", "sd", "to", "until", "till", "atau", "or", "through"}
_SUM_WORDS = {"dan", "and", "plus", "ditambah", "serta"}
_BETWEEN_WORDS = {"antara", "between"}
_WORKING_BEFORE = {"working", "business", "work"}  # English: "3 working days"
_CALENDAR = {"kalender", "calendar"}
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}

_TOKEN = re.compile(
    r"(?P<frac>(?<![\d.])\d\s*/\s*\d(?![\d/]))"
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<word>[a-z]+)"
    r"|(?P<range>[-~])"
    r"|(?P<alt>[;|\n])"
    r"|(?P<sep>[,+&])"
)


def _normalise(text: str) -> str:
    """Lower-case, unify dashes and 's.d.', read '½' and decimal commas, drop '(tiga)'."""
    s = text.lower()
    s = re.sub(r"(\d*)\s*([½¼¾⅓⅔])",
               lambda m: " " + repr(float(m.group(1) or 0) + _FRACTIONS[m.group(2)]) + " ", s)
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("±", " ").replace("+/-", " ").replace("+-", " ")
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"(?<![a-z])s\s*[./]\s*d\b\.?", " ~ ", s)  # s.d. / s/d / s.d
    s = re.sub(r"sampai\s+dengan", " ~ ", s)
    s = re.sub(r"(?<=\d),(?=\d)", ".", s)  # Indonesian decimal comma
    s = re.sub(r"\([^()\d]*\)", " ", s)  # "3 (tiga) hari": the words repeat the digits
    return s


@dataclass
class _Side:
    low: Amount = Amount()
    high: Amount = Amount()
    terms: int = 0

    def add(self, lo: float, hi: float, unit: tuple[str, float]) -> None:
        bucket, factor = unit
        self.low = self.low + Amount(**{bucket: lo * factor})
        self.high = self.high + Amount(**{bucket: hi * factor})
        self.terms += 1


class _PartParser:
    """One part (between separators): terms add up; a range sign may split two sides."""

    def __init__(self) -> None:
        self.sides = [_Side()]
        self.pending: tuple[float, float] | None = None  # number(s) awaiting a unit
        self.awaiting_high = False  # saw "5 -": the next number is the range's high end
        self.multiply = False  # saw "1 x": the next number multiplies

    @property
    def side(self) -> _Side:
        return self.sides[-1]

    def number(self, value: float) -> None:
        if not 0 <= value <= _MAX_NUMBER:
            self.reset()
            return
        if self.pending is not None and self.awaiting_high:
            self.pending = (self.pending[0], value)
        elif self.pending is not None and self.multiply:
            product = (self.pending[0] * value, self.pending[1] * value)
            if product[1] > _MAX_NUMBER:  # "1000000 x 1000000 x ...": no real duration (inf, then NaN)
                self.reset()
                return
            self.pending = product
        else:
            self.pending = (value, value)
        self.awaiting_high = self.multiply = False

    def unit(self, unit: tuple[str, float]) -> None:
        if self.pending is not None and not self.awaiting_high:
            lo, hi = sorted(self.pending)
            self.side.add(lo, hi, unit)
        self.reset()

    def range_sign(self) -> None:
        if self.pending is not None:
            self.awaiting_high = True
        elif self.side.terms and len(self.sides) == 1:
            self.sides.append(_Side())

    def reset(self) -> None:
        self.pending = None
        self.awaiting_high = self.multiply = False

    def result(self) -> Duration | None:
        first = self.sides[0]
        if not first.terms:
            return None
        if len(self.sides) == 2 and self.sides[1].terms:
            low, high = first.low, self.sides[1].high
            if high <= low and high != low:
                low, high = high, low
            return Duration(low, high)
        return Duration(first.low, first.high)


def _word_number(words: list[str], i: int) -> tuple[float, int] | None:
    """Read 'dua puluh lima' / 'lima belas' / 'twenty five' starting at ``i``."""
    total = 0.0
    current = 0.0
    j = i
    while j < len(words):
        w = words[j]
        if w in _NUMBER_WORDS:
            current += _NUMBER_WORDS[w]
        elif w == "belas" and j > i:
            current += 10
        elif w == "puluh" and j > i:
            total += current * 10
            current = 0
        elif w == "ratus" and j > i:
            total += current * 100
            current = 0
        else:
            break
        j += 1
    if j == i:
        return None
    return total + current, j


def _parse_part(tokens: list[tuple[str, str]]) -> Duration | None:
    p = _PartParser()
    words = [v if k == "word" else "" for k, v in tokens]
    i = 0
    while i < len(tokens):
        kind, val = tokens[i]
        nxt = words[i + 1] if i + 1 < len(tokens) else ""
        if kind == "num":
            p.number(float(val))
        elif kind == "frac":
            a, b = (int(x) for x in val.split("/"))
            if b:
                p.number(a / b)
            else:
                p.reset()
        elif kind == "range":
            p.range_sign()
        elif kind == "between_and":
            p.range_sign()
        elif val in _UNITS:
            unit = _UNITS[val]
            if unit[0] == _B_DAY and nxt == "kerja":
                unit = (_B_WORK, 5.0 if unit[1] == 7.0 else 1.0)
                i += 1
            elif nxt == "kerja" or nxt in _CALENDAR:
                i += 1  # "jam kerja" is still hours; "hari kalender" is plain days
            p.unit(unit)
        elif val in _WORKING_BEFORE and nxt in _UNITS and _UNITS[nxt][0] == _B_DAY:
            p.unit((_B_WORK, 5.0 if _UNITS[nxt][1] == 7.0 else 1.0))
            i += 1
        elif val in _CALENDAR and nxt in _UNITS:
            pass  # "14 calendar days": the unit follows
        elif val in _ONE_UNIT:
            p.reset()
            p.number(1)
            continue_unit = _UNITS[_ONE_UNIT[val]]
            if continue_unit[0] == _B_DAY and nxt == "kerja":
                continue_unit = (_B_WORK, 5.0 if continue_unit[1] == 7.0 else 1.0)
                i += 1
            p.unit(continue_unit)
        elif (read := _word_number(words, i)) is not None:
            value, j = read
            p.number(value)
            i = j
            continue
        elif val in ("x", "kali") and p.pending is not None and not p.awaiting_high:
            p.multiply = True
        elif val in ("a", "an") and (p.pending is None or p.pending == (0.5, 0.5)):
            if p.pending is None:
                p.number(1)
        elif val in _RANGE_WORDS:
            p.range_sign()
        else:
            p.reset()  # "3 berkas per hari" is not "3 hari"
        i += 1
    return p.result()


def parse_duration(text: object) -> Duration | None:
    """Read a ``waktu`` text; ``None`` when it names no quantity of time. Never raises."""
    if not isinstance(text, str) or not text.strip():
        return None
    return _parse_text(text)


@functools.lru_cache(maxsize=8192)
def _parse_text(text: str) -> Duration | None:
    """Memoised: a handbook repeats the same few ``waktu`` texts thousands of times."""
    alternatives: list[list[list[tuple[str, str]]]] = [[[]]]  # alternative -> parts -> tokens
    between = False
    for m in _TOKEN.finditer(_normalise(text)):
        kind = m.lastgroup or ""
        val = m.group(0)
        if kind == "frac":
            val = re.sub(r"\s+", "", val)
        if kind == "word" and val in _BETWEEN_WORDS:
            between = True
            continue
        if kind == "word" and val in _SUM_WORDS:
            if between:
                alternatives[-1][-1].append(("between_and", val))
                between = False
                continue
            kind = "sep"
        if kind == "alt":
            alternatives.append([[]])
            between = False
            continue
        if kind == "sep":
            alternatives[-1].append([])
            between = False
            continue
        alternatives[-1][-1].append((kind, val))
    found = []
    for parts in alternatives:
        read = [d for d in (_parse_part(toks) for toks in parts if toks) if d is not None]
        if read:
            found.append(sum_durations(read))
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    low = min((d.low for d in found), key=rough_minutes)
    high = max((d.high for d in found), key=rough_minutes)
    return Duration(low, high)


def rough_minutes(amount: Amount) -> float:
    """One number for comparing times only (never shown): a day is 1440 minutes, a
    working day 1440 x 7/5, a month 30 days."""
    return (amount.minutes + amount.days * 1440 + amount.working_days * 1440 * 7 / 5
            + amount.months * 30 * 1440)


def sum_durations(items: Iterable[Duration | str | None]) -> Duration:
    """Total of several times; strings are parsed, unreadable or missing ones are counted.

    Each bucket is summed with :func:`math.fsum`, so the result does not depend on order.
    """
    lows: list[Amount] = []
    highs: list[Amount] = []
    unknown = 0
    for item in items:
        if isinstance(item, str):
            item = parse_duration(item)
        if not isinstance(item, Duration):
            unknown += 1
            continue
        lows.append(item.low)
        highs.append(item.high)
        unknown += item.unknown
    return Duration(_fsum(lows), _fsum(highs), unknown)


def _fsum(amounts: list[Amount]) -> Amount:
    return Amount(*(math.fsum(vals) for vals in zip(*(a._values() for a in amounts)))) \
        if amounts else Amount()


# --- formatting ---------------------------------------------------------------------

_NAMES = {
    "id": {"month": ("bulan", "bulan"), "day": ("hari", "hari"),
           "work": ("hari kerja", "hari kerja"), "hour": ("jam", "jam"),
           "minute": ("menit", "menit"), "second": ("detik", "detik")},
    "en": {"month": ("month", "months"), "day": ("day", "days"),
           "work": ("working day", "working days"), "hour": ("hour", "hours"),
           "minute": ("minute", "minutes"), "second": ("second", "seconds")},
}


def _num(value: float, lang: str) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang != "en" else text


def _quantity(value: float, name: str, lang: str) -> str:
    singular, plural = _NAMES[lang][name]
    shown = _num(value, lang)
    return f"{shown} {singular if shown == '1' else plural}"


def _format_amount(a: Amount, lang: str) -> str:
    calendar = []
    if round(a.months, 2):
        calendar.append(_quantity(a.months, "month", lang))
    if round(a.days, 2):
        calendar.append(_quantity(a.days, "day", lang))
    rest = []
    if round(a.working_days, 2):
        rest.append(_quantity(a.working_days, "work", lang))
    seconds = round(a.minutes * 60)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    for value, name in ((hours, "hour"), (minutes, "minute"), (seconds, "second")):
        if value:
            rest.append(_quantity(value, name, lang))
    if not calendar and not rest:
        return _quantity(0, "minute", lang)
    # "2 hari 3 hari kerja" would read as one phrase; a plus keeps the buckets apart.
    joiner = " + " if calendar and a.working_days and round(a.working_days, 2) else " "
    return joiner.join(p for p in (" ".join(calendar), " ".join(rest)) if p)


@functools.lru_cache(maxsize=16384)  # the catalogue shows the same few durations thousands of times
def format_duration(d: Duration, lang: str = "id") -> str:
    """``1 jam 45 menit``, ``3 hari 2 jam``, ``1 jam 20 menit – 1 jam 40 menit``.

    ``lang="en"`` gives ``1 hour 45 minutes``. Clock time is shown to the second;
    days and months to two decimals. The ``unknown`` count is left to the caller.
    """
    lang = "en" if lang == "en" else "id"
    low = _format_amount(d.low, lang)
    high = _format_amount(d.high, lang)
    return low if low == high else f"{low} – {high}"
