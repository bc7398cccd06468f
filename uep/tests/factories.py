"""The objects most tests start from, as plain functions: the fixtures of conftest.py call them per test,
and a module that builds its objects once for all its tests (the authorization matrix's world) calls
them inside its own transaction."""

import datetime as dt
from pathlib import Path

PASSWORD = "sandi-uji-coba-123"
ROOT = Path(__file__).resolve().parents[2]


def regions_ready() -> dict:
    """The reference regions by code. A migration loads them, but transactional tests empty the tables."""
    from regions.models import Kabupaten
    from regions.services import regions_load

    if not Kabupaten.objects.exists():
        regions_load()
    return {k.code: k for k in Kabupaten.objects.all()}


def kalsel_load():
    """A second province beside Kaltim: Kalimantan Selatan (63), with Tanah Laut (63.01) and Kota
    Banjarmasin (63.71), loaded from a sample of its regions file, signing its papers in Banjarbaru."""
    from regions.models import Province
    from regions.services import regions_load

    regions_load(path=ROOT / "regions" / "tests" / "data" / "wilayah_kalsel_sample.csv", paper_place="Banjarbaru")
    return Province.objects.get(code="63")


def user_create(username, role, kabupaten=None, **extra):
    """A user of Kaltim (64) unless a kabupaten or ``province=`` says otherwise."""
    from accounts.models import Role, User
    from regions.models import Province

    if kabupaten is None and "province" not in extra:
        extra["province"] = Province.objects.get(code="64")
    return User.objects.create_user(
        username=username, password=PASSWORD, role=role, kabupaten=kabupaten,
        is_staff=role == Role.ADMIN or extra.pop("is_staff", False),
        is_superuser=role == Role.ADMIN, **extra,
    )


def users_create(samarinda, balikpapan) -> dict:
    """One user per role. ``officer`` works in Samarinda, ``other_officer`` in Balikpapan."""
    from accounts.models import Role

    return {
        "viewer": user_create("pemantau", Role.VIEWER),
        "officer": user_create("petugas_smd", Role.OFFICER, samarinda, first_name="Petugas", last_name="Samarinda"),
        "other_officer": user_create("petugas_bpp", Role.OFFICER, balikpapan),
        "provincial": user_create("staf_prov", Role.PROVINCIAL),
        "admin": user_create("admin", Role.ADMIN),
    }


def kalsel_users_create(kalsel, banjarmasin) -> dict:
    """Kalimantan Selatan's staff, who must never see a row of Kaltim (nor Kaltim's theirs)."""
    from accounts.models import Role

    return {
        "kalsel_viewer": user_create("pemantau_kalsel", Role.VIEWER, province=kalsel),
        "kalsel_officer": user_create("petugas_bjm", Role.OFFICER, banjarmasin),
        "kalsel_provincial": user_create("staf_prov_kalsel", Role.PROVINCIAL, province=kalsel),
    }


def candidate_maker(programme_year):
    """A function that makes a valid candidate in the given kabupaten; the NIK is built from its real
    kecamatan, one family each."""
    from recipients.models import Candidate, Person
    from recipients.nik import make_nik
    from regions.models import Kecamatan

    serial = iter(range(1, 10000))

    def make(kabupaten, *, name=None, created_by, status="proposed", sex="P", birth_date=dt.date(1985, 3, 7),
             **fields):
        kecamatan = Kecamatan.objects.filter(kabupaten=kabupaten).first()
        kelurahan = kecamatan.kelurahan_set.first()
        n = next(serial)
        nik = make_nik(kecamatan_code=kecamatan.code, birth_date=birth_date, sex=sex, serial=n)
        person = Person.objects.create(nik=nik, name=name or f"Calon {n}", sex=sex, birth_date=birth_date)
        defaults = dict(
            person=person, name=person.name, sex=sex, birth_date=birth_date, kabupaten=kabupaten,
            programme_year=fields.pop("programme_year", programme_year),
            kecamatan=kecamatan, kelurahan=kelurahan, address="Jl. Contoh RT 01", no_kk=nik[:6] + f"010125{n:04d}",
            desil_proposed=2, business_type="Gorengan", business_status="BERJALAN", status=status,
            created_by=created_by,
        )
        defaults.update(fields)
        return Candidate.objects.create(**defaults)

    return make
