"""A handover day at the scale of a kabupaten: inviting a whole filter at once, stock reserved at invitation."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disbursements.demo_goods import demo_serials
from disbursements.services.assignment import package_assign
from disbursements.services.catalogue import LineInput, package_activate, package_lines_set
from disbursements.services.handover import (Received, handover_absent, handover_cancel, handover_day_create, handover_invite,
                                    handover_receive, handover_refuse)
from disbursements.models import Handover, HandoverLine, PackageType, StockBalance
from disbursements.reservation import StockShort, reserved_quantities, uncovered
from disbursements.selectors import invitable
from recipients.models import CandidateStatus
from regions.models import Kecamatan, Province


@pytest.fixture
def day(users, samarinda, programme_year):
    programme_year.training_required = False
    programme_year.save()
    return handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                               place="Aula Dinsos", user=users["officer"])


@pytest.fixture
def recipients(users, samarinda, make_candidate, stocked_package):
    def make(n, **fields):
        return [make_candidate(samarinda, status="decided", requested_package="PG-GORENGAN",
                               created_by=users["officer"], **fields) for _ in range(n)]
    return make


def reserved(area, item) -> int:
    return reserved_quantities(kabupaten_ids=[area.id]).get((area.id, item.id), 0)


def test_a_whole_filter_is_invited_in_one_action_with_a_fixed_number_of_queries(users, day, recipients, samarinda,
                                                                                  items, stock_in):
    stock_in(samarinda, items["tepung"], 200)
    stock_in(samarinda, items["kompor"], 100)
    recipients(3)

    with CaptureQueriesContext(connection) as few:
        handover_invite(day=day, candidates=invitable(day=day, user=users["officer"]), user=users["officer"])
    recipients(60)
    with CaptureQueriesContext(connection) as many:
        invited = handover_invite(day=day, candidates=invitable(day=day, user=users["officer"]), user=users["officer"])

    assert len(invited) == 60 and len(many.captured_queries) == len(few.captured_queries)
    assert Handover.objects.filter(day=day, outcome="invited").count() == 63
    assert HandoverLine.objects.count() == 63 * 2
    numbers = sorted(Handover.objects.values_list("bast_number", flat=True))
    assert numbers[0] == "0001/BAST-UEP/64.72/2025" and numbers[-1] == "0063/BAST-UEP/64.72/2025"
    assert reserved(samarinda, items["tepung"]) == 126 and reserved(samarinda, items["kompor"]) == 63
    assert not invitable(day=day, user=users["officer"]).exists()
    # Still one history row per invitation, written by one statement-level trigger.
    from disbursements.models import HandoverHistory

    assert HandoverHistory.objects.filter(pgh_label="insert").count() == 63


def test_the_filter_narrows_by_kecamatan_package_and_bimtek(users, day, recipients, samarinda, programme_year, items,
                                                           make_candidate):
    from disbursements.services.training import training_record

    other_kecamatan = Kecamatan.objects.filter(kabupaten=samarinda).order_by("code")[1]
    here, there = recipients(2), recipients(1, kecamatan=other_kecamatan,
                                             kelurahan=other_kecamatan.kelurahan_set.first())
    jahit = PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-JAHIT", name="Jahit", sector="craft",
                                       is_active=True)
    sewing = make_candidate(samarinda, status="decided", requested_package="PG-JAHIT", created_by=users["officer"])
    make_candidate(samarinda, status="decided", requested_package="PG-TIDAK-ADA", created_by=users["officer"])
    training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20), venue="Aula",
                    topic="Bimtek", candidates=[here[0]], user=users["officer"])

    def names(**filters):
        return set(invitable(day=day, user=users["officer"], **filters).values_list("pk", flat=True))

    assert names() == {c.pk for c in [*here, *there, sewing]}  # the one without a package cannot be invited
    assert names(kecamatan_id=other_kecamatan.id) == {there[0].pk}
    assert names(package_id=jahit.id) == {sewing.pk}
    assert names(trained=True) == {here[0].pk}
    assert names(trained=False) == {here[1].pk, there[0].pk, sewing.pk}
    assert names() & set(invitable(day=day, user=users["other_officer"]).values_list("pk", flat=True)) == set()


def test_the_officer_of_another_area_cannot_invite_a_filter_to_this_day(users, day, recipients):
    recipients(2)
    with pytest.raises(PermissionDenied):
        handover_invite(day=day, candidates=invitable(day=day, user=users["officer"]), user=users["other_officer"])
    assert not Handover.objects.exists()


def test_invitations_reserve_stock_and_the_next_one_sees_only_what_is_left(users, day, recipients, samarinda, items,
                                                                          stock_in):
    stock_in(samarinda, items["tepung"], 5)
    stock_in(samarinda, items["kompor"], 3)
    first, second, third = recipients(3)

    handover_invite(day=day, candidates=[first, second], user=users["officer"])
    with pytest.raises(StockShort) as refused:
        handover_invite(day=day, candidates=[third], user=users["officer"])

    # 5 tepung on hand, 4 reserved: 1 available, 2 needed. The kompor are enough (3 - 2 >= 1).
    assert [(s.item.code, s.available, s.needed, s.missing) for s in refused.value.shortages] == [
        ("TEPUNG-25", 1, 2, 1)]
    assert StockBalance.objects.get(item=items["tepung"]).on_hand == 5
    assert reserved(samarinda, items["tepung"]) == 4


def test_cancelling_an_invitation_or_withdrawing_the_recipient_releases_the_reservation(
        users, day, recipients, samarinda, items, stock_in):
    from quotas.services.decision import candidate_withdraw

    stock_in(samarinda, items["tepung"], 4)
    stock_in(samarinda, items["kompor"], 2)
    first, second, third = recipients(3)
    one, two = handover_invite(day=day, candidates=[first, second], user=users["officer"])

    with pytest.raises(ValidationError, match="Alasan"):
        handover_cancel(handover=one, user=users["officer"], reason=" ")
    with pytest.raises(PermissionDenied):
        handover_cancel(handover=one, user=users["other_officer"], reason="pindah")
    handover_cancel(handover=one, user=users["officer"], reason="Pindah ke luar kota")
    assert reserved(samarinda, items["kompor"]) == 1
    handover_invite(day=day, candidates=[third], user=users["officer"])  # takes the released goods

    candidate_withdraw(candidate=second, user=users["provincial"], reason="Meninggal dunia")
    assert reserved(samarinda, items["kompor"]) == 1
    # Invited again under the same number, once the goods are free.
    again, = handover_invite(day=day, candidates=[first], user=users["officer"])
    assert again.pk == one.pk and again.bast_number == one.bast_number and again.outcome == "invited"
    assert reserved(samarinda, items["kompor"]) == 2


def test_received_goods_leave_the_reservation_and_the_stock_together(users, day, recipients, samarinda, items,
                                                                    stock_in):
    stock_in(samarinda, items["tepung"], 4)
    stock_in(samarinda, items["kompor"], 2)
    one, two = handover_invite(day=day, candidates=recipients(2), user=users["officer"])
    handover_absent(handover=two, user=users["officer"], notes="sakit")  # an absent family keeps its goods

    handover_receive(handover=one, user=users["officer"], received=Received(serial_numbers=demo_serials(one)))

    assert StockBalance.objects.get(item=items["kompor"]).on_hand == 1 and reserved(samarinda, items["kompor"]) == 1
    handover_refuse(handover=two, user=users["officer"], reason="Sudah punya usaha lain")
    assert reserved(samarinda, items["kompor"]) == 0


def test_stock_lost_after_the_invitations_uncovers_the_latest_ones_first(users, day, recipients, samarinda, items,
                                                                        stock_in):
    stock_in(samarinda, items["tepung"], 6)
    stock_in(samarinda, items["kompor"], 3)
    first, second, third = handover_invite(day=day, candidates=recipients(3), user=users["officer"])
    StockBalance.objects.filter(item=items["kompor"]).update(on_hand=1)  # two found broken in the warehouse

    assert uncovered(kabupaten_id=samarinda.id, day_id=day.id) == {
        second.id: [(items["kompor"], 1)], third.id: [(items["kompor"], 1)]}
    with pytest.raises(StockShort):
        handover_invite(day=day, candidates=recipients(1), user=users["officer"])


def test_a_package_changed_after_the_invitation_follows_it_and_the_stock_tells(users, day, recipients, samarinda,
                                                                              items, stock_in, programme_year):
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    recipient, = recipients(1)
    handover, = handover_invite(day=day, candidates=[recipient], user=users["officer"])
    bigger = PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-BESAR", name="Besar", sector="food")
    package_lines_set(package=bigger, lines=[LineInput(items["kompor"], 2, 500_000)], user=users["provincial"])
    bigger = package_activate(package=bigger, user=users["provincial"])

    package_assign(candidate=recipient, package=bigger, reason="Usaha katering", user=users["provincial"])

    assert reserved(samarinda, items["kompor"]) == 2 and reserved(samarinda, items["tepung"]) == 0
    assert uncovered(kabupaten_id=samarinda.id) == {handover.id: [(items["kompor"], 1)]}


def test_received_asks_for_every_serial_number_of_the_equipment(users, day, recipients, samarinda, items, stock_in):
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=recipients(1), user=users["officer"])
    kompor = handover.lines.get(item=items["kompor"])

    with pytest.raises(ValidationError, match="Kompor gas: isi 1 nomor seri"):
        handover_receive(handover=handover, user=users["officer"], received=Received())
    with pytest.raises(ValidationError, match="isi 1 nomor seri"):
        handover_receive(handover=handover, user=users["officer"],
                         received=Received(serial_numbers={kompor.id: "KG-1, KG-2"}))
    handover_receive(handover=handover, user=users["officer"], received=Received(serial_numbers={kompor.id: " KG-1 "}))

    kompor.refresh_from_db()
    assert kompor.serial_numbers == "KG-1"
    assert handover.candidate.__class__.objects.get(pk=handover.candidate_id).status == CandidateStatus.HANDED_OVER


def test_a_handover_outside_a_day_takes_only_stock_no_invitation_reserved_and_asks_for_serials(
        users, day, recipients, samarinda, items, stock_in, stocked_package):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disbursements.services.handover import handover_record

    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    invited, walk_in = recipients(2)
    handover_invite(day=day, candidates=[invited], user=users["officer"])

    def record(serials):
        return handover_record(candidate=walk_in, package_type=stocked_package, date=dt.date(2025, 6, 3),
                               bast_number="BAST/LUAR/1", user=users["officer"], serial_numbers=serials,
                               bast_scan=SimpleUploadedFile("bast.pdf", b"%PDF-1.4", content_type="application/pdf"))

    with pytest.raises(StockShort, match="Kompor gas kurang 1 unit"):
        record({items["kompor"].id: "KG-5"})
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    with pytest.raises(ValidationError, match="Kompor gas: isi 1 nomor seri"):
        record({})
    handover = record({items["kompor"].id: "KG-5"})

    assert handover.lines.get(item=items["kompor"]).serial_numbers == "KG-5"
    assert StockBalance.objects.get(item=items["kompor"]).on_hand == 1 and reserved(samarinda, items["kompor"]) == 1


def test_a_receipt_proposed_for_a_second_person_asks_for_the_serials_at_once(users, day, recipients, samarinda,
                                                                            items, stock_in):
    from approvals.models import Approval

    from disbursements.services.four_eyes import handover_receive_propose

    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=recipients(1), user=users["officer"])

    with pytest.raises(ValidationError, match="Kompor gas: isi 1 nomor seri"):
        handover_receive_propose(handover=handover, user=users["officer"], received=Received())

    assert not Approval.objects.exists()
