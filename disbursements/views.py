from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import require_area, require_writer
from disbursements import selectors
from disbursements.forms import HandoverForm, TrainingForm, TrainingInviteForm
from disbursements.models import PackageType, TrainingSession
from disbursements.services import handover, training
from programmes.years import programme_year_for
from recipients.lifecycle import TRAINABLE, WITHDRAWABLE_DECIDED
from recipients.models import Candidate, CandidateStatus
from regions.selectors import kabupaten_by_code, kabupaten_visible_to
from uep.formatting import angka
from uep.forms import add_service_error

PAGE_SIZE = 50


def _writable_candidate(request, candidate_id: int) -> Candidate:
    """A candidate of the user's area (404 otherwise), for a role that writes (403 otherwise)."""
    candidate = get_object_or_404(Candidate.objects.visible_to(request.user).select_related("person", "kabupaten"),
                                  pk=candidate_id)
    require_area(request.user, candidate.kabupaten_id)
    return candidate


@login_required
def recipient_list(request):
    programme_year = programme_year_for(request)
    recipients = selectors.recipients_visible_to(request.user, programme_year=programme_year)
    status = request.GET.get("status")
    if status in dict(CandidateStatus.choices):
        recipients = recipients.filter(status=status)
    recipients = selectors.with_package(recipients)
    # "tanpa": the recipients the needs page counts as without a package, to assign one.
    without_package = request.GET.get("paket") == "tanpa"
    if without_package:
        recipients = recipients.filter(package_id__isnull=True, status__in=WITHDRAWABLE_DECIDED)
    # Paged: the whole province's recipients in one page took 405-481 ms and 466 KB.
    page = Paginator(recipients, PAGE_SIZE).get_page(request.GET.get("page"))
    packages = PackageType.objects.in_bulk({c.package_id for c in page if c.package_id})
    for c in page:
        c.package = packages.get(c.package_id)
    return render(request, "disbursements/recipient_list.html", {
        "programme_year": programme_year, "recipients": page, "page": page, "status": status,
        "without_package": without_package, "statuses": [(s, CandidateStatus(s).label) for s in selectors.FOLLOW_UP],
    })


@login_required
def training_create(request):
    require_writer(request.user)
    programme_year = programme_year_for(request)
    areas = kabupaten_visible_to(request.user)
    kabupaten = kabupaten_by_code(areas, request.GET["kabupaten"]) if request.GET.get("kabupaten") \
        else request.user.kabupaten or areas.first()
    require_area(request.user, kabupaten.id)
    candidates = Candidate.objects.visible_to(request.user).filter(
        kabupaten=kabupaten, programme_year=programme_year, status__in=TRAINABLE,
    ).select_related("person").order_by("name")
    # The form lists one page of participants (a whole area in one page was slow); a POST accepts any of them.
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = candidates if request.method == "POST" else candidates.filter(pk__in=[c.pk for c in page])
    form = TrainingForm(request.POST or None, candidates=shown)
    if request.method == "POST" and form.is_valid():
        try:
            session = training.training_record(
                programme_year=programme_year, kabupaten=kabupaten, date=form.cleaned_data["date"],
                venue=form.cleaned_data["venue"], topic=form.cleaned_data["topic"],
                candidates=form.cleaned_data["participants"], user=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Bimtek dicatat untuk %(n)d peserta.") % {"n": session.participants.count()})
            return redirect("disbursements:recipient_list")
    return render(request, "disbursements/training_form.html", {
        "form": form, "kabupaten": kabupaten, "areas": areas if request.user.is_provincial else None,
        "programme_year": programme_year, "page": page,
        "sessions": TrainingSession.objects.filter(kabupaten=kabupaten, programme_year=programme_year)[:10],
    })


@login_required
@require_http_methods(["GET", "POST"])
def training_invite(request):
    """Invite every recipient of the area who waits for a bimtek to a coming one: one action, one notice each."""
    require_writer(request.user)
    programme_year = programme_year_for(request)
    areas = kabupaten_visible_to(request.user)
    kabupaten = kabupaten_by_code(areas, request.GET["kabupaten"]) if request.GET.get("kabupaten") \
        else request.user.kabupaten or areas.first()
    require_area(request.user, kabupaten.id)
    waiting = Candidate.objects.visible_to(request.user).filter(kabupaten=kabupaten, programme_year=programme_year,
                                                                status__in=TRAINABLE)
    form = TrainingInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            n = training.training_invite(programme_year=programme_year, kabupaten=kabupaten, candidates=waiting,
                                         user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Undangan bimtek ditulis untuk %(n)s penerima; SMS dikirim mulai jam kirim "
                                        "berikutnya.") % {"n": angka(n)})
            return redirect(f"{reverse('disbursements:training_invite')}?kabupaten={kabupaten.code}")
    return render(request, "disbursements/training_invite.html", {
        "form": form, "kabupaten": kabupaten, "areas": areas if request.user.is_provincial else None,
        "waiting": waiting.count()})


@login_required
def handover_create(request, candidate_id: int):
    candidate = _writable_candidate(request, candidate_id)
    form = HandoverForm(request.POST or None, request.FILES or None, programme_year_id=candidate.programme_year_id,
                        province_id=candidate.kabupaten.province_id,
                        initial={"package_type": selectors.package_of(candidate=candidate)})  # as the list shows it
    if request.method == "POST" and form.is_valid():
        try:
            handover.handover_record(candidate=candidate, user=request.user, **form.handover_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Serah terima paket untuk %(name)s dicatat.") % {"name": candidate.name})
            return redirect("disbursements:recipient_list")
    return render(request, "disbursements/handover_form.html", {"form": form, "candidate": candidate})
