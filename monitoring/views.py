from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (may_see_full_numbers, province_reader_required, provincial_required, require_area,
                                  require_provincial, require_writer)
from accounts.scoping import object_for
from disbursements.models import HandoverLine
from exports.models import Job
from exports.tasks import job_send
from monitoring import charts, selectors
from monitoring.services.visits import baseline_record, facilitator_assign, facilitator_create, visit_record
from monitoring.forms import (AssignmentForm, BaselineForm, FacilitatorForm, GraduationRuleForm, PriorFollowUpForm,
                              PriorVisitForm, VisitForm)
from monitoring.jobs import REPORT, report_start
from monitoring.models import Facilitator, Graduation, ItemUse, Outcome, PriorFollowUp, Visit
from monitoring.schedule import OPEN, VisitState, wita_today
from monitoring.services.graduation import graduation_rule_for, graduation_rule_update, graduations_compute
from monitoring.services.prior import prior_follow_up_start, prior_visit_record
from programmes.models import ProgrammeYear
from programmes.years import programme_year_for
from recipients.lifecycle import FOLLOW_UP
from recipients.models import Candidate, CandidateStatus
from regions.selectors import kabupaten_by_code, kabupaten_visible_to
from uep.formatting import angka
from uep.forms import add_service_error
from uep.xlsx import Percent, xlsx_bytes


def _programme_year(request) -> ProgrammeYear | None:
    return programme_year_for(request)


def _years_context(request, programme_year) -> dict:
    return {"programme_year": programme_year}


def _int_param(request, name: str) -> int | None:
    value = request.GET.get(name) or ""
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise Http404
    return int(value)


def _labelled(visits) -> list[Visit]:
    visits = list(visits)
    for visit in visits:
        visit.state_label = VisitState(visit.state).label
    return visits


# --- The pendamping, on a phone -------------------------------------------------------------

@login_required
def visit_list(request):
    """Visits due and overdue (or another state), for one pendamping or the whole area."""
    today = wita_today()
    facilitators = Facilitator.objects.visible_to(request.user).filter(is_active=True).select_related("kabupaten")
    facilitator_id = _int_param(request, "pendamping")
    own = getattr(request.user, "facilitator", None)
    if facilitator_id is None and own is not None and "pendamping" not in request.GET:
        facilitator_id = own.id
    visits = selectors.visits_visible_to(request.user, today=today)
    state = request.GET.get("status") or "buka"
    if state == "buka":
        visits = visits.filter(state__in=[s.value for s in OPEN])
    elif state in VisitState.values:
        visits = visits.filter(state=state)
    else:
        raise Http404
    facilitator = None
    if facilitator_id is not None:
        facilitator = get_object_or_404(facilitators, pk=facilitator_id)
        visits = visits.filter(facilitator=facilitator)
    return render(request, "monitoring/visit_list.html", {
        "visits": _labelled(visits.order_by("due_on", "id")[:200]), "may_write": request.user.can_write, "facilitators": facilitators, "facilitator": facilitator,
        "state": state, "states": VisitState.choices, "today": today,
    })


@login_required
def visit_form(request, visit_id: int):
    visit = object_for(request.user, Visit.objects.select_related("candidate__kabupaten",
                                                                  "round"), pk=visit_id)
    require_area(request.user, visit.candidate.kabupaten_id)
    initial = {"visited_on": visit.visited_on or wita_today(), "outcome": visit.outcome or None,
               "monthly_revenue": visit.monthly_revenue, "assets": visit.assets, "workers": visit.workers,
               "reason": visit.reason, "notes": visit.notes}
    lines = HandoverLine.objects.filter(handover__candidate=visit.candidate).select_related("item")
    for item in visit.items.all():
        initial[f"item_{item.line_id}"], initial[f"item_{item.line_id}_reason"] = item.use, item.reason
    form = VisitForm(request.POST or None, request.FILES or None, initial=initial, lines=lines)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        if form.is_valid():
            try:
                visit_record(visit=visit, user=request.user, **form.visit_data())
            except ValidationError as error:
                add_service_error(form, error)
            else:
                message = _("Kunjungan untuk %(name)s tersimpan.") % {"name": visit.candidate.name}
                if wants_json:
                    return JsonResponse({"ok": True, "message": message})
                messages.success(request, message)
                return redirect("monitoring:visit_list")
        if wants_json:
            return JsonResponse({"ok": False, "errors": [e for errors in form.errors.values() for e in errors]},
                                status=400)
    return render(request, "monitoring/visit_form.html", {"form": form, "visit": visit})


