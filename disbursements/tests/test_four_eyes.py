"""Four eyes on a handover marked received without its evidence (no signed BAST scan, no photo)."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import Role
from approvals.models import Approval, ApprovalStatus
from approvals.selectors import approval_for
from approvals.services import approval_approve, approval_send_back
from disbursements.services.four_eyes import (ACT_RECEIVE_UNPROVEN, contract_propose, handover_receive_propose,
                                     handover_replace_propose, item_price_propose)
from disbursements.services.handover import (Received, handover_day_create, handover_invite, handover_receive,
                                    handover_refuse)
from disbursements.models import Contract, ItemPrice, StockMove, Vendor
from disbursements.tests.test_bast import bast_world  # noqa: F401 - the BAST's fixture
from quotas.tests.conftest import plan, set_quota  # noqa: F401 - fixtures shared with quotas
from quotas.tests.test_race import run_together
from recipients.models import CandidateStatus
from regions.models import Province


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
    approval = handover_receive_propose(handover=invited, user=users["officer"],
                                        received=_received(invited, notes="hadir"))
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


@pytest.fixture
def refused_with_reserve(invited, users, samarinda, programme_year, make_candidate, set_quota):
    """Sri refused her package; one person waits on Samarinda's reserve list; the quota has her one place."""
    set_quota(samarinda, 1)
    reserve = make_candidate(samarinda, status="reserve", reserve_rank=1, created_by=users["officer"])
    handover_refuse(handover=invited, user=users["officer"], reason="Menolak, sudah punya usaha lain")
    return invited, reserve


@pytest.mark.django_db
def test_a_replacement_from_the_reserve_waits_for_a_second_provincial_staff_member(
        users, refused_with_reserve, make_user):
    handover, reserve = refused_with_reserve
    checker = make_user("staf_prov_pemeriksa", Role.PROVINCIAL)
    with pytest.raises(PermissionDenied):  # an officer proposes no replacement
        handover_replace_propose(handover=handover, user=users["officer"], reason="Menolak")
    approval = handover_replace_propose(handover=handover, user=users["provincial"], reason="Menolak bantuan")

    with pytest.raises(PermissionDenied, match="Pengusul tidak dapat memeriksa"):
        approval_approve(approval=approval, user=users["provincial"])
    handover.refresh_from_db()
    assert handover.outcome == "refused"

    approval_approve(approval=approval, user=checker)

    handover.refresh_from_db()
    reserve.refresh_from_db()
    assert handover.outcome == "replaced" and handover.replaced_by == reserve
    assert reserve.status == CandidateStatus.DECIDED
    assert Approval.objects.get(pk=approval.pk).payload["replacement"] == reserve.pk


@pytest.mark.django_db
def test_a_replacement_sent_back_replaces_nobody(users, refused_with_reserve):
    handover, reserve = refused_with_reserve
    approval = handover_replace_propose(handover=handover, user=users["provincial"], reason="Menolak bantuan")
    approval_send_back(approval=approval, user=users["admin"], reason="Hubungi keluarga sekali lagi")
    handover.refresh_from_db()
    reserve.refresh_from_db()
    assert handover.outcome == "refused" and reserve.status == CandidateStatus.RESERVE


@pytest.mark.django_db
def test_a_replacement_is_proposed_once(users, refused_with_reserve):
    handover, _reserve = refused_with_reserve
    handover_replace_propose(handover=handover, user=users["provincial"], reason="Menolak bantuan")
    with pytest.raises(ValidationError, match=f"Penggantian penerima BAST {handover.bast_number} sudah diusulkan"):
        handover_replace_propose(handover=handover, user=users["provincial"], reason="Menolak bantuan")
    assert Approval.objects.filter(target_id=handover.pk, status=ApprovalStatus.PENDING).count() == 1


# --- Prices and contracts ---------------------------------------------------------------------

def _contract_lines(items, samarinda, balikpapan, quantity=5):
    from disbursements.services.procurement import ContractLineInput

    return [ContractLineInput(items["kompor"], quantity, 500_000, {samarinda.id: 3, balikpapan.id: quantity - 3})]


def _propose_purchase(act, *, users, programme_year, items, samarinda, balikpapan):
    if act == "price":
        return item_price_propose(programme_year=programme_year, item=items["kompor"], unit_price=450_000,
                                  source="SSH 2025", user=users["provincial"])
    return contract_propose(programme_year=programme_year, contract=None, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Mitra"),
                            number="027/KONTRAK/2025", signed_on=dt.date(2025, 3, 14), user=users["provincial"],
                            lines=_contract_lines(items, samarinda, balikpapan))


