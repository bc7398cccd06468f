import datetime as dt
import re
import statistics
import time

import pytest
from django.urls import reverse

from public.models import StatusLookup
from public.services import mask_name, nik_hash
from public.stages import STAGES
from recipients.models import CandidateStatus

URL = "/cek-status/"
BIRTH = dt.date(1985, 3, 7)


def ask(client, nik, birth_date=BIRTH, address="10.0.0.1"):
    return client.post(URL, {"nik": nik, "tanggal_lahir": birth_date.strftime("%d/%m/%Y")}, REMOTE_ADDR=address)


def without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_the_url_is_cek_status():
    assert reverse("public:status") == URL


def test_every_status_of_the_lifecycle_has_a_public_stage():
    assert set(STAGES) == set(CandidateStatus.values)


@pytest.mark.parametrize("status, stage, reason", [
    ("proposed", "Diusulkan", None),
    ("desk_passed", "Sedang diverifikasi", None),
    ("field_eligible", "Sedang diverifikasi", None),
    ("decided", "Ditetapkan", None),
    ("trained", "Ditetapkan", None),
    ("reserve", "Cadangan", None),
    ("handed_over", "Sudah disalurkan", None),
    ("desk_failed", "Tidak diproses", "pemeriksaan DTKS/DTSEN"),
    ("field_ineligible", "Tidak diproses", "verifikasi lapangan"),
    ("withdrawn", "Tidak diproses", "Usulan dibatalkan"),
])
def test_it_answers_the_stage_of_each_status(client, users, samarinda, make_candidate, status, stage, reason):
    candidate = make_candidate(samarinda, name="Siti Nurhaliza", created_by=users["officer"], status=status,
                               desil_proposed=3, desil_dtks=4)
    response = ask(client, candidate.person.nik)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<strong>{stage}</strong>" in body
    assert "S**i N*******a" in body
    assert samarinda.name in body
    assert str(STAGES[status].next_step) in body
    if reason:
        assert reason in body
    else:
        assert 'data-testid="status-reason"' not in body
    # Nothing personal beyond the masked name: no NIK, no full name, no desil, no address.
    for secret in (candidate.person.nik, "Siti Nurhaliza", "desil", "Desil", candidate.address, candidate.no_kk):
        assert secret not in body
    assert StatusLookup.objects.get().outcome == "answered"


def test_it_answers_the_latest_candidacy(client, users, samarinda, balikpapan, make_candidate, programme_year):
    from programmes.models import ProgrammeYear

    old = make_candidate(samarinda, name="Ani", created_by=users["officer"], status="desk_failed")
    later = ProgrammeYear.objects.create(year=2026)
    make_candidate(balikpapan, name="Ani", created_by=users["officer"], status="decided", programme_year=later,
                   person=old.person)
    body = ask(client, old.person.nik).content.decode()
    assert "<strong>Ditetapkan</strong>" in body and balikpapan.name in body and "2026" in body


def test_it_masks_every_word_of_a_name():
    assert mask_name("Siti Nurhaliza") == "S**i N*******a"
    assert mask_name("Ni  Made Ayu") == "N* M**e A*u"
    assert mask_name("A") == "A"


def test_unknown_nik_and_wrong_birth_date_give_the_same_answer(client, users, samarinda, make_candidate):
    candidate = make_candidate(samarinda, created_by=users["officer"])
    unknown = ask(client, "6472010101010009")
    wrong_date = ask(client, candidate.person.nik, birth_date=dt.date(1985, 3, 8))
    assert unknown.status_code == wrong_date.status_code == 200
    assert len(unknown.content) == len(wrong_date.content)
    assert without_csrf(unknown.content) == without_csrf(wrong_date.content)
    assert "tidak cocok" in unknown.content.decode()
    assert sorted(unknown.headers) == sorted(wrong_date.headers)
    assert list(StatusLookup.objects.values_list("outcome", flat=True)) == ["no_match", "no_match"]


