"""Stock reserved by invitations: an invited family's goods are held back from the area's stock.

An open invitation (outcome invited or absent) of a recipient still waiting for the package (decided
or trained) reserves the lines of its BAST in its kabupaten/kota. The reservation is read from the
invitations themselves, never kept as a second counter, so whatever ends an invitation releases it
at once: the goods handed over (they leave the stock), the invitation cancelled or refused, the
recipient withdrawn by the quota service.

    available = on hand (received - handed over - ... , ``StockBalance.on_hand``) - reserved

An invitation is accepted only when the available stock covers it, checked under the same named lock
as every stock move (``uep.locks.lock_stock``), so racing invitations never reserve more than is on
hand. Stock can still fall below what is reserved afterwards (goods found damaged, a package changed):
the invitations are then covered in the order they were made, and the later ones are listed as
without stock (``uncovered``) on the handover day and when its BASTs are printed.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from disbursements.models import Handover, HandoverLine, Item, StockBalance
from recipients.lifecycle import HANDOVER_READY
from uep.locks import lock_stock

# Outcomes that still expect the goods: the BAST is printed, the family comes (again).
OPEN = (Handover.Outcome.INVITED, Handover.Outcome.ABSENT)


@dataclass(frozen=True)
class Shortage:
    item: Item
    needed: int
    available: int

    @property
    def missing(self) -> int:
        return self.needed - max(self.available, 0)

    def __str__(self):
        return _("%(item)s kurang %(missing)s %(unit)s (tersedia %(available)s, diperlukan %(needed)s)") % {
            "item": self.item.name, "missing": self.missing, "unit": self.item.unit,
            "available": max(self.available, 0), "needed": self.needed}


class StockShort(ValidationError):
    """The available stock does not cover the goods asked for; ``shortages`` says what is missing."""

    def __init__(self, shortages: list[Shortage], area_name: str):
        self.shortages = shortages
        super().__init__(_("Stok %(area)s tidak mencukupi: %(what)s.")
                         % {"area": area_name, "what": "; ".join(str(s) for s in shortages)}, code="stock_short")


def open_lines(*, kabupaten_ids):
    """The lines of the open invitations of recipients still waiting, in the given areas."""
    return HandoverLine.objects.filter(handover__outcome__in=OPEN, handover__candidate__status__in=HANDOVER_READY,
                                       handover__candidate__kabupaten_id__in=list(kabupaten_ids))


def reserved_quantities(*, kabupaten_ids, item_ids=None, exclude_handover_id: int | None = None
                        ) -> dict[tuple[int, int], int]:
    """(kabupaten id, item id) -> quantity reserved by open invitations (but one); one grouped query."""
    lines = open_lines(kabupaten_ids=kabupaten_ids)
    if exclude_handover_id is not None:
        lines = lines.exclude(handover_id=exclude_handover_id)
    if item_ids is not None:
        lines = lines.filter(item_id__in=list(item_ids))
    return {(r["handover__candidate__kabupaten_id"], r["item_id"]): r["n"]
            for r in lines.values("handover__candidate__kabupaten_id", "item_id").annotate(n=Sum("quantity"))}


def stock_reserve(*, kabupaten, needs: dict[int, int], exclude_handover_id: int | None = None) -> None:
    """Check that the available stock covers ``needs`` (item id -> quantity) before invitations take it.

    Runs inside the inviting transaction: the items' locks are taken in item order and held until it
    commits, so a second invitation waits and then counts this one's lines as reserved.
    """
    assert transaction.get_connection().in_atomic_block, "a reservation belongs to the invitation that makes it"
    needs = {item_id: n for item_id, n in needs.items() if n > 0}
    for item_id in sorted(needs):
        lock_stock(kabupaten_id=kabupaten.id, item_id=item_id)
    on_hand = dict(StockBalance.objects.filter(kabupaten=kabupaten, item_id__in=list(needs))
                   .values_list("item_id", "on_hand"))
    reserved = reserved_quantities(kabupaten_ids=[kabupaten.id], item_ids=list(needs),
                                   exclude_handover_id=exclude_handover_id)
    short = {item_id: on_hand.get(item_id, 0) - reserved.get((kabupaten.id, item_id), 0)
             for item_id, n in needs.items() if on_hand.get(item_id, 0) - reserved.get((kabupaten.id, item_id), 0) < n}
    if short:
        items = Item.objects.in_bulk(list(short))
        raise StockShort([Shortage(item=items[i], needed=needs[i], available=short[i])
                          for i in sorted(short, key=lambda i: items[i].name)], kabupaten.name)


# Open invitations of one area covered in the order they were made (running sum per item against the
# stock on hand); the lines the stock no longer reaches, with how many are missing.
UNCOVERED = """
    WITH open AS (
        SELECT h.id AS handover_id, h.day_id, hl.item_id, hl.quantity,
               SUM(hl.quantity) OVER (PARTITION BY hl.item_id ORDER BY h.id) AS running
        FROM disbursements_handoverline hl
        JOIN disbursements_handover h ON h.id = hl.handover_id
        JOIN recipients_candidate c ON c.id = h.candidate_id
        WHERE c.kabupaten_id = %(area)s AND h.outcome = ANY(%(open)s) AND c.status = ANY(%(ready)s))
    SELECT o.handover_id, o.item_id, LEAST(o.quantity, o.running - COALESCE(b.on_hand, 0)) AS missing
    FROM open o LEFT JOIN disbursements_stockbalance b ON b.kabupaten_id = %(area)s AND b.item_id = o.item_id
    WHERE o.running > COALESCE(b.on_hand, 0) AND (%(day)s::bigint IS NULL OR o.day_id = %(day)s)
    ORDER BY o.handover_id, o.item_id
"""


def uncovered(*, kabupaten_id: int, day_id: int | None = None) -> dict[int, list[tuple[Item, int]]]:
    """Handover id -> [(item, missing quantity)] for the open invitations the stock no longer covers."""
    with connection.cursor() as cursor:
        cursor.execute(UNCOVERED, {"area": kabupaten_id, "day": day_id, "open": [str(o) for o in OPEN],
                                   "ready": [str(s) for s in HANDOVER_READY]})
        rows = cursor.fetchall()
    items = Item.objects.in_bulk({item_id for _h, item_id, _n in rows})
    result: dict[int, list[tuple[Item, int]]] = {}
    for handover_id, item_id, missing in rows:
        result.setdefault(handover_id, []).append((items[item_id], missing))
    return result
