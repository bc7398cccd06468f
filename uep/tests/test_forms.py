"""The shared number fields read what an Indonesian office types, and never a wrong amount."""

import pytest
from django import forms
from hypothesis import given, strategies as st

from uep.forms import (INT32_MAX, INT64_MAX, CountField, IdListField, RupiahField,
                       parse_indonesian_integer)
from uep.formatting import thousands


class AmountForm(forms.Form):
    amount = RupiahField()


class PlacesForm(forms.Form):
    places = CountField(min_value=-INT32_MAX)


def clean(form_class, name, text):
    form = form_class({name: text})
    return form.is_valid(), form.cleaned_data.get(name), form.errors.get(name, [""])[0]


@pytest.mark.parametrize("text, amount", [
    ("5000000", 5_000_000),
    ("5.000.000", 5_000_000),
    ("Rp 5.000.000", 5_000_000),
    ("Rp5.000.000", 5_000_000),
    ("rp. 5.000.000", 5_000_000),
    ("Rp 5.000.000,-", 5_000_000),
    ("Rp5.000.000,00", 5_000_000),
    ("  500.000.000  ", 500_000_000),
    ("2.000.000", 2_000_000),
    ("1.500.000", 1_500_000),
    ("0", 0),
    ("9.223.372.036.854.775.807", INT64_MAX),
])
def test_it_reads_rupiah_written_the_indonesian_way(text, amount):
    ok, value, error = clean(AmountForm, "amount", text)
    assert (ok, value, error) == (True, amount, "")


@pytest.mark.parametrize("text, says", [
    ("5,5", "tanpa sen"),
    ("1.500.000,50", "tanpa sen"),
    ("1.5", "tanpa sen"),
    ("5.00.000", "tiga angka"),
    ("0.500", "tiga angka"),
    ("1,500,000", "bukan koma"),
    ("-5.000", "negatif"),
    ("Rp -5.000", "negatif"),
    ("9.223.372.036.854.775.808", "Paling banyak Rp 9.223.372.036.854.775.807"),
    ("9" * 5000, "terlalu besar"),
    ("lima juta", "misalnya 5.000.000"),
    ("5 juta", "misalnya 5.000.000"),
    ("5e6", "misalnya 5.000.000"),
    ("٥٠٠٠", "misalnya 5.000.000"),
    ("5\x00000", "misalnya 5.000.000"),
    ("Rp", "misalnya 5.000.000"),
])
def test_it_refuses_an_ambiguous_amount_in_indonesian(text, says):
    ok, value, error = clean(AmountForm, "amount", text)
    assert not ok
    assert says in error


def test_it_requires_an_amount_in_indonesian():
    ok, _value, error = clean(AmountForm, "amount", "")
    assert not ok and error == "Bidang ini tidak boleh kosong."


@pytest.mark.parametrize("text, places", [("-3", -3), ("+15", 15), ("1.500", 1500), ("−20", -20)])
def test_a_count_that_may_be_negative_reads_the_sign(text, places):
    assert clean(PlacesForm, "places", text)[:2] == (True, places)


def test_a_count_fits_the_integer_column():
    ok, _value, error = clean(PlacesForm, "places", str(INT32_MAX + 1))
    assert not ok and error == "Paling banyak 2.147.483.647."


def test_the_widget_is_a_text_box_with_the_number_pad_and_shows_the_value_grouped():
    html = str(AmountForm(initial={"amount": 500_000_000})["amount"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html and 'value="500.000.000"' in html
    # A field that takes negatives keeps the full keyboard (iOS's number pad has no minus).
    assert "inputmode" not in str(PlacesForm()["places"])


amounts = st.integers(min_value=0, max_value=INT64_MAX)


@given(amounts)
def test_every_way_of_writing_an_amount_reads_back_the_same(amount):
    grouped = thousands(amount)
    for text in (str(amount), grouped, f"Rp {grouped}", f"Rp{grouped},-", f"Rp. {grouped},00"):
        assert parse_indonesian_integer(text) == amount


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=99))
def test_an_amount_with_cents_is_never_read_as_some_other_amount(whole, cents):
    for text in (f"{thousands(whole)},{cents:02d}", f"{whole},{cents}"):
        with pytest.raises(ValueError):
            parse_indonesian_integer(text)


@given(st.text(max_size=30))
def test_any_text_is_either_a_number_or_a_refusal(text):
    try:
        value = parse_indonesian_integer(text)
    except ValueError as exc:
        assert str(exc) in {"decimal", "comma_groups", "groups", "too_big", "invalid"}
    else:
        # What was read is the digits that were typed: nothing dropped, nothing added.
        digits = "".join(ch for ch in text.split(",")[0] if ch.isdigit()).lstrip("0") or "0"
        assert str(abs(value)) == digits


class TickedForm(forms.Form):
    ids = IdListField(required=False)


@pytest.mark.parametrize("values, ok, ids", [
    (["3", "1", "3"], True, [1, 3]),
    ([], True, []),
    (["1", "²"], False, None),
    (["1", str(2**63)], False, None),
    (["0"], False, None),
    (["-3"], False, None),
    (["1\x00"], False, None),
])
def test_ticked_ids_are_whole_numbers_that_fit_or_the_form_is_invalid(values, ok, ids):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("ids", values)
    form = TickedForm(data)
    assert form.is_valid() == ok
    if ok:
        assert form.cleaned_data["ids"] == ids
