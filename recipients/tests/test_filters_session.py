"""The candidate filters kept in the session are validated: a bad value never breaks a later page."""

from recipients.views import FILTERS_KEY


def test_only_valid_filters_are_kept_and_the_export_still_works(client, users, samarinda, make_candidate):
    make_candidate(samarinda, name="Siti Aminah", created_by=users["officer"])
    client.force_login(users["officer"])

    client.post("/calon/", {"q": "Siti", "status": "proposed", "kecamatan": "abc", "upload": str(2**62),
                            "desil": "x" * 10_000})

    assert client.session[FILTERS_KEY] == {"q": "Siti", "status": "proposed"}
    assert client.get("/calon/").status_code == 200
    assert client.get("/calon/ekspor/").status_code in (200, 302)


def test_a_nul_left_in_an_older_session_does_not_break_the_export(client, users, samarinda, make_candidate):
    make_candidate(samarinda, name="Siti Aminah", created_by=users["officer"])
    client.force_login(users["officer"])
    session = client.session
    session[FILTERS_KEY] = {"q": "Siti\x00", "kecamatan": "abc", "upload": str(2**63)}
    session.save()

    assert client.get("/calon/").status_code == 200
    assert client.get("/calon/ekspor/").status_code in (200, 302)


def test_the_filters_show_what_the_list_is_filtered_by_never_dashes(client, users, samarinda, make_candidate,
                                                                    programme_year):
    """'Tahun: ---------' while the list held only the header's year; the other choices read 'Semua'."""
    import re

    make_candidate(samarinda, name="Siti Aminah", created_by=users["officer"])
    client.force_login(users["provincial"])
    for filters in ({}, {"q": "Siti"}):
        client.post("/calon/", filters or {"reset": "1"})
        page = client.get("/calon/").content.decode()
        assert "---------" not in page
        assert re.search(rf'<option value="{programme_year.pk}" selected>{programme_year}</option>', page), filters
        assert page.count('<option value="" selected>Semua</option>') >= 3  # area, kecamatan, upload
