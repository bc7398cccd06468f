"""Reads for procurement and audit: the needs list and the reconciliation, each one SQL statement.

Both start from the kabupaten/kota the user sees and run a fixed number of queries whatever
the number of recipients or handovers (measured in ``bench/bench_goods_reports.py``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recipients.lifecycle import OCCUPYING
from regions.selectors import kabupaten_visible_to
from uep.formatting import angka, rupiah


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
    what: str  # a sentence with the figures, in Indonesian


# Every figure twice or three times, from independent sources: the documents (contracts, deliveries,
# received handovers, resolved complaints), the ledger's moves, and the running totals on
# StockBalance. Each source is aggregated once, set-based; the comparison is per area and item.
RECONCILIATION = """
    WITH ordered AS (
        SELECT a.kabupaten_id, l.item_id, SUM(a.quantity)::bigint AS quantity,
               SUM(a.quantity * l.unit_price)::bigint AS value
        FROM disbursements_contractallocation a JOIN disbursements_contractline l ON l.id = a.line_id
        JOIN disbursements_contract c ON c.id = l.contract_id
        WHERE c.programme_year_id = %(year)s AND a.kabupaten_id = ANY(%(areas)s)
        GROUP BY 1, 2),
    delivered AS (
        SELECT d.kabupaten_id, l.item_id,
               SUM(dl.quantity_received - dl.quantity_damaged) FILTER (WHERE c.programme_year_id = %(year)s)
                   AS quantity,
               SUM(dl.quantity_damaged) FILTER (WHERE c.programme_year_id = %(year)s) AS rejected,
               SUM((dl.quantity_received - dl.quantity_damaged) * l.unit_price)
                   FILTER (WHERE c.programme_year_id = %(year)s) AS value,
               SUM(dl.quantity_received - dl.quantity_damaged) AS quantity_all
        FROM disbursements_deliveryline dl JOIN disbursements_delivery d ON d.id = dl.delivery_id
        JOIN disbursements_contractline l ON l.id = dl.contract_line_id
        JOIN disbursements_contract c ON c.id = d.contract_id
        WHERE d.kabupaten_id = ANY(%(areas)s)
        GROUP BY 1, 2),
    handed AS (
        SELECT c.kabupaten_id, hl.item_id,
               SUM(hl.quantity) FILTER (WHERE c.programme_year_id = %(year)s) AS quantity,
               SUM(hl.quantity * hl.unit_price) FILTER (WHERE c.programme_year_id = %(year)s) AS value,
               SUM(hl.quantity) AS quantity_all, SUM(hl.quantity * hl.unit_price) AS value_all
        FROM disbursements_handoverline hl
        JOIN disbursements_handover h ON h.id = hl.handover_id AND h.outcome = 'received'
        JOIN recipients_candidate c ON c.id = h.candidate_id
        WHERE c.kabupaten_id = ANY(%(areas)s)
        GROUP BY 1, 2),
    replaced AS (
        SELECT co.kabupaten_id, hl.item_id, SUM(co.replacement_quantity) AS quantity_all
        FROM disbursements_complaint co JOIN disbursements_handoverline hl ON hl.id = co.handover_line_id
        WHERE co.replacement_quantity > 0 AND co.kabupaten_id = ANY(%(areas)s)
        GROUP BY 1, 2),
    moves_per_kind AS (
        SELECT kabupaten_id, item_id, kind, SUM(quantity)::bigint AS quantity
        FROM disbursements_stockmove WHERE kabupaten_id = ANY(%(areas)s)
        GROUP BY 1, 2, 3),
    -- Moves that name no document although their kind has one: written by hand (a partial index).
    stray AS (
        SELECT kabupaten_id, item_id, COUNT(*) AS without_document
        FROM disbursements_stockmove
        WHERE ((kind = 'received' AND delivery_line_id IS NULL) OR (kind = 'handed_over' AND handover_line_id IS NULL)
               OR (kind = 'replacement' AND complaint_id IS NULL)) AND kabupaten_id = ANY(%(areas)s)
        GROUP BY 1, 2),
    moves AS (
        SELECT m.kabupaten_id, m.item_id,
               SUM(quantity) FILTER (WHERE kind = 'received') AS received,
               SUM(quantity) FILTER (WHERE kind = 'handed_over') AS handed_over,
               SUM(quantity) FILTER (WHERE kind = 'returned') AS returned,
               SUM(quantity) FILTER (WHERE kind = 'damaged') AS damaged,
               SUM(quantity) FILTER (WHERE kind = 'written_off') AS written_off,
               SUM(quantity) FILTER (WHERE kind = 'replacement') AS replacement,
               MAX(s.without_document) AS without_document
        FROM moves_per_kind m LEFT JOIN stray s USING (kabupaten_id, item_id)
        GROUP BY 1, 2),
    balance AS (SELECT * FROM disbursements_stockbalance WHERE kabupaten_id = ANY(%(areas)s)),
    keys AS (SELECT kabupaten_id, item_id FROM ordered UNION SELECT kabupaten_id, item_id FROM delivered
             UNION SELECT kabupaten_id, item_id FROM handed UNION SELECT kabupaten_id, item_id FROM replaced
             UNION SELECT kabupaten_id, item_id FROM moves UNION SELECT kabupaten_id, item_id FROM balance)
    SELECT k.code AS kabupaten_code, k.name AS kabupaten, i.name AS item, i.unit,
           COALESCE(o.quantity, 0) AS ordered, COALESCE(o.value, 0) AS ordered_value,
           COALESCE(d.quantity, 0) AS delivered, COALESCE(d.value, 0) AS delivered_value,
           COALESCE(d.rejected, 0) AS rejected, COALESCE(d.quantity_all, 0) AS delivered_all,
           COALESCE(h.quantity, 0) AS handed_over, COALESCE(h.value, 0) AS handed_over_value,
           COALESCE(h.quantity_all, 0) AS handed_over_all, COALESCE(h.value_all, 0) AS handed_over_value_all,
           COALESCE(r.quantity_all, 0) AS replaced_all,
           COALESCE(m.received, 0) AS moves_received, COALESCE(m.handed_over, 0) AS moves_handed_over,
           COALESCE(m.returned, 0) AS moves_returned, COALESCE(m.damaged, 0) AS moves_damaged,
           COALESCE(m.written_off, 0) AS moves_written_off, COALESCE(m.replacement, 0) AS moves_replacement,
           COALESCE(m.without_document, 0) AS moves_without_document,
           COALESCE(b.received, 0) AS balance_received, COALESCE(b.handed_over, 0) AS balance_handed_over,
           COALESCE(b.handed_over_value, 0) AS balance_handed_over_value,
           COALESCE(b.returned, 0) AS balance_returned, COALESCE(b.damaged, 0) AS balance_damaged,
           COALESCE(b.written_off, 0) AS balance_written_off, COALESCE(b.replacement, 0) AS balance_replacement,
           COALESCE(b.on_hand, 0) AS on_hand
    FROM keys JOIN regions_kabupaten k ON k.id = keys.kabupaten_id JOIN disbursements_item i ON i.id = keys.item_id
    LEFT JOIN ordered o USING (kabupaten_id, item_id) LEFT JOIN delivered d USING (kabupaten_id, item_id)
    LEFT JOIN handed h USING (kabupaten_id, item_id) LEFT JOIN replaced r USING (kabupaten_id, item_id)
    LEFT JOIN moves m USING (kabupaten_id, item_id) LEFT JOIN balance b USING (kabupaten_id, item_id)
    ORDER BY k.code, i.name
