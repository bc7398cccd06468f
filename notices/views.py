"""The staff page of the outbox, and the provider's webhook for replies (STOP/BERHENTI)."""

import hmac
import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from notices import selectors
from notices.models import Kind
from notices.services import outbox


@login_required
@require_GET
def summary(request):
    kind = request.GET.get("jenis")
    rows = selectors.notices_summary(user=request.user, kind=kind)
    kinds = Kind.choices if request.user.sees_all_areas else [(k, Kind(k).label) for k in selectors.AREA_KINDS]
    return render(request, "notices/summary.html", {
        "rows": rows, "totals": selectors.totals(rows), "kinds": kinds, "kind": kind if kind in Kind.values else ""})


@login_required
@require_GET
def failed(request):
    page = Paginator(selectors.failed_notices(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notices/failed.html", {"page": page})


def _secret_ok(request) -> bool:
    expected = settings.NOTICE_INBOUND_SECRET
    given = request.headers.get("X-Notice-Secret", "")
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


@csrf_exempt  # called by the provider, not a browser; guarded by the shared secret instead
@require_POST
def inbound(request):
    """A reply from a family's phone, as the provider forwards it: JSON or a form, ``from`` and ``text``."""
    if not _secret_ok(request):
        return JsonResponse({"error": "rahasia bersama salah atau tidak ada"}, status=403)
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"error": "JSON tidak terbaca"}, status=400)
        if not isinstance(body, dict):
            return JsonResponse({"error": "JSON harus berupa objek"}, status=400)
    else:
        body = request.POST
    phone, text = str(body.get("from", ""))[:40], str(body.get("text", ""))[:500]
    stopped = outbox.opt_out_record(phone=phone, word=text)
    return JsonResponse({"opted_out": stopped})


