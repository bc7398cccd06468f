"""The outbox: written set-based with the right status, sent once through each adapter, opt-out by reply,
restriction, quiet hours, and the staff page's counts scoped to the officer's area."""

import datetime as dt
import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notices import texts
from notices.models import Kind, Notice, OptOut, Status
from notices.quiet import WITA
from notices.services import outbox, sending

TEXT = texts.render(Kind.DECIDED, year=2025, area="Kota Samarinda")


@pytest.fixture
def families(make_candidate, samarinda, users):
    return [make_candidate(samarinda, created_by=users["officer"], phone=f"0812-3456-{i:04d}") for i in range(5)]


def test_a_hundred_notices_are_one_statement_and_a_second_write_adds_none(make_candidate, samarinda, users):
    many = [make_candidate(samarinda, created_by=users["officer"], phone="081234567890") for _ in range(100)]
    with CaptureQueriesContext(connection) as queries:
        written = outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=many, text=TEXT)
    assert written == 100 and len(queries) == 1
    assert outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=many, text=TEXT) == 0
    notice = Notice.objects.get(candidate=many[0])
    assert notice.key == f"decided:y2025:c{many[0].pk}" and notice.phone == "6281234567890"


def test_each_notice_knows_at_once_whether_it_can_go(make_candidate, samarinda, users):
    plain = make_candidate(samarinda, created_by=users["officer"], phone="+62 812 0000 1111")
    none = make_candidate(samarinda, created_by=users["officer"], phone="")
    stopped = make_candidate(samarinda, created_by=users["officer"], phone="081200002222")
    restricted = make_candidate(samarinda, created_by=users["officer"], phone="081200003333")
    OptOut.objects.create(phone="6281200002222", word="STOP")
    outbox.person_restrict(person_id=restricted.person_id, reason="Permintaan pembatasan")
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025",
                                    candidates=[plain, none, stopped, restricted], text=TEXT)
    status = dict(Notice.objects.values_list("candidate_id", "status"))
    assert status == {plain.pk: Status.PENDING, none.pk: Status.NO_PHONE, stopped.pk: Status.OPTED_OUT,
                      restricted.pk: Status.RESTRICTED}


def test_phone_numbers_are_normalised_the_same_in_python_and_sql(make_candidate, samarinda, users):
    raw = ["0812-3456-7890", "+62 812 3456 7890", "62812", "021-555-1234", "0812 34"]
    cands = [make_candidate(samarinda, created_by=users["officer"], phone=p) for p in raw]
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y", candidates=cands, text=TEXT)
    in_sql = dict(Notice.objects.values_list("candidate_id", "phone"))
    for c, p in zip(cands, raw):
        # SQL keeps what it could not read (status no_phone); Python says "".
        assert outbox.phone_normalised(p) == (in_sql[c.pk] if Notice.objects.get(candidate=c).status
                                                != Status.NO_PHONE else "")


def send_all():
    return [sending.notice_send(notice_id=i) for i in sending.notices_to_send()]


def test_the_file_adapter_sends_each_notice_once(families, notice_files):
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families, text=TEXT)
    assert send_all() == ["sent"] * 5
    assert len(list(notice_files.iterdir())) == 5
    assert sending.notices_to_send() == []
    again = Notice.objects.first()
    assert sending.notice_send(notice_id=again.pk) == "sent"
    assert Notice.objects.get(pk=again.pk).attempts == 1


def test_nothing_goes_out_in_quiet_hours_and_it_waits_until_seven(families, notice_files, monkeypatch, settings):
    settings.NOTICE_QUIET_FROM, settings.NOTICE_QUIET_UNTIL = 21, 7
    night = dt.datetime(2026, 12, 7, 22, 30, tzinfo=WITA)
    monkeypatch.setattr(timezone, "now", lambda: night)
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families, text=TEXT)
    notice = Notice.objects.first()
    assert notice.not_before == dt.datetime(2026, 12, 8, 7, 0, tzinfo=WITA)
    assert sending.notices_to_send() == []
    assert sending.notice_send(notice_id=notice.pk) == Status.PENDING  # asked directly, still held
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 8, 7, 0, 5, tzinfo=WITA))
    assert send_all() == ["sent"] * 5