def test_unknown_nik_and_wrong_birth_date_take_the_same_time_within_noise(client, users, samarinda, make_candidate,
                                                                         settings):
    settings.PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR = settings.PUBLIC_LOOKUP_PER_NIK_PER_DAY = 1000
    nik = make_candidate(samarinda, created_by=users["officer"]).person.nik
    timings = {"unknown": [], "wrong": []}
    for _ in range(40):
        for kind, value in (("unknown", "6472010101010009"), ("wrong", nik)):
            start = time.perf_counter()
            ask(client, value, birth_date=dt.date(1990, 1, 1))
            timings[kind].append(time.perf_counter() - start)
    unknown, wrong = statistics.median(timings["unknown"]), statistics.median(timings["wrong"])
    assert abs(unknown - wrong) < max(0.005, 0.3 * min(unknown, wrong)), (unknown, wrong)


def test_the_log_holds_a_keyed_hash_and_the_address_never_the_nik(client, users, samarinda, make_candidate):
    nik = make_candidate(samarinda, created_by=users["officer"]).person.nik
    ask(client, nik, address="203.0.113.9")
    entry = StatusLookup.objects.get()
    assert entry.nik_hash == nik_hash(nik) and len(entry.nik_hash) == 64 and nik not in entry.nik_hash
    assert entry.address == "203.0.113.9"
    import hashlib
    assert entry.nik_hash != hashlib.sha256(nik.encode()).hexdigest()  # keyed, not a plain hash


def test_it_takes_the_address_behind_the_trusted_proxy(client, settings, db):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(URL, {"nik": "6472010101010009", "tanggal_lahir": "01/01/1990"}, REMOTE_ADDR="10.9.9.9",
                HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert StatusLookup.objects.get().address == "198.51.100.7"


@pytest.mark.slow  # three hundred requests
def test_one_address_is_refused_after_its_hourly_limit(client, db, settings):
    settings.PUBLIC_LOOKUP_PER_NIK_PER_DAY = 10_000
    statuses = [ask(client, f"64720101010{n:05d}", address="198.51.100.1").status_code for n in range(1, 301)]
    limit = settings.PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR
    assert statuses[:limit] == [200] * limit
    refused_after = statuses[limit:].count(429) / len(statuses[limit:])
    assert refused_after >= 0.99
    # Another address is not held back by the first one's hits.
    assert ask(client, "6472010101010001", address="198.51.100.2").status_code == 200
    assert StatusLookup.objects.filter(outcome="refused_address").count() == 300 - limit


def test_a_nik_is_answered_at_most_its_daily_limit_whatever_the_address(client, users, samarinda, make_candidate,
                                                                       settings):
    nik = make_candidate(samarinda, created_by=users["officer"]).person.nik
    answered = sum(ask(client, nik, address=f"192.0.2.{n}").status_code == 200 for n in range(1, 51))
    assert answered == settings.PUBLIC_LOOKUP_PER_NIK_PER_DAY
    assert StatusLookup.objects.filter(outcome="answered").count() == settings.PUBLIC_LOOKUP_PER_NIK_PER_DAY


def test_a_refused_lookup_answers_429_in_indonesian(client, db, settings):
    settings.PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR = 1
    ask(client, "6472010101010009")
    response = ask(client, "6472010101010009")
    assert response.status_code == 429
    assert "Terlalu banyak pencarian" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert "6472010101010009" not in response.content.decode()


def test_redis_down_refuses_in_indonesian_without_a_500(client, db, settings, monkeypatch):
    from public import limits

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    monkeypatch.setattr(limits, "_client", None)
    response = ask(client, "6472010101010009")
    assert response.status_code == 503
    assert "sedang tidak tersedia" in response.content.decode()
    assert not StatusLookup.objects.exists()


def test_bad_input_gets_an_indonesian_error_and_counts_nothing(client, db):
    response = client.post(URL, {"nik": "6.47E+15", "tanggal_lahir": "kemarin"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "NIK harus 16 angka" in body and "Tanggal lahir tidak terbaca" in body
    assert not StatusLookup.objects.exists()


def test_the_page_is_small_and_has_no_inline_script_or_style(client, db):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in body and "style=" not in body and "<style" not in body
    assert len(response.content) < 6_000
    assert "Cek status usulan UEP" in body
