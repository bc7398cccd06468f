import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monitoring.models import Assignment, Facilitator, Visit
from monitoring.services.rounds import rounds_schedule
from monitoring.services.visits import baseline_record, facilitator_assign, visit_record
from recipients.models import CandidateEvent


@pytest.fixture
def due_visit(samarinda, hand_over):
    candidate = hand_over(samarinda, name="Budi Penerima Samarinda")
    rounds_schedule()
    return Visit.objects.get(candidate=candidate, round__months=3)


def test_a_visit_is_recorded_and_appears_on_the_case_timeline(users, due_visit):
    visit = visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="berjalan",
                         monthly_revenue=2_500_000, assets=6_000_000, workers=2)

    assert (visit.outcome, visit.monthly_revenue, visit.recorded_by) == ("berjalan", 2_500_000, users["officer"])
    event = CandidateEvent.objects.get(candidate=due_visit.candidate, data__monitoring_visit=visit.id)
    assert event.status == ""  # a visit changes no state of the case
    assert "putaran 3 bulan" in event.message and "Berjalan" in event.message and "Rp 2.500.000" in event.message


def test_a_closed_business_needs_a_reason(users, due_visit):
    with pytest.raises(ValidationError, match="alasan usaha tutup"):
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="tutup")
    due_visit.refresh_from_db()
    assert due_visit.visited_on is None


def test_a_running_business_needs_its_omzet(users, due_visit):
    with pytest.raises(ValidationError, match="omzet"):
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="berkembang")


def test_a_family_not_found_keeps_no_figures(users, due_visit):
    visit = visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3),
                         outcome="tidak_ditemukan", monthly_revenue=1_000_000, workers=3)

    assert (visit.monthly_revenue, visit.workers) == (None, None)


def test_a_visit_is_neither_before_the_handover_nor_in_the_future(users, due_visit):
    with pytest.raises(ValidationError, match="sebelum tanggal serah terima"):
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 6, 1), outcome="menolak")
    with pytest.raises(ValidationError, match="masa depan"):
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date.today() + dt.timedelta(days=2),
                     outcome="menolak")


def test_another_areas_officer_records_no_visit(users, due_visit):
    with pytest.raises(PermissionDenied):
        visit_record(visit=due_visit, user=users["other_officer"], visited_on=dt.date(2025, 9, 3), outcome="menolak")


def test_sending_a_visit_again_corrects_it(users, due_visit):
    visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="berjalan",
                 monthly_revenue=1_000_000)
    visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="berjalan",
                 monthly_revenue=1_200_000)

    assert Visit.objects.get(id=due_visit.id).monthly_revenue == 1_200_000
    assert Visit.objects.filter(candidate=due_visit.candidate, visited_on__isnull=False).count() == 1
    assert CandidateEvent.objects.filter(candidate=due_visit.candidate, message__startswith="Koreksi").count() == 1


def test_a_baseline_is_recorded_once_and_corrected(users, due_visit):
    candidate = due_visit.candidate
    baseline_record(candidate=candidate, user=users["officer"], recorded_on=dt.date(2025, 6, 2), state="BERJALAN",
                    monthly_revenue=900_000, assets=5_500_000, workers=1)
    baseline = baseline_record(candidate=candidate, user=users["officer"], recorded_on=dt.date(2025, 6, 2),
                               state="BERJALAN", monthly_revenue=1_000_000, assets=5_500_000, workers=1)

    assert (baseline.monthly_revenue, candidate.monitoring_baseline.id) == (1_000_000, baseline.id)
    with pytest.raises(PermissionDenied):
        baseline_record(candidate=candidate, user=users["other_officer"], recorded_on=dt.date(2025, 6, 2),
                        state="BERJALAN", monthly_revenue=0, assets=0, workers=0)


def test_a_pendamping_follows_no_more_families_than_the_year_allows(users, programme_year, samarinda, hand_over):
    programme_year.recipients_per_facilitator = 3
    programme_year.save()
    families = [hand_over(samarinda) for _ in range(4)]
    rounds_schedule()
    ani = Facilitator.objects.create(kabupaten=samarinda, name="Ani")

    assert facilitator_assign(facilitator=ani, candidates=families[:2], user=users["officer"]) == 2
    with pytest.raises(ValidationError, match="paling banyak 3 penerima.*sudah mendampingi 2; yang dipilih 2"):
        facilitator_assign(facilitator=ani, candidates=families[2:], user=users["officer"])
    # Giving one already hers again is no extra family.
    assert facilitator_assign(facilitator=ani, candidates=families[1:3], user=users["officer"]) == 2

    assert Assignment.objects.filter(facilitator=ani).count() == 3
    assert Visit.objects.filter(facilitator=ani).count() == 15  # their due visits (five rounds) follow them


