"""Lenient reading of SOP dates (``tanggal_*``, ``riwayat[].tanggal``).

Editors write dates as YAML dates, ISO text, or Indonesian/English prose. We read what
we can into a :class:`FlexDate` and keep the text verbatim otherwise, so nothing an
editor wrote is ever lost or "corrected" behind their back.

Conventions:

* numeric dates with slashes, dashes or dots are read day/month/year (Indonesian
  order: ``10/01/2024`` is 10 January 2024), unless the year comes first (ISO);
* two-digit years are not guessed: ``10/01/24`` stays text;
* an impossible date (``31 Februari 2020``) stays text, with no year or month, so a
  validator can point at it;
* a leading weekday (``Senin, 14 Juni 2012``) is accepted and not kept in the date;
* a full date is always shown with a two-digit day (``02 Oktober 2017``), as dates are
  written in official documents, whatever the editor typed (``2017-10-02``, ``2 Okt 2017``).
"""

from __future__ import annotations

import datetime as _dt
import re

from .model import FlexDate

__all__ = ["MONTHS_ID", "MONTHS_EN", "parse_flexdate", "format_date", "month_number"]

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# Every spelling we accept, lower-case, without a trailing dot.
_MONTH_WORDS: dict[str, int] = {}
for _i, (_id, _en) in enumerate(zip(MONTHS_ID, MONTHS_EN), start=1):
    _MONTH_WORDS[_id.lower()] = _i
    _MONTH_WORDS[_en.lower()] = _i
    _MONTH_WORDS[_id.lower()[:3]] = _i
    _MONTH_WORDS[_en.lower()[:3]] = _i
_MONTH_WORDS.update({
    "pebruari": 2, "peb": 2, "febuari": 2, "pebuari": 2,
    "agt": 8, "ags": 8, "agu": 8, "agus": 8, "agst": 8,
    "sept": 9, "sep": 9, "okt": 10, "oct": 10,
    "nopember": 11, "nop": 11, "nov": 11,
    "des": 12, "dec": 12, "mei": 5, "may": 5,
})

_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

_MONTH = r"(?P<mon>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_PATTERNS = [
    # ISO and year-first numeric: 2024-01-10, 2024/1/10, 2024.01.10, optional time after.
    re.compile(r"(?P<year>\d{4})[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})"
               r"(?:[t ]\d{1,2}[:.]\d{2}[\d:.,+\-z ]*)?"),
    # 10/01/2024, 10-01-2024, 10.01.2024 (day first)
    re.compile(r"(?P<day>\d{1,2})\s*[-/.]\s*(?P<mnum>\d{1,2})\s*[-/.]\s*(?P<year>\d{4})"),
    # 2024-01 (ISO month) and 01/2024
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})"),
    re.compile(r"(?P<mnum>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})"),
    # 14 Juni 2012, 14 Jun. 2012, 1st August, 2023, 14-Jun-2012
    re.compile(_DAY + r"\s*[-\s]\s*" + _MONTH + r"\s*[-,\s]\s*" + _YEAR),
    # August 1, 2023 / August 1 2023
    re.compile(_MONTH + r"\s+" + _DAY + r"\s*,?\s*" + _YEAR),
    # Juni 2020, Jun. 2020, June, 2020
    re.compile(_MONTH + r"\s*[-,\s]\s*" + _YEAR),
    # 2019
    re.compile(_YEAR),
]


def month_number(word: str) -> int | None:
    """1..12 for an Indonesian or English month name or abbreviation, else None."""
    return _MONTH_WORDS.get(word.strip().lower().rstrip("."))


def _strip_weekday(text: str) -> str:
    """Drop a leading weekday name ("Senin, 14 Juni 2012"): it adds nothing to the date."""
    m = re.match(r"([a-z']+)\s*,?\s+", text)
    if m and m.group(1) in _WEEKDAYS and re.search(r"\d", text[m.end():]):
        return text[m.end():]
    return text


def parse_flexdate(value: object) -> FlexDate:
    """Read a date as leniently as is safe; never raises.

    ``date`` is set only for a complete, valid calendar date; ``year``/``month`` are
    set whenever they are known (``Juni 2020``, ``2019``). Anything else keeps its text.
    """
    if isinstance(value, _dt.datetime):
        d = value.date()
        return FlexDate(text=d.isoformat(), date=d, year=d.year, month=d.month)
    if isinstance(value, _dt.date):
        return FlexDate(text=value.isoformat(), date=value, year=value.year, month=value.month)
    if isinstance(value, bool) or value is None:
        return FlexDate(text="" if value is None else str(value))
    if isinstance(value, int):
        if 1000 <= value <= 9999:
            return FlexDate(text=str(value), year=value)
        return FlexDate(text=str(value))
    text = value if isinstance(value, str) else str(value)
    return _parse_text(text)


def _parse_text(text: str) -> FlexDate:
    written = text.strip()
    norm = re.sub(r"\s+", " ", written.lower()).strip().rstrip(".,;").strip()
    if not norm:
        return FlexDate(text=written)
    norm = _strip_weekday(norm)
    for pattern in _PATTERNS:
        m = pattern.fullmatch(norm)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"])
        if "mon" in groups and groups["mon"] is not None:
            month = month_number(groups["mon"])
            if month is None:
                continue  # "Foo 2020": not a month name; try the next shape
        elif groups.get("mnum") is not None:
            month = int(groups["mnum"])
        else:
            month = None
        if year < 1000:
            return FlexDate(text=written)
        if month is not None and not 1 <= month <= 12:
            return FlexDate(text=written, impossible=True)
        if groups.get("day") is None:
            return FlexDate(text=written, year=year, month=month)
        try:
            d = _dt.date(year, month or 0, int(groups["day"]))
        except ValueError:
            return FlexDate(text=written, impossible=True)
        return FlexDate(text=written, date=d, year=year, month=month)
    return FlexDate(text=written)


def format_date(fd: FlexDate | None, lang: str = "id") -> str:
    """The date as a reader expects it: ``02 Oktober 2017``, ``Juni 2020``, ``2019``, or the text.

    ``lang`` is ``"id"`` (default) or ``"en"`` (``14 June 2012``); other values fall
    back to Indonesian, the official language of the document.
    """
    if fd is None:
        return ""
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    if fd.date is not None:
        d = fd.date
        return f"{d.day:02d} {months[d.month - 1]} {d.year}"
    if fd.year is not None and fd.month is not None and 1 <= fd.month <= 12:
        return f"{months[fd.month - 1]} {fd.year}"
    if fd.year is not None:
        return str(fd.year)
    return fd.text
