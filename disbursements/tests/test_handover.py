import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from disbursements.selectors import package_of
from disbursements.services.assignment import package_assign
from disbursements.services.handover import (Received, bast_key, handover_absent, handover_day_create, handover_invite,
                                    handover_receive, handover_refuse, handover_replace)
from disbursements.models import BastSequence, Handover, PackageType, StockBalance, StockMove
from disbursements.reservation import StockShort, uncovered
from disbursements.services.training import training_record
from recipients.models import CandidateStatus
from regions.models import Province

DAY = dt.date(2025, 6, 2)


@pytest.fixture
def day(users, samarinda, programme_year):
    return handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=DAY, place="Aula Dinsos",
                               user=users["officer"])


@pytest.fixture
def decided(users, samarinda, make_candidate, stocked_package):
    return make_candidate(samarinda, name="Rina Penerima", status="decided", requested_package="pg-gorengan",
                          created_by=users["officer"])


def test_the_default_package_is_the_paket_usulan_and_provincial_staff_change_it_with_a_reason(
        users, decided, stocked_package, programme_year):
    assert package_of(candidate=decided) == stocked_package
    other = PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-LAIN", name="Lain", sector="food",
                                       is_active=True, value=1)

    with pytest.raises(ValidationError, match="Alasan"):
        package_assign(candidate=decided, package=other, reason=" ", user=users["provincial"])
    with pytest.raises(PermissionDenied):
        package_assign(candidate=decided, package=other, reason="usaha berubah", user=users["officer"])
    package_assign(candidate=decided, package=other, reason="usaha berubah", user=users["provincial"])

    assert package_of(candidate=decided) == other


def test_an_invitation_numbers_the_bast_per_area_and_year_and_copies_the_package(users, day, decided, make_candidate,
                                                                                samarinda, items, stock_in):
    second = make_candidate(samarinda, status="decided", requested_package="PG-GORENGAN", created_by=users["officer"])
    stock_in(samarinda, items["tepung"], 4)
    stock_in(samarinda, items["kompor"], 2)

    first, other = handover_invite(day=day, candidates=[decided, second], user=users["officer"])

    assert {first.bast_number, other.bast_number} == {"0001/BAST-UEP/64.72/2025", "0002/BAST-UEP/64.72/2025"}
    assert [(line.item.code, line.quantity) for line in first.lines.order_by("item__code")] == [
        ("KOMPOR-2T", 1), ("TEPUNG-25", 2)]
    assert bast_key("0001/BAST-UEP/64.72/2025") == bast_key("0001-bast-uep-64.72-2025.pdf"[:-4])


def test_no_handover_before_the_bimtek_when_the_year_requires_it(users, day, decided, samarinda, items, stock_in):
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=[decided], user=users["officer"])

    with pytest.raises(ValidationError, match="belum mengikuti bimtek"):
        handover_receive(handover=handover, user=users["officer"])

    training_record(programme_year=decided.programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                    venue="Aula", topic="Gorengan", candidates=[decided], user=users["officer"])
    kompor_line = handover.lines.get(item=items["kompor"])
    handover_receive(handover=handover, user=users["officer"],
                     received=Received(serial_numbers={kompor_line.id: "KG-0042"}))

    decided.refresh_from_db()
    handover.refresh_from_db()
    assert decided.status == CandidateStatus.HANDED_OVER and handover.outcome == "received" and handover.date == DAY
    kompor_line.refresh_from_db()
    assert kompor_line.serial_numbers == "KG-0042"
    assert not StockBalance.objects.filter(on_hand__gt=0).exists()
    # The timeline names the package once ("Paket Paket gorengan" before), the stock book the BAST once.
    from recipients.models import CandidateEvent

    event = CandidateEvent.objects.get(candidate=decided, status=CandidateStatus.HANDED_OVER)
    assert event.message.startswith("Paket PG-GORENGAN (Paket gorengan) diserahkan, BAST 0001/BAST-UEP/")
    assert not StockMove.objects.filter(kind=StockMove.Kind.HANDED_OVER).exclude(note="").exists()


