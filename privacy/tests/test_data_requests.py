"""A family's request about its data: recorded with the 3 x 24 hour clock, answered by the data-protection
officer with what the system holds on the NIK, closed with what was done; a restriction stops notices."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import DataAccess
from audit.services.access import data_access_record
from notices.models import Kind as NoticeKind, Notice, Status as NoticeStatus
from notices.services import outbox as notices
from privacy import services
from privacy.models import DataRequest, Kind


@pytest.fixture
def family(make_candidate, samarinda, users):
    return make_candidate(samarinda, name="Siti Nurhaliza", created_by=users["officer"], phone="081234567890",
                          status="decided")


def record(user, family, kind=Kind.SEE, **extra):
    return services.data_request_record(user=user, kind=kind, nik=family.person.nik, kabupaten=family.kabupaten,
                                        requester_name="Siti Nurhaliza", channel="in_person", **extra)


def test_the_answer_is_due_three_times_24_hours_after_the_family_asked(users, family):
    asked = timezone.now() - dt.timedelta(hours=80)
    late = record(users["officer"], family, received_at=asked)
    assert late.due_at == asked + dt.timedelta(hours=72) and late.person == family.person
    assert late.breached() and not record(users["officer"], family).breached()


def test_a_request_is_refused_with_a_reason(users, family, balikpapan):
    with pytest.raises(ValidationError, match="masa depan"):
        record(users["officer"], family, received_at=timezone.now() + dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="dibetulkan"):
        record(users["officer"], family, kind=Kind.CORRECT)
    with pytest.raises(ValidationError):
        services.data_request_record(user=users["officer"], kind=Kind.SEE, nik="12345", kabupaten=family.kabupaten,
                                     requester_name="X", channel="phone")
    with pytest.raises(PermissionDenied):
        services.data_request_record(user=users["other_officer"], kind=Kind.SEE, nik=family.person.nik,
                                     kabupaten=family.kabupaten, requester_name="X", channel="phone")


def test_only_the_data_protection_officer_closes_and_a_restriction_stops_every_notice(users, family, dpo):
    notices.notices_for_candidates(kind=NoticeKind.DECIDED, event="y2025", candidates=[family], text="x")
    request = record(users["officer"], family, kind=Kind.RESTRICT)
    for user in (users["officer"], users["provincial"]):
        with pytest.raises(PermissionDenied):
            services.data_request_close(request=request, user=user, outcome="x")
    with pytest.raises(ValidationError):
        services.data_request_close(request=request, user=dpo, outcome="")
    services.data_request_close(request=request, user=dpo, outcome="Pemberitahuan dihentikan.", restrict=True)
    assert Notice.objects.get().status == NoticeStatus.RESTRICTED
    notices.notices_for_candidates(kind=NoticeKind.HANDOVER_INVITED, event="day1", candidates=[family], text="x")
    assert Notice.objects.get(kind=NoticeKind.HANDOVER_INVITED).status == NoticeStatus.RESTRICTED
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.data_request_close(request=request, user=dpo, outcome="lagi")


def test_the_officer_sees_what_the_system_holds_and_who_read_it(client, users, family, dpo):
    data_access_record(user=users["officer"], action=DataAccess.Action.READ, subject="Calon", row_count=1,
                       kabupaten=family.kabupaten, detail={"candidate": family.pk})
    data_access_record(user=users["provincial"], action=DataAccess.Action.EXPORT, subject="Daftar calon Samarinda",
                       kabupaten=family.kabupaten, row_count=100)
    request = record(users["officer"], family)
    client.force_login(dpo)
    page = client.get(reverse("privacy:detail", args=[request.pk])).content.decode()
    assert "Siti Nurhaliza" in page and "Kota Samarinda" in page
    assert "petugas_smd" in page and "Daftar calon Samarinda" in page
    assert family.person.nik not in page  # masked even here
    assert DataAccess.objects.filter(detail__data_request=request.pk, user=dpo).exists()  # the reading is logged
    response = client.post(reverse("privacy:detail", args=[request.pk]), {"outcome": "Data diberikan tercetak."})
    assert response.status_code == 302
    assert DataRequest.objects.get().outcome == "Data diberikan tercetak."


def test_the_area_officer_sees_the_request_but_not_the_holdings_nor_may_close(client, users, family):
    request = record(users["officer"], family)
    client.force_login(users["officer"])
    page = client.get(reverse("privacy:detail", args=[request.pk])).content.decode()
    assert "Yang disimpan sistem" not in page
    assert client.post(reverse("privacy:detail", args=[request.pk]), {"outcome": "x"}).status_code == 403
    client.force_login(users["other_officer"])
    assert client.get(reverse("privacy:detail", args=[request.pk])).status_code == 404


def test_the_list_highlights_a_breached_deadline(client, users, family):
    record(users["officer"], family, received_at=timezone.now() - dt.timedelta(hours=73))
    client.force_login(users["officer"])
    page = client.get(reverse("privacy:list")).content.decode()
    assert "Lewat batas" in page and family.person.nik not in page


def test_a_nik_the_system_does_not_hold_is_answered_so(client, users, samarinda, dpo):
    request = services.data_request_record(user=users["officer"], kind=Kind.SEE, nik="6472014703850099",
                                           kabupaten=samarinda, requester_name="X", channel="phone")
    client.force_login(dpo)
    assert "Sistem tidak menyimpan orang dengan NIK ini" in client.get(
        reverse("privacy:detail", args=[request.pk])).content.decode()


def test_recording_through_the_page(client, users, family):
    client.force_login(users["officer"])
    response = client.post(reverse("privacy:record"), {
        "kind": "correct", "nik": family.person.nik, "requester_name": "Siti", "channel": "phone",
        "kabupaten": family.kabupaten_id, "details": "Alamat salah: RT 02, bukan RT 01"})
    assert response.status_code == 302
    assert DataRequest.objects.get().kind == Kind.CORRECT


def test_a_restricted_person_leaves_the_candidate_export_masked_even_for_their_officer(client, users, family,
                                                                                      make_candidate, samarinda):
    from exports.tests.helpers import exported_rows
    from notices.services.outbox import person_restrict

    other = make_candidate(samarinda, name="Budi Terbuka", created_by=users["officer"], phone="081200001111")
    person_restrict(person_id=family.person_id, reason="uji")
    client.force_login(users["officer"])
    rows = {r[2]: r for r in exported_rows(client, reverse("recipients:candidate_export"))[1:]}
    restricted, plain = rows["Siti Nurhaliza"], rows["Budi Terbuka"]
    assert "•" in restricted[0] and "•" in restricted[1] and restricted[4] == 1985
    assert restricted[8] == "(pemrosesan dibatasi)" and restricted[9] == ""
    assert plain[0] == other.person.nik and plain[9] == "081200001111"


def test_the_data_protection_officers_beranda_shows_what_waits_and_what_is_late(client, users, family, dpo):
    record(users["officer"], family, received_at=timezone.now() - dt.timedelta(hours=80))
    record(users["officer"], family)
    client.force_login(dpo)
    page = client.get("/").content.decode()
    assert "2</strong>permintaan menunggu dijawab" in page and "1</strong>permintaan lewat batas" in page
    client.force_login(users["provincial"])
    assert "permintaan menunggu dijawab" not in client.get("/").content.decode()


def test_a_restricted_persons_case_page_hides_the_numbers_even_from_their_officer(client, users, family):
    from notices.services.outbox import person_restrict

    person_restrict(person_id=family.person_id, reason="uji")
    client.force_login(users["officer"])
    page = client.get(reverse("recipients:candidate_detail", args=[family.pk])).content.decode()
    assert family.person.nik not in page and "081234567890" not in page
    assert "pembatasan pemrosesan" in page
    assert not DataAccess.objects.filter(detail__candidate=family.pk).exists()  # nothing full was read
