import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from audit.models import DataAccess
from exports.tests.helpers import exported_rows
from verification.models import PriorRecipient
from verification.services import batch
from verification.tests.conftest import registry_row


@pytest.fixture
def finished_job(load_snapshot, new_candidate, samarinda, balikpapan, users, programme_year):
    smd = [new_candidate(samarinda, created_by=users["officer"], name=f"Warga Samarinda {i}") for i in range(3)]
    bpp = [new_candidate(balikpapan, created_by=users["other_officer"], name=f"Warga Balikpapan {i}")
           for i in range(2)]
    rows = [registry_row(c, DESIL=8 if i == 0 else 2) for i, c in enumerate(smd)] + [registry_row(c) for c in bpp]
    snapshot = load_snapshot(rows)
    job = batch.verification_job_start(programme_year=programme_year, snapshot=snapshot, user=users["provincial"])
    for chunk in job.chunks.all():
        batch.verification_chunk_run(chunk_id=chunk.id)
    return job


@pytest.mark.django_db
def test_an_officer_sees_only_their_own_area_in_the_summary_of_a_provincial_batch(client, finished_job, users):
    client.force_login(users["other_officer"])

    page = client.get(reverse("verification:job_detail", kwargs={"pk": finished_job.pk})).content.decode()

    assert "Kota Balikpapan" in page and "Kota Samarinda" not in page


@pytest.mark.django_db
def test_the_province_sees_refusals_by_reason_per_kabupaten(client, finished_job, users):
    client.force_login(users["provincial"])

    page = client.get(reverse("verification:job_detail", kwargs={"pk": finished_job.pk})).content.decode()

    assert 'data-testid="summary-64.72"' in page and 'data-testid="summary-64.71"' in page
    assert "Desil" in page and "DESIL_TOO_HIGH" not in page  # the reason in words, never its code


@pytest.mark.django_db
def test_an_officer_downloads_their_area_s_results_and_the_export_is_logged(client, finished_job, users):
    client.force_login(users["officer"])

    rows = exported_rows(client, reverse("verification:job_export", kwargs={"pk": finished_job.pk}))

    names = {row[2] for row in rows[1:]}
    assert names == {"Warga Samarinda 0", "Warga Samarinda 1", "Warga Samarinda 2"}
    refused = [row for row in rows[1:] if row[6] == "TIDAK LOLOS"]
    assert len(refused) == 1 and "Desil di DTKS" in refused[0][8]
    assert DataAccess.objects.get(user=users["officer"]).row_count == 3


@pytest.mark.django_db
def test_the_progress_endpoint_reports_done_with_a_redirect(client, finished_job, users):
    client.force_login(users["officer"])

    state = client.get(reverse("verification:job_progress", kwargs={"pk": finished_job.pk})).json()

    assert state["progress"] == 100 and state["done"] and state["redirect"].endswith(f"/{finished_job.pk}/")


@pytest.mark.django_db
def test_provincial_staff_import_earlier_recipients_and_see_bad_rows(client, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["provincial"])
    content = b"NIK,NO_KK,TAHUN,SKEMA\n6472034702850001,,2023,WRSE\n123,,2023,KUBE\n6472034702850002,,2022,XYZ\n"

    response = client.post(reverse("verification:prior_import"),
                           {"source": "Dinsos 2023", "file": SimpleUploadedFile("lama.csv", content)})

    assert response.status_code == 200
    assert list(PriorRecipient.objects.values_list("nik", "year", "scheme")) == [("6472034702850001", 2023, "WRSE")]
    assert "SKEMA harus UEP, WRSE atau KUBE." in response.content.decode()


@pytest.mark.django_db
def test_provincial_staff_start_a_batch_from_the_web(client, load_snapshot, new_candidate, samarinda, users,
                                                     programme_year, django_capture_on_commit_callbacks):
    candidate = new_candidate(samarinda, created_by=users["officer"])
    snapshot = load_snapshot([registry_row(candidate)])
    client.force_login(users["provincial"])

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("verification:job_start"),
                               {"programme_year": programme_year.pk, "kabupaten": samarinda.pk,
                                "snapshot": snapshot.pk})

    assert response.status_code == 302
    assert len(callbacks) == 1  # the chunks are enqueued only once the job is committed


@pytest.mark.parametrize("name, limit_setting", [("dtks.csv", "SNAPSHOT_MAX_BYTES"), ("dtks.xlsx", "UPLOAD_MAX_BYTES")])
def test_a_snapshot_file_over_its_limit_is_refused_with_the_reason(settings, name, limit_setting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from verification.forms import SnapshotUploadForm

    settings.SNAPSHOT_MAX_BYTES = settings.UPLOAD_MAX_BYTES = 2 * 1048576
    data = {"extract_date": "2025-06-30"}
    big = SimpleUploadedFile(name, b"x" * (3 * 1048576))
    form = SnapshotUploadForm(data, {"file": big})

    assert not form.is_valid()
    assert "lebih dari batas 2 MB" in form.errors["file"][0]

    setattr(settings, limit_setting, 4 * 1048576)
    assert SnapshotUploadForm(data, {"file": SimpleUploadedFile(name, b"x" * (3 * 1048576))}).is_valid()


@pytest.mark.django_db
def test_the_case_page_shows_what_the_registry_said_once_verified(client, finished_job, users):
    from recipients.models import Candidate

    too_well_off = Candidate.objects.get(name="Warga Samarinda 0")
    passed = Candidate.objects.get(name="Warga Samarinda 1")
    client.force_login(users["officer"])

    refused_page = client.get(reverse("recipients:candidate_detail", args=[too_well_off.pk])).content.decode()
    passed_page = client.get(reverse("recipients:candidate_detail", args=[passed.pk])).content.decode()

    assert "Data DTKS" in refused_page and "Tidak lolos" in refused_page and "desil DTKS 8" in refused_page
    assert "Lolos verifikasi DTKS" in passed_page
    assert client.get(reverse("recipients:candidate_detail", args=[passed.pk])).status_code == 200
    client.force_login(users["other_officer"])
    assert client.get(reverse("recipients:candidate_detail", args=[passed.pk])).status_code == 404


@pytest.mark.django_db
def test_the_case_page_has_no_registry_section_before_verification(client, new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["officer"])

    assert "Data DTKS" not in client.get(reverse("recipients:candidate_detail", args=[candidate.pk])).content.decode()