def test_a_pendamping_takes_only_families_of_their_area(users, samarinda, balikpapan, hand_over):
    family = hand_over(balikpapan)
    ani = Facilitator.objects.create(kabupaten=samarinda, name="Ani")

    with pytest.raises(ValidationError, match="Kota Samarinda"):
        facilitator_assign(facilitator=ani, candidates=[family], user=users["officer"])
    with pytest.raises(PermissionDenied):
        facilitator_assign(facilitator=ani, candidates=[family], user=users["other_officer"])


@pytest.fixture
def with_goods(due_visit):
    """The recipient's BAST lists a stove and a wok."""
    from disbursements.models import HandoverLine, Item

    handover = due_visit.candidate.handover
    stove = Item.objects.create(code="KOMPOR", name="Kompor gas", unit="unit", kind="equipment")
    wok = Item.objects.create(code="WAJAN", name="Wajan", unit="buah", kind="equipment")
    return [HandoverLine.objects.create(handover=handover, item=item, quantity=1, unit_price=300_000)
            for item in (stove, wok)]


def test_a_visit_says_what_became_of_every_item_of_the_bast(users, programme_year, due_visit, with_goods):
    from monitoring.selectors import item_use

    stove, wok = with_goods
    visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="berjalan",
                 monthly_revenue=1_000_000, items={stove.id: ("dipakai", ""), wok.id: ("dijual", "Butuh uang sekolah")})

    assert sorted(due_visit.items.values_list("line__item__name", "use", "reason")) == [
        ("Kompor gas", "dipakai", ""), ("Wajan", "dijual", "Butuh uang sekolah")]
    assert [(r["months"], r["item"], r["dipakai"], r["dijual"]) for r in item_use(users["provincial"],
                                                                                programme_year=programme_year)] == [
        (3, "Kompor gas", 1, 0), (3, "Wajan", 0, 1)]
    assert item_use(users["other_officer"], programme_year=programme_year) == []


def test_an_item_sold_or_lost_needs_a_reason_and_every_item_an_answer(users, due_visit, with_goods):
    stove, wok = with_goods

    with pytest.raises(ValidationError, match="alasan Wajan hilang"):
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="tutup",
                     reason="Sepi pembeli", items={stove.id: ("rusak", ""), wok.id: ("hilang", " ")})
    with pytest.raises(ValidationError, match="Pilih keadaan Wajan"):
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="tutup",
                     reason="Sepi pembeli", items={stove.id: ("rusak", "")})
    assert not due_visit.items.exists()
    # A family not met says nothing of the goods.
    visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="pindah")
    assert not due_visit.items.exists()


def jpeg(colour="white"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from uep.uploads import evidence_clean

    out = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(out, "JPEG")
    return evidence_clean(SimpleUploadedFile("foto.jpg", out.getvalue()), allow_pdf=False)


def media_files(root):
    from pathlib import Path

    return [p for p in Path(root).rglob("*") if p.is_file()]


def test_a_refused_visit_leaves_no_photo_on_disk(users, due_visit, with_goods, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stove, wok = with_goods

    with pytest.raises(ValidationError):  # the wok has no answer
        visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3), outcome="berjalan",
                     monthly_revenue=1_000_000, items={stove.id: ("dipakai", "")}, photo=jpeg())

    assert media_files(tmp_path) == []


def test_a_visit_sent_again_with_a_new_photo_deletes_the_old_one_on_commit(users, due_visit, settings, tmp_path,
                                                                           django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        first = visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3),
                             outcome="berjalan", monthly_revenue=1_000_000, photo=jpeg())
    with django_capture_on_commit_callbacks(execute=True):
        second = visit_record(visit=due_visit, user=users["officer"], visited_on=dt.date(2025, 9, 3),
                              outcome="berjalan", monthly_revenue=1_000_000, photo=jpeg("black"))

    assert [p.name for p in media_files(tmp_path)] == [second.photo.name.rsplit("/", 1)[-1]]
    assert first.photo.name != second.photo.name