def _purchase_done(act, programme_year, items) -> bool:
    if act == "price":
        return ItemPrice.objects.filter(programme_year=programme_year, item=items["kompor"],
                                        unit_price=450_000).exists()
    return Contract.objects.filter(number="027/KONTRAK/2025").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("act", ["price", "contract"])
def test_a_price_or_contract_waits_for_other_provincial_staff(act, users, programme_year, items, samarinda,
                                                               balikpapan, make_user):
    approval = _propose_purchase(act, users=users, programme_year=programme_year, items=items, samarinda=samarinda,
                                 balikpapan=balikpapan)
    assert not _purchase_done(act, programme_year, items)  # the proposal's check ran and was rolled back
    with pytest.raises(PermissionDenied, match="Pengusul tidak dapat memeriksa"):
        approval_approve(approval=approval, user=users["provincial"])
    with pytest.raises(PermissionDenied):
        approval_approve(approval=approval, user=users["officer"])

    approval_approve(approval=approval, user=make_user("staf_prov_pemeriksa", Role.PROVINCIAL))

    assert _purchase_done(act, programme_year, items)


@pytest.mark.django_db
@pytest.mark.parametrize("act", ["price", "contract"])
def test_a_price_or_contract_sent_back_writes_nothing(act, users, programme_year, items, samarinda, balikpapan):
    approval = _propose_purchase(act, users=users, programme_year=programme_year, items=items, samarinda=samarinda,
                                 balikpapan=balikpapan)
    approval_send_back(approval=approval, user=users["admin"], reason="Harga belum sesuai SSH")
    assert not _purchase_done(act, programme_year, items)
    assert Approval.objects.get(pk=approval.pk).reason == "Harga belum sesuai SSH"


@pytest.mark.django_db
def test_a_contract_the_service_refuses_is_refused_when_proposed(users, programme_year, items, samarinda, balikpapan):
    from disbursements.services.procurement import ContractLineInput

    lines = [ContractLineInput(items["kompor"], 5, 500_000, {samarinda.id: 3, balikpapan.id: 1})]
    with pytest.raises(ValidationError, match="berjumlah 4, sedangkan jumlah kontrak 5"):
        contract_propose(programme_year=programme_year, contract=None, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV A"),
                         number="K/1", signed_on=dt.date(2025, 3, 14), lines=lines, user=users["provincial"])
    with pytest.raises(ValidationError, match="harus lebih dari 0"):
        item_price_propose(programme_year=programme_year, item=items["kompor"], unit_price=0, user=users["provincial"])
    assert not Approval.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("act", ["price", "contract"])
def test_two_checkers_at_once_give_one_price_or_contract(act, users, programme_year, items, samarinda, balikpapan,
                                                         make_user):
    approval = _propose_purchase(act, users=users, programme_year=programme_year, items=items, samarinda=samarinda,
                                 balikpapan=balikpapan)
    checkers = (users["admin"], make_user("staf_prov_2", Role.PROVINCIAL))
    results = run_together([lambda u=u: approval_approve(approval=Approval.objects.get(pk=approval.pk), user=u)
                            for u in checkers])
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    assert Contract.objects.count() == (1 if act == "contract" else 0)
    assert _purchase_done(act, programme_year, items)


@pytest.mark.django_db
def test_the_bast_prints_who_proposed_and_who_approved_the_recipients_decision(client, users, bast_world):
    from django.utils import timezone

    from disbursements.tests.test_bast import _print
    from uep.tests.pdf import read_pdf

    Approval.objects.create(kind="quotas.decide", year=2025, kabupaten=bast_world.candidate.kabupaten,
                            payload={"ids": [bast_world.candidate_id]}, summary="Tetapkan 1 calon",
                            maker=users["provincial"], checker=users["admin"], status=ApprovalStatus.APPROVED,
                            checked_at=timezone.now())

    paper = read_pdf(_print(client, users, bast_world))

    assert len(paper.pages) == 1
    assert re.search(r"Penetapan penerima: Diusulkan oleh staf_prov, \d{1,2} [A-Z][a-z]{2} \d{4}; disetujui oleh "
                     r"admin, \d{1,2} [A-Z][a-z]{2} \d{4}\.", paper.words), paper.words
