"""The admin shows NIK/KK masked, keeps them out of URLs, and logs every record it opens."""

from django.contrib import admin
from django.contrib.auth.models import Permission

from accounts.models import Role
from audit.models import DataAccess


def test_the_person_list_shows_niks_masked(client, users, samarinda, make_candidate):
    nik = make_candidate(samarinda, name="Siti Aminah", created_by=users["officer"]).person.nik
    client.force_login(users["admin"])

    body = client.get("/admin/recipients/person/").content.decode()

    assert "Siti Aminah" in body
    assert nik not in body
    assert nik[:4] + "••••••••" + nik[-4:] in body


def test_a_nik_typed_in_the_search_box_is_not_searched_and_leaves_the_url(client, users, samarinda, make_candidate):
    nik = make_candidate(samarinda, created_by=users["officer"]).person.nik
    client.force_login(users["admin"])

    response = client.get(f"/admin/recipients/person/?q={nik}&sex__exact=P")

    assert response.status_code == 302
    assert nik not in response.url and response.url == "/admin/recipients/person/?sex__exact=P"
    page = client.get(response.url).content.decode()
    assert "Cari NIK/KK" in page and "hanya untuk nama" in page


def test_a_nik_is_looked_up_by_post_and_opens_the_record(client, users, samarinda, make_candidate):
    person = make_candidate(samarinda, created_by=users["officer"]).person
    client.force_login(users["admin"])

    response = client.post("/admin/recipients/person/cari-nik/", {"number": person.nik})

    assert response.status_code == 302
    assert response.url == f"/admin/recipients/person/{person.pk}/change/"


def test_a_kk_lookup_with_several_candidacies_lists_them_by_id(client, users, samarinda, make_candidate):
    first = make_candidate(samarinda, created_by=users["officer"])
    second = make_candidate(samarinda, created_by=users["officer"], no_kk=first.no_kk)
    client.force_login(users["admin"])

    response = client.post("/admin/recipients/candidate/cari-nik/", {"number": first.no_kk})

    assert response.status_code == 302 and first.no_kk not in response.url
    listing = client.get(response.url)
    assert {c.pk for c in listing.context["cl"].result_list} == {first.pk, second.pk}


def test_the_lookup_does_not_find_another_areas_person(client, make_user, users, samarinda, balikpapan,
                                                      make_candidate):
    other = make_candidate(balikpapan, created_by=users["other_officer"]).person
    clerk = make_user("operator_smd", Role.OFFICER, samarinda, is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_candidate", "view_person"]))
    client.force_login(clerk)

    response = client.post("/admin/recipients/person/cari-nik/", {"number": other.nik})

    assert response.status_code == 200
    assert "Tidak ada data dengan nomor ini" in response.content.decode()


def test_opening_a_candidate_in_the_admin_is_logged(client, users, samarinda, make_candidate):
    candidate = make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["admin"])

    assert client.get(f"/admin/recipients/candidate/{candidate.pk}/change/").status_code == 200
    assert client.get(f"/admin/recipients/person/{candidate.person_id}/change/").status_code == 200

    reads = DataAccess.objects.filter(user=users["admin"], action=DataAccess.Action.READ).order_by("id")
    assert [(r.detail["admin"], r.detail["id"]) for r in reads] == [
        ("recipients.candidate", candidate.pk), ("recipients.person", candidate.person_id)]
    assert reads[0].kabupaten == samarinda


def test_no_admin_searches_or_lists_a_full_nik_or_kk():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"pghistory"}:
            continue
        for field in (*model_admin.search_fields, *[f for f in model_admin.list_display if isinstance(f, str)]):
            assert not field.split("__")[-1] in {"nik", "no_kk"}, f"{model._meta.label}: {field}"
