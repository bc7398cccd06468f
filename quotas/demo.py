"""Demo data: the 2025 programme year with its budget documents and quotas (docs/rules.md), and 2026."""

import datetime as dt

from programmes.models import ProgrammeYear
from quotas.models import BudgetDocument, QuotaEntry
from regions.models import Province
from quotas.services import ledger

PLAN_2025 = dict(kind=BudgetDocument.Kind.PLAN, number="DPA-SKPD 1.06.0.00.0.00.01.0000/2025",
                 date=dt.date(2025, 1, 2), amount=7_500_000_000)  # 1.500 x Rp 5.000.000
REVISION_2025 = dict(kind=BudgetDocument.Kind.REVISION, number="DPPA-SKPD 1.06.0.00.0.00.01.0000/2025",
                     date=dt.date(2025, 9, 29), amount=1_000_000_000)  # Rp 1 miliar for the 180 extra places
PLAN_2026 = dict(kind=BudgetDocument.Kind.PLAN, number="DPA-SKPD 1.06.0.00.0.00.01.0000/2026",
                 date=dt.date(2026, 1, 2), amount=5_000_000_000)  # about 1.000 places (efisiensi anggaran)


def _document(programme_year, fields):
    # The demo is Kalimantan Timur's.
    document, _ = BudgetDocument.objects.get_or_create(programme_year=programme_year, number=fields["number"],
                                                       province=Province.objects.get(code="64"), defaults=fields)
    return document


def _spread_once(*, programme_year, document, total, reason, user, stdout):
    if QuotaEntry.objects.filter(document=document).exists():
        return
    ledger.spread_apply(programme_year=programme_year, document=document, total=total,
                          rule=QuotaEntry.Rule.EVEN, reason=reason, user=user)
    stdout.write(f"  {reason}: {total} tempat dibagi rata.")


def seed(*, users, stdout):
    provincial = users["provinsi"]
    year_2025, _ = ProgrammeYear.objects.get_or_create(year=2025)
    plan = _document(year_2025, PLAN_2025)
    revision = _document(year_2025, REVISION_2025)
    _spread_once(programme_year=year_2025, document=plan, total=1500, user=provincial, stdout=stdout,
                 reason="Kuota APBD Murni 2025: 150 per kabupaten/kota")
    _spread_once(programme_year=year_2025, document=revision, total=180, user=provincial, stdout=stdout,
                 reason="Tambahan APBD Perubahan 2025: 180 penerima")

    # 2026: the plan is known, the quotas are not fixed yet, and proposals are not open.
    year_2026, _ = ProgrammeYear.objects.get_or_create(year=2026, defaults={"is_open": False})
    _document(year_2026, PLAN_2026)
