"""A real Celery worker, on the real Redis, runs a task against the real PostgreSQL."""

import pytest

from regions.models import Kelurahan


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_reloads_the_regions_in_postgresql(celery_worker):
    from regions.tasks import regions_refresh

    Kelurahan.objects.filter(code="64.72.01.1001").update(name="Nama Rusak")

    result = regions_refresh.delay().get(timeout=60)

    assert result == {"provinsi": 1, "kabupaten_kota": 10, "kecamatan": 105, "kelurahan_desa": 1035}
    assert Kelurahan.objects.get(code="64.72.01.1001").name != "Nama Rusak"