def test_the_sms_adapter_sends_the_key_as_idempotency_key(families, settings, gateway):
    settings.NOTICE_PROVIDER, settings.NOTICE_SMS_URL, settings.NOTICE_SMS_TOKEN = "sms", gateway.url, "rahasia"
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:1], text=TEXT)
    assert send_all() == ["sent"]
    request, = gateway.requests
    notice = Notice.objects.get()
    assert request["headers"]["Idempotency-Key"] == notice.key
    assert request["headers"]["Authorization"] == "Bearer rahasia"
    assert request["body"] == {"to": "+6281234560000", "text": TEXT, "sender": "DINSOSKALTIM"}
    assert notice.provider == "sms" and notice.provider_ref == "msg-1"


def test_a_gateway_down_is_tried_again_later_and_a_refusal_fails_for_good(families, settings, gateway):
    settings.NOTICE_PROVIDER, settings.NOTICE_SMS_URL = "sms", gateway.url
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:2], text=TEXT)
    gateway.status = 503
    assert send_all() == [Status.PENDING, Status.PENDING]
    assert all(n.not_before > timezone.now() and "503" in n.error for n in Notice.objects.all())
    Notice.objects.update(not_before=timezone.now(), queued_at=None)
    gateway.status = 400
    assert send_all() == [Status.FAILED, Status.FAILED]
    settings.NOTICE_SMS_URL = "http://127.0.0.1:9/unreachable"  # nobody listens: a network error is transient
    Notice.objects.update(status=Status.PENDING, not_before=timezone.now(), queued_at=None)
    assert send_all() == [Status.PENDING, Status.PENDING]


def test_the_whatsapp_adapter_sends_a_text_message(families, settings, gateway):
    settings.NOTICE_PROVIDER, settings.NOTICE_WA_URL, settings.NOTICE_WA_TOKEN = "whatsapp", gateway.url, "wa"
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:1], text=TEXT)
    assert send_all() == ["sent"]
    assert gateway.requests[0]["body"] == {"messaging_product": "whatsapp", "to": "6281234560000", "type": "text",
                                           "text": {"body": TEXT}}
    assert Notice.objects.get().provider_ref == "wamid-1"


def test_a_notice_left_sending_by_a_dead_worker_is_not_sent_twice_without_an_idempotency_key(
        families, settings, gateway):
    settings.NOTICE_PROVIDER, settings.NOTICE_WA_URL = "whatsapp", gateway.url
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:1], text=TEXT)
    Notice.objects.update(status=Status.SENDING, attempts=1)  # as a killed worker leaves it
    assert send_all() == [Status.FAILED]
    assert gateway.requests == [] and "mungkin terkirim" in Notice.objects.get().error


def test_a_notice_being_sent_by_another_worker_is_not_taken(families, notice_files):
    from uep import locks

    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:1], text=TEXT)
    notice = Notice.objects.get()
    import psycopg

    other = psycopg.connect(_url(), autocommit=True)
    try:
        other.execute("SELECT pg_advisory_lock(hashtext(%s))", [f"uep.notice:{notice.pk}"])
        assert sending.notice_send(notice_id=notice.pk) == "held"
        Notice.objects.update(status=Status.SENDING)
        assert sending.notices_to_send() == []
    finally:
        other.close()
    assert locks  # the scheme lives in uep/locks.py


def _url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def post_reply(client, body, secret="s3cret", as_json=True):
    headers = {"HTTP_X_NOTICE_SECRET": secret} if secret else {}
    if as_json:
        return client.post(reverse("notices:inbound"), json.dumps(body), content_type="application/json", **headers)
    return client.post(reverse("notices:inbound"), body, **headers)


def test_a_stop_reply_stops_every_further_notice_to_that_phone(client, families, settings, notice_files):
    settings.NOTICE_INBOUND_SECRET = "s3cret"
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:2], text=TEXT)
    assert post_reply(client, {"from": "+6281234560000", "text": " stop "}).json() == {"opted_out": True}
    assert post_reply(client, {"from": "081234560001", "text": "terima kasih"}, as_json=False).json() == \
        {"opted_out": False}
    assert send_all() == ["sent"]
    assert Notice.objects.get(candidate=families[0]).status == Status.OPTED_OUT
    outbox.notices_for_candidates(kind=Kind.HANDOVER_INVITED, event="day1", candidates=families[:1],
                                    text=TEXT)
    assert Notice.objects.get(kind=Kind.HANDOVER_INVITED).status == Status.OPTED_OUT
    assert post_reply(client, {"from": "081234560001", "text": "BERHENTI"}).json() == {"opted_out": True}
    # MULAI lets later notices go again; the ones skipped meanwhile stay skipped.
    assert post_reply(client, {"from": "081234560000", "text": "mulai"}).json() == {"opted_out": False}
    outbox.notices_for_candidates(kind=Kind.HANDOVER_REMINDER, event="day1", candidates=families[:1], text=TEXT)
    assert Notice.objects.get(kind=Kind.HANDOVER_REMINDER).status == Status.PENDING
    assert Notice.objects.get(kind=Kind.HANDOVER_INVITED).status == Status.OPTED_OUT


