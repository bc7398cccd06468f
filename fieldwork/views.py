"""The phone's field work: the offline shell, its worklist and send endpoints (JSON), the conflicts page."""

import hashlib
import json
import uuid
from functools import lru_cache, wraps

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.templatetags.static import static
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import writer_required
from accounts.scoping import object_for
from audit.services.access import data_access_record
from fieldwork import selectors, services
from fieldwork.models import Submission, SubmissionPhoto
from monitoring.forms import VisitForm
from monitoring.models import ItemUse
from monitoring.schedule import wita_today
from verification.forms import FieldVisitForm

# What the service worker keeps for the shell to open without signal (the page itself is added by name).
SHELL_STATIC = ("css/app.css", "css/fieldwork.css", "js/app.js", "js/field/store.js", "js/field/app.js",
                "js/field/shrink.js", "js/field/register.js", "manifest.webmanifest", "img/icon-192.png",
                "img/icon-512.png")


def _api(view):
    """JSON in, JSON out: a signed-out phone gets 401 (not the login page), a reader 403, in Indonesian."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"status": "masuk", "errors": [_("Sesi berakhir. Masuk lagi untuk mengirim.")]},
                                status=401)
        if not request.user.can_write:
            return JsonResponse({"status": "ditolak", "errors": [_("Peran Anda hanya dapat membaca.")]}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


@writer_required
@require_GET
def shell(request):
    """The one page that opens without signal: the worklist, the forms and the queue live in the browser."""
    return render(request, "fieldwork/shell.html", {
        "visit_form": VisitForm(auto_id="m_%s"), "field_form": FieldVisitForm(auto_id="v_%s"),
        "item_uses": ItemUse.choices})


@require_GET
def whoami(request):
    """Who is signed in on this browser (the device's store is per user) and a fresh CSRF token."""
    if not request.user.is_authenticated:
        return JsonResponse({"user": None}, status=401)
    user = request.user
    return JsonResponse({"user": {"id": user.id, "name": user.get_full_name() or user.username},
                         "can_write": user.can_write, "csrf": get_token(request)})


@_api
@require_GET
def worklist(request):
    user = request.user
    data = selectors.worklist_for(user, today=wita_today())
    count = len(data["monitoring"]) + len(data["verification"])
    data_access_record(user=user, action="export", subject=_("Daftar kerja lapangan (ke perangkat)"),
                       kabupaten=user.kabupaten, row_count=count, detail={"masked": True})
    return JsonResponse({**data, "user": user.id, "downloaded_at": timezone.now().isoformat()})


@_api
@require_POST
def send(request):
    """One visit from the device's queue. Answers ``diterima``, ``sudah_diterima`` or ``konflik`` (the
    device deletes its copy on any of them), ``ditolak`` with the reasons (400), or 404 outside the area."""
    post = request.POST
    try:
        client_id = uuid.UUID(post.get("client_id", ""))
        target_id = int(post.get("target", ""))
    except (ValueError, TypeError):
        return JsonResponse({"status": "ditolak", "errors": [_("Kiriman tidak lengkap: kode kunjungan atau "
                                                                "sasaran tidak terbaca.")]}, status=400)
    if not 0 < target_id < 2**31:
        return JsonResponse({"status": "ditolak", "errors": [_("Sasaran kunjungan tidak terbaca.")]}, status=400)
    recorded = parse_datetime(post.get("recorded_on_device", "")[:40]) if post.get("recorded_on_device") else None
    try:
        receipt = services.submission_receive(
            user=request.user, client_id=client_id, kind=post.get("kind", ""), target_id=target_id,
            base=post.get("base", "")[:40], data=post, files=request.FILES, recorded_on_device=recorded)
    except ObjectDoesNotExist:
        return JsonResponse({"status": "ditolak", "errors": [_("Kunjungan ini tidak ada di wilayah Anda atau sudah "
                                                                "tidak menunggu kunjungan.")]}, status=404)
    except PermissionDenied as denied:
        return JsonResponse({"status": "ditolak", "errors": [str(denied)]}, status=403)
    except ValidationError as refused:
        return JsonResponse({"status": "ditolak", "errors": refused.messages}, status=400)
    return JsonResponse({"status": receipt.status, "message": receipt.message})


@writer_required
@require_GET
def conflicts(request):
    conflicts = list(selectors.conflicts_visible_to(request.user)[:100])
    for conflict in conflicts:
        conflict.answers = selectors.device_answers(conflict)
    return render(request, "fieldwork/conflicts.html", {"conflicts": conflicts})


@writer_required
@require_POST
def conflict_settle(request, pk: int):
    submission = object_for(request.user, Submission.objects.all(), write=True, pk=pk)
    try:
        services.conflict_settle(submission=submission, user=request.user, choice=request.POST.get("pilihan", ""))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Konflik kunjungan %(name)s diselesaikan.") % {"name": submission.candidate.name})
    return redirect("fieldwork:conflicts")


@writer_required
@require_GET
def conflict_photo(request, pk: int):
    photo = object_for(request.user, SubmissionPhoto.objects.all(), write=True, pk=pk)
    return FileResponse(photo.image.open("rb"))


@lru_cache(maxsize=1)
def _shell_version() -> str:
    """Changes whenever a file of the shell changes, so phones replace their copy."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@require_GET
def service_worker(request):
    """Served from the site's root, so that it may answer for every page (a worker's scope is its folder)."""
    body = render_to_string("fieldwork/sw.js", {
        "version": _shell_version(), "shell_url": reverse("fieldwork:shell"),
        "static_urls_json": json.dumps([static(name) for name in SHELL_STATIC]),
        "store_url": static("js/field/store.js")})
    return HttpResponse(body, content_type="application/javascript; charset=utf-8")
