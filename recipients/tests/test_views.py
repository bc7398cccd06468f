import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from audit.models import DataAccess
from exports.tests.helpers import exported_rows
from recipients.models import Candidate, Upload


def sheet(response):
    body = b"".join(response) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(body)).get_sheet_by_index(0).to_python()


def post_file(client, data, name="usulan.xlsx", **extra):
    return client.post(reverse("recipients:upload_create"),
                       {"file": SimpleUploadedFile(name, data), **extra})


def test_an_officer_uploads_previews_and_confirms_a_small_file_inline(client, users, programme_year, rows, xlsx):
    client.force_login(users["officer"])
    data = rows(4)
    data[3][10] = 42

    response = post_file(client, xlsx(data), programme_year=programme_year.pk)

    upload = Upload.objects.get()
    assert response.status_code == 302 and upload.kabupaten.code == "64.72"
    page = client.get(reverse("recipients:upload_detail", kwargs={"pk": upload.pk})).content.decode()
    assert "harus bilangan bulat 1 sampai 10" in page and 'data-testid="confirm-button"' in page
    assert not Candidate.objects.exists()

    client.post(reverse("recipients:upload_confirm", kwargs={"pk": upload.pk}))

    assert Candidate.objects.filter(upload=upload).count() == 3


def test_an_officer_cannot_upload_for_another_area_even_by_forging_the_form(client, users, programme_year, rows,
                                                                           xlsx, balikpapan):
    client.force_login(users["officer"])

    post_file(client, xlsx(rows(2)), programme_year=programme_year.pk, kabupaten=balikpapan.pk)

    # The field is fixed to the officer's own area: the forged value is ignored.
    assert Upload.objects.get().kabupaten.code == "64.72"


def test_an_upload_for_a_year_closed_to_proposals_says_so(client, users, programme_year, rows, xlsx):
    programme_year.is_open = False
    programme_year.save()
    client.force_login(users["officer"])
    body = post_file(client, xlsx(rows(2)), programme_year=programme_year.pk).content.decode()

    assert "Tahun itu tidak menerima usulan lagi" in body and not Upload.objects.exists()


def test_provincial_staff_pick_the_area(client, users, programme_year, rows, xlsx, balikpapan):
    client.force_login(users["provincial"])

    post_file(client, xlsx(rows(2, kabupaten=balikpapan)), programme_year=programme_year.pk, kabupaten=balikpapan.pk)

    assert Upload.objects.get().accepted_count == 2


def test_a_viewer_may_not_upload(client, users, programme_year, rows, xlsx):
    client.force_login(users["viewer"])

    assert post_file(client, xlsx(rows(1)), programme_year=programme_year.pk).status_code == 403
    assert not Upload.objects.exists()


def test_the_list_masks_the_nik_and_never_shows_another_area(client, users, make_candidate, samarinda, balikpapan):
    mine = make_candidate(samarinda, name="Aminah Samarinda", created_by=users["officer"])
    make_candidate(balikpapan, name="Budi Balikpapan", created_by=users["other_officer"])
    client.force_login(users["officer"])

    page = client.get(reverse("recipients:candidate_list")).content.decode()

    assert "Aminah Samarinda" in page and "Budi Balikpapan" not in page
    assert mine.person.nik not in page and mine.person.nik[:4] + "••••••••" + mine.person.nik[-4:] in page


