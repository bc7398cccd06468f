"""The stock ledger of each kabupaten/kota: every move of an item, and the on-hand figure that never goes negative.

Each move takes the item's named lock (``uep.locks.lock_stock``), reads the on-hand figure, refuses a
move that would take it below zero with the figures, then writes the move and the balance. The
balance row carries a CHECK (on_hand >= 0) as the last line of defence.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from disbursements.models import Item, StockBalance, StockMove
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
