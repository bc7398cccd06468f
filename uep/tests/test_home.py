"""The Beranda per role: what waits for an officer; the province at a glance for the others."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_an_officer_sees_what_waits_in_their_own_area_only(client, users, samarinda, balikpapan, make_candidate):
    for _ in range(3):
        make_candidate(samarinda, status="desk_passed", created_by=users["officer"])
    make_candidate(samarinda, status="decided", created_by=users["officer"])
    make_candidate(balikpapan, name="Orang Balikpapan", status="desk_passed", created_by=users["other_officer"])
    client.force_login(users["officer"])

    response = client.get("/")

    waiting = response.context["waiting"]
    assert (waiting.field_visits, waiting.training, waiting.handovers) == (3, 1, 0)
    page = response.content.decode()
    assert "calon menunggu verifikasi lapangan" in page and "penerima menunggu bimtek" in page
    assert "Kota Balikpapan" not in page and "Orang Balikpapan" not in page


def test_provincial_staff_see_every_area_with_quota_fill_and_budget(client, users, samarinda, make_candidate):
    make_candidate(samarinda, status="decided", created_by=users["officer"])
    client.force_login(users["provincial"])

    response = client.get("/")

    assert "waiting" not in response.context
    glance = response.context["glance"]
    assert len(glance.overview.rows) == 10 and glance.overview.total.decided == 1
    page = response.content.decode()
    assert 'data-testid="funnel"' in page and "Dana terikat / pagu" in page and "Kota Balikpapan" in page


def test_a_viewer_reads_the_glance_without_a_to_do_list(client, users, programme_year):
    client.force_login(users["viewer"])

    response = client.get("/")

    assert response.status_code == 200 and "waiting" not in response.context


def test_the_home_page_asks_the_same_number_of_queries_for_1_or_40_candidates(client, users, samarinda,
                                                                           make_candidate):
    make_candidate(samarinda, status="desk_passed", created_by=users["officer"])
    counts = {}
    for role in ("officer", "provincial"):
        client.force_login(users[role])
        client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        counts[role] = len(ctx)
    for _ in range(40):
        make_candidate(samarinda, status="desk_passed", created_by=users["officer"])
    for role in ("officer", "provincial"):
        client.force_login(users[role])
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        assert len(ctx) == counts[role], role
