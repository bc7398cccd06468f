"""The phone's worklist and the send endpoint: once only, never overwriting, within the user's area."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from audit.models import DataAccess
from fieldwork.models import Submission, SubmissionStatus
from fieldwork.services import conflict_settle
from fieldwork.tests.conftest import jpeg_bytes
from monitoring.models import Facilitator, Visit
from monitoring.services.visits import visit_record
from recipients.models import CandidateEvent, CandidateStatus
from verification.models import FieldVisit

SEND = "/lapangan/kirim/"


def visit_fields(visit, **extra):
    lines = visit.candidate.handover.lines.order_by("id")
    data = {"visited_on": visit.due_on.isoformat(), "outcome": "berjalan", "monthly_revenue": "1.500.000",
            "workers": "1", **{f"item_{line.id}": "dipakai" for line in lines}}
    data.update(extra)
    return data


def send_visit(client, visit, *, client_id=None, base="", photo=True, **extra):
    data = {"client_id": str(client_id or uuid.uuid4()), "kind": "monitoring", "target": str(visit.id), "base": base,
            "recorded_on_device": "2026-12-05T09:30:00+08:00", **visit_fields(visit, **extra)}
    if photo:
        data["photo"] = SimpleUploadedFile("foto-1.jpg", jpeg_bytes(), "image/jpeg")
    return client.post(SEND, data)


def worklist(client):
    return client.get("/lapangan/daftar-kerja/").json()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_worklist_holds_what_the_form_needs_and_never_a_full_nik(client, users, due_now):
    client.force_login(users["officer"])

    data = worklist(client)

    (row,) = data["monitoring"]
    nik = due_now.candidate.person.nik
    assert (row["target"], row["name"], row["round_months"], row["base"]) == (due_now.id, "Sari Pedagang Gorengan", 3, "")
    assert [i["name"] for i in row["items"]] == ["Kompor gas", "Wajan"]
    assert row["nik"] == nik[:4] + "••••••••" + nik[-4:]
    assert nik not in client.get("/lapangan/daftar-kerja/").content.decode()
    assert DataAccess.objects.filter(user=users["officer"], subject__contains="Daftar kerja").exists()


def test_another_kabupatens_officer_downloads_none_of_it_and_a_pendamping_only_their_own(client, users, samarinda,
                                                                                      due_now):
    client.force_login(users["other_officer"])
    assert worklist(client)["monitoring"] == []

    ani = Facilitator.objects.create(kabupaten=samarinda, name="Ani", user=users["officer"])
    client.force_login(users["officer"])
    assert worklist(client)["monitoring"] == []  # the visit is nobody's yet; Ani's list is Ani's
    Visit.objects.filter(id=due_now.id).update(facilitator=ani)
    assert [r["target"] for r in worklist(client)["monitoring"]] == [due_now.id]


def test_a_visit_sent_twice_is_one_visit_and_one_timeline_entry(client, users, due_now, media):
    client.force_login(users["officer"])
    client_id = uuid.uuid4()

    first = send_visit(client, due_now, client_id=client_id)
    again = send_visit(client, due_now, client_id=client_id)

    assert first.status_code == 200 and first.json()["status"] == "diterima"
    assert again.status_code == 200 and again.json()["status"] == "sudah_diterima"
    visit = Visit.objects.get(id=due_now.id)
    assert (visit.outcome, visit.monthly_revenue, bool(visit.photo)) == ("berjalan", 1_500_000, True)
    assert visit.items.count() == 2
    events = CandidateEvent.objects.filter(candidate=due_now.candidate, data__monitoring_visit=visit.id)
    assert events.count() == 1 and not events.filter(message__startswith="Koreksi").exists()
    assert Submission.objects.get(client_id=client_id).status == SubmissionStatus.APPLIED


def test_a_visit_recorded_meanwhile_is_not_overwritten_but_kept_as_a_conflict(client, users, due_now, media):
    client.force_login(users["officer"])
    base = worklist(client)["monitoring"][0]["base"]
    visit_record(visit=due_now, user=users["provincial"], visited_on=due_now.due_on, outcome="pindah",
                 reason="Modal habis")

    answer = send_visit(client, due_now, base=base, notes="Dari HP Ani").json()

    assert answer["status"] == "konflik" and "petugas wilayah" in answer["message"]
    visit = Visit.objects.get(id=due_now.id)
    assert (visit.outcome, visit.reason, visit.recorded_by) == ("pindah", "Modal habis", users["provincial"])
    submission = Submission.objects.get(status=SubmissionStatus.CONFLICT)
    assert submission.photos.count() == 1 and submission.payload["notes"] == ["Dari HP Ani"]
    page = client.get("/lapangan/konflik/").content.decode()
    assert "Sari Pedagang Gorengan" in page and "Dari HP Ani" in page and "Modal habis" in page
    assert 'data-testid="todo-conflicts"' in client.get("/").content.decode()  # on the officer's Beranda
    client.force_login(users["other_officer"])
    assert "Sari Pedagang Gorengan" not in client.get("/lapangan/konflik/").content.decode()
    assert 'data-testid="todo-conflicts"' not in client.get("/").content.decode()


def test_the_areas_officer_keeps_the_devices_visit_once_and_it_is_recorded(client, users, due_now, media):
    client.force_login(users["officer"])
    visit_record(visit=due_now, user=users["provincial"], visited_on=due_now.due_on, outcome="pindah",
                 reason="Modal habis")
    send_visit(client, due_now, base="")
    submission = Submission.objects.get(status=SubmissionStatus.CONFLICT)

    response = client.post(f"/lapangan/konflik/{submission.id}/selesaikan/", {"pilihan": "perangkat"})

    assert response.status_code == 302
    visit = Visit.objects.get(id=due_now.id)
    assert (visit.outcome, visit.monthly_revenue, visit.recorded_by, bool(visit.photo)) == (
        "berjalan", 1_500_000, users["officer"], True)
    submission.refresh_from_db()
    assert (submission.status, submission.settled_choice, submission.settled_by) == (
        "diselesaikan", "perangkat", users["officer"])
    assert CandidateEvent.objects.filter(candidate=due_now.candidate, message__startswith="Konflik kunjungan").count() == 1
    with pytest.raises(Exception, match="sudah diselesaikan"):
        conflict_settle(submission=submission, user=users["provincial"], choice="server")


def test_another_kabupatens_visit_is_refused_and_nothing_is_written(client, users, due_now, media):
    client.force_login(users["other_officer"])

    response = send_visit(client, due_now)

    assert response.status_code == 404 and "wilayah Anda" in response.json()["errors"][0]
    assert not Submission.objects.exists() and Visit.objects.get(id=due_now.id).recorded_at is None
    assert client.post(f"/lapangan/konflik/{uuid.uuid4().int % 1000}/selesaikan/").status_code == 404


def test_a_refused_visit_says_why_in_indonesian_and_leaves_nothing(client, users, due_now, media):
    client.force_login(users["officer"])

    response = send_visit(client, due_now, outcome="tutup", monthly_revenue="")

    assert response.status_code == 400
    assert response.json()["status"] == "ditolak" and "alasan usaha tutup" in " ".join(response.json()["errors"])
    assert not Submission.objects.exists()
    bad = client.post(SEND, {"client_id": "bukan-uuid", "kind": "monitoring", "target": "1"})
    assert bad.status_code == 400 and "tidak terbaca" in bad.json()["errors"][0]


def test_signed_out_readers_and_forged_requests_are_refused(client, users, due_now):
    assert send_visit(client, due_now, photo=False).status_code == 401
    client.force_login(users["viewer"])
    assert send_visit(client, due_now, photo=False).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["officer"])
    assert send_visit(strict, due_now, photo=False).status_code == 403
    token = strict.get("/lapangan/saya/").json()["csrf"]
    data = {"client_id": str(uuid.uuid4()), "kind": "monitoring", "target": str(due_now.id), **visit_fields(due_now)}
    assert strict.post(SEND, data, HTTP_X_CSRFTOKEN=token).json()["status"] == "diterima"


def test_a_field_verification_from_the_device_moves_the_case_once(client, users, samarinda, new_candidate, media):
    candidate = new_candidate(samarinda, name="Rina Calon", created_by=users["officer"],
                              status=CandidateStatus.DESK_PASSED)
    client.force_login(users["officer"])
    (row,) = worklist(client)["verification"]
    data = {"client_id": str(uuid.uuid4()), "kind": "verifikasi", "target": str(candidate.id), "base": row["base"],
            "visited_on": "2026-12-01", "business_exists": "on", "matches_proposal": "on",
            "household_condition": "miskin", "verdict": "layak",
            "photos": [SimpleUploadedFile(f"f{i}.jpg", jpeg_bytes(), "image/jpeg") for i in range(2)]}

    assert client.post(SEND, data).json()["status"] == "diterima"
    for photo in data["photos"]:
        photo.seek(0)
    assert client.post(SEND, data).json()["status"] == "sudah_diterima"

    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.FIELD_ELIGIBLE
    assert FieldVisit.objects.get(candidate=candidate).photos.count() == 2


def test_a_second_field_verification_of_the_same_downloaded_candidate_is_a_conflict(client, users, samarinda,
                                                                                     new_candidate, media):
    candidate = new_candidate(samarinda, name="Rina Calon", created_by=users["officer"],
                              status=CandidateStatus.DESK_PASSED)
    client.force_login(users["officer"])
    base = worklist(client)["verification"][0]["base"]
    common = {"kind": "verifikasi", "target": str(candidate.id), "base": base, "visited_on": "2026-12-01",
              "household_condition": "miskin"}

    client.post(SEND, {**common, "client_id": str(uuid.uuid4()), "verdict": "layak", "business_exists": "on"})
    answer = client.post(SEND, {**common, "client_id": str(uuid.uuid4()), "verdict": "tidak_layak"}).json()

    assert answer["status"] == "konflik"
    assert FieldVisit.objects.filter(candidate=candidate).count() == 1
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.FIELD_ELIGIBLE


def test_the_retention_rule_forgets_what_a_phone_sent_for_an_undecided_candidate(
        client, users, samarinda, new_candidate, media, settings, django_capture_on_commit_callbacks):
    import datetime as dt

    from audit.services.retention import personal_data_anonymise

    settings.RETENTION_YEARS = 5
    candidate = new_candidate(samarinda, name="Rina Calon", created_by=users["officer"],
                              status=CandidateStatus.DESK_PASSED)
    client.force_login(users["officer"])
    common = {"kind": "verifikasi", "target": str(candidate.id), "base": "0", "visited_on": "2025-07-01",
              "household_condition": "miskin", "verdict": "tidak_layak", "notes": "Rumah di belakang masjid"}
    client.post(SEND, {**common, "client_id": str(uuid.uuid4())})
    client.post(SEND, {**common, "client_id": str(uuid.uuid4()),
                       "photos": [SimpleUploadedFile("f.jpg", jpeg_bytes(), "image/jpeg")]})
    conflict = Submission.objects.get(status=SubmissionStatus.CONFLICT)
    photo = conflict.photos.get().image.path

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_anonymise(today=dt.date(2031, 1, 1), dry_run=False)

    conflict.refresh_from_db()
    assert conflict.payload == {} and not conflict.photos.exists()
    import os

    assert not os.path.exists(photo)
    history = conflict.__class__._meta.apps.get_model("fieldwork", "SubmissionHistory")
    assert not history.objects.filter(pgh_obj_id=conflict.id).exclude(payload={}).exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_visit_at_the_same_moment_make_one_visit(users, due_now, media):
    import threading

    from django.db import connection
    from django.http import QueryDict

    from fieldwork.services import submission_receive

    client_id = uuid.uuid4()
    data = QueryDict(mutable=True)
    data.update(visit_fields(due_now))
    answers, start = [], threading.Barrier(2)

    def send():
        start.wait()
        try:
            answers.append(submission_receive(user=users["officer"], client_id=client_id, kind="monitoring",
                                              target_id=due_now.id, base="", data=data, files={}).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == ["diterima", "sudah_diterima"]
    assert Submission.objects.count() == 1
    events = CandidateEvent.objects.filter(candidate=due_now.candidate, data__has_key="monitoring_visit")
    assert events.count() == 1
