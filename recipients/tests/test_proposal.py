"""A candidacy keeps what its own officer proposed, even when the NIK is known from another area."""

import datetime as dt

from django.core.files.base import ContentFile
from django.urls import reverse

from exports.tests.helpers import exported_rows
from programmes.models import ProgrammeYear
from recipients.models import Candidate, Person
from recipients.services.upload import upload_check, upload_confirm, upload_create


def balikpapan_row_for(person, rows, balikpapan, *, name):
    (row,) = rows(1, kabupaten=balikpapan)
    row[0], row[2], row[3], row[4] = person.nik, name, person.sex, person.birth_date
    return row


def test_balikpapan_sees_its_own_proposal_of_a_nik_samarinda_proposed_last_year_under_another_name(
        client, users, make_candidate, samarinda, balikpapan, programme_year, rows, xlsx):
    earlier = make_candidate(samarinda, name="Siti Lama Samarinda", created_by=users["officer"],
                             programme_year=ProgrammeYear.objects.create(year=2024))
    row = balikpapan_row_for(earlier.person, rows, balikpapan, name="Siti Nurhaliza Baru")

    upload = upload_check(upload=upload_create(user=users["other_officer"], kabupaten=balikpapan,
                                               programme_year=programme_year,
                                               file=ContentFile(xlsx([row]), name="bpp.xlsx")))

    assert upload.accepted_count == 1
    (warning,) = upload.warnings
    assert warning["row"] == 2 and "nama yang berbeda" in warning["reason"]
    assert "Lama" not in str(upload.messages) and "Samarinda" not in str(upload.messages)

    upload_confirm(upload=upload, user=users["other_officer"])
    mine = Candidate.objects.get(upload=upload)
    client.force_login(users["other_officer"])
    page = client.get(reverse("recipients:candidate_detail", args=[mine.pk])).content.decode()
    assert "Siti Nurhaliza Baru" in page and "Siti Lama Samarinda" not in page
    sheet = exported_rows(client, reverse("recipients:candidate_export"))
    assert [r[2] for r in sheet[1:]] == ["Siti Nurhaliza Baru"]
    # Samarinda's candidacy and the person as first known are untouched.
    earlier.refresh_from_db()
    assert earlier.name == Person.objects.get().name == "Siti Lama Samarinda"


def test_the_same_person_proposed_again_the_same_way_gets_no_warning(
        users, make_candidate, samarinda, balikpapan, programme_year, rows, xlsx):
    earlier = make_candidate(samarinda, name="Rahmat Hidayat", sex="L", birth_date=dt.date(1980, 2, 3),
                             created_by=users["officer"], programme_year=ProgrammeYear.objects.create(year=2024))
    row = balikpapan_row_for(earlier.person, rows, balikpapan, name="  RAHMAT  hidayat ")

    upload = upload_check(upload=upload_create(user=users["other_officer"], kabupaten=balikpapan,
                                               programme_year=programme_year,
                                               file=ContentFile(xlsx([row]), name="bpp.xlsx")))

    assert upload.accepted_count == 1 and upload.warnings == []


def test_a_nik_proposed_in_another_area_this_year_is_refused_naming_only_the_area(
        users, samarinda, balikpapan, programme_year, rows, xlsx):
    (row,) = rows(1)
    first = upload_check(upload=upload_create(user=users["officer"], kabupaten=samarinda,
                                              programme_year=programme_year,
                                              file=ContentFile(xlsx([row]), name="smd.xlsx")))
    upload_confirm(upload=first, user=users["officer"])
    again = list(row)
    again[5:8] = balikpapan_row_for(Person.objects.get(), rows, balikpapan, name=row[2])[5:8]

    upload = upload_check(upload=upload_create(user=users["other_officer"], kabupaten=balikpapan,
                                               programme_year=programme_year,
                                               file=ContentFile(xlsx([again]), name="bpp.xlsx")))

    assert upload.refusals == [{"row": 2, "column": "NIK",
                                "reason": "NIK sudah diusulkan tahun 2025 di Kota Samarinda."}]


def test_a_nik_proposed_in_an_earlier_upload_of_the_same_area_names_that_upload_and_row(
        users, samarinda, programme_year, rows, xlsx):
    data = rows(2)
    upload_confirm(upload=upload_check(upload=upload_create(
        user=users["officer"], kabupaten=samarinda, programme_year=programme_year,
        file=ContentFile(xlsx(data), name="smd.xlsx"))), user=users["officer"])

    again = upload_check(upload=upload_create(user=users["officer"], kabupaten=samarinda,
                                              programme_year=programme_year,
                                              file=ContentFile(xlsx(data[1:]), name="lagi.xlsx")))

    (refusal,) = again.refusals
    assert "di Kota Samarinda (unggahan" in refusal["reason"] and refusal["reason"].endswith("baris 3).")
