"""Who changed what: database triggers record every write, bulk ones included."""

import pghistory
from django.apps import apps

from recipients.models import Candidate

CandidateHistory = apps.get_model("recipients", "CandidateHistory")


def test_a_bulk_update_is_recorded_with_the_user_who_made_it(users, samarinda, make_candidate):
    a = make_candidate(samarinda, created_by=users["officer"])
    b = make_candidate(samarinda, created_by=users["officer"])

    with pghistory.context(user=users["provincial"].id, reason="uji"):
        Candidate.objects.filter(id__in=[a.id, b.id]).update(status="desk_passed")

    updates = CandidateHistory.objects.filter(pgh_label="update")
    assert updates.count() == 2
    assert {e.pgh_context.metadata["user"] for e in updates} == {users["provincial"].id}
    assert {e.status for e in updates} == {"desk_passed"}


def test_a_request_records_its_user_and_url(client, users, samarinda, make_candidate):
    # A correction through the admin, as an administrator would make it.
    candidate = make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["admin"])
    url = f"/admin/recipients/candidate/{candidate.id}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"notes": "Dikoreksi admin", "person": candidate.person_id, "upload": "",
                 "timeline-TOTAL_FORMS": 0, "timeline-INITIAL_FORMS": 0})

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = CandidateHistory.objects.filter(pgh_label="update").latest("pgh_created_at")
    assert event.notes == "Dikoreksi admin"
    assert event.pgh_context.metadata["user"] == users["admin"].id
    assert event.pgh_context.metadata["url"] == url


def test_an_export_log_is_kept_and_cannot_be_edited_in_the_admin(client, users, samarinda):
    from audit.services.access import data_access_record

    record = data_access_record(user=users["officer"], action="export", subject="Daftar calon", kabupaten=samarinda,
                                row_count=12)
    client.force_login(users["admin"])

    assert client.get("/admin/audit/dataaccess/").status_code == 200
    assert client.post(f"/admin/audit/dataaccess/{record.id}/delete/", {"post": "yes"}).status_code == 403
