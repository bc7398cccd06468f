import pytest

from recipients.generate import candidate_csv, candidate_rows, candidate_xlsx
from regions.models import Province


@pytest.fixture
def media_root(settings):
    """The test's own folder for uploaded files (the root conftest.py's ``media_apart``)."""
    return settings.MEDIA_ROOT


@pytest.fixture
def rows(samarinda):
    """Five valid rows for Samarinda, as the contract's columns."""
    def make(n=5, *, kabupaten=None, seed=1, serial_start=1, **kwargs):
        return candidate_rows(kabupaten=kabupaten or samarinda, rows=n, seed=seed, serial_start=serial_start, **kwargs)
    return make


@pytest.fixture
def xlsx():
    return candidate_xlsx


@pytest.fixture
def csv_bytes():
    return candidate_csv


@pytest.fixture
def packages(programme_year):
    """The year's catalogue: two active packages and one not offered."""
    from disbursements.models import PackageType

    for code, name, active in (("PG-GORENGAN", "Paket usaha gorengan", True), ("PG-JAHIT", "Paket usaha jahit", True),
                               ("PG-LAMA", "Paket lama", False)):
        PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code=code, name=name, sector="food",
                                   is_active=active)
    return ["PG-GORENGAN", "PG-JAHIT"]
