"""Four eyes on a handover marked received without its evidence (no signed BAST scan, no photo)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import Role
from approvals.models import Approval, ApprovalStatus
from approvals.selectors import approval_for
from approvals.services import approval_approve, approval_send_back
from disbursements.four_eyes import ACT_RECEIVE_UNPROVEN, handover_receive_propose
from disbursements.handover import Received, handover_day_create, handover_invite, handover_receive
from disbursements.models import StockMove
from quotas.tests.test_race import run_together
from recipients.models import CandidateStatus


def _invited(users, samarinda, make_candidate, programme_year, items, stock_in, name="Sri Penerima"):
    programme_year.training_required = False
    programme_year.save()
    recipient = make_candidate(samarinda, name=name, status="decided", requested_package="PG-GORENGAN",
                               created_by=users["officer"])
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Dinsos", user=users["officer"])
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=[recipient], user=users["officer"])
    return handover


def _received(handover, **fields) -> Received:
    """What the officer enters: the stove's serial number (the service asks for it), nothing as evidence."""
    serials = {line.id: "KG-77" for line in handover.lines.select_related("item") if line.item.has_serial_number}
    return Received(serial_numbers=serials, **fields)


@pytest.fixture
def invited(users, samarinda, make_candidate, programme_year, stocked_package, items, stock_in):
    return _invited(users, samarinda, make_candidate, programme_year, items, stock_in)


@pytest.fixture
def colleague(make_user, samarinda):
    """A second officer of Samarinda: the right role to check a Samarinda BAST."""
    return make_user("petugas_smd_2", Role.OFFICER, samarinda)


def _handed_over(handover) -> bool:
    handover.refresh_from_db()
    return handover.outcome == "received" and handover.candidate.status == CandidateStatus.HANDED_OVER


@pytest.mark.django_db
def test_the_maker_cannot_approve_a_received_bast_without_evidence(users, invited):
    approval = handover_receive_propose(handover=invited, user=users["officer"], received=_received(invited, notes="hadir"))
    with pytest.raises(PermissionDenied, match="Pengusul tidak dapat memeriksa"):
        approval_approve(approval=approval, user=users["officer"])
    assert not _handed_over(invited)
    assert not StockMove.objects.filter(kind=StockMove.Kind.HANDED_OVER).exists()


@pytest.mark.django_db
def test_a_colleague_of_the_area_approves_and_the_goods_leave_the_stock(users, invited, colleague):
    approval = handover_receive_propose(handover=invited, user=users["officer"],
                                        received=_received(invited, date=dt.date(2025, 6, 2)))
    with pytest.raises(PermissionDenied):  # another area's officer is not the right role
        approval_approve(approval=approval, user=users["other_officer"])

    approval_approve(approval=approval, user=colleague)

    assert _handed_over(invited) and invited.date == dt.date(2025, 6, 2)
    assert StockMove.objects.filter(kind=StockMove.Kind.HANDED_OVER).count() == 2
    shown = approval_for(kind=ACT_RECEIVE_UNPROVEN, target_id=invited.pk)  # what the BAST prints
    assert (shown.maker, shown.checker) == (users["officer"], colleague)


@pytest.mark.django_db
def test_a_received_bast_sent_back_moves_nothing(users, invited):
    approval = handover_receive_propose(handover=invited, user=users["officer"], received=_received(invited))
    approval_send_back(approval=approval, user=users["provincial"], reason="Unggah dahulu foto serah terima")
    assert Approval.objects.get(pk=approval.pk).status == ApprovalStatus.SENT_BACK
    assert not _handed_over(invited)
    assert approval_for(kind=ACT_RECEIVE_UNPROVEN, target_id=invited.pk) is None


@pytest.mark.django_db
def test_a_bast_with_a_photo_needs_no_second_person(users, invited):
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(picture, "JPEG")
    photo = SimpleUploadedFile("serah.jpg", picture.getvalue(), content_type="image/jpeg")
    with pytest.raises(ValidationError, match="dicatat langsung"):
        handover_receive_propose(handover=invited, user=users["officer"], received=_received(invited, photos=(photo,)))
    handover_receive(handover=invited, user=users["officer"], received=_received(invited, photos=(photo,)))
    assert _handed_over(invited)


@pytest.mark.django_db
def test_a_received_bast_is_proposed_once(users, invited):
    handover_receive_propose(handover=invited, user=users["officer"], received=_received(invited))
    with pytest.raises(ValidationError, match="sudah diusulkan"):
        handover_receive_propose(handover=invited, user=users["officer"], received=_received(invited))


@pytest.mark.django_db(transaction=True)
def test_two_checkers_at_once_receive_the_goods_once(users, samarinda, make_candidate, programme_year,
                                                     stocked_package, items, stock_in, colleague):
    invited = _invited(users, samarinda, make_candidate, programme_year, items, stock_in)
    approval = handover_receive_propose(handover=invited, user=users["officer"], received=_received(invited))

    results = run_together([lambda u=u: approval_approve(approval=Approval.objects.get(pk=approval.pk), user=u)
                            for u in (colleague, users["provincial"])])

    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    assert _handed_over(invited)
    assert StockMove.objects.filter(kind=StockMove.Kind.HANDED_OVER).count() == 2
