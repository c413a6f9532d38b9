import math
import random

import pytest

from mkdocs_sop.core.timeparse import (
    Amount,
    Duration,
    format_duration,
    parse_duration,
    sum_durations,
)


def M(minutes):
    return Amount(minutes=minutes)


def exact(amount):
    return Duration(amount, amount)


@pytest.mark.parametrize("text, low, high", [
    ("15 menit", M(15), M(15)),
    ("30menit", M(30), M(30)),
    ("  30   MENIT ", M(30), M(30)),
    ("1 jam 30 menit", M(90), M(90)),
    ("1jam30menit", M(90), M(90)),
    ("2 jam", M(120), M(120)),
    ("2 Jam", M(120), M(120)),
    ("3 hari", Amount(days=3), Amount(days=3)),
    ("1 hari kerja", Amount(working_days=1), Amount(working_days=1)),
    ("1 HK", Amount(working_days=1), Amount(working_days=1)),
    ("3 (tiga) hari kerja", Amount(working_days=3), Amount(working_days=3)),
    ("14 hari kalender", Amount(days=14), Amount(days=14)),
    ("1 minggu", Amount(days=7), Amount(days=7)),
    ("2 pekan", Amount(days=14), Amount(days=14)),
    ("1 minggu kerja", Amount(working_days=5), Amount(working_days=5)),
    ("5-10 menit", M(5), M(10)),
    ("5 - 10 menit", M(5), M(10)),
    ("10-5 menit", M(5), M(10)),
    ("5 s.d. 10 menit", M(5), M(10)),
    ("5 s.d 10 menit", M(5), M(10)),
    ("5 s/d 10 menit", M(5), M(10)),
    ("5 sd 10 menit", M(5), M(10)),
    ("5 sampai 10 menit", M(5), M(10)),
    ("5 sampai dengan 10 menit", M(5), M(10)),
    ("5 hingga 10 menit", M(5), M(10)),
    ("5 – 10 menit", M(5), M(10)),
    ("5—10 menit", M(5), M(10)),
    ("antara 5 dan 10 menit", M(5), M(10)),
    ("between 5 and 10 minutes", M(5), M(10)),
    ("5 to 10 minutes", M(5), M(10)),
    ("30 menit - 1 jam", M(30), M(60)),
    ("1 jam - 30 menit", M(30), M(60)),  # ends written the wrong way round
    ("1 jam 30-45 menit", M(90), M(105)),
    ("1 jam s.d. 1 jam 30 menit", M(60), M(90)),
    ("½ jam", M(30), M(30)),
    ("1½ jam", M(90), M(90)),
    ("1 ½ jam", M(90), M(90)),
    ("1/2 jam", M(30), M(30)),
    ("setengah jam", M(30), M(30)),
    ("0,5 jam", M(30), M(30)),
    ("1,5 jam", M(90), M(90)),
    ("1.5 hours", M(90), M(90)),
    ("half an hour", M(30), M(30)),
    ("an hour", M(60), M(60)),
    ("a day", Amount(days=1), Amount(days=1)),
    ("sehari", Amount(days=1), Amount(days=1)),
    ("sejam", M(60), M(60)),
    ("tiga hari", Amount(days=3), Amount(days=3)),
    ("lima belas menit", M(15), M(15)),
    ("dua puluh lima menit", M(25), M(25)),
    ("twenty five minutes", M(25), M(25)),
    ("1 x 24 jam", M(1440), M(1440)),
    ("3x24 jam", M(4320), M(4320)),
    ("2 kali 8 jam kerja", M(960), M(960)),
    ("1 minute", M(1), M(1)),
    ("10 mins", M(10), M(10)),
    ("10 min", M(10), M(10)),
    ("10 mnt", M(10), M(10)),
    ("2 hrs", M(120), M(120)),
    ("2 hr", M(120), M(120)),
    ("2h 15m", M(135), M(135)),
    ("1 hour", M(60), M(60)),
    ("3 days", Amount(days=3), Amount(days=3)),
    ("1 day", Amount(days=1), Amount(days=1)),
    ("2 working days", Amount(working_days=2), Amount(working_days=2)),
    ("1 business day", Amount(working_days=1), Amount(working_days=1)),
    ("5 workdays", Amount(working_days=5), Amount(working_days=5)),
    ("2 weeks", Amount(days=14), Amount(days=14)),
    ("30 detik", M(0.5), M(0.5)),
    ("90 seconds", M(1.5), M(1.5)),
    ("2 bulan", Amount(months=2), Amount(months=2)),
    ("1 month", Amount(months=1), Amount(months=1)),
    ("1 tahun", Amount(months=12), Amount(months=12)),
    # alternatives in one cell (";", "|", a new line) are a range, never a sum
    ("7 hari dengan bupati; 2 hari dengan Kadin", Amount(days=2), Amount(days=7)),
    ("7 hari kerja (Pembina Tk. I, III/d); 14 hari kerja (Pembina Utama Muda, IV/a)",
     Amount(working_days=7), Amount(working_days=14)),
    ("2 jam\n1 hari", M(120), Amount(days=1)),
    ("7 hari dengan bupati + 2 hari dengan Kadin", Amount(days=9), Amount(days=9)),
    ("15 menit dan 30 menit", M(45), M(45)),
    ("15 menit + 1 jam", M(75), M(75)),
    ("15 menit, 30 menit", M(45), M(45)),
    ("10 menit & 5 menit", M(15), M(15)),
    ("1 hari kerja; 2 jam", M(120), Amount(working_days=1)),
    ("5-10 menit; 1 jam", M(5), M(60)),
    ("5-10 menit + 1 jam", M(65), M(70)),
    ("± 15 menit", M(15), M(15)),
    ("+/- 15 menit", M(15), M(15)),
    ("kurang lebih 15 menit", M(15), M(15)),
    ("maks. 15 menit", M(15), M(15)),
    ("paling lama 3 hari kerja", Amount(working_days=3), Amount(working_days=3)),
    ("15 menit per berkas", M(15), M(15)),
    ("15 menit, tergantung antrian", M(15), M(15)),
    ("1 hari (tergantung kelengkapan berkas)", Amount(days=1), Amount(days=1)),
    ("0 menit", M(0), M(0)),
    ("１５ 分 menit", M(15), M(15)),  # full-width digits
])
def test_parse(text, low, high):
    d = parse_duration(text)
    assert d is not None, text
    assert d.low == low
    assert d.high == high
    assert d.unknown == 0