"""

# The kinds of move whose running total StockBalance keeps, with their label.
KINDS = (("received", gettext_lazy("diterima")), ("handed_over", gettext_lazy("diserahkan")),
         ("returned", gettext_lazy("dikembalikan")), ("damaged", gettext_lazy("rusak")),
         ("written_off", gettext_lazy("dihapusbukukan")), ("replacement", gettext_lazy("pengganti pengaduan")))


def _differences(r: dict) -> list[str]:
    """What disagrees in one area and item, each as a sentence with both figures."""
    found = []
    n = {key: angka(value) for key, value in r.items() if isinstance(value, int)}
    if r["delivered"] != r["ordered"]:
        found.append(_("diterima baik %(delivered)s dari %(ordered)s yang dipesan di kontrak tahun ini")
                     % {"delivered": n["delivered"], "ordered": n["ordered"]})
    if r["moves_received"] != r["delivered_all"]:
        found.append(_("buku stok mencatat %(moves)s diterima, dokumen penerimaan (BAST penyedia) %(docs)s")
                     % {"moves": n["moves_received"], "docs": n["delivered_all"]})
    if r["moves_handed_over"] != r["handed_over_all"]:
        found.append(_("buku stok mencatat %(moves)s diserahkan, BAST serah terima yang diterima %(docs)s")
                     % {"moves": n["moves_handed_over"], "docs": n["handed_over_all"]})
    if r["moves_replacement"] != r["replaced_all"]:
        found.append(_("buku stok mencatat %(moves)s pengganti pengaduan, pengaduan yang diselesaikan %(docs)s")
                     % {"moves": n["moves_replacement"], "docs": n["replaced_all"]})
    if r["moves_without_document"]:
        found.append(_("%(count)s mutasi di buku stok tanpa dokumen (penerimaan, BAST atau pengaduan)")
                     % {"count": n["moves_without_document"]})
    for kind, label in KINDS:
        if r[f"balance_{kind}"] != r[f"moves_{kind}"]:
            found.append(_("saldo mencatat %(balance)s %(kind)s, mutasi di buku stok %(moves)s")
                         % {"balance": n[f"balance_{kind}"], "kind": label, "moves": n[f"moves_{kind}"]})
    if r["balance_handed_over_value"] != r["handed_over_value_all"]:
        found.append(_("saldo mencatat nilai diserahkan %(balance)s, BAST serah terima %(docs)s")
                     % {"balance": rupiah(r["balance_handed_over_value"]), "docs": rupiah(r["handed_over_value_all"])})
    if r["on_hand"] != r["expected_on_hand"]:
        found.append(_("stok tercatat %(on_hand)s, menurut mutasi seharusnya %(expected)s")
                     % {"on_hand": n["on_hand"], "expected": angka(r["expected_on_hand"])})
    return found


def reconciliation_by_area(*, user, programme_year) -> dict:
    """Per kabupaten/kota and item: ordered, delivered and handed over in the year's documents; the ledger's moves;
    the running balance; and every disagreement between them, money included.

    Ordered, delivered and handed over (the columns) are the year's. Stock is counted per area and item
    across years (the goods on the shelf do not know their year), so the ledger is checked against every
    year's documents: deliveries (accepted = received less damaged), received handovers and resolved
    complaints with replacement goods. A move with no document behind it, a running total that is not
    the sum of its moves, and an on-hand figure that is not received + returned - everything that left,
    are each listed. One statement, whatever the number of handovers.
    """
    rows = _rows(RECONCILIATION, {"year": programme_year.year, "areas": _areas(user)})
    differences = []
    for r in rows:
        r.update({key: int(value) for key, value in r.items() if isinstance(value, Decimal)})  # SUM of bigint
        r["expected_on_hand"] = (r["moves_received"] + r["moves_returned"] - r["moves_handed_over"]
                                 - r["moves_damaged"] - r["moves_written_off"] - r["moves_replacement"])
        found = _differences(r)
        differences += [Difference(r["kabupaten"], r["item"], what) for what in found]
        # Ordered against delivered is what the vendors still owe, not an error of the books.
        r["balanced"] = len(found) == (1 if r["delivered"] != r["ordered"] else 0)
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
