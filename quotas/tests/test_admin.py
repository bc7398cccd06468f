import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_shows_the_ledger_but_changes_go_through_the_pages(client, plan, samarinda, set_quota, users):
    entry = set_quota(samarinda, 10)
    client.force_login(users["admin"])
    assert "Kuota awal uji" in client.get("/admin/quotas/quotaentry/").content.decode()
    assert client.get("/admin/quotas/quotaentry/add/").status_code == 403
    assert client.get(f"/admin/quotas/budgetdocument/{plan.pk}/delete/").status_code == 403
    client.post(f"/admin/quotas/quotaentry/{entry.pk}/change/", {"places": 1})
    entry.refresh_from_db()
    assert entry.places == 10


def test_the_admin_refuses_a_value_per_recipient_the_budget_does_not_cover(client, programme_year, samarinda,
                                                                          set_quota, users):
    set_quota(samarinda, 1500)
    client.force_login(users["admin"])
    response = client.post("/admin/programmes/programmeyear/2025/change/", {
        "year": 2025, "value_per_recipient": 6_000_000, "desil_max": 5, "age_min": 18, "age_max": 60,
        "training_required": "on", "recipients_per_facilitator": 10, "is_open": "on"})
    assert response.status_code == 200
    assert "Anggaran tidak cukup: 1.500 tempat × Rp 6.000.000 = Rp 9.000.000.000" in response.content.decode()
    programme_year.refresh_from_db()
    assert programme_year.value_per_recipient == 5_000_000
