"""The goods pages end to end: invite, print the BAST in a real worker, record the outcome, upload scans."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from django.urls import reverse

from approvals.models import Approval
from disbursements.models import Handover
from disbursements.services.handover import handover_day_create, handover_invite
from exports.services import job_make
from exports.tests.helpers import downloaded, job_of, pdf_text
from recipients.models import CandidateStatus


@pytest.fixture
def invited(users, samarinda, make_candidate, programme_year, stocked_package, items, stock_in):
    programme_year.training_required = False
    programme_year.save()
    recipient = make_candidate(samarinda, name="Sri Penerima", status="decided", requested_package="PG-GORENGAN",
                               created_by=users["officer"])
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Dinsos", user=users["officer"])
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=[recipient], user=users["officer"])
    return handover


def test_the_recipient_list_names_a_package_not_yet_handed_over_as_it_names_one_handed_over(client, users, invited):
    client.force_login(users["officer"])
    row = next(line for line in client.get("/penyaluran/").content.decode().split("<tr") if "Sri Penerima" in line)
    assert "Paket gorengan" in row and "PG-GORENGAN" in row


def test_the_needs_list_counts_items_of_the_decided_recipients_packages(client, users, invited):
    client.force_login(users["officer"])
    body = client.get("/penyaluran/kebutuhan/").content.decode()
    assert "Tepung terigu" in body and "Rp 1.000.000" in body
    xlsx = client.get("/penyaluran/kebutuhan/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    client.force_login(users["other_officer"])
    assert "Tepung terigu" not in client.get("/penyaluran/kebutuhan/").content.decode()


def test_an_officer_records_the_outcome_with_a_serial_number_and_the_case_page_shows_it(client, users, invited):
    client.force_login(users["officer"])
    kompor = invited.lines.get(item__code="KOMPOR-2T")

    response = client.post(f"/penyaluran/serah-terima/{invited.id}/hasil/",
                           {"outcome": "received", f"serial_{kompor.id}": "KG-77", "notes": ""})

    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.outcome == "invited"  # no scan, no photo: it waits for a second person
    client.force_login(users["provincial"])
    approval = Approval.objects.get(target_id=invited.id)
    client.post(reverse("approvals:approve", args=[approval.pk]))
    client.force_login(users["officer"])
    invited.refresh_from_db()
    assert invited.outcome == "received" and invited.candidate.status == CandidateStatus.HANDED_OVER

    case = client.get(reverse("recipients:candidate_detail", args=[invited.candidate_id])).content.decode()
    assert invited.bast_number in case and "KG-77" in case
    reconciliation = client.get("/penyaluran/rekonsiliasi/").content.decode()
    assert "Kompor gas" in reconciliation


def test_scans_uploaded_in_bulk_are_matched_by_bast_number_and_bad_files_refused(client, users, invited):
    client.force_login(users["officer"])
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(picture, "JPEG")
    name = invited.bast_number.replace("/", "-")
    files = [SimpleUploadedFile(f"{name}.jpg", picture.getvalue(), content_type="image/jpeg"),
             SimpleUploadedFile("9999-BAST-UEP-64.72-2025.pdf", b"%PDF-1.4", content_type="application/pdf")]

    response = client.post(f"/penyaluran/acara/{invited.day_id}/pindaian/", {"scans": files}, follow=True)

    invited.refresh_from_db()
    assert invited.bast_scan
    body = response.content.decode()
    assert "1 pindaian dicocokkan" in body and "Tidak ada BAST bernomor ini" in body


def test_a_scan_that_is_not_a_picture_or_pdf_is_refused(users, invited):
    from disbursements.services.handover import bast_scans_attach

    name = invited.bast_number.replace("/", "-")
    report = bast_scans_attach(files=[SimpleUploadedFile(f"{name}.pdf", b"MZ\x90\x00 not a pdf")],
                               user=users["officer"])
    assert not report.matched and "bukan PDF" in report.refused[0][1]


def test_the_bast_pdf_has_one_page_per_recipient_and_a_full_nik_print_is_its_owners_and_logged(
        users, invited, client):
    from audit.models import DataAccess

    client.force_login(users["officer"])
    job = job_of(client.post(f"/penyaluran/cetak/bast/{invited.day_id}/", {"full_nik": "1"}))
    assert job.full_numbers and not DataAccess.objects.exists()

    job_make(job_id=job.id)

    job.refresh_from_db()
    assert job.status == "done" and job.done == job.total == 1
    assert client.get(f"/ekspor/{job.id}/kemajuan/").json()["progress"] == 100
    data = downloaded(client, job)
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") <= 2
    assert invited.candidate.person.nik in pdf_text(data)
    log = DataAccess.objects.get()
    assert log.user == users["officer"] and log.detail["full_nik"] is True and log.kabupaten == invited.candidate.kabupaten
    for role in ("provincial", "viewer", "other_officer"):
        client.force_login(users[role])
        assert client.get(f"/ekspor/{job.id}/unduh/{job.files.get().id}/").status_code == 404
    assert DataAccess.objects.count() == 1


def test_a_masked_bast_is_shared_with_the_area_and_every_download_is_logged(users, invited, client):
    from audit.models import DataAccess

    client.force_login(users["officer"])
    job = job_of(client.post(f"/penyaluran/cetak/bast/{invited.day_id}/"))
    job_make(job_id=job.id)

    for role in ("officer", "provincial", "viewer"):
        client.force_login(users[role])
        assert invited.candidate.person.nik not in pdf_text(downloaded(client, job))
    assert f'href="/penyaluran/acara/{invited.day_id}/"' in client.get(f"/ekspor/{job.id}/").content.decode()
    client.force_login(users["other_officer"])
    assert client.get(f"/ekspor/{job.id}/").status_code == 404
    assert DataAccess.objects.filter(detail__job=job.id).count() == 3


def test_a_viewer_cannot_print_full_niks(users, invited, client):
    from exports.models import Job

    client.force_login(users["viewer"])

    assert client.post(f"/penyaluran/cetak/bast/{invited.day_id}/", {"full_nik": "1"}).status_code == 403
    assert not Job.objects.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_bast_pdf_is_made_by_a_real_worker(celery_worker, users, invited):
    from django.db import transaction

    from disbursements.jobs import bast_print_start
    from exports.tasks import job_send

    with transaction.atomic():
        job = bast_print_start(user=users["officer"], day=Handover.objects.get().day, full_nik=False)
        job_send(job)
    for _ in range(100):
        job.refresh_from_db()
        if job.status == "done":
            break
        import time

        time.sleep(0.1)
    assert job.status == "done" and job.files.count() == 1


def test_the_bimtek_attendance_list_is_printed_with_masked_niks(users, samarinda, make_candidate, programme_year,
                                                                client):
    from disbursements.services.training import training_record

    people = [make_candidate(samarinda, status="decided", created_by=users["officer"]) for _ in range(3)]
    session = training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                              venue="Aula", topic="Bimtek", candidates=people, user=users["officer"])
    client.force_login(users["officer"])
    assert "Cetak daftar hadir" in client.get("/penyaluran/bimtek/").content.decode()

    job = job_of(client.post(f"/penyaluran/cetak/daftar-hadir/{session.id}/"))
    job_make(job_id=job.id)

    job.refresh_from_db()
    text = pdf_text(downloaded(client, job))
    assert job.status == "done" and job.total == 3 and people[0].name in text
    assert people[0].person.nik not in text



def test_a_replaced_bast_scan_leaves_only_the_new_file_on_disk(users, invited, settings, tmp_path,
                                                              django_capture_on_commit_callbacks):
    from disbursements.services.handover import bast_scans_attach

    settings.MEDIA_ROOT = tmp_path
    name = invited.bast_number.replace("/", "-")

    def scan(colour):
        out = io.BytesIO()
        Image.new("RGB", (40, 40), colour).save(out, "JPEG")
        return SimpleUploadedFile(f"{name}.jpg", out.getvalue(), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        bast_scans_attach(files=[scan("white")], user=users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        bast_scans_attach(files=[scan("black")], user=users["officer"])

    invited.refresh_from_db()
    on_disk = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.name for p in on_disk] == [invited.bast_scan.name.rsplit("/", 1)[-1]]
