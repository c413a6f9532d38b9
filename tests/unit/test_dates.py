import datetime as dt
import random

import pytest

from mkdocs_sop.core.dates import format_date, month_number, parse_flexdate
from mkdocs_sop.core.model import FlexDate

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("2024-01-10", D(2024, 1, 10)),
    ("2024/1/10", D(2024, 1, 10)),
    ("2024-01-10T08:00:00", D(2024, 1, 10)),
    ("10/01/2024", D(2024, 1, 10)),  # day first, as Indonesians write it
    ("10-01-2024", D(2024, 1, 10)),
    ("10.01.2024", D(2024, 1, 10)),
    ("1/2/2023", D(2023, 2, 1)),
    ("14 Juni 2012", D(2012, 6, 14)),
    ("14 Jun 2012", D(2012, 6, 14)),
    ("14 Jun. 2012", D(2012, 6, 14)),
    ("14-Jun-2012", D(2012, 6, 14)),
    ("1 Agustus 2023", D(2023, 8, 1)),
    ("1 Agt 2023", D(2023, 8, 1)),
    ("1 Ags 2023", D(2023, 8, 1)),
    ("1 Agu 2023", D(2023, 8, 1)),
    ("01 agustus 2023", D(2023, 8, 1)),
    ("1 AGUSTUS 2023", D(2023, 8, 1)),
    ("  1   Agustus   2023  ", D(2023, 8, 1)),
    ("August 1, 2023", D(2023, 8, 1)),
    ("August 1 2023", D(2023, 8, 1)),
    ("Aug 1st, 2023", D(2023, 8, 1)),
    ("1 August 2023", D(2023, 8, 1)),
    ("1st August 2023", D(2023, 8, 1)),
    ("5 Mei 2021", D(2021, 5, 5)),
    ("5 May 2021", D(2021, 5, 5)),
    ("17 Okt 2020", D(2020, 10, 17)),
    ("17 Oct 2020", D(2020, 10, 17)),
    ("10 Nopember 2019", D(2019, 11, 10)),
    ("10 Nop 2019", D(2019, 11, 10)),
    ("3 Pebruari 2018", D(2018, 2, 3)),
    ("24 Des 2022", D(2022, 12, 24)),
    ("24 Dec 2022", D(2022, 12, 24)),
    ("9 Sept 2022", D(2022, 9, 9)),
    ("29 Februari 2024", D(2024, 2, 29)),
    ("Senin, 14 Juni 2012", D(2012, 6, 14)),
    ("Monday, August 1, 2023", D(2023, 8, 1)),
    ("14 Juni 2012.", D(2012, 6, 14)),
])
def test_full_dates(text, expected):
    fd = parse_flexdate(text)
    assert fd.date == expected
    assert fd.year == expected.year and fd.month == expected.month
    assert fd.text == text.strip()


@pytest.mark.parametrize("text, year, month", [
    ("Juni 2020", 2020, 6),
    ("juni 2020", 2020, 6),
    ("Jun 2020", 2020, 6),
    ("June 2020", 2020, 6),
    ("June, 2020", 2020, 6),
    ("Agt. 2020", 2020, 8),
    ("2020-06", 2020, 6),
    ("06/2020", 2020, 6),
    ("2019", 2019, None),
    (" 2019 ", 2019, None),
])
def test_partial_dates(text, year, month):
    fd = parse_flexdate(text)
    assert fd.date is None
    assert (fd.year, fd.month) == (year, month)
    assert fd.text == text.strip()


@pytest.mark.parametrize("text", [
    "", "   ", "segera", "menyesuaikan", "31 Februari 2020", "30 Feb 2021", "2024-13-01",
    "10/13/2024",  # US order: month 13 does not exist, so it is not silently swapped
    "10/01/24",  # two-digit year: not guessed
    "Foo 2020", "Jakarta, 14 Juni 2012", "14 Juni", "tahun depan", "0999", "Q1 2024",
    "2024-01-10 dan 2024-02-10",
])
def test_unreadable_text_is_kept(text):
    fd = parse_flexdate(text)
    assert fd.date is None
    assert fd.text == text.strip()
    if text.strip() not in ("Q1 2024",):
        assert fd.month is None


def test_impossible_date_has_no_year():
    assert parse_flexdate("31 Februari 2020") == FlexDate(text="31 Februari 2020", impossible=True)


def test_yaml_values():
    assert parse_flexdate(D(2024, 1, 10)) == FlexDate("2024-01-10", D(2024, 1, 10), 2024, 1)
    assert parse_flexdate(dt.datetime(2024, 1, 10, 9, 30)).date == D(2024, 1, 10)
    assert parse_flexdate(2019) == FlexDate("2019", year=2019)
    assert parse_flexdate(12) == FlexDate("12")
    assert parse_flexdate(None) == FlexDate("")
    assert parse_flexdate(True) == FlexDate("True")
    assert parse_flexdate(3.5) == FlexDate("3.5")


@pytest.mark.parametrize("value, id_text, en_text", [
    ("14 Jun 2012", "14 Juni 2012", "14 June 2012"),
    ("2024-01-10", "10 Januari 2024", "10 January 2024"),
    ("10/01/2024", "10 Januari 2024", "10 January 2024"),
    # one rule: a full date keeps a two-digit day, as written in official documents
    ("August 1, 2023", "01 Agustus 2023", "01 August 2023"),
    ("05 Mei 2021", "05 Mei 2021", "05 May 2021"),
    ("2 Oktober 2017", "02 Oktober 2017", "02 October 2017"),
    ("jun 2020", "Juni 2020", "June 2020"),
    ("2020-12", "Desember 2020", "December 2020"),
    ("2019", "2019", "2019"),
    ("menyesuaikan", "menyesuaikan", "menyesuaikan"),
    ("31 Februari 2020", "31 Februari 2020", "31 Februari 2020"),
])
def test_format(value, id_text, en_text):
    fd = parse_flexdate(value)
    assert format_date(fd) == id_text
    assert format_date(fd, lang="id") == id_text
    assert format_date(fd, lang="en") == en_text


def test_format_none_and_hand_made():
    assert format_date(None) == ""
    assert format_date(FlexDate("x", date=D(2020, 3, 1))) == "01 Maret 2020"
    assert format_date(FlexDate("x", year=2020, month=13)) == "2020"


def test_month_number():
    assert month_number("Agustus") == 8
    assert month_number("agt.") == 8
    assert month_number("MAY") == 5
    assert month_number("Mei") == 5
    assert month_number("Smarch") is None


def test_every_month_round_trips():
    from mkdocs_sop.core.dates import MONTHS_EN, MONTHS_ID
    for i, (idn, en) in enumerate(zip(MONTHS_ID, MONTHS_EN), start=1):
        for name in (idn, en, idn[:3], en[:3], idn.upper(), en.lower()):
            fd = parse_flexdate(f"2 {name} 2021")
            assert fd.date == D(2021, i, 2), name
            assert format_date(fd) == f"02 {idn} 2021"


def test_never_raises_on_random_text():
    rnd = random.Random(20240110)
    alphabet = "0123456789 /-.,:;tTJunAgsMeiDesNop'ſ\u00a0½"
    for _ in range(500):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 25)))
        fd = parse_flexdate(s)
        assert isinstance(format_date(fd), str)
        assert isinstance(format_date(fd, lang="en"), str)
