import datetime as dt
import re

import pytest
from hypothesis import assume, given, strategies as st

from recipients.nik import InvalidNumber, make_nik, parse_kk, parse_nik

TODAY = dt.date(2025, 6, 1)
kecamatan = st.sampled_from(["64.72.01", "64.71.03", "64.01.05", "65.01.01", "31.71.02"])
births = st.dates(min_value=dt.date(1926, 1, 1), max_value=TODAY)
sexes = st.sampled_from("LP")
serials = st.integers(min_value=1, max_value=9999)


@given(kecamatan, births, sexes, serials)
def test_a_made_nik_parses_back_to_its_parts(kec, born, sex, serial):
    nik = make_nik(kecamatan_code=kec, birth_date=born, sex=sex, serial=serial)

    parsed = parse_nik(nik, birth_date=born, sex=sex, today=TODAY)

    assert (parsed.kecamatan_code, parsed.birth_date, parsed.sex, int(parsed.serial)) == (kec, born, sex, serial)
    assert len(nik) == 16 and nik.isdigit()


@given(kecamatan, births, sexes, serials)
def test_without_a_birth_date_the_century_is_the_latest_not_in_the_future(kec, born, sex, serial):
    parsed = parse_nik(make_nik(kecamatan_code=kec, birth_date=born, sex=sex, serial=serial), today=TODAY)

    assert parsed.birth_date.replace(year=born.year) == born
    assert parsed.birth_date <= TODAY
    assert parsed.birth_date.year in (born.year, born.year + 100) or born.year + 100 > TODAY.year


def test_a_centenarian_born_later_in_the_year_is_not_put_in_the_future():
    nik = make_nik(kecamatan_code="64.72.01", birth_date=dt.date(1925, 12, 1), sex="L", serial=1)

    assert parse_nik(nik, today=TODAY).birth_date == dt.date(1925, 12, 1)


@given(kecamatan, births, sexes, serials)
def test_a_woman_has_40_added_to_the_day(kec, born, sex, serial):
    nik = make_nik(kecamatan_code=kec, birth_date=born, sex=sex, serial=serial)

    assert int(nik[6:8]) == born.day + (40 if sex == "P" else 0)


@given(kecamatan, births, sexes, serials)
def test_the_other_sex_is_refused(kec, born, sex, serial):
    nik = make_nik(kecamatan_code=kec, birth_date=born, sex=sex, serial=serial)

    with pytest.raises(InvalidNumber, match="Jenis kelamin"):
        parse_nik(nik, birth_date=born, sex="P" if sex == "L" else "L", today=TODAY)


@given(kecamatan, births, births, sexes, serials)
def test_a_different_birth_date_is_refused(kec, born, other, sex, serial):
    assume(born != other)
    nik = make_nik(kecamatan_code=kec, birth_date=born, sex=sex, serial=serial)

    with pytest.raises(InvalidNumber):
        parse_nik(nik, birth_date=other, sex=sex, today=TODAY)


@given(st.from_regex(r"[0-9]{12}", fullmatch=True))
def test_a_serial_of_0000_is_refused(prefix):
    with pytest.raises(InvalidNumber):
        parse_nik(prefix + "0000", today=TODAY)
    with pytest.raises(InvalidNumber):
        parse_kk(prefix + "0000")


@given(st.text(max_size=30).filter(lambda s: not (len(s.strip()) == 16 and s.strip().isdigit())))
def test_anything_but_16_digits_is_refused_with_a_message(value):
    with pytest.raises(InvalidNumber) as info:
        parse_nik(value, today=TODAY)
    assert str(info.value)
    with pytest.raises(InvalidNumber):
        parse_kk(value)


@given(st.integers(min_value=10**15, max_value=10**16 - 1) | st.floats(min_value=1e15, max_value=1e16))
def test_a_number_cell_is_never_guessed(value):
    with pytest.raises(InvalidNumber, match="angka"):
        parse_nik(value, today=TODAY)
    with pytest.raises(InvalidNumber, match="angka"):
        parse_kk(value)


@pytest.mark.parametrize("value", ["6.47E+15", "6,47202E+15", "6.47201E15", "6E+15"])
def test_scientific_notation_from_excel_is_an_error(value):
    with pytest.raises(InvalidNumber, match="notasi ilmiah"):
        parse_nik(value, today=TODAY)


@pytest.mark.parametrize("value, shown", [("6472011705800001\u200b", "6472011705800001?"),
                                          ("6472011705800001.0", "6472011705800001.0")])
def test_a_refused_nik_quotes_what_was_read_with_an_invisible_character_shown(value, shown):
    with pytest.raises(InvalidNumber, match=f"terbaca \u201c{re.escape(shown)}\u201d"):
        parse_nik(value)


def test_full_width_digits_are_refused():
    with pytest.raises(InvalidNumber, match="0-9"):
        parse_nik("６４７２０１４７０３８５０００１", today=TODAY)


@pytest.mark.parametrize("nik, reason", [
    ("0072014703850001", "provinsi 00"),
    ("9972014703850001", "provinsi 99"),
    ("6400014703850001", "kabupaten/kota 00"),
    ("6472004703850001", "kecamatan 00"),
    ("6472013102850001", "tidak mungkin"),  # 31 February
    ("6472017102850001", "tidak mungkin"),  # a woman's 31 February
    ("6472013502850001", "tidak mungkin"),  # day 35: neither a man's nor a woman's
    ("6472010101300001", "masa depan"),  # without a birth date 2030 is not yet, so 1930 - see next test
])
def test_it_refuses_an_impossible_nik(nik, reason):
    if reason == "masa depan":
        with pytest.raises(InvalidNumber, match=reason):
            parse_nik(nik, birth_date=dt.date(2030, 1, 1), today=TODAY)
        return
    with pytest.raises(InvalidNumber, match=reason):
        parse_nik(nik, today=TODAY)


def test_it_refuses_a_nik_with_31_february():
    with pytest.raises(InvalidNumber, match="tidak mungkin"):
        parse_nik("6472017102900001", birth_date=dt.date(1990, 2, 28), sex="P", today=TODAY)


def test_29_february_is_valid_only_in_a_leap_year():
    assert parse_nik("6472012902000001", birth_date=dt.date(2000, 2, 29), today=TODAY).birth_date == dt.date(2000, 2, 29)
    with pytest.raises(InvalidNumber):
        parse_nik("6472012902010001", birth_date=dt.date(2001, 3, 1), today=TODAY)


def test_a_nik_from_outside_kaltim_parses_and_says_so():
    parsed = parse_nik("3171014703850001", today=TODAY)

    assert parsed.kabupaten_code == "31.71" and not parsed.is_kaltim


def test_make_nik_refuses_nonsense():
    with pytest.raises(ValueError):
        make_nik(kecamatan_code="64.72.01", birth_date=dt.date(1985, 3, 7), sex="X", serial=1)
    with pytest.raises(ValueError):
        make_nik(kecamatan_code="647201", birth_date=dt.date(1985, 3, 7), sex="L", serial=1)
    with pytest.raises(ValueError):
        make_nik(kecamatan_code="64.72.01", birth_date=dt.date(1985, 3, 7), sex="L", serial=0)
