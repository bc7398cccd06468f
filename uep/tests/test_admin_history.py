"""The admin's change-history lists page by index and show who changed what, not the data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_the_candidate_history_list_pages_without_showing_personal_numbers(client, users, samarinda,
                                                                           make_candidate):
    candidates = [make_candidate(samarinda, created_by=users["officer"]) for _ in range(3)]
    client.force_login(users["admin"])

    response = client.get("/admin/recipients/candidatehistory/")

    assert response.status_code == 200
    page = response.content.decode()
    assert candidates[0].no_kk not in page and candidates[0].person.nik not in page
    assert client.get(f"/admin/recipients/candidatehistory/{1}/change/").status_code in (302, 403, 404)


def test_the_all_events_list_waits_for_a_filter_instead_of_building_every_event(client, users, samarinda,
                                                                               make_candidate):
    make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["admin"])

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/admin/pghistory/events/")

    assert response.status_code == 200
    assert not any("jsonb_object_agg" in q["sql"].lower() for q in ctx.captured_queries)


def test_staff_who_are_not_administrators_do_not_see_the_history(client, make_user, samarinda):
    from accounts.models import Role

    staff = make_user("staf_admin", Role.PROVINCIAL, is_staff=True)
    client.force_login(staff)

    assert client.get("/admin/recipients/candidatehistory/").status_code == 403
