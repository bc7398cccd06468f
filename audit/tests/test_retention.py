"""Undecided candidates' personal data is anonymised RETENTION_YEARS after their year closed."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command

from audit.services.retention import ANONYMOUS_NAME, personal_data_anonymise
from programmes.models import ProgrammeYear
from recipients.models import Candidate, CandidateEvent, Person, Upload
from verification.models import FieldVisit, FieldVisitPhoto

PersonHistory = apps.get_model("recipients", "PersonHistory")
CandidateHistory = apps.get_model("recipients", "CandidateHistory")
CLOSED_AND_5_YEARS = dt.date(2031, 1, 1)  # 2025 closed at the end of 2025


@pytest.fixture
def world(settings, tmp_path, users, samarinda, make_candidate, programme_year):
    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_YEARS = 5
    officer = users["officer"]
    failed = make_candidate(samarinda, name="Siti Tidak Lolos", status="desk_failed", created_by=officer,
                            phone="081234567890", notes="Tetangga ketua RT")
    decided = make_candidate(samarinda, name="Budi Penerima", status="handed_over", created_by=officer)
    again = make_candidate(samarinda, name="Rina Dua Tahun", status="field_ineligible", created_by=officer)
    Candidate.objects.create(**{f.attname: getattr(again, f.attname) for f in Candidate._meta.concrete_fields
                                if f.attname not in ("id", "programme_year_id", "status")},
                             programme_year=ProgrammeYear.objects.create(year=2029), status="proposed")
    CandidateEvent.objects.create(candidate=failed, user=officer, status="desk_failed", message="Tidak lolos DTKS")
    visit = FieldVisit.objects.create(candidate=again, visited_on=dt.date(2025, 7, 2), business_exists=True,
                                      matches_proposal=False, household_condition="miskin", verdict="tidak_layak",
                                      notes="Rumah di belakang masjid", officer=officer)
    photo = FieldVisitPhoto.objects.create(visit=visit, image=ContentFile(b"\xff\xd8\xff foto", name="rumah.jpg"))
    Upload.objects.create(kabupaten=samarinda, programme_year=programme_year, uploaded_by=officer,
                          original_name="usulan.xlsx", status=Upload.Status.CONFIRMED,
                          refused_rows=[{"row": 3, "values": ["6472014703850002", "Ani Ditolak"]}])
    return {"failed": failed, "decided": decided, "again": again, "photo": Path(photo.image.path),
            "failed_nik": failed.person.nik}


def test_a_dry_run_counts_and_changes_nothing(world):
    result = personal_data_anonymise(today=CLOSED_AND_5_YEARS, dry_run=True)

    assert (result.candidates, result.people, result.field_visits, result.photos, result.uploads) == (2, 1, 1, 1, 1)
    assert Person.objects.filter(name="Siti Tidak Lolos").exists() and world["photo"].exists()


def test_nothing_is_due_before_the_years_are_over(world):
    result = personal_data_anonymise(today=dt.date(2030, 12, 31), dry_run=False)

    assert result.candidates == 0
    assert Person.objects.filter(name="Siti Tidak Lolos").exists()


def test_an_undecided_candidate_is_anonymised_and_every_count_and_step_stays(world, django_capture_on_commit_callbacks):
    from notices.models import Kind, Notice
    from notices.services.outbox import notices_for_candidates

    notices_for_candidates(kind=Kind.DECIDED, event="y", candidates=[world["failed"]], text="x")
    counts = list(Candidate.objects.values_list("programme_year", "kabupaten", "status").order_by("id"))

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_anonymise(today=CLOSED_AND_5_YEARS, dry_run=False)

    failed = Candidate.objects.select_related("person").get(pk=world["failed"].pk)
    assert failed.person.name == ANONYMOUS_NAME and not failed.person.nik.isdigit()
    assert failed.person.birth_date == dt.date(1985, 1, 1)
    assert (failed.no_kk, failed.address, failed.phone, failed.notes) == ("", "", "", "")
    assert (failed.name, failed.birth_date) == (ANONYMOUS_NAME, dt.date(1985, 1, 1))
    assert list(Candidate.objects.values_list("programme_year", "kabupaten", "status").order_by("id")) == counts
    assert CandidateEvent.objects.filter(candidate=failed, message="Tidak lolos DTKS").exists()
    # The audit tables keep their events but no longer the number or the name.
    assert PersonHistory.objects.filter(pgh_obj_id=failed.person_id).exists()
    assert not PersonHistory.objects.filter(nik=world["failed_nik"]).exists()
    assert not PersonHistory.objects.filter(name="Siti Tidak Lolos").exists()
    assert not CandidateHistory.objects.filter(phone="081234567890").exists()
    assert not CandidateHistory.objects.filter(name="Siti Tidak Lolos").exists()
    assert Upload.objects.get().refused_rows == []
    assert not world["photo"].exists() and FieldVisit.objects.get().notes == ""
    assert Notice.objects.get(candidate=failed).phone == ""


def test_a_recipient_and_a_person_proposed_again_keep_their_data(world):
    personal_data_anonymise(today=CLOSED_AND_5_YEARS, dry_run=False)

    decided = Candidate.objects.select_related("person").get(pk=world["decided"].pk)
    assert decided.person.name == "Budi Penerima" and len(decided.no_kk) == 16
    again = Candidate.objects.select_related("person").get(pk=world["again"].pk)
    # The 2025 candidacy loses its KK and address; the person stays, proposed again in 2029.
    assert again.person.name == "Rina Dua Tahun" and again.no_kk == "" and again.address == ""
    assert Candidate.objects.get(person=again.person, programme_year=2029).address == "Jl. Contoh RT 01"


def test_a_second_run_finds_nothing_left(world):
    personal_data_anonymise(today=CLOSED_AND_5_YEARS, dry_run=False)

    assert personal_data_anonymise(today=CLOSED_AND_5_YEARS, dry_run=False).candidates == 0


def test_the_command_runs_dry_first(world):
    out = io.StringIO()
    call_command("anonymise_expired", "--dry-run", "--today", "2031-01-01", stdout=out)

    assert "Would anonymise, programme years up to 2025: 2 candidacies, 1 people" in out.getvalue()
    assert Person.objects.filter(name="Siti Tidak Lolos").exists()


def test_the_nightly_jobs_are_scheduled_and_registered(settings):
    from uep.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]