@login_required
def recipient_detail(request, candidate_id: int):
    candidate = object_for(request.user, Candidate.objects.filter(status__in=FOLLOW_UP)
                           .select_related("kabupaten", "handover__package_type"), pk=candidate_id)
    today = wita_today()
    visits = _labelled(selectors.visits_visible_to(request.user, today=today).filter(candidate=candidate)
                       .order_by("due_on", "visited_on", "id"))
    graduation = (Graduation.objects.filter(candidate=candidate)
                  .select_related("first_visit__round", "last_visit__round").first())
    closed_after = graduation and next((v for v in visits if v.outcome == Outcome.CLOSED and v.visited_on
                                        and v.visited_on > graduation.graduated_on), None)
    return render(request, "monitoring/recipient_detail.html", {
        "candidate": candidate, "visits": visits, "baseline": getattr(candidate, "monitoring_baseline", None),
        "graduation": graduation, "closed_after": closed_after,
        "assignment": getattr(candidate, "facilitator_assignment", None),
        "may_write": request.user.can_work_in(candidate.kabupaten_id),
    })


@login_required
def baseline_form(request, candidate_id: int):
    candidate = object_for(request.user, Candidate.objects.filter(status__in=FOLLOW_UP)
                           .select_related("kabupaten"), pk=candidate_id)
    require_area(request.user, candidate.kabupaten_id)
    baseline = getattr(candidate, "monitoring_baseline", None)
    initial = {"recorded_on": wita_today(), "state": candidate.business_status}
    if baseline is not None:
        initial = {f: getattr(baseline, f) for f in ("recorded_on", "state", "monthly_revenue", "assets", "workers")}
    form = BaselineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            baseline_record(candidate=candidate, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Data awal usaha %(name)s tersimpan.") % {"name": candidate.name})
            return redirect("monitoring:recipient_detail", candidate_id=candidate.id)
    return render(request, "monitoring/baseline_form.html", {"form": form, "candidate": candidate})


# --- Pendamping and their families ------------------------------------------------------------

@login_required
def facilitators(request):
    """The pendamping of an area, how many families each has this year, and the assignment form."""
    programme_year = _programme_year(request)
    areas = kabupaten_visible_to(request.user)
    code = request.GET.get("kabupaten")
    kabupaten = kabupaten_by_code(areas, code) if code else (request.user.kabupaten or areas.first())
    may_write = request.user.can_work_in(kabupaten.id)
    people = Facilitator.objects.visible_to(request.user).filter(kabupaten=kabupaten)
    people = people.annotate(families=Count("assignments", filter=Q(
        assignments__candidate__programme_year=programme_year)))
    unassigned = (Candidate.objects.visible_to(request.user)
                  .filter(kabupaten=kabupaten, programme_year=programme_year, status=CandidateStatus.HANDED_OVER,
                          facilitator_assignment__isnull=True)
                  .order_by("name"))
    new_form = FacilitatorForm(prefix="baru")
    assign_form = AssignmentForm(facilitators=people.filter(is_active=True).select_related("kabupaten"),
                                 candidates=unassigned, prefix="tugas")
    if request.method == "POST":
        require_area(request.user, kabupaten.id)  # the area is known only now: no decorator at the door
        if "baru-name" in request.POST:
            new_form = FacilitatorForm(request.POST, prefix="baru")
            if new_form.is_valid():
                facilitator_create(kabupaten=kabupaten, user=request.user, **new_form.cleaned_data)
                messages.success(request, _("Pendamping %(name)s ditambahkan.") % {"name": new_form.cleaned_data["name"]})
                return redirect(request.get_full_path())
        else:
            assign_form = AssignmentForm(request.POST, facilitators=people.filter(is_active=True),
                                         candidates=unassigned, prefix="tugas")
            if assign_form.is_valid():
                try:
                    n = facilitator_assign(facilitator=assign_form.cleaned_data["facilitator"],
                                                    candidates=assign_form.cleaned_data["candidates"],
                                                    user=request.user)
                except ValidationError as error:
                    add_service_error(assign_form, error)
                else:
                    messages.success(request, _("%(n)s penerima diberikan kepada %(name)s.") % {
                        "n": n, "name": assign_form.cleaned_data["facilitator"].name})
                    return redirect(request.get_full_path())
    return render(request, "monitoring/facilitators.html", {
        **_years_context(request, programme_year), "kabupaten": kabupaten,
        "areas": areas if request.user.sees_all_areas else None, "people": people, "unassigned": unassigned,
        "new_form": new_form, "assign_form": assign_form, "may_write": may_write,
    })


# --- What the province sees -------------------------------------------------------------------

@login_required
def survival(request):
    programme_year = _programme_year(request)
    per = request.GET.get("per") or "kabupaten"
    if per not in selectors.GROUPINGS:
        raise Http404
    context = {**_years_context(request, programme_year), "per": per}
    if programme_year is not None:
        total, groups = selectors.survival(request.user, programme_year=programme_year, per=per, today=wita_today())
        context.update(total=total, groups=groups, items=selectors.item_use(request.user, programme_year=programme_year),
                       uses=ItemUse.choices, chart=charts.survival_chart(
            [(_("Semua"), [(r.months, r.survival) for r in total.rounds])]
            + [(g.label, [(r.months, r.survival) for r in g.rounds]) for g in groups],
            title=_("Kurva keberlanjutan usaha (Kaplan-Meier)")))
    return render(request, "monitoring/survival.html", context)


@login_required
def income(request):
    programme_year = _programme_year(request)
    context = _years_context(request, programme_year)
    if programme_year is not None:
        context["rows"] = selectors.income(request.user, programme_year=programme_year)
    return render(request, "monitoring/income.html", context)


@login_required
def poverty(request):
    programme_year = _programme_year(request)
    context = _years_context(request, programme_year)
    if programme_year is not None:
        snapshots = selectors.snapshots_after_handover(programme_year=programme_year)
        chosen = _int_param(request, "snapshot")
        snapshot = get_object_or_404(snapshots, pk=chosen) if chosen else snapshots.first()
        context.update(snapshots=snapshots, snapshot=snapshot)
        if snapshot is not None:
            movement = selectors.desil_movement(request.user, programme_year=programme_year, snapshot=snapshot)
            context.update(movement=movement, groups=[(_("Penerima"), movement.recipients),
                                                      (_("Cadangan (pembanding)"), movement.reserve)])
    return render(request, "monitoring/poverty.html", context)


@login_required
def pipeline(request):
    programme_year = _programme_year(request)
    context = _years_context(request, programme_year)
    if programme_year is not None:
        rows = selectors.pipeline(request.user, programme_year=programme_year)
        totals = {step: sum(r[step] for r in rows) for step in selectors.PIPELINE_STEPS}
        labels = dict(zip(selectors.PIPELINE_STEPS, selectors.PIPELINE_LABELS))
        context.update(rows=rows, totals=totals, labels=labels, chart=charts.bar_chart(
            [(str(labels[step]), [(totals[step], f"bar s{i}")]) for i, step in enumerate(selectors.PIPELINE_STEPS)],
            title=_("Alur penerima"), legend=[]))
        if request.user.sees_all_areas:
            documents, realised = selectors.budget_realisation(request.user, programme_year=programme_year)
            context.update(documents=documents, realised=realised, budget_chart=charts.bar_chart(
                [(d["document"].get_kind_display(), [(d["amount"], "bar budget"), (d["realised"], "bar realised")])
                 for d in documents], title=_("Realisasi anggaran per dokumen"),
                legend=[("bar budget", _("Pagu")), ("bar realised", _("Terealisasi"))]))
    return render(request, "monitoring/pipeline.html", context)


@login_required
def graduation(request):
    """Graduation per kabupaten/kota with its interval, and the year's rule (provincial staff edit it
    and may recompute at once; the nightly job does the same)."""
    programme_year = _programme_year(request)
    context = _years_context(request, programme_year)
    if programme_year is None:
        return render(request, "monitoring/graduation.html", context)
    rule = graduation_rule_for(programme_year)
    total, groups, reasons = selectors.graduation(request.user, programme_year=programme_year)
    if request.GET.get("format") == "xlsx":
        return _graduation_xlsx(programme_year, total, groups)
    context.update(rule=rule, form=GraduationRuleForm(instance=rule), total=total, groups=groups, reasons=reasons,
                   may_edit=request.user.is_provincial)
    return render(request, "monitoring/graduation.html", context)


@login_required
@require_POST
def graduation_rule(request):
    require_provincial(request.user)
    programme_year = _programme_year(request)
    if programme_year is None:
        raise Http404
    form = GraduationRuleForm(request.POST, instance=graduation_rule_for(programme_year))
    if not form.is_valid():
        messages.error(request, _("Aturan kelulusan tidak tersimpan: ") + " ".join(
            str(m) for errors in form.errors.values() for m in errors))
        return redirect("monitoring:graduation")
    graduation_rule_update(programme_year=programme_year, user=request.user, **form.cleaned_data)
    messages.success(request, _("Aturan kelulusan %(year)s tersimpan.") % {"year": programme_year.year})
    return redirect("monitoring:graduation")


@login_required
@require_POST
def graduation_compute(request):
    require_provincial(request.user)
    programme_year = _programme_year(request)
    if programme_year is None:
        raise Http404
    new = graduations_compute(today=wita_today(), programme_year=programme_year)
    messages.success(request, _("Kelulusan dihitung ulang: %(n)s keluarga baru dinyatakan lulus.") % {"n": angka(new)})
    return redirect("monitoring:graduation")


def _graduation_xlsx(programme_year, total, groups) -> HttpResponse:
    headers = [_("Kabupaten/kota"), _("Disalurkan"), _("Lulus"), _("Persentase lulus"), _("Batas bawah 95%"),
               _("Batas atas 95%"), _("Lulus, kemudian tutup"), _("Lulus dan di atas batas desil")]
    rows = []
    for row in [*groups, total]:
        shares = [row.share, *(row.interval or (None, None))]
        rows.append([row.label or _("Semua"), row.handed_over, row.graduated,
                     *(None if v is None else Percent(v) for v in shares), row.closed_after, row.above_desil])
    content = xlsx_bytes(headers=headers, rows=rows, sheet=_("Kelulusan %(year)s") % {"year": programme_year.year})
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="kelulusan-uep-{programme_year.year}.xlsx"'
    return response


@login_required
def cohorts(request):
    """The cohorts of every year side by side, at 6, 12, 24 and 36 months."""
    rows = selectors.cohorts(request.user, today=wita_today())
    # Each cohort's latest snapshot after its first handover, found once for both tables.
    snapshots = {c.programme_year.pk: c.desil.snapshot if c.desil else None for c in rows}
    return render(request, "monitoring/cohorts.html", {
        "cohorts": rows, "months": selectors.COHORT_MONTHS, "prior": selectors.prior_cohorts(request.user),
        "target": selectors.toward_target(request.user, snapshots=snapshots)})


# --- Earlier programmes' recipients, followed ---------------------------------------------------

@login_required
def prior_list(request):
    """The earlier programmes' recipients followed in the user's areas, and the form to follow one more."""
    areas = kabupaten_visible_to(request.user)
    sees_all = request.user.sees_all_areas
    may_write = request.user.can_write and (request.user.is_provincial or request.user.kabupaten_id is not None)
    form = PriorFollowUpForm(request.POST or None, areas=areas if sees_all else None)
    if request.method == "POST":
        require_writer(request.user)  # the service asks for the area
        if form.is_valid():
            data = dict(form.cleaned_data)
            kabupaten = data.pop("kabupaten", None) or request.user.kabupaten
            try:
                follow_up = prior_follow_up_start(user=request.user, kabupaten=kabupaten, **data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("%(name)s kini diikuti.") % {"name": follow_up.name})
                return redirect("monitoring:prior_detail", follow_up_id=follow_up.id)
    followed = Paginator(PriorFollowUp.objects.visible_to(request.user).select_related("kabupaten", "prior_recipient")
                         .annotate(visits_done=Count("visits")).order_by("kabupaten__name", "name", "id"),
                         50).get_page(request.GET.get("page"))
    return render(request, "monitoring/prior_list.html", {"followed": followed, "form": form, "may_write": may_write})


@login_required
def prior_detail(request, follow_up_id: int):
    """One followed earlier recipient: its visits and the form for the next."""
    follow_up = object_for(request.user, PriorFollowUp.objects.select_related("kabupaten", "prior_recipient"),
                           pk=follow_up_id)
    may_write = request.user.can_work_in(follow_up.kabupaten_id)
    visits = list(follow_up.visits.order_by("months"))
    done = {v.months for v in visits}
    next_round = next((m for m in selectors.COHORT_MONTHS if m not in done), None)
    form = PriorVisitForm(request.POST or None, initial={"months": next_round, "visited_on": wita_today()})
    if request.method == "POST":
        require_area(request.user, follow_up.kabupaten_id)
        if form.is_valid():
            try:
                prior_visit_record(follow_up=follow_up, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Kunjungan untuk %(name)s tersimpan.") % {"name": follow_up.name})
                return redirect("monitoring:prior_detail", follow_up_id=follow_up.id)
    return render(request, "monitoring/prior_detail.html", {
        "follow_up": follow_up, "visits": visits, "form": form, "may_write": may_write,
        "full_numbers": may_see_full_numbers(request.user, kabupaten_id=follow_up.kabupaten_id)})


# --- The yearly report ------------------------------------------------------------------------

@province_reader_required
def reports(request):
    programme_year = _programme_year(request)
    return render(request, "monitoring/reports.html", {
        **_years_context(request, programme_year),
        "reports": Paginator(Job.objects.visible_to(request.user).filter(kind=REPORT).select_related("user")
                             .prefetch_related("files"), 20).get_page(request.GET.get("page")),
    })


@provincial_required
@require_POST
def report_request(request):
    programme_year = _programme_year(request)
    if programme_year is None:
        raise Http404
    job = report_start(programme_year=programme_year, user=request.user)
    job_send(job)
    return redirect("exports:detail", job.id)
