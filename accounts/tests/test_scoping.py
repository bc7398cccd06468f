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


# Several provinces on one server: a province is a scope like the kabupaten/kota.

def test_provincial_staff_and_viewers_see_only_their_own_provinces_candidates(
        users, kalsel_users, samarinda, banjarmasin, make_candidate):
    kaltim_case = make_candidate(samarinda, created_by=users["officer"])
    kalsel_case = make_candidate(banjarmasin, created_by=kalsel_users["kalsel_officer"])

    for role in ("provincial", "viewer", "admin"):
        assert list(Candidate.objects.visible_to(users[role])) == [kaltim_case], role
    for role in ("kalsel_provincial", "kalsel_viewer", "kalsel_officer"):
        assert list(Candidate.objects.visible_to(kalsel_users[role])) == [kalsel_case], role
    assert list(Candidate.objects.writable_by(kalsel_users["kalsel_provincial"])) == [kalsel_case]
    assert not Candidate.objects.writable_by(kalsel_users["kalsel_viewer"]).exists()


def test_object_for_is_a_404_for_another_provinces_staff(users, kalsel_users, samarinda, banjarmasin, make_candidate):
    import pytest
    from django.http import Http404

    from accounts.scoping import object_for

    kaltim_case = make_candidate(samarinda, created_by=users["officer"])
    kalsel_case = make_candidate(banjarmasin, created_by=kalsel_users["kalsel_officer"])
    with pytest.raises(Http404):
        object_for(kalsel_users["kalsel_provincial"], Candidate.objects, write=True, pk=kaltim_case.pk)
    with pytest.raises(Http404):
        object_for(users["provincial"], Candidate.objects, pk=kalsel_case.pk)
    assert object_for(users["provincial"], Candidate.objects, write=True, pk=kaltim_case.pk) == kaltim_case


def test_the_superuser_without_a_province_sees_every_province(
        make_user, users, kalsel_users, samarinda, banjarmasin, make_candidate):
    from accounts.models import Role

    make_candidate(samarinda, created_by=users["officer"])
    make_candidate(banjarmasin, created_by=kalsel_users["kalsel_officer"])
    operator = make_user("operator", Role.ADMIN, province=None)

    assert operator.sees_all_provinces and operator.area_ids() is None
    assert Candidate.objects.visible_to(operator).count() == 2
    assert not users["admin"].sees_all_provinces  # a role-admin of Kaltim stays in Kaltim


def test_work_and_full_numbers_stop_at_the_province(users, kalsel_users, samarinda, banjarmasin):
    from accounts.permissions import may_see_full_numbers, require_area
    from regions.selectors import kabupaten_visible_to

    assert users["provincial"].can_work_in(samarinda.id)
    assert not users["provincial"].can_work_in(banjarmasin.id)
    assert not kalsel_users["kalsel_provincial"].can_work_in(samarinda.id)
    assert may_see_full_numbers(kalsel_users["kalsel_provincial"], kabupaten_id=banjarmasin.id)
    assert not may_see_full_numbers(kalsel_users["kalsel_provincial"], kabupaten_id=samarinda.id)
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require_area(kalsel_users["kalsel_provincial"], samarinda.id)
    assert set(kabupaten_visible_to(kalsel_users["kalsel_viewer"]).values_list("code", flat=True)) == {"63.01", "63.71"}
    assert banjarmasin not in kabupaten_visible_to(users["viewer"])


def test_a_users_province_is_its_kabupatens_and_the_form_says_so(make_user, kalsel, samarinda, banjarmasin):
    import pytest
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from accounts.models import Role, User

    officer = make_user("petugas_bjm_2", Role.OFFICER, banjarmasin)
    assert officer.province == kalsel
    officer.kabupaten = samarinda
    officer.save()
    assert officer.province.code == "64"  # moved with its kabupaten

    mixed = User(username="campur", role=Role.OFFICER, kabupaten=samarinda, province=kalsel)
    with pytest.raises(ValidationError, match="bukan wilayah provinsi Kalimantan Selatan"):
        mixed.full_clean()
    staff = User(username="tanpa_provinsi", role=Role.PROVINCIAL)
    with pytest.raises(ValidationError, match="Pilih provinsi"):
        staff.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="tanpa_provinsi", role=Role.PROVINCIAL)


def test_each_provinces_staff_see_their_own_dinas_on_every_page(client, users, kalsel_users):
    for user, province, other in ((users["provincial"], "Kalimantan Timur", "Kalimantan Selatan"),
                                  (kalsel_users["kalsel_provincial"], "Kalimantan Selatan", "Kalimantan Timur"),
                                  (kalsel_users["kalsel_officer"], "Kalimantan Selatan", "Kalimantan Timur")):
        client.force_login(user)
        page = client.get("/").content.decode()

        assert f"Dinas Sosial Provinsi {province}</footer>" in page
        assert f"· Dinas Sosial Provinsi {province}</title>" in page
        assert other not in page
    client.force_login(users["provincial"])
    assert "Wilayah kerja: seluruh Provinsi Kalimantan Timur" in client.get("/").content.decode()
