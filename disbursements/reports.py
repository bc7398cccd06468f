"""Reads for procurement and audit: the needs list and the reconciliation, each one SQL statement.

Both start from the kabupaten/kota the user sees and run a fixed number of queries whatever
the number of recipients or handovers (measured in ``bench/bench_goods_reports.py``).
"""

from dataclasses import dataclass

from django.db import connection

from disbursements.models import StockMove
from recipients.lifecycle import OCCUPYING
from regions.selectors import kabupaten_visible_to


def _rows(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _areas(user) -> list[int]:
    return list(kabupaten_visible_to(user).values_list("id", flat=True))


# A recipient's package: the assigned one, else the year's active package named by PAKET_USULAN.
PACKAGE_OF_CANDIDATE = """
    SELECT c.id AS candidate_id, c.kabupaten_id,
           COALESCE(pa.package_id, (SELECT pt.id FROM disbursements_packagetype pt
                                    WHERE pt.programme_year_id = c.programme_year_id AND pt.is_active
                                      AND upper(pt.code) = upper(c.requested_package) LIMIT 1)) AS package_id
    FROM recipients_candidate c
    LEFT JOIN disbursements_packageassignment pa ON pa.candidate_id = c.id
    WHERE c.programme_year_id = %(year)s AND c.status = ANY(%(statuses)s) AND c.kabupaten_id = ANY(%(areas)s)
"""


def needs_list(*, user, programme_year) -> dict:
    """Rekap kebutuhan barang: per kabupaten/kota and item, the goods the decided recipients' packages hold."""
    params = {"year": programme_year.year, "statuses": [str(s) for s in OCCUPYING], "areas": _areas(user)}
    rows = _rows(f"""
        WITH r AS ({PACKAGE_OF_CANDIDATE})
        SELECT k.id AS kabupaten_id, k.code AS kabupaten_code, k.name AS kabupaten, i.id AS item_id,
               i.code AS item_code, i.name AS item, i.specification, i.unit,
               SUM(pi.quantity)::bigint AS quantity, SUM(pi.quantity * pi.unit_price)::bigint AS value,
               COUNT(DISTINCT r.candidate_id) AS recipients
        FROM r JOIN disbursements_packageitem pi ON pi.package_id = r.package_id
        JOIN disbursements_item i ON i.id = pi.item_id
        JOIN regions_kabupaten k ON k.id = r.kabupaten_id
        GROUP BY k.id, k.code, k.name, i.id, i.code, i.name, i.specification, i.unit
        ORDER BY k.code, i.name""", params)
    missing = _rows(f"""
        WITH r AS ({PACKAGE_OF_CANDIDATE})
        SELECT k.name AS kabupaten, COUNT(*) AS recipients FROM r JOIN regions_kabupaten k ON k.id = r.kabupaten_id
        WHERE r.package_id IS NULL GROUP BY k.code, k.name ORDER BY k.code""", params)
    return {"rows": rows, "without_package": missing, "total_value": sum(r["value"] for r in rows)}


@dataclass(frozen=True)
class Difference:
    where: str
    item: str
    what: str


def reconciliation_by_area(*, user, programme_year) -> dict:
    """Per kabupaten/kota and item: ordered, delivered, handed over, returned, damaged, on hand; money included.

    The ledger balances when delivered + returned - handed over - damaged - replacements equals
    the on-hand figure; ordered against delivered shows what the vendors still owe.
    """
    K = StockMove.Kind
    params = {"year": programme_year.year, "areas": _areas(user), "received": K.RECEIVED, "handed": K.HANDED_OVER,
              "returned": K.RETURNED, "damaged": K.DAMAGED, "replacement": K.REPLACEMENT}
    rows = _rows("""
        WITH ordered AS (
            SELECT a.kabupaten_id, l.item_id, SUM(a.quantity)::bigint AS quantity,
                   SUM(a.quantity * l.unit_price)::bigint AS value
            FROM disbursements_contractallocation a JOIN disbursements_contractline l ON l.id = a.line_id
            JOIN disbursements_contract c ON c.id = l.contract_id
            WHERE c.programme_year_id = %(year)s AND a.kabupaten_id = ANY(%(areas)s)
            GROUP BY 1, 2),
        delivered AS (
            SELECT d.kabupaten_id, l.item_id, SUM(dl.quantity_received - dl.quantity_damaged)::bigint AS quantity,
                   SUM(dl.quantity_damaged)::bigint AS rejected,
                   SUM((dl.quantity_received - dl.quantity_damaged) * l.unit_price)::bigint AS value
            FROM disbursements_deliveryline dl JOIN disbursements_delivery d ON d.id = dl.delivery_id
            JOIN disbursements_contractline l ON l.id = dl.contract_line_id
            JOIN disbursements_contract c ON c.id = d.contract_id
            WHERE c.programme_year_id = %(year)s AND d.kabupaten_id = ANY(%(areas)s)
            GROUP BY 1, 2),
        handed AS (
            SELECT c.kabupaten_id, hl.item_id, SUM(hl.quantity)::bigint AS quantity,
                   SUM(hl.quantity * hl.unit_price)::bigint AS value
            FROM disbursements_handoverline hl JOIN disbursements_handover h ON h.id = hl.handover_id
            JOIN recipients_candidate c ON c.id = h.candidate_id
            WHERE h.outcome = 'received' AND c.programme_year_id = %(year)s AND c.kabupaten_id = ANY(%(areas)s)
            GROUP BY 1, 2),
        moves AS (
            SELECT m.kabupaten_id, m.item_id,
                   SUM(m.quantity) FILTER (WHERE m.kind = %(received)s)::bigint AS received,
                   SUM(m.quantity) FILTER (WHERE m.kind = %(handed)s)::bigint AS handed_over,
                   SUM(m.quantity) FILTER (WHERE m.kind = %(returned)s)::bigint AS returned,
                   SUM(m.quantity) FILTER (WHERE m.kind = %(damaged)s)::bigint AS damaged,
                   SUM(m.quantity) FILTER (WHERE m.kind = %(replacement)s)::bigint AS replacement
            FROM disbursements_stockmove m WHERE m.kabupaten_id = ANY(%(areas)s) GROUP BY 1, 2),
        keys AS (SELECT kabupaten_id, item_id FROM ordered UNION SELECT kabupaten_id, item_id FROM delivered
                 UNION SELECT kabupaten_id, item_id FROM handed UNION SELECT kabupaten_id, item_id FROM moves)
        SELECT k.code AS kabupaten_code, k.name AS kabupaten, i.name AS item, i.unit,
               COALESCE(o.quantity, 0) AS ordered, COALESCE(o.value, 0) AS ordered_value,
               COALESCE(d.quantity, 0) AS delivered, COALESCE(d.value, 0) AS delivered_value,
               COALESCE(d.rejected, 0) AS rejected,
               COALESCE(h.quantity, 0) AS handed_over, COALESCE(h.value, 0) AS handed_over_value,
               COALESCE(m.returned, 0) AS returned, COALESCE(m.damaged, 0) AS damaged,
               COALESCE(m.replacement, 0) AS replacement, COALESCE(b.on_hand, 0) AS on_hand,
               COALESCE(m.received, 0) + COALESCE(m.returned, 0) - COALESCE(m.handed_over, 0)
                 - COALESCE(m.damaged, 0) - COALESCE(m.replacement, 0) AS ledger_on_hand,
               COALESCE(m.received, 0) AS received_in_ledger, COALESCE(m.handed_over, 0) AS handed_in_ledger
        FROM keys JOIN regions_kabupaten k ON k.id = keys.kabupaten_id JOIN disbursements_item i ON i.id = keys.item_id
        LEFT JOIN ordered o USING (kabupaten_id, item_id) LEFT JOIN delivered d USING (kabupaten_id, item_id)
        LEFT JOIN handed h USING (kabupaten_id, item_id) LEFT JOIN moves m USING (kabupaten_id, item_id)
        LEFT JOIN disbursements_stockbalance b ON b.kabupaten_id = keys.kabupaten_id AND b.item_id = keys.item_id
        ORDER BY k.code, i.name""", params)
    differences = []
    for r in rows:
        where = r["kabupaten"]
        if r["delivered"] != r["ordered"]:
            differences.append(Difference(where, r["item"], "ordered_delivered"))
        if r["ledger_on_hand"] != r["on_hand"] or r["received_in_ledger"] != r["delivered"] \
                or r["handed_in_ledger"] != r["handed_over"]:
            differences.append(Difference(where, r["item"], "ledger"))
        r["expected_on_hand"] = r["delivered"] + r["returned"] - r["handed_over"] - r["damaged"] - r["replacement"]
        r["balanced"] = r["expected_on_hand"] == r["on_hand"] and r["ledger_on_hand"] == r["on_hand"]
    totals = {key: sum(r[key] for r in rows) for key in ("ordered_value", "delivered_value", "handed_over_value")}
    return {"rows": rows, "differences": differences, "totals": totals}


def reconciliation_by_contract(*, user, programme_year) -> list[dict]:
    """Per contract and item: ordered against delivered (in the user's areas), money included."""
    return _rows("""
        SELECT c.number, v.name AS vendor, i.name AS item, i.unit, l.unit_price,
               COALESCE(SUM(a.quantity), 0)::bigint AS ordered,
               COALESCE(SUM(a.quantity), 0)::bigint * l.unit_price AS ordered_value,
               COALESCE((SELECT SUM(dl.quantity_received - dl.quantity_damaged) FROM disbursements_deliveryline dl
                         JOIN disbursements_delivery d ON d.id = dl.delivery_id
                         WHERE dl.contract_line_id = l.id AND d.kabupaten_id = ANY(%(areas)s)), 0)::bigint AS delivered,
               COALESCE((SELECT SUM(dl.quantity_damaged) FROM disbursements_deliveryline dl
                         JOIN disbursements_delivery d ON d.id = dl.delivery_id
                         WHERE dl.contract_line_id = l.id AND d.kabupaten_id = ANY(%(areas)s)), 0)::bigint AS damaged
        FROM disbursements_contractline l JOIN disbursements_contract c ON c.id = l.contract_id
        JOIN disbursements_vendor v ON v.id = c.vendor_id JOIN disbursements_item i ON i.id = l.item_id
        LEFT JOIN disbursements_contractallocation a ON a.line_id = l.id AND a.kabupaten_id = ANY(%(areas)s)
        WHERE c.programme_year_id = %(year)s
        GROUP BY c.number, v.name, i.name, i.unit, l.id, l.unit_price
        HAVING COALESCE(SUM(a.quantity), 0) > 0
        ORDER BY c.number, i.name""", {"year": programme_year.year, "areas": _areas(user)})
