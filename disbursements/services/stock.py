"""The stock ledger of each kabupaten/kota: every move of an item, and the on-hand figure that never goes negative.

Each move takes the item's named lock (``uep.locks.lock_stock``), reads the on-hand figure, refuses a
move that would take it below zero with the figures, then writes the move and the balance. The
balance row carries a CHECK (on_hand >= 0) as the last line of defence.

The warehouse's own acts live here too: a return to the warehouse, damage found in the warehouse and
a write-off, each with its reason. Receipts and handovers are written by the acts that cause them
(``procurement``, ``handover``, ``complaints``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_provincial
from disbursements.models import Handover, HandoverLine, Item, StockBalance, StockMove
from regions.models import Kabupaten
from uep.locks import lock_stock


class OutOfStock(ValidationError):
    pass


def stock_move(*, kabupaten_id: int, item_id: int, kind: str, quantity: int, user, note: str = "", value: int = 0,
               **links) -> StockMove:
    """Write one move of the ledger; the caller's transaction holds the lock until it commits.

    ``value`` (Rupiah) is added to the handed-over total of a handover.
    """
    assert transaction.get_connection().in_atomic_block, "a stock move belongs to the act that causes it"
    if quantity < 1:
        raise ValidationError(_("Jumlah mutasi stok minimal 1."))
    lock_stock(kabupaten_id=kabupaten_id, item_id=item_id)
    balance, _created = StockBalance.objects.get_or_create(kabupaten_id=kabupaten_id, item_id=item_id)
    delta = StockMove.SIGN[kind] * quantity
    if balance.on_hand + delta < 0:
        item = Item.objects.get(pk=item_id)
        raise OutOfStock(_("Stok %(item)s di %(area)s tinggal %(on_hand)s %(unit)s, diperlukan %(needed)s.")
                         % {"item": item.name, "area": Kabupaten.objects.get(pk=kabupaten_id).name,
                            "on_hand": balance.on_hand, "unit": item.unit, "needed": quantity}, code="out_of_stock")
    totals = {str(kind): F(str(kind)) + quantity}
    if kind == StockMove.Kind.HANDED_OVER:
        totals["handed_over_value"] = F("handed_over_value") + value
    StockBalance.objects.filter(pk=balance.pk).update(on_hand=F("on_hand") + delta, **totals)
    return StockMove.objects.create(kabupaten_id=kabupaten_id, item_id=item_id, kind=kind, quantity=quantity,
                                    user=user, note=note, **links)


def stock_moves(*, moves: list[dict], user) -> list[StockMove]:
    """Several moves in one act, locked in item order so that two acts never wait on each other."""
    return [stock_move(user=user, **m) for m in sorted(moves, key=lambda m: (m["kabupaten_id"], m["item_id"]))]


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasannya."), code="reason")
    return reason[:255]


@transaction.atomic
def stock_return(*, kabupaten, item: Item, quantity: int, reason: str, user,
                 handover_line: HandoverLine | None = None) -> StockMove:
    """Goods come back to the area's warehouse from a recipient (a package taken back, a replaced item).

    Never more than left the warehouse to recipients (handed over and complaint replacements, less
    what already came back); with a BAST line, never more than that line gave.
    """
    require_area(user, kabupaten.id)
    reason = _reason(reason)
    lock_stock(kabupaten_id=kabupaten.id, item_id=item.id)
    if handover_line is not None:
        line = (HandoverLine.objects.select_related("handover__candidate")
                .filter(pk=handover_line.pk, handover__outcome=Handover.Outcome.RECEIVED).first())
        if line is None or line.item_id != item.id or line.handover.candidate.kabupaten_id != kabupaten.id:
            raise ValidationError(_("BAST itu tidak menyerahkan %(item)s di %(area)s.")
                                  % {"item": item.name, "area": kabupaten.name})
        back = StockMove.objects.filter(kind=StockMove.Kind.RETURNED, handover_line=line).aggregate(
            n=Sum("quantity"))["n"] or 0
        if back + quantity > line.quantity:
            raise ValidationError(_("BAST %(bast)s menyerahkan %(given)s %(unit)s %(item)s dan %(back)s sudah "
                                    "kembali; tidak bisa mengembalikan %(quantity)s.")
                                  % {"bast": line.handover.bast_number, "given": line.quantity, "unit": item.unit,
                                     "item": item.name, "back": back, "quantity": quantity})
    balance = StockBalance.objects.filter(kabupaten=kabupaten, item=item).first()
    out = (balance.handed_over + balance.replacement - balance.returned) if balance else 0
    if quantity > out:
        raise ValidationError(_("Di %(area)s baru %(out)s %(unit)s %(item)s keluar ke penerima (setelah "
                                "pengembalian); tidak bisa mengembalikan %(quantity)s.")
                              % {"area": kabupaten.name, "out": out, "unit": item.unit, "item": item.name,
                                 "quantity": quantity})
    return stock_move(kabupaten_id=kabupaten.id, item_id=item.id, kind=StockMove.Kind.RETURNED, quantity=quantity,
                      user=user, note=reason, handover_line=handover_line)


@transaction.atomic
def stock_damage(*, kabupaten, item: Item, quantity: int, reason: str, user) -> StockMove:
    """Goods found damaged in the area's warehouse leave the usable stock (never more than is on hand)."""
    require_area(user, kabupaten.id)
    return stock_move(kabupaten_id=kabupaten.id, item_id=item.id, kind=StockMove.Kind.DAMAGED, quantity=quantity,
                      user=user, note=_reason(reason))


@transaction.atomic
def stock_write_off(*, kabupaten, item: Item, quantity: int, reason: str, user) -> StockMove:
    """Remove goods from the books (lost, stolen, expired) with the reason; provincial staff only."""
    require_provincial(user)
    return stock_move(kabupaten_id=kabupaten.id, item_id=item.id, kind=StockMove.Kind.WRITTEN_OFF, quantity=quantity,
                      user=user, note=_reason(reason))
