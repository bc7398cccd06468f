import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regions.selectors import kabupaten_visible_to


@login_required
def home(request):
    return render(request, "home.html", {"areas": kabupaten_visible_to(request.user)})


@never_cache
@require_GET
def health(request):
    """Liveness of the parts: the database, Redis (the broker) and at least one Celery worker."""
    from uep.celery import app

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - a health check reports, it does not raise
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2).ping()
        checks["redis"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["redis"] = f"error: {exc.__class__.__name__}"
    try:
        replies = app.control.ping(timeout=1.0) if checks["redis"] == "ok" else []
        checks["celery"] = "ok" if replies else "error: no worker answered"
    except Exception as exc:  # noqa: BLE001
        checks["celery"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