def test_an_invitation_the_stock_cannot_cover_is_refused_with_what_is_missing_and_writes_nothing(
        users, day, decided, samarinda, items, stock_in):
    stock_in(samarinda, items["tepung"], 1)

    with pytest.raises(StockShort) as refused:
        handover_invite(day=day, candidates=[decided], user=users["officer"])

    assert [(s.item.code, s.missing) for s in refused.value.shortages] == [("KOMPOR-2T", 1), ("TEPUNG-25", 1)]
    assert "Kompor gas kurang 1 unit (tersedia 0, diperlukan 1)" in refused.value.messages[0]
    assert "Tepung terigu kurang 1 karung (tersedia 1, diperlukan 2)" in refused.value.messages[0]
    assert not Handover.objects.exists() and not BastSequence.objects.exists()
    assert StockBalance.objects.get(item=items["tepung"]).on_hand == 1


def test_a_handover_without_stock_is_refused_with_the_figures_and_moves_nothing(users, day, decided, samarinda,
                                                                               items, stock_in):
    """Goods found damaged after the invitation: "diterima" still refuses to take the stock below zero."""
    decided.programme_year.training_required = False
    decided.programme_year.save()
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=[decided], user=users["officer"])
    StockBalance.objects.filter(item=items["kompor"]).update(on_hand=0)  # as a write-off would

    assert uncovered(kabupaten_id=samarinda.id) == {handover.id: [(items["kompor"], 1)]}
    with pytest.raises(ValidationError, match="tinggal 0 unit, diperlukan 1"):
        handover_receive(handover=handover, user=users["officer"], received=Received(serial_numbers={
            handover.lines.get(item=items["kompor"]).id: "KG-1"}))

    assert StockBalance.objects.get(item=items["tepung"]).on_hand == 2
    decided.refresh_from_db()
    assert decided.status == CandidateStatus.DECIDED


def test_the_database_refuses_a_negative_on_hand_even_past_the_service(samarinda, items, stock_in):
    stock_in(samarinda, items["tepung"], 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockBalance.objects.filter(item=items["tepung"]).update(on_hand=-1)


def test_an_absent_recipient_is_invited_again_under_the_same_bast_number(users, day, decided, samarinda,
                                                                         programme_year, items, stock_in):
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=[decided], user=users["officer"])
    handover_absent(handover=handover, user=users["officer"], notes="sakit")
    later = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 9),
                                place="Kantor Lurah", user=users["officer"])

    again, = handover_invite(day=later, candidates=[decided], user=users["officer"])

    assert again.pk == handover.pk and again.bast_number == handover.bast_number and again.day == later


def test_a_refusal_is_replaced_from_the_reserve_through_the_quota_service(users, day, decided, samarinda,
                                                                         make_candidate, programme_year, items,
                                                                         stock_in):
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    from quotas.models import BudgetDocument, QuotaEntry

    document = BudgetDocument.objects.create(programme_year=programme_year, province=samarinda.province,
                                             kind=BudgetDocument.Kind.PLAN,
                                             number="DPA/1", date=dt.date(2025, 1, 2), amount=5_000_000)
    QuotaEntry.objects.create(programme_year=programme_year, kabupaten=samarinda, document=document, places=1,
                              reason="uji", created_by=users["provincial"])
    reserve = make_candidate(samarinda, status="reserve", reserve_rank=1, created_by=users["officer"])
    handover, = handover_invite(day=day, candidates=[decided], user=users["officer"])
    handover_refuse(handover=handover, user=users["officer"], reason="Menolak, sudah punya usaha lain")

    with pytest.raises(PermissionDenied):
        handover_replace(handover=handover, user=users["officer"], reason="menolak")
    handover_replace(handover=handover, user=users["provincial"], reason="Menolak bantuan")

    handover.refresh_from_db()
    decided.refresh_from_db()
    assert handover.outcome == "replaced" and decided.status == CandidateStatus.WITHDRAWN
    reserve.refresh_from_db()
    assert handover.replaced_by == reserve and reserve.status == CandidateStatus.DECIDED


def test_an_officer_cannot_invite_to_another_areas_day(users, day, decided):
    with pytest.raises(PermissionDenied):
        handover_invite(day=day, candidates=[decided], user=users["other_officer"])