def test_a_reply_without_the_shared_secret_is_refused(client, settings, db):
    settings.NOTICE_INBOUND_SECRET = "s3cret"
    assert post_reply(client, {"from": "081234560000", "text": "STOP"}, secret="").status_code == 403
    assert post_reply(client, {"from": "081234560000", "text": "STOP"}, secret="salah").status_code == 403
    assert post_reply(client, [1], secret="s3cret").status_code == 400
    settings.NOTICE_INBOUND_SECRET = ""
    assert post_reply(client, {"from": "081234560000", "text": "STOP"}, secret="").status_code == 403
    assert not OptOut.objects.exists()


def test_a_restriction_after_writing_stops_the_waiting_notice(families, notice_files):
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:1], text=TEXT)
    Notice.objects.update(status=Status.SENDING)  # even one a dead worker left mid-send
    outbox.person_restrict(person_id=families[0].person_id, reason="uji")
    assert send_all() == [Status.RESTRICTED]


def test_a_notice_is_written_in_the_events_transaction(families):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families, text=TEXT)
        raise RuntimeError("the event failed")
    assert not Notice.objects.exists()


def test_the_staff_page_counts_per_area_and_the_officer_sees_only_their_own(client, families, users, balikpapan,
                                                                           make_candidate, notice_files):
    other = make_candidate(balikpapan, created_by=users["other_officer"], phone="081299990000")
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=[*families, other], text=TEXT)
    send_all()
    outbox.notice_write(kind=Kind.COMPLAINT_RECEIVED, event="g1", kabupaten_id=families[0].kabupaten_id,
                          phone="081200000000", text="x")
    client.force_login(users["provincial"])
    page = client.get(reverse("notices:summary")).content.decode()
    assert "Kota Samarinda" in page and "Kota Balikpapan" in page and "Pengaduan diterima" in page
    client.force_login(users["other_officer"])
    page = client.get(reverse("notices:summary")).content.decode()
    assert "Kota Balikpapan" in page and "Kota Samarinda" not in page
    client.force_login(users["officer"])
    response = client.get(reverse("notices:summary"), {"jenis": "decided"})
    rows = response.context["rows"]
    assert [(r.kabupaten, r.counts["sent"]) for r in rows] == [("Kota Samarinda", 5)]
    # A complaint's notice is never counted on the area's page (it could reveal a sensitive complaint).
    assert "Pengaduan diterima" not in response.content.decode()


def test_the_failed_list_shows_the_areas_failures_with_the_number_masked(client, families, users,
                                                                        settings, gateway):
    settings.NOTICE_PROVIDER, settings.NOTICE_SMS_URL = "sms", gateway.url
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families[:1], text=TEXT)
    gateway.status = 400
    send_all()
    client.force_login(users["officer"])
    page = client.get(reverse("notices:failed")).content.decode()
    assert families[0].name in page and "HTTP 400" in page and "6281234560000" not in page
    client.force_login(users["other_officer"])
    assert families[0].name not in client.get(reverse("notices:failed")).content.decode()


def test_a_second_complaint_notice_of_the_same_event_is_not_written(samarinda):
    first = outbox.notice_write(kind=Kind.COMPLAINT_RECEIVED, event="g9", kabupaten_id=samarinda.pk,
                                  phone="081234567890", text="x")
    assert first is not None and first.status == Status.PENDING
    assert outbox.notice_write(kind=Kind.COMPLAINT_RECEIVED, event="g9", kabupaten_id=samarinda.pk,
                                 phone="081234567890", text="x") is None
    assert Notice.objects.count() == 1


def test_in_quiet_hours_the_staff_page_counts_what_waits_as_held(families, users, settings, monkeypatch):
    from notices.selectors import notices_summary

    settings.NOTICE_QUIET_FROM, settings.NOTICE_QUIET_UNTIL = 21, 7
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 7, 20, 0, tzinfo=WITA))
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families, text=TEXT)
    assert notices_summary(user=users["officer"])[0].counts["waiting"] == 5
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 7, 22, 0, tzinfo=WITA))
    counts = notices_summary(user=users["officer"])[0].counts
    assert (counts["held"], counts["waiting"]) == (5, 0)
