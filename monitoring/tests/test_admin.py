"""The monitoring rounds in the admin: they change only before the year's first handover."""

from django.urls import reverse

from monitoring.models import Round


def test_a_years_rounds_change_in_the_admin_until_its_first_handover(client, users, programme_year, samarinda,
                                                                    hand_over):
    client.force_login(users["admin"])
    six = Round.objects.create(programme_year=programme_year, months=6)
    add = reverse("admin:monitoring_round_add")
    change = reverse("admin:monitoring_round_change", args=[six.pk])

    # Before any handover the rounds are the year's plan, and the admin edits them.
    assert client.post(add, {"programme_year": programme_year.pk, "months": 12}).status_code == 302
    assert client.post(change, {"programme_year": programme_year.pk, "months": 9}).status_code == 302
    assert sorted(Round.objects.values_list("months", flat=True)) == [9, 12]

    hand_over(samarinda)

    # After it the families' visits are scheduled by them: shown, never changed, added or removed.
    page = client.get(change)
    assert page.status_code == 200 and b'name="months"' not in page.content
    assert "tidak dapat diubah lagi: serah terima pertama" in page.content.decode()  # the page says why
    assert client.post(change, {"programme_year": programme_year.pk, "months": 4}).status_code == 403
    assert client.post(reverse("admin:monitoring_round_delete", args=[six.pk]), {"post": "yes"}).status_code == 403
    refused = client.post(add, {"programme_year": programme_year.pk, "months": 48})
    assert refused.status_code == 200
    assert "tidak dapat diubah lagi: serah terima pertama" in refused.content.decode()
    assert sorted(Round.objects.values_list("months", flat=True)) == [9, 12]
