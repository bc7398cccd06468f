"""Every template fits one SMS (160 GSM-7 characters) with the longest realistic values, uses only the
GSM-7 alphabet, and carries no NIK, KK number or amount; quiet hours with a frozen clock."""

import datetime as dt
import re

import pytest

from notices import texts
from notices.models import Kind
from notices.quiet import WITA, earliest_send, is_quiet

# The longest values the app can hold or meets: the longest kabupaten/kota name, a place of 200
# characters (HandoverDay.place's limit) with accents and curly quotes, the longest weekday and month.
LONGEST = {
    "year": 2026,
    "area": "Kabupaten Penajam Paser Utara",
    "place": ("Gedung Serbaguna \u201cKantor Kecamatan Long Apari\u201d, Jl. Poros Ujoh Bilang\u2013Long Pahangai "
              "KM 12 RT 004 RW 002, Kampung Tiong Ohang, Kabupaten Mahakam Ulu (samping Puskesmas) caf\u00e9 "
              "dekat dermaga speedboat")[:200],
    "day": texts.day_text(dt.date(2026, 9, 30)),  # Rabu 30 Sep 2026
    "code": "ABCDEFGHJK",
}


def rendered_all():
    for kind in Kind.values:
        names = re.findall(r"{(\w+)}", texts.TEMPLATES[kind].text)
        yield kind, texts.render(kind, **{name: LONGEST[name] for name in names})


def test_every_kind_has_a_template():
    assert set(texts.TEMPLATES) == set(Kind.values)


@pytest.mark.parametrize("kind,text", list(rendered_all()))
def test_each_template_fits_one_sms_in_the_gsm7_alphabet_with_the_longest_values(kind, text):
    assert len(text) <= texts.MAX_LENGTH, (kind, len(text), text)
    assert set(text) <= texts.GSM7, set(text) - texts.GSM7
    assert "STOP" in text


@pytest.mark.parametrize("kind,text", list(rendered_all()))
def test_no_template_carries_a_nik_kk_or_amount(kind, text):
    assert not re.search(r"\d{8,}", text)           # no NIK/KK (16 digits), nor any long number
    assert "Rp" not in text and "rupiah" not in text.lower()
    assert not re.search(r"\d{1,3}(\.\d{3})+", text)  # no 5.000.000


def test_a_long_place_is_shortened_not_the_fixed_words():
    text = texts.render(Kind.HANDOVER_INVITED, day=LONGEST["day"], place="X" * 200)
    assert len(text) == texts.MAX_LENGTH and "XX... Hadir sendiri, bawa KTP & KK asli." in text


def test_values_are_made_gsm7():
    assert texts.gsm7("Caf\u00e9 \u201cMaju\u201d \u2013 R\u00fcmah\n\u4e2d") == 'Cafe "Maju" - Rumah'


def at(hour, minute=0, day=7):
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=WITA)


@pytest.mark.parametrize("moment,quiet", [(at(6, 59), True), (at(7, 0), False), (at(20, 59), False),
                                          (at(21, 0), True), (at(23, 30), True), (at(0, 0), True)])
def test_quiet_hours_are_21_to_7_wita(moment, quiet):
    assert is_quiet(moment, start=21, end=7) is quiet


def test_a_notice_due_in_quiet_hours_waits_until_seven_wita():
    assert earliest_send(at(21, 5), start=21, end=7) == at(7, 0, day=8)
    assert earliest_send(at(3, 0), start=21, end=7) == at(7, 0)
    assert earliest_send(at(12, 0), start=21, end=7) == at(12, 0)
    # A moment in UTC: 14:00 UTC is 22:00 WITA.
    assert earliest_send(dt.datetime(2026, 12, 7, 14, 0, tzinfo=dt.timezone.utc), start=21, end=7) == at(7, 0, day=8)


def test_equal_hours_switch_quiet_hours_off():
    assert not is_quiet(at(23), start=0, end=0)
