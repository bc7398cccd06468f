"""Visits sent by phones in the admin: an area's admin sees its area's, nothing is added, changed or deleted."""

import uuid

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Role
from fieldwork.models import Kind, Submission, SubmissionPhoto, SubmissionStatus


@pytest.fixture
def sent(make_candidate, samarinda, balikpapan, users):
    made = {}
    for area, officer, name in ((samarinda, users["officer"], "Siti Samarinda"),
                                (balikpapan, users["other_officer"], "Wati Balikpapan")):
        submission = Submission.objects.create(
            client_id=uuid.uuid4(), kind=Kind.MONITORING, candidate=make_candidate(area, name=name, created_by=officer),
            user=officer, status=SubmissionStatus.CONFLICT, payload={"notes": "omzet naik"})
        made[area.code] = (submission, SubmissionPhoto.objects.create(submission=submission, image="fieldwork/x.jpg"))
    return made


def clerk(make_user, samarinda):
    user = make_user("operator_smd", Role.OFFICER, samarinda, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="fieldwork"))
    return user


def test_an_admin_bound_to_samarinda_sees_only_its_submissions_and_photos(client, make_user, samarinda, balikpapan,
                                                                          sent):
    client.force_login(clerk(make_user, samarinda))

    page = client.get("/admin/fieldwork/submission/", {"_facets": "True"}).content.decode()
    assert "Siti Samarinda" in page and "Wati Balikpapan" not in page and balikpapan.name not in page
    assert client.get("/admin/fieldwork/submission/", {"q": "Wati"}).context["cl"].result_count == 0
    photos = client.get("/admin/fieldwork/submissionphoto/").context["cl"].result_list
    assert [p.pk for p in photos] == [sent["64.72"][1].pk]
    other, other_photo = sent["64.71"]
    assert client.get(f"/admin/fieldwork/submission/{other.pk}/change/").status_code == 302
    assert client.get(f"/admin/fieldwork/submissionphoto/{other_photo.pk}/change/").status_code == 302
    own = client.get(f"/admin/fieldwork/submission/{sent['64.72'][0].pk}/change/").content.decode()
    assert f"/lapangan/konflik/foto/{sent['64.72'][1].pk}/" in own and "fieldwork/x.jpg" not in own


def test_submissions_and_photos_are_never_added_changed_or_deleted_in_the_admin(client, users, sent):
    submission, photo = sent["64.72"]
    client.force_login(users["admin"])

    for base in ("/admin/fieldwork/submission/", "/admin/fieldwork/submissionphoto/"):
        assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"/admin/fieldwork/submission/{submission.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/fieldwork/submissionphoto/{photo.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/fieldwork/submission/{submission.pk}/change/", {"status": SubmissionStatus.SETTLED})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CONFLICT and SubmissionPhoto.objects.count() == 2
