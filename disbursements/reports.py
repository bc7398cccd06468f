"""Reads for procurement and audit: the needs list and the reconciliation, each one SQL statement.

Both start from the kabupaten/kota the user sees and run a fixed number of queries whatever
the number of recipients or handovers (measured in ``bench/bench_goods_reports.py``).
"""

from dataclasses import dataclass

from django.db import connection

from recipients.lifecycle import OCCUPYING
from regions.selectors import kabupaten_visible_to


def _rows(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _areas(user) -> list[int]:
    return list(kabupaten_visible_to(user).values_list("id", flat=True))


# Recipients per kabupaten/kota and package: the assigned package, else the year's active package
# named by PAKET_USULAN. Counted first (a few rows per area), then multiplied by the packages' items,
# so the cost does not grow with the items of every recipient.
RECIPIENTS_PER_PACKAGE = """
    SELECT c.kabupaten_id, COALESCE(pa.package_id, d.id) AS package_id, COUNT(*) AS recipients
    FROM recipients_candidate c
    LEFT JOIN disbursements_packageassignment pa ON pa.candidate_id = c.id
    LEFT JOIN (SELECT DISTINCT ON (upper(code)) id, upper(code) AS code FROM disbursements_packagetype
               WHERE programme_year_id = %(year)s AND is_active ORDER BY upper(code), id) d
           ON pa.id IS NULL AND d.code = upper(c.requested_package)
    WHERE c.programme_year_id = %(year)s AND c.status = ANY(%(statuses)s) AND c.kabupaten_id = ANY(%(areas)s)
    GROUP BY 1, 2
"""


def needs_list(*, user, programme_year) -> dict:
    """Rekap kebutuhan barang: per kabupaten/kota and item, the goods the decided recipients' packages hold."""
    params = {"year": programme_year.year, "statuses": [str(s) for s in OCCUPYING], "areas": _areas(user)}
    per_package = _rows(RECIPIENTS_PER_PACKAGE, params)
    rows = _rows("""
        WITH r AS (SELECT * FROM unnest(%(areas)s::bigint[], %(packages)s::bigint[], %(counts)s::bigint[])
                   AS r(kabupaten_id, package_id, recipients))
        SELECT k.id AS kabupaten_id, k.code AS kabupaten_code, k.name AS kabupaten, i.id AS item_id,
               i.code AS item_code, i.name AS item, i.specification, i.unit,
               SUM(pi.quantity * r.recipients)::bigint AS quantity,
               SUM(pi.quantity * pi.unit_price * r.recipients)::bigint AS value, SUM(r.recipients)::bigint AS recipients
        FROM r JOIN disbursements_packageitem pi ON pi.package_id = r.package_id
        JOIN disbursements_item i ON i.id = pi.item_id
        JOIN regions_kabupaten k ON k.id = r.kabupaten_id
        GROUP BY k.id, k.code, k.name, i.id, i.code, i.name, i.specification, i.unit
        ORDER BY k.code, i.name""", {
        "areas": [r["kabupaten_id"] for r in per_package if r["package_id"]],
        "packages": [r["package_id"] for r in per_package if r["package_id"]],
        "counts": [r["recipients"] for r in per_package if r["package_id"]]})
    names = dict(kabupaten_visible_to(user).values_list("id", "name"))
    missing = [{"kabupaten": names[r["kabupaten_id"]], "recipients": r["recipients"]}
               for r in per_package if r["package_id"] is None]
    return {"rows": rows, "without_package": missing, "total_value": sum(r["value"] for r in rows)}


@dataclass(frozen=True)
class Difference:
    where: str
    item: str
    what: str


def reconciliation_by_area(*, user, programme_year) -> dict:
    """Per kabupaten/kota and item: ordered, delivered, handed over, returned, damaged, on hand; money included.

    Ordered and delivered come from the year's contracts and deliveries; the rest from the stock
    ledger's totals (``StockBalance``), so the cost does not grow with the number of handovers. It
    balances when the ledger received what was delivered and delivered + returned - handed over -
    damaged - replacements = on hand; ordered against delivered shows what the vendors still owe.
    Stock is counted per area and item across years: the goods on the shelf do not know their year.
    """
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
        balance AS (SELECT * FROM disbursements_stockbalance WHERE kabupaten_id = ANY(%(areas)s)),
        keys AS (SELECT kabupaten_id, item_id FROM ordered UNION SELECT kabupaten_id, item_id FROM delivered
                 UNION SELECT kabupaten_id, item_id FROM balance)
        SELECT k.code AS kabupaten_code, k.name AS kabupaten, i.name AS item, i.unit,
               COALESCE(o.quantity, 0) AS ordered, COALESCE(o.value, 0) AS ordered_value,
               COALESCE(d.quantity, 0) AS delivered, COALESCE(d.value, 0) AS delivered_value,
               COALESCE(d.rejected, 0) AS rejected, COALESCE(b.received, 0) AS received_in_ledger,
               COALESCE(b.handed_over, 0) AS handed_over, COALESCE(b.handed_over_value, 0) AS handed_over_value,
               COALESCE(b.returned, 0) AS returned, COALESCE(b.damaged, 0) AS damaged,
               COALESCE(b.replacement, 0) AS replacement, COALESCE(b.on_hand, 0) AS on_hand
        FROM keys JOIN regions_kabupaten k ON k.id = keys.kabupaten_id JOIN disbursements_item i ON i.id = keys.item_id
        LEFT JOIN ordered o USING (kabupaten_id, item_id) LEFT JOIN delivered d USING (kabupaten_id, item_id)
        LEFT JOIN balance b USING (kabupaten_id, item_id)
        ORDER BY k.code, i.name""", {"year": programme_year.year, "areas": _areas(user)})
    differences = []
    for r in rows:
        r["expected_on_hand"] = (r["received_in_ledger"] + r["returned"] - r["handed_over"] - r["damaged"]
                                 - r["replacement"])
        if r["delivered"] != r["ordered"]:
            differences.append(Difference(r["kabupaten"], r["item"], "ordered_delivered"))
        if r["received_in_ledger"] != r["delivered"] or r["expected_on_hand"] != r["on_hand"]:
            differences.append(Difference(r["kabupaten"], r["item"], "ledger"))
        r["balanced"] = r["received_in_ledger"] == r["delivered"] and r["expected_on_hand"] == r["on_hand"]
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
