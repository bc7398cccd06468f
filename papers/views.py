"""Who signs the papers of a year: a page per year (every area the user sees), set by provincial staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import provincial_required
from papers import selectors, services
from papers.forms import SignatoryForm
from programmes.models import ProgrammeYear
from regions.selectors import kabupaten_by_code, kabupaten_visible_to

PROVINCE = "provinsi"


@login_required
def signatories(request, year):
    programme_year = get_object_or_404(ProgrammeYear, pk=year)
    return render(request, "papers/signatories.html", {
        "programme_year": programme_year, "province": PROVINCE,
        "rows": selectors.signatories_of_year(request.user, programme_year=programme_year)})


@provincial_required
def signatory_edit(request, year, code):
    programme_year = get_object_or_404(ProgrammeYear, pk=year)
    kabupaten = None if code == PROVINCE else kabupaten_by_code(kabupaten_visible_to(request.user), code)
    current = selectors.signatory_for(programme_year=programme_year, kabupaten=kabupaten,
                                      province=request.user.province)
    initial = {f: getattr(current, f) for f in ("name", "nip", "position", "rank")} if current else {}
    form = SignatoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.signatory_save(programme_year=programme_year, kabupaten=kabupaten, user=request.user,
                                    **form.cleaned_data)
        except ValidationError as exc:
            field = "nip" if exc.code and exc.code.startswith("nip") else None
            form.add_error(field, exc)
        else:
            messages.success(request, _("Penandatangan %(area)s tahun %(year)s disimpan.") % {
                "area": kabupaten.name if kabupaten else _("provinsi"), "year": programme_year.year})
            return redirect("papers:signatories", year=programme_year.year)
    return render(request, "papers/signatory_form.html", {
        "form": form, "programme_year": programme_year, "kabupaten": kabupaten})