@pytest.mark.parametrize("text", [
    "", "   ", "segera", "menyesuaikan jadwal pimpinan", "Sesuai jadwal", "beberapa hari",
    "a few days", "15", "3 berkas per hari", "pukul 08.00-16.00", "08.00 - 12.00 WIB",
    "-", ";;", "s.d.", "1/0 jam", "99999999 menit", "9" * 500 + " menit", "menit", "jam kerja",
])
def test_unreadable(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize("value", [None, 15, 1.5, ["15 menit"], b"15 menit"])
def test_non_strings(value):
    assert parse_duration(value) is None


@pytest.mark.parametrize("text, id_text, en_text", [
    ("15 menit", "15 menit", "15 minutes"),
    ("1 menit", "1 menit", "1 minute"),
    ("105 menit", "1 jam 45 menit", "1 hour 45 minutes"),
    ("1 jam", "1 jam", "1 hour"),
    ("3 hari 2 jam", "3 hari 2 jam", "3 days 2 hours"),
    ("1 hari", "1 hari", "1 day"),
    ("1 hari kerja", "1 hari kerja", "1 working day"),
    ("2 hari kerja", "2 hari kerja", "2 working days"),
    ("1 jam 20 menit - 1 jam 40 menit", "1 jam 20 menit – 1 jam 40 menit",
     "1 hour 20 minutes – 1 hour 40 minutes"),
    ("½ hari", "0,5 hari", "0.5 days"),
    ("30 jam", "30 jam", "30 hours"),  # hours do not roll over into days
    ("75 detik", "1 menit 15 detik", "1 minute 15 seconds"),
    ("2 bulan 3 hari", "2 bulan 3 hari", "2 months 3 days"),
    ("3 hari + 2 hari kerja + 90 menit", "3 hari + 2 hari kerja 1 jam 30 menit",
     "3 days + 2 working days 1 hour 30 minutes"),
    ("0 menit", "0 menit", "0 minutes"),
    ("1 jam - 2 hari", "1 jam – 2 hari", "1 hour – 2 days"),
])
def test_format(text, id_text, en_text):
    d = parse_duration(text)
    assert format_duration(d) == id_text
    assert format_duration(d, lang="id") == id_text
    assert format_duration(d, lang="en") == en_text


def test_sum_keeps_buckets_apart():
    total = sum_durations(["15 menit", "1 jam 30 menit", "3 hari", "1 hari kerja", "1 minggu"])
    assert total == exact(Amount(minutes=105, days=10, working_days=1))
    assert format_duration(total) == "10 hari + 1 hari kerja 1 jam 45 menit"


def test_sum_of_ranges_adds_ends():
    total = sum_durations([parse_duration("5-10 menit"), parse_duration("1 jam 15 menit"),
                           parse_duration("5 menit")])
    assert total == Duration(M(85), M(90))
    assert format_duration(total) == "1 jam 25 menit – 1 jam 30 menit"
    assert total.is_range


def test_sum_counts_unknown_items():
    total = sum_durations(["15 menit", None, "segera", "", parse_duration("1 jam")])
    assert total.low == M(75)
    assert total.unknown == 3
    nested = sum_durations([total, "5 menit"])
    assert nested.low == M(80) and nested.unknown == 3


def test_empty_sum():
    total = sum_durations([])
    assert total == exact(Amount())
    assert format_duration(total) == "0 menit"
    assert format_duration(total, "en") == "0 minutes"


def test_sum_is_order_independent():
    items = ["0,1 jam", "1/3 jam", "7 detik", "0,7 hari", "5-10 menit", "1 hari kerja"] * 7
    rnd = random.Random(7)
    first = sum_durations(items)
    for _ in range(20):
        rnd.shuffle(items)
        assert sum_durations(items) == first


def test_duration_helpers():
    d = Duration.exact(M(5))
    assert not d.is_range
    assert d + Duration(M(1), M(2)) == Duration(M(6), M(7))
    assert Amount().is_zero and not M(1).is_zero
    assert M(1) <= M(2) and not (M(2) <= M(1))


def test_unknown_lang_falls_back_to_indonesian():
    assert format_duration(parse_duration("2 jam"), lang="fr") == "2 jam"


_WORDS = ["menit", "jam", "hari", "kerja", "minggu", "bulan", "detik", "hour", "days", "s.d.",
          "dan", "and", "x", "antara", "setengah", "dua", "belas", "puluh", "a", "an", "half",
          "working", "segera", "sampai", "dengan", "(tiga)", "hk", "sehari"]
_CHARS = "0123456789 ,.;:-–—~+&/\\()½¼x\n\t\u00a0ééß𝟙"


def _random_text(rnd):
    pieces = []
    for _ in range(rnd.randint(0, 8)):
        r = rnd.random()
        if r < 0.4:
            pieces.append(rnd.choice(_WORDS))
        elif r < 0.7:
            pieces.append(str(rnd.choice([0, 1, 5, 10, 1.5, 24, 10**9, 10**400])))
        else:
            pieces.append("".join(rnd.choice(_CHARS) for _ in range(rnd.randint(1, 6))))
    return rnd.choice(["", " ", ""]).join(pieces) if rnd.random() < 0.3 else " ".join(pieces)


def test_fuzz_never_raises():
    rnd = random.Random(35_2012)
    for _ in range(3000):
        text = _random_text(rnd)
        d = parse_duration(text)
        if d is None:
            continue
        for amount in (d.low, d.high):
            for v in (amount.minutes, amount.days, amount.working_days, amount.months):
                assert math.isfinite(v) and v >= 0, text
        assert isinstance(format_duration(d), str)
        assert isinstance(format_duration(d, "en"), str)
    # completely random unicode as well
    for _ in range(500):
        text = "".join(chr(rnd.randint(1, 0x2FFF)) for _ in range(rnd.randint(0, 30)))
        d = parse_duration(text)
        if d is not None:
            format_duration(d)


def test_deterministic():
    texts = ["1 jam 30 menit", "5-10 menit; 2 hari", "0,5 jam"]
    assert [parse_duration(t) for t in texts] == [parse_duration(t) for t in texts]