def test_search_by_exact_nik_goes_through_the_session_not_the_url(client, users, make_candidate, samarinda):
    wanted = make_candidate(samarinda, name="Dicari", created_by=users["officer"])
    make_candidate(samarinda, name="Lainnya", created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.post(reverse("recipients:candidate_list"), {"q": wanted.person.nik})
    assert response.status_code == 302 and wanted.person.nik not in response["Location"]
    page = client.get(response["Location"]).content.decode()

    assert "Dicari" in page and "Lainnya" not in page
    client.post(reverse("recipients:candidate_list"), {"q": wanted.person.nik[:10]})
    assert "Dicari" not in client.get(reverse("recipients:candidate_list")).content.decode()


def test_filters_by_status_and_desil(client, users, make_candidate, samarinda):
    make_candidate(samarinda, name="Desil Tiga", desil_proposed=3, created_by=users["officer"])
    make_candidate(samarinda, name="Sudah Penetapan", status="decided", created_by=users["officer"])
    client.force_login(users["provincial"])

    client.post(reverse("recipients:candidate_list"), {"desil": "3"})
    page = client.get(reverse("recipients:candidate_list")).content.decode()
    assert "Desil Tiga" in page and "Sudah Penetapan" not in page

    client.post(reverse("recipients:candidate_list"), {"status": "decided"})
    page = client.get(reverse("recipients:candidate_list")).content.decode()
    assert "Sudah Penetapan" in page and "Desil Tiga" not in page


def test_the_desil_filter_uses_the_registry_desil_once_verified(client, users, make_candidate, samarinda):
    make_candidate(samarinda, name="Usul Tiga DTKS Lima", desil_proposed=3, desil_dtks=5, created_by=users["officer"])
    make_candidate(samarinda, name="Usul Dua DTKS Tiga", desil_proposed=2, desil_dtks=3, created_by=users["officer"])
    client.force_login(users["provincial"])

    client.post(reverse("recipients:candidate_list"), {"desil": "3"})
    page = client.get(reverse("recipients:candidate_list")).content.decode()

    assert "Usul Dua DTKS Tiga" in page and "Usul Tiga DTKS Lima" not in page
    verified = Candidate.objects.get(person__name="Usul Dua DTKS Tiga")
    detail = client.get(reverse("recipients:candidate_detail", args=[verified.pk])).content.decode()
    assert '<dd data-testid="desil-dtks">3</dd>' in detail


def test_the_detail_shows_the_full_nik_to_the_officer_and_logs_the_read(client, users, make_candidate, samarinda):
    candidate = make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["officer"])

    page = client.get(reverse("recipients:candidate_detail", kwargs={"pk": candidate.pk})).content.decode()

    assert candidate.person.nik in page
    log = DataAccess.objects.get(action="read")
    assert log.user == users["officer"] and log.kabupaten == samarinda


def test_a_viewer_sees_the_nik_masked_and_nothing_is_logged(client, users, make_candidate, samarinda):
    candidate = make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["viewer"])

    page = client.get(reverse("recipients:candidate_detail", kwargs={"pk": candidate.pk})).content.decode()

    assert candidate.person.nik not in page and not DataAccess.objects.exists()


def test_another_areas_officer_gets_404_on_a_candidate_and_an_upload(client, users, make_candidate, samarinda):
    candidate = make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["other_officer"])

    assert client.get(reverse("recipients:candidate_detail", kwargs={"pk": candidate.pk})).status_code == 404


def test_the_export_is_logged_scoped_and_neutralises_formulas(client, users, make_candidate, samarinda, balikpapan):
    make_candidate(samarinda, name="=HYPERLINK(\"http://x\",\"klik\")", business_type="@SUM(A1:A9)",
                   address="+62 jalan", created_by=users["officer"])
    make_candidate(balikpapan, name="Budi Balikpapan", created_by=users["other_officer"])
    client.force_login(users["officer"])

    rows = exported_rows(client, reverse("recipients:candidate_export"))

    assert len(rows) == 2
    name, business, address = rows[1][2], rows[1][11], rows[1][8]
    assert name.startswith("'=HYPERLINK") and business == "'@SUM(A1:A9)" and address == "'+62 jalan"
    assert len(rows[1][0]) == 16  # full NIK for the officer of the area, as text
    log = DataAccess.objects.get(action="export")
    assert log.row_count == 1 and log.user == users["officer"]


