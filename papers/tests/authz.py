"""Expected status of every papers URL for every role (see uep/tests/authz.py)."""

from uep.tests.authz import EVERY_USER, PROVINCIAL_ONLY, Access, statuses


def year(world):
    return {"year": world["candidate"].programme_year_id}


def world_extras(world):
    from papers.models import Signatory

    Signatory.objects.create(programme_year=world["candidate"].programme_year, kabupaten=world["samarinda"],
                             province=world["samarinda"].province, name="Pejabat Rahasia Samarinda", nip="197001011990031001",
                             position="Kepala Dinas Sosial Kota Samarinda", updated_by=world["users"]["provincial"])
    return {}


MATRIX = {
    "papers:signatories": Access(EVERY_USER, kwargs=year, must_not_leak=lambda w: ["Pejabat Rahasia Samarinda"]),
    # Another province's staff do not find Samarinda.
    "papers:signatory_edit": Access(statuses(403, provincial=200, admin=200, kalsel_provincial=404), kwargs=lambda w: {**year(w), "code": w["samarinda"].code}),
}
