import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from approvals.selectors import approvals_waiting_for
from grievances.queues import waiting_for as complaints_waiting_for
from privacy.selectors import waiting_for as data_requests_waiting_for
from uep import home as home_data
from programmes.years import YEAR_PARAM, programme_year_for, programme_year_remember, programme_years, year_switched_path


@login_required
def home(request):
    """The Beranda: what waits for an officer, the province at a glance for the others."""
    user = request.user
    programme_year = programme_year_for(request)
    context = {"programme_year": programme_year}
    if programme_year is not None:
        if user.can_write and not user.is_provincial:
            context["waiting"] = home_data.waiting_for(user=user, programme_year=programme_year)
        context["glance"] = home_data.glance_for(user=user, programme_year=programme_year)
    if user.can_write:
        context["approvals_waiting"] = approvals_waiting_for(user)
    # Complaints do not belong to a programme year: shown whatever year is chosen.
    context["complaints_waiting"] = complaints_waiting_for(user=user, now=timezone.now())
    context["data_requests_waiting"] = data_requests_waiting_for(user=user, now=timezone.now())
    return render(request, "home.html", context)


@login_required
@require_POST
def year_choose(request):
    """The header's year selector: remember the year, back to the same page (of that year)."""
    chosen = next((y for y in programme_years(request) if str(y.year) == request.POST.get(YEAR_PARAM, "")), None)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not back.startswith("/"):
        back = "/"
    if chosen is not None:
        programme_year_remember(user=request.user, year=chosen.year)
        back = year_switched_path(back, chosen.year)
    return HttpResponseRedirect(back)


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
        replies = app.control.ping(timeout=settings.HEALTH_WORKER_TIMEOUT) if checks["redis"] == "ok" else []
        checks["celery"] = "ok" if replies else "error: no worker answered"
    except Exception as exc:  # noqa: BLE001
        checks["celery"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
