import pytest
from django.urls import reverse

from grievances.models import Category, Grievance, Status
from grievances.services.handling import grievance_submit


def submit(client, **fields):
    data = {"category": "goods", "kabupaten": fields.pop("kabupaten").pk, "description": "Kompor tidak menyala",
            "complainant_name": "", "complainant_phone": ""}
    data.update(fields)
    return client.post(reverse("grievances:submit"), data, REMOTE_ADDR=fields.get("address", "10.1.1.1"))


def test_an_anonymous_complaint_gets_a_tracking_code_at_once(client, samarinda):
    response = submit(client, kabupaten=samarinda)
    grievance = Grievance.objects.get()
    assert response.status_code == 200
    assert grievance.code in response.content.decode() and len(grievance.code) == 10
    assert (grievance.channel, grievance.status, grievance.complainant_name, grievance.recorded_by) == (
        "web", "received", "", None)
    assert grievance.code not in response.wsgi_request.get_full_path()  # never in a URL


def test_the_tracking_page_shows_the_status_only(client, samarinda):
    grievance = grievance_submit(category=Category.CONDUCT, kabupaten=samarinda, description="Petugas kasar sekali",
                                 complainant_name="Budi Rahasia")
    grievance.status = Status.IN_PROGRESS
    grievance.save()
    typed = f" {grievance.code[:5].lower()} {grievance.code[5:].lower()} "
    body = client.post(reverse("grievances:track"), {"code": typed}).content.decode()
    assert "<strong>Sedang ditangani</strong>" in body
    for secret in ("Petugas kasar", "Budi Rahasia", "Sikap petugas", samarinda.name):
        assert secret not in body


def test_an_unknown_code_is_told_in_indonesian(client, db):
    body = client.post(reverse("grievances:track"), {"code": "ZZZZZZZZZZ"}).content.decode()
    assert "Kode pelacakan tidak ditemukan" in body


def test_bad_input_gets_indonesian_errors_and_writes_nothing(client, samarinda):
    response = submit(client, kabupaten=samarinda, category="bukan", description="", complainant_phone="12ab")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pilih tentang apa" in body and "Ceritakan apa yang terjadi" in body and "Tulis No. HP" in body
    assert not Grievance.objects.exists()


def test_no_category_is_chosen_for_the_complainant_and_one_sent_unchosen_is_refused(client, users, samarinda):
    """The category routes the complaint (a sensitive one to the province): a form sent as it opened routed it
    as 'Penetapan penerima'."""
    import re

    for url in (reverse("grievances:submit"), reverse("grievances:record")):
        client.force_login(users["officer"])
        form = client.get(url).content.decode()
        chosen = re.search(r'<select name="category"[^>]*>\s*<option value="" selected>', form)
        assert chosen, url
    response = submit(client, kabupaten=samarinda, category="")
    assert "Pilih tentang apa pengaduan Anda." in response.content.decode() and not Grievance.objects.exists()
    recorded = client.post(reverse("grievances:record"), {
        "kabupaten": samarinda.pk, "description": "Bimtek dibatalkan", "category": "", "channel": ""})
    body = recorded.content.decode()
    assert "Pilih tentang apa pengaduan Anda." in body and "Pilih saluran pengaduan." in body
    assert not Grievance.objects.exists()


def test_one_address_is_held_to_ten_complaints_an_hour(client, samarinda):
    statuses = [submit(client, kabupaten=samarinda).status_code for _ in range(12)]
    assert statuses == [200] * 10 + [429, 429]
    assert Grievance.objects.count() == 10


def test_a_complaint_is_taken_with_redis_down(client, samarinda, settings, monkeypatch):
    from public import limits

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    monkeypatch.setattr(limits, "_client", None)
    assert submit(client, kabupaten=samarinda).status_code == 200
    assert Grievance.objects.count() == 1