def test_a_viewer_exports_masked_niks(client, users, make_candidate, samarinda):
    make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["viewer"])

    rows = exported_rows(client, reverse("recipients:candidate_export"))

    assert "•" in rows[1][0]


def test_the_template_has_the_headers_an_example_and_drop_downs(client, users):
    client.force_login(users["officer"])

    response = client.get(reverse("recipients:upload_template"))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_index(0).to_python()

    assert rows == [rows[0]] and rows[0][:3] == ["NIK", "NO_KK", "NAMA"]  # the list itself starts empty
    assert book.get_sheet_by_name("Contoh").to_python()[1][0].startswith("6472")
    kecamatan = [r[0] for r in book.get_sheet_by_name("Daftar").to_python()[1:]]
    assert "Samarinda Ulu" in kecamatan and "Balikpapan Kota" not in kecamatan
    import zipfile
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.count("<dataValidation ") == 4 and '"L,P"' in sheet_xml


def test_the_untouched_template_saves_no_candidate(client, users, programme_year):
    client.force_login(users["officer"])

    post_file(client, client.get(reverse("recipients:upload_template")).content, programme_year=programme_year.pk)

    upload = Upload.objects.get()
    assert upload.status == Upload.Status.FAILED and "tidak ada baris calon" in upload.errors[0]["reason"]
    assert not Candidate.objects.exists()


def test_the_templates_example_filled_into_the_list_is_accepted(client, users, programme_year, xlsx, packages):
    client.force_login(users["officer"])
    book = CalamineWorkbook.from_filelike(io.BytesIO(client.get(reverse("recipients:upload_template")).content))
    header, example = book.get_sheet_by_name("Contoh").to_python()
    assert example[header.index("PAKET_USULAN")] == "PG-GORENGAN"

    post_file(client, xlsx([example]), programme_year=programme_year.pk)

    upload = Upload.objects.get()
    assert upload.accepted_count == 1, upload.refusals


def test_the_template_lists_the_years_active_packages_in_a_sheet_and_a_drop_down(client, users, packages):
    client.force_login(users["officer"])

    content = client.get(reverse("recipients:upload_template")).content

    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("PAKET").to_python()
    assert sheet[1:] == [["PG-GORENGAN", "Paket usaha gorengan"], ["PG-JAHIT", "Paket usaha jahit"]]
    import zipfile
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "PAKET!$A$2:$A$3" in sheet_xml


def test_upload_history_shows_who_uploaded_what_in_the_area_only(client, users, programme_year, samarinda, balikpapan):
    for kab, user in ((samarinda, users["officer"]), (balikpapan, users["other_officer"])):
        Upload.objects.create(kabupaten=kab, programme_year=programme_year, uploaded_by=user,
                              original_name=f"usulan-{kab.short_name}.xlsx", status="confirmed")
    client.force_login(users["officer"])

    page = client.get(reverse("recipients:upload_list")).content.decode()

    assert "usulan-Samarinda.xlsx" in page and "usulan-Balikpapan.xlsx" not in page and "Petugas Samarinda" in page


@pytest.mark.parametrize("role", ["officer", "provincial"])
def test_the_refused_rows_download_is_logged(client, users, programme_year, samarinda, role):
    upload = Upload.objects.create(kabupaten=samarinda, programme_year=programme_year, uploaded_by=users["officer"],
                                   original_name="x.xlsx", status="preview", headers=["NIK", "DESIL"],
                                   refused_rows=[{"row": 2, "values": ["=1+1", "11"]}],
                                   refusals=[{"row": 2, "column": "DESIL", "reason": "harus 1 sampai 10"}])
    client.force_login(users[role])

    rows = sheet(client.get(reverse("recipients:upload_refusals", kwargs={"pk": upload.pk})))

    assert rows[1] == ["'=1+1", "11", "DESIL: harus 1 sampai 10", 2]
    assert DataAccess.objects.filter(action="export", user=users[role]).exists()
