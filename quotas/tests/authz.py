"""Expected status of every quotas URL for every role (see uep/tests/authz.py)."""

import datetime as dt

from uep.tests.authz import EVERY_USER, PROVINCIAL_ONLY, SAMARINDA_OBJECT, WRITERS_OF_SAMARINDA, Access, statuses

# A provincial write answers with a redirect back to its page; nobody else may act at all, and another
# province's staff do not find Samarinda.
PROVINCIAL_ACTS = statuses(403, provincial=302, admin=302, kalsel_provincial=404)


def world_extras(world):
    from quotas.models import BudgetDocument, QuotaEntry
    from recipients.models import Candidate, CandidateStatus, Person
    from recipients.nik import make_nik

    base = world["candidate"]
    py = base.programme_year
    document = BudgetDocument.objects.create(programme_year=py, province=world["samarinda"].province,
                                             kind=BudgetDocument.Kind.PLAN,
                                             number="DPA-RAHASIA/2025", date=dt.date(2025, 1, 2),
                                             amount=7_500_000_000)
    QuotaEntry.objects.create(programme_year=py, kabupaten=world["samarinda"], document=document, places=3,
                              reason="Kuota rahasia Samarinda", created_by=world["users"]["provincial"])

    def candidate(name, status, serial):
        nik = make_nik(kecamatan_code=base.kecamatan.code, birth_date=dt.date(1980, 1, 1), sex="L", serial=serial)
        person = Person.objects.create(nik=nik, name=name, sex="L", birth_date=dt.date(1980, 1, 1))
        return Candidate.objects.create(
            person=person, name=name, sex="L", birth_date=dt.date(1980, 1, 1), programme_year=py,
            kabupaten=base.kabupaten, kecamatan=base.kecamatan,
            kelurahan=base.kelurahan, address="Jl. Rahasia", no_kk=nik[:6] + "0101259999", desil_proposed=1,
            business_type="Gorengan", business_status="BERJALAN", status=status, created_by=base.created_by)

    return {
        "budget_document": document,
        "decided": candidate("Budi Ditetapkan Samarinda", CandidateStatus.DECIDED, 9001),
        "eligible": candidate("Rina Layak Samarinda", CandidateStatus.FIELD_ELIGIBLE, 9002),
        "reserve": candidate("Tono Cadangan Samarinda", CandidateStatus.RESERVE, 9003),
    }


def year(world):
    return {"year": world["candidate"].programme_year_id}


def samarinda_area(world):
    return {"year": world["candidate"].programme_year_id, "code": world["samarinda"].code}


SAMARINDA_PEOPLE = lambda w: ["Budi Ditetapkan Samarinda", "Rina Layak Samarinda", "Tono Cadangan Samarinda"]  # noqa: E731

MATRIX = {
    "quotas:overview": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "quotas:years": Access(EVERY_USER, province_secrets=lambda w: ["7.500.000.000"]),
    # The year's rules are national and the world serves two provinces: only the superuser without a province
    # (not a role here) changes them (quotas/tests/test_provinces.py).
    "quotas:year_create": Access(statuses(403)),
    "quotas:year_detail": Access(EVERY_USER, kwargs=year, province_secrets=lambda w: ["DPA-RAHASIA/2025"]),
    "quotas:year_edit": Access(statuses(403), kwargs=year),
    "quotas:document_create": Access(PROVINCIAL_ONLY, kwargs=year),
    # Kaltim's budget document: another province's staff do not find it.
    "quotas:document_edit": Access(statuses(403, provincial=200, admin=200, kalsel_provincial=404), kwargs=lambda w: {"pk": w["budget_document"].pk}),
    "quotas:ledger": Access(EVERY_USER, kwargs=year,
                            must_not_leak=lambda w: ["Kuota rahasia Samarinda", "Kota Samarinda"]),
    "quotas:entry_add": Access(PROVINCIAL_ONLY, kwargs=year),
    "quotas:spread": Access(PROVINCIAL_ONLY, kwargs=year),
    "quotas:decision": Access(SAMARINDA_OBJECT, kwargs=samarinda_area, must_not_leak=SAMARINDA_PEOPLE),
    "quotas:decide": Access(PROVINCIAL_ACTS, kwargs=samarinda_area, method="post",
                            data=lambda w: {"top": "1", "count": "1"}),
    "quotas:decide_confirm": Access(statuses(403, provincial=200, admin=200, kalsel_provincial=404), kwargs=samarinda_area, data=lambda w: {"count": "1"}),
    "quotas:reserve_rebuild": Access(PROVINCIAL_ACTS, kwargs=samarinda_area, method="post"),
    "quotas:decree_save": Access(PROVINCIAL_ACTS, kwargs=samarinda_area, method="post",
                                 data=lambda w: {"number": "400.9/1/2025", "date": "14/03/2025"}),
    "quotas:withdraw": Access(PROVINCIAL_ACTS, kwargs=lambda w: {"pk": w["decided"].pk}, method="post",
                              data=lambda w: {"kind": "pindah"}),
    "quotas:annex_xlsx": Access(WRITERS_OF_SAMARINDA, kwargs=samarinda_area, must_not_leak=SAMARINDA_PEOPLE),
    "quotas:annex_pdf": Access(WRITERS_OF_SAMARINDA, kwargs=samarinda_area, must_not_leak=SAMARINDA_PEOPLE),
}
