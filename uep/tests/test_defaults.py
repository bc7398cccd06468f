"""No risky default: a form that could send the wrong area, answer or registry extract starts with
nothing chosen for the user, or with the one sensible choice named in words."""

import datetime as dt

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_new_handover_day_starts_with_no_area_chosen_and_is_refused_without_one(client, users, programme_year):
    from disbursements.models import HandoverDay

    client.force_login(users["provincial"])
    html = client.get(reverse("disbursements:day_list")).content.decode()
    select = html.split('<select name="kabupaten" id="kabupaten" required>', 1)[1].split("</select>", 1)[0]

    assert select.lstrip().startswith('<option value="">') and "selected" not in select
    response = client.post(reverse("disbursements:day_list"), {"date": "2025-06-02", "place": "Aula"})
    assert "Pilih kabupaten/kota." in response.content.decode()
    assert not HandoverDay.objects.exists()


@pytest.mark.django_db
def test_an_officer_is_not_asked_for_the_area_of_a_new_handover_day(client, users, programme_year):
    client.force_login(users["officer"])

    assert 'name="kabupaten"' not in client.get(reverse("disbursements:day_list")).content.decode()


def test_the_field_visit_radios_start_with_no_answer_and_no_blank_button():
    from verification.forms import FieldVisitForm

    form = FieldVisitForm()
    for name in ("household_condition", "verdict"):
        html = str(form[name])
        assert 'value=""' not in html and "checked" not in html and "---------" not in html


def test_a_verification_starts_on_the_newest_extract_named_by_its_date_in_words(users):
    from verification.forms import JobStartForm
    from verification.models import Snapshot

    Snapshot.objects.create(extract_date=dt.date(2025, 12, 1), status="ready", loaded_count=1780)
    newest = Snapshot.objects.create(extract_date=dt.date(2026, 1, 12), status="ready", loaded_count=2000)
    Snapshot.objects.create(extract_date=dt.date(2026, 2, 1), status="failed")

    form = JobStartForm(user=users["provincial"])
    html = str(form["snapshot"])
    assert form["snapshot"].initial == newest
    assert "---------" not in html
    assert "DTKS 12 Jan 2026 · 2.000 baris" in html and "DTKS 1 Des 2025 · 1.780 baris" in html
