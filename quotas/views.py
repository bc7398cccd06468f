"""Pages of programme years, the quota ledger, the decision and the province overview.

Views only read through selectors and write through services. Writes are provincial-only
(PermissionDenied before any lookup); reads start from the user's scoped querysets, so an
officer of another area gets 404.
"""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (may_change_national_rules, may_see_full_numbers, national_rules_required,
                                  provincial_required, require_full_numbers)
from accounts.scoping import object_for
from approvals.selectors import proposed_message
from audit.services.access import data_access_record
from programmes.models import ProgrammeYear
from programmes.years import programme_year_for
from quotas import exports, selectors
from quotas.forms import (DECISION_LISTS, BudgetDocumentForm, BulkDecideForm, DecideSelectedForm, DecisionFilterForm,
                          DecreeForm, ProgrammeYearForm, QuotaEntryForm, SpreadForm, WithdrawForm)
from quotas.models import BudgetDocument, Decree, QuotaEntry
# The view functions ``ledger`` and ``decision`` carry the services' names.
from quotas.services import decision as decision_service, decree as decree_service, ledger as ledger_service
from recipients.lifecycle import WITHDRAWABLE_DECIDED
from recipients.models import Candidate, CandidateStatus as S
from regions.selectors import kabupaten_visible_to
from uep.forms import add_service_error


def _year(year: int) -> ProgrammeYear:
    return get_object_or_404(ProgrammeYear, pk=year)


_AREA_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}", re.ASCII)  # Kemendagri "64.72"


def _area(user, code: str):
    if not _AREA_CODE.fullmatch(code):  # a NUL or a 300-digit code never reaches the database
        raise Http404
    return get_object_or_404(kabupaten_visible_to(user), code=code)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _proposed(request, approval) -> None:
    messages.success(request, proposed_message(approval))


# --- The province page -----------------------------------------------------------------------

@login_required
def overview(request):
    programme_year = programme_year_for(request)  # the header's year (or ?tahun=), remembered for the user
    context = {"programme_year": programme_year}
    if programme_year is not None:
        data = selectors.province_overview(programme_year=programme_year, user=request.user)
        context.update(overview=data, chart=_chart(data),
                       budget=ledger_service.budget_check(programme_year=programme_year, province=request.user.province)
                       if request.user.sees_all_areas else None)
    return render(request, "quotas/overview.html", context)


def _chart(data) -> list[dict]:
    """Bars as percentages of the widest row: quota (track), decided (fill), reserve (after it)."""
    top = data.chart_max
    return [{"row": r, "quota": 100 * r.quota / top, "decided": 100 * min(r.decided, max(r.quota, r.decided)) / top,
             "reserve": 100 * r.reserve / top} for r in data.rows]


# --- Programme years and budget documents ------------------------------------------------------

@login_required
def years(request):
    # The money of the user's province (of every province: the superuser without one).
    mine = Q() if request.user.sees_all_provinces else Q(budget_documents__province_id=request.user.province_id)
    rows = ProgrammeYear.objects.annotate(budget=Sum("budget_documents__amount", filter=mine))
    return render(request, "quotas/years.html", {"years": rows, "may_change_rules": may_change_national_rules(request.user)})


