"""The SQL checks of a NIK are generated from recipients.nik: the same numbers get the same answer."""

import datetime as dt

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings, strategies as st

from recipients.nik import PROVINCES, InvalidNumber, check_number, make_nik, nik_sql, number_sql, parse_nik

pytestmark = pytest.mark.slow  # thousands of generated numbers through SQL and Python

TODAY = dt.date.today()
digits = lambda n: st.text("0123456789", min_size=n, max_size=n)  # noqa: E731
# Mostly well-formed numbers with one part off now and then, so that every rule is exercised.
province = st.one_of(st.sampled_from(sorted(PROVINCES)), digits(2))
part = st.one_of(st.just("00"), digits(2))
serial = st.one_of(st.just("0000"), digits(4))
sex = st.sampled_from(["L", "P"])
birth = st.dates(min_value=dt.date(1930, 1, 1), max_value=TODAY + dt.timedelta(days=400))


@st.composite
def numbers(draw):
    """(nik, birth date, sex): a NIK built from the birth date and sex, or from random parts."""
    born, who = draw(birth), draw(sex)
    if draw(st.booleans()):
        coded = f"{born.day + (40 if who == 'P' else 0):02d}{born:%m%y}"
    else:
        coded = draw(digits(6))
    nik = draw(province) + draw(part) + draw(part) + coded + draw(serial)
    nik = draw(st.one_of(st.just(nik), st.just(nik[:15]), st.just(nik[:7] + "x" + nik[8:]), digits(16)))
    return nik, born, who


def python_says(check, *args, **kwargs) -> bool:
    try:
        check(*args, **kwargs)
    except InvalidNumber:
        return False
    return True


def sql_says(expression: str, params: dict) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce({expression}, false)", params)
        return cursor.fetchone()[0]


@pytest.mark.django_db
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(numbers())
def test_the_desk_s_sql_and_parse_nik_agree_on_every_nik(case):
    nik, born, who = case
    expression = nik_sql("%(nik)s::text", birth_date="%(born)s::date", sex="%(sex)s::text")

    assert sql_says(expression, {"nik": nik, "born": born, "sex": who}) == \
        python_says(parse_nik, nik, birth_date=born, sex=who, today=TODAY)


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(numbers())
def test_the_registry_s_integer_sql_and_python_agree_on_the_number_s_structure(case):
    nik = case[0]
    python = python_says(check_number, nik, "NIK")
    if nik.isdigit() and len(nik) == 16 and nik[0] != "0":  # a bigint column holds only these
        assert sql_says(number_sql("%(nik)s::bigint", integer=True), {"nik": int(nik)}) == python
    assert sql_says(number_sql("%(nik)s::text"), {"nik": nik}) == python


@pytest.mark.django_db
def test_a_nik_of_a_province_that_does_not_exist_is_invalid_at_the_desk_too():
    nik = "99" + make_nik(kecamatan_code="64.72.01", birth_date=dt.date(1980, 5, 17), sex="L", serial=1)[2:]
    expression = nik_sql("%(nik)s::text", birth_date="%(born)s::date", sex="%(sex)s::text")

    assert not sql_says(expression, {"nik": nik, "born": dt.date(1980, 5, 17), "sex": "L"})
