import pytest


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_health_is_ok_with_the_database_redis_and_a_worker(client, celery_worker, settings):
    settings.HEALTH_WORKER_TIMEOUT = 2.0  # the production default is 1 s; room for a loaded machine
    response = client.get("/health/")
    assert response.status_code == 200, response.json()
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok", "celery": "ok"}}


def test_health_reports_a_broken_broker(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/health/")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["redis"].startswith("error")
    assert checks["celery"] == "error: no worker answered"