def test_an_officer_records_a_phone_complaint_of_their_area(client, users, samarinda):
    client.force_login(users["officer"])
    response = client.post(reverse("grievances:record"), {
        "category": "training", "kabupaten": samarinda.pk, "description": "Bimtek dibatalkan tanpa kabar",
        "complainant_name": "Ibu Ani", "complainant_phone": "081234567890", "channel": "phone"})
    grievance = Grievance.objects.get()
    assert response.status_code == 302 and response.url == reverse("grievances:detail", args=[grievance.pk])
    assert (grievance.channel, grievance.recorded_by) == ("phone", users["officer"])


def test_an_officer_cannot_record_for_another_area(client, users, balikpapan):
    client.force_login(users["officer"])
    response = client.post(reverse("grievances:record"), {
        "category": "goods", "kabupaten": balikpapan.pk, "description": "x", "channel": "whatsapp"})
    assert response.status_code == 200 and "Pilih kabupaten/kota" in response.content.decode()
    assert not Grievance.objects.exists()


@pytest.mark.parametrize("category", sorted(c.value for c in (Category.PUNGLI, Category.FRAUD, Category.HARASSMENT,
                                                                Category.PERSONAL_DATA)))
def test_a_sensitive_complaint_never_reaches_the_areas_officer(client, users, samarinda, complaints_officer,
                                                               category):
    grievance = grievance_submit(category=category, kabupaten=samarinda, description="Rahasia sensitif")
    detail = reverse("grievances:detail", args=[grievance.pk])
    for role in ("officer", "other_officer", "viewer", "provincial", "admin"):
        client.force_login(users[role])
        assert "Rahasia sensitif" not in client.get(reverse("grievances:list")).content.decode(), role
        assert grievance.code not in client.get(reverse("grievances:list")).content.decode(), role
        assert client.get(detail).status_code == 404, role
        assert client.post(detail, {"status": "resolved", "resolution": "tutup"}).status_code == 404, role
    assert Grievance.objects.get().status == "received"
    client.force_login(complaints_officer)
    assert "Rahasia sensitif" in client.get(detail).content.decode()
    assert grievance.code in client.get(reverse("grievances:list")).content.decode()
    response = client.post(detail, {"status": "resolved", "resolution": "Sudah dilaporkan ke Inspektorat"})
    assert response.status_code == 302 and Grievance.objects.get().status == "resolved"


def test_an_ordinary_complaint_is_for_the_areas_officer_and_the_province(client, users, samarinda):
    grievance = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Wajan penyok")
    detail = reverse("grievances:detail", args=[grievance.pk])
    expected = {"officer": 200, "provincial": 200, "viewer": 200, "other_officer": 404}
    for role, status in expected.items():
        client.force_login(users[role])
        assert client.get(detail).status_code == status, role
    client.force_login(users["viewer"])
    assert client.post(detail, {"status": "resolved", "resolution": "x"}).status_code == 403
    client.force_login(users["officer"])
    response = client.post(detail, {"status": "resolved", "resolution": ""})
    assert "Tuliskan penyelesaiannya" in response.content.decode()
    client.post(detail, {"status": "resolved", "resolution": "Wajan diganti penyedia"})
    assert Grievance.objects.get().status == "resolved"


def test_the_public_pages_have_no_inline_script_or_style(client, db):
    for name in ("grievances:submit", "grievances:track"):
        body = client.get(reverse(name)).content.decode()
        assert "<script" not in body and "style=" not in body and "<style" not in body


def test_the_family_is_told_by_when_it_is_answered_and_resolved(client, samarinda, holidays_2026):
    import datetime as dt

    from grievances.clock import WITA

    friday = dt.datetime(2026, 12, 4, 16, tzinfo=WITA)
    grievance = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="x", now=friday)
    assert (grievance.acknowledge_by, grievance.resolve_by) == (dt.date(2026, 12, 7), dt.date(2026, 12, 18))
    body = client.post(reverse("grievances:track"), {"code": grievance.code}).content.decode()
    assert "Diselesaikan paling lambat" in body and "18 Des 2026" in body
    response = submit(client, kabupaten=samarinda)
    assert 'data-testid="grievance-due"' in response.content.decode()