@national_rules_required
def year_create(request):
    form = ProgrammeYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            py = ledger_service.programme_year_create(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Tahun program %(year)s dibuat.") % {"year": py.year})
            return redirect("quotas:year_detail", year=py.year)
    return render(request, "quotas/year_form.html", {"form": form})


@login_required
def year_detail(request, year):
    programme_year = _year(year)
    documents = (BudgetDocument.objects.visible_to(request.user).filter(programme_year=programme_year)
                 .annotate(places=Sum("quota_entries__places")))
    return render(request, "quotas/year_detail.html", {
        "programme_year": programme_year, "documents": documents,
        "budget": ledger_service.budget_check(programme_year=programme_year, province=request.user.province),
        "document_form": BudgetDocumentForm() if request.user.is_provincial else None,
        "may_change_rules": may_change_national_rules(request.user),
    })


@national_rules_required
def year_edit(request, year):
    programme_year = _year(year)
    form = ProgrammeYearForm(request.POST or None, instance=programme_year, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            ledger_service.programme_year_update(programme_year=programme_year, user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Aturan tahun %(year)s disimpan.") % {"year": programme_year.year})
            return redirect("quotas:year_detail", year=programme_year.year)
    programme_year.refresh_from_db()
    return render(request, "quotas/year_form.html", {"form": form, "programme_year": programme_year})


def _document_form_view(request, programme_year, document=None):
    form = BudgetDocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            ledger_service.budget_document_save(programme_year=programme_year, document=document, user=request.user,
                                          **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Dokumen anggaran disimpan."))
            return redirect("quotas:year_detail", year=programme_year.year)
    return render(request, "quotas/document_form.html",
                  {"form": form, "programme_year": programme_year, "document": document})


@provincial_required
def document_create(request, year):
    return _document_form_view(request, _year(year))


@provincial_required
def document_edit(request, pk):
    document = object_for(request.user, BudgetDocument.objects.select_related("programme_year"), pk=pk)
    return _document_form_view(request, document.programme_year, document)


# --- The quota ledger -------------------------------------------------------------------------

@login_required
def ledger(request, year):
    programme_year = _year(year)
    areas = list(kabupaten_visible_to(request.user))
    quotas = selectors.quotas_by_kabupaten(programme_year=programme_year)
    decided = selectors.occupied_by_kabupaten(programme_year=programme_year)
    sums = [{"kabupaten": k, "quota": quotas.get(k.pk, 0), "decided": decided.get(k.pk, 0),
             "free": quotas.get(k.pk, 0) - decided.get(k.pk, 0)} for k in areas]
    entries = Paginator(QuotaEntry.objects.visible_to(request.user).filter(programme_year=programme_year)
                        .select_related("kabupaten", "document", "created_by").order_by("-created_at", "-id"),
                        50).get_page(request.GET.get("page"))
    provincial = request.user.is_provincial
    return render(request, "quotas/ledger.html", {
        "programme_year": programme_year, "sums": sums, "entries": entries,
        "total": sum(s["quota"] for s in sums),
        "budget": ledger_service.budget_check(programme_year=programme_year, province=request.user.province)
        if request.user.sees_all_areas else None,
        "entry_form": QuotaEntryForm(programme_year=programme_year, user=request.user) if provincial else None,
        "spread_form": SpreadForm(programme_year=programme_year, user=request.user) if provincial else None,
    })


@provincial_required
def entry_add(request, year):
    programme_year = _year(year)
    form = QuotaEntryForm(request.POST or None, programme_year=programme_year, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            approval = ledger_service.quota_entry_propose(programme_year=programme_year, user=request.user,
                                                          **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            _proposed(request, approval)
            return redirect("quotas:ledger", year=programme_year.year)
    return render(request, "quotas/entry_form.html", {"form": form, "programme_year": programme_year})


@provincial_required
def spread(request, year):
    """First a preview table (nothing written), then the same spread saved with the 'save' button."""
    programme_year = _year(year)
    form = SpreadForm(request.POST or request.GET or None, programme_year=programme_year, user=request.user)
    preview = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            if request.method == "POST" and request.POST.get("action") == "save":
                _proposed(request, ledger_service.spread_propose(programme_year=programme_year, user=request.user,
                                                                 **data))
                return redirect("quotas:ledger", year=programme_year.year)
            preview = ledger_service.spread_preview(programme_year=programme_year, total=data["total"],
                                                    rule=data["rule"], user=request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
    return render(request, "quotas/spread.html", {"form": form, "programme_year": programme_year,
                                                  "preview": preview})


# --- The decision -----------------------------------------------------------------------------

@login_required
def decision(request, year, code):
    """One area's decision: counters, then one paged list at a time (candidates, decided, reserve)."""
    programme_year = _year(year)
    area = _area(request.user, code)
    visible = Candidate.objects.visible_to(request.user)
    counts = selectors.decision_counts(programme_year=programme_year, kabupaten=area, queryset=visible)
    filter_form = DecisionFilterForm(request.GET, kabupaten=area)
    filters = filter_form.filters()
    page = selectors.decision_page(programme_year=programme_year, kabupaten=area, queryset=visible,
                                   cursor=request.GET.get("halaman"), **filters)
    if page.notice:
        messages.warning(request, page.notice)
    rows = list(page.object_list)
    filtered = bool(filters["search"] or filters["kecamatan"] or filters["desil"])
    if filters["which"] == "calon":
        # Unfiltered, the list is the ranking itself; filtered, each row keeps its place in the whole of it.
        ranks = (selectors.ranks_of(programme_year=programme_year, kabupaten=area, ids=[c.pk for c in rows])
                 if filtered else {c.pk: page.start_index() + i for i, c in enumerate(rows)})
        for c in rows:
            c.rank = ranks.get(c.pk)
    return render(request, "quotas/decision.html", {
        "programme_year": programme_year, "area": area, "counts": counts, "page": page, "rows": rows,
        "which": filters["which"], "filtered": filtered,
        "filter_form": filter_form, "lists": DECISION_LISTS, "ranking_text": selectors.RANKING_TEXT,
        "can_decide": request.user.is_provincial,
        "can_export": may_see_full_numbers(request.user, kabupaten_id=area.pk),
        "bulk_form": BulkDecideForm(initial={"count": counts.suggested}) if request.user.is_provincial else None,
        "withdrawable": WITHDRAWABLE_DECIDED, "reserve_status": S.RESERVE,
        "decree": Decree.objects.filter(programme_year=programme_year, province_id=area.province_id).first(),
        "decree_form": _decree_form(programme_year, area, typed=request.GET) if request.user.is_provincial else None,
    })


def _decree_form(programme_year, area, data=None, typed=None) -> DecreeForm:
    """Bound to a POST; else filled with what was typed before a refusal (``sk_nomor``, ``sk_tanggal`` in the
    URL), else with the year's SK of the area's province."""
    decree = Decree.objects.filter(programme_year=programme_year, province_id=area.province_id).first()
    initial = {"number": decree.number, "date": decree.date} if decree else {}
    if typed and "sk_nomor" in typed:
        initial = {"number": typed.get("sk_nomor", "")[:100], "date": typed.get("sk_tanggal", "")[:10]}
    return DecreeForm(data, initial=initial)


@provincial_required
@require_POST
def decree_save(request, year, code):
    """The year's SK number and date, entered from an area's decision page (one SK for the province)."""
    programme_year, area = _year(year), _area(request.user, code)
    form = _decree_form(programme_year, area, request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([f"{form.fields[name].label}: {error}" for name, errors in form.errors.items()
                                   for error in errors])
        decree = decree_service.decree_save(programme_year=programme_year, province=area.province, user=request.user,
                                            **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
        typed = urlencode({"sk_nomor": request.POST.get("number", "")[:100],
                           "sk_tanggal": request.POST.get("date", "")[:10]})
        return redirect(f"{_back_to_decision(programme_year, area).url}?{typed}#sk")
    messages.success(request, _("SK penetapan tahun %(year)s nomor %(number)s disimpan.") % {
        "year": programme_year.year, "number": decree.number})
    return _back_to_decision(programme_year, area)


@provincial_required
def decide_confirm(request, year, code):
    """The step before "tetapkan teratas": how many, from rank 1 to which candidate, the money bound."""
    programme_year, area = _year(year), _area(request.user, code)
    form = BulkDecideForm(request.GET or None)
    preview = None
    if form.is_valid():
        preview = decision_service.candidates_decide_bulk_preview(
            programme_year=programme_year, kabupaten=area, count=form.cleaned_data["count"],
            queryset=Candidate.objects.visible_to(request.user))
    return render(request, "quotas/decide_confirm.html", {
        "programme_year": programme_year, "area": area, "form": form, "preview": preview})


def _back_to_decision(programme_year, area):
    return redirect(reverse("quotas:decision", kwargs={"year": programme_year.year, "code": area.code}))


@require_POST
@provincial_required
def decide(request, year, code):
    """Decide the ticked candidates, or the N best-ranked with ``top``."""
    programme_year, area = _year(year), _area(request.user, code)
    try:
        if "top" in request.POST:
            form = BulkDecideForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Jumlah teratas: %(error)s") % {"error": next(iter(form.errors.values()))[0]})
            if form.cleaned_data["last"] is None:  # not confirmed yet: show what it would do first
                return redirect(reverse("quotas:decide_confirm", kwargs={"year": programme_year.year,
                                                                         "code": area.code})
                                + "?" + urlencode({"count": form.cleaned_data["count"]}))
            approval = decision_service.candidates_decide_bulk_propose(
                programme_year=programme_year, kabupaten=area, count=form.cleaned_data["count"], user=request.user,
                last_id=form.cleaned_data["last"])
        else:
            form = DecideSelectedForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["candidate"][0])
            approval = decision_service.candidates_decide_selected_propose(
                programme_year=programme_year, kabupaten=area, candidate_ids=form.cleaned_data["candidate"],
                user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        _proposed(request, approval)
    return _back_to_decision(programme_year, area)


@require_POST
@provincial_required
def reserve_rebuild(request, year, code):
    programme_year, area = _year(year), _area(request.user, code)
    n = decision_service.reserve_list_rebuild(programme_year=programme_year, kabupaten=area, user=request.user)
    messages.success(request, _("Daftar cadangan disusun: %(n)s orang.") % {"n": n})
    return _back_to_decision(programme_year, area)


@provincial_required
def withdraw(request, pk):
    """A page to withdraw one decided person: the reason chosen (none preselected), then the place refilled."""
    candidate = object_for(request.user, Candidate.objects.select_related(
        "person", "kabupaten", "programme_year", "kecamatan", "kelurahan"), write=True, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        back = (reverse("quotas:decision", kwargs={"year": candidate.programme_year_id,
                                                   "code": candidate.kabupaten.code}) + "?daftar=ditetapkan")
        try:
            approval = decision_service.candidate_withdraw_propose(candidate=candidate, user=request.user,
                                                                   reason=form.reason())
        except ValidationError as exc:  # the case moved meanwhile (withdrawn, handed over): say so on the list
            _errors(request, exc)
            return redirect(back)
        _proposed(request, approval)
        return redirect(back)
    return render(request, "quotas/withdraw.html", {
        "candidate": candidate, "form": form, "withdrawable": candidate.status in WITHDRAWABLE_DECIDED})


# --- The decree annex -------------------------------------------------------------------------

def _annex(request, year, code):
    programme_year, area = _year(year), _area(request.user, code)
    require_full_numbers(request.user, area.pk)  # the annex lists full NIKs
    candidates = list(selectors.decided_list(programme_year=programme_year, kabupaten=area,
                                             queryset=Candidate.objects.visible_to(request.user)))
    return programme_year, area, candidates


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def annex_xlsx(request, year, code):
    programme_year, area, candidates = _annex(request, year, code)
    data_access_record(user=request.user, action="export", kabupaten=area, row_count=len(candidates),
                       subject=f"Lampiran SK penetapan UEP {programme_year.year} {area.name} (XLSX)")
    return _download(exports.annex_xlsx(programme_year=programme_year, kabupaten=area, candidates=candidates),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"lampiran-sk-uep-{programme_year.year}-{area.digits}.xlsx")


@login_required
def annex_pdf(request, year, code):
    programme_year, area, candidates = _annex(request, year, code)
    data_access_record(user=request.user, action="export", kabupaten=area, row_count=len(candidates),
                       subject=f"Lampiran SK penetapan UEP {programme_year.year} {area.name} (PDF)")
    return _download(exports.annex_pdf(programme_year=programme_year, kabupaten=area, candidates=candidates,
                                       decree=Decree.objects.filter(programme_year=programme_year,
                                                                    province_id=area.province_id).first(),
                                       approvals=selectors.decision_approvals(programme_year=programme_year,
                                                                              kabupaten=area)),
                     "application/pdf", f"lampiran-sk-uep-{programme_year.year}-{area.digits}.pdf")
