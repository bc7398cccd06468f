"""The scoped querysets every view, export, admin page and task starts from."""

from recipients.models import Candidate


def test_an_officer_sees_only_the_candidates_of_their_kabupaten(users, samarinda, balikpapan, make_candidate):
    own = make_candidate(samarinda, created_by=users["officer"])
    make_candidate(balikpapan, created_by=users["other_officer"])

    assert list(Candidate.objects.visible_to(users["officer"])) == [own]


def test_provincial_staff_viewers_and_admins_see_every_kabupaten(users, samarinda, balikpapan, make_candidate):
    make_candidate(samarinda, created_by=users["officer"])
    make_candidate(balikpapan, created_by=users["other_officer"])

    for role in ("provincial", "viewer", "admin"):
        assert Candidate.objects.visible_to(users[role]).count() == 2, role


def test_a_viewer_bound_to_a_kabupaten_sees_only_it(make_user, users, samarinda, balikpapan, make_candidate):
    from accounts.models import Role

    own = make_candidate(samarinda, created_by=users["officer"])
    make_candidate(balikpapan, created_by=users["other_officer"])
    bupati = make_user("pemantau_smd", Role.VIEWER, samarinda)

    assert list(Candidate.objects.visible_to(bupati)) == [own]
    assert not Candidate.objects.writable_by(bupati).exists()


def test_a_viewer_writes_nothing_and_an_anonymous_user_sees_nothing(users, samarinda, make_candidate):
    from django.contrib.auth.models import AnonymousUser

    make_candidate(samarinda, created_by=users["officer"])

    assert not Candidate.objects.writable_by(users["viewer"]).exists()
    assert not Candidate.objects.visible_to(AnonymousUser()).exists()


def test_a_deactivated_officer_sees_nothing(users, samarinda, make_candidate):
    make_candidate(samarinda, created_by=users["officer"])
    users["officer"].is_active = False

    assert not Candidate.objects.visible_to(users["officer"]).exists()


def test_the_database_refuses_an_officer_without_a_kabupaten(db):
    import pytest
    from django.db import IntegrityError

    from accounts.models import Role, User

    with pytest.raises(IntegrityError):
        User.objects.create_user(username="tanpa_wilayah", role=Role.OFFICER, kabupaten=None)


def test_can_work_in_only_the_officers_own_area(users, samarinda, balikpapan):
    assert users["officer"].can_work_in(samarinda.id)
    assert not users["officer"].can_work_in(balikpapan.id)
    assert not users["viewer"].can_work_in(samarinda.id)
    assert users["provincial"].can_work_in(balikpapan.id)
