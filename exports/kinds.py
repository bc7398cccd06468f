"""What each export writes: the rows the user would see on screen, read again in the worker.

Each kind starts from the same scoped selector as its page. NIK, KK, birth date and phone go
out in full only to a role that sees them in full on screen (``may_see_full_numbers``); others
get them masked as on the pages (the birth year only, numbers as ``6472••••••••0001``).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from regions.models import Kabupaten
from uep.templatetags.uep import mask_nik


@dataclass
class Export:
    headers: list[str]
    queryset: QuerySet  # of value tuples, in file order
    row: callable  # value tuple -> the file's cells
    sheet: str
    text_columns: tuple[int, ...]
    filename: str
    subject: str
    kabupaten: Kabupaten | None = None


def may_see_full_numbers(user) -> bool:
    """As on the pages (``recipients.selectors.upload_may_see_full_nik``): the officers of the area
    (an export is scoped to it) and provincial staff; a viewer sees numbers masked."""
    return user.can_write


def _masker(full: bool):
    return (lambda v: v) if full else mask_nik


def candidates(*, user, params: dict, full: bool) -> Export:
    from programmes.models import ProgrammeYear
    from recipients.forms import CandidateFilterForm
    from recipients.models import CandidateStatus
    from recipients.selectors import candidates_filtered

    # The list's filters, validated again against this user's scope (a session may hold anything).
    form = CandidateFilterForm(params.get("filters") or None, user=user)
    filters = form.cleaned_data if form.is_valid() else {}
    if not filters.get("programme_year") and params.get("year"):
        filters = {**filters, "programme_year": ProgrammeYear.objects.filter(year=params["year"]).first()}
    # The candidacy's own proposal (name, sex, birth date), as the pages show it.
    fields = ("person__nik", "no_kk", "name", "sex", "birth_date", "kabupaten__name",
              "kecamatan__name", "kelurahan__name", "address", "phone", "desil_proposed", "business_type",
              "business_status", "requested_package", "status", "programme_year_id", "desil_dtks")
    queryset = candidates_filtered(user=user, filters=filters).values_list(*fields)
    mask = _masker(full)
    labels = dict(CandidateStatus.choices)

    def row(v) -> list:
        born = v[4] if full else v[4].year  # a date cell, or the year as a number
        return [mask(v[0]), mask(v[1]), v[2], v[3], born, v[5], v[6], v[7], v[8], mask(v[9]) if v[9] else "",
                v[10], v[11], v[12], v[13], str(labels.get(v[14], v[14])), v[15], v[16]]

    return Export(
        headers=["NIK", "NO_KK", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR" if full else "TAHUN_LAHIR",
                 "KABUPATEN_KOTA", "KECAMATAN", "KELURAHAN_DESA", "ALAMAT", "NO_HP", "DESIL", "JENIS_USAHA",
                 "STATUS_USAHA", "PAKET_USULAN", "STATUS", "TAHUN", "DESIL_DTKS"],
        queryset=queryset, row=row, sheet=_("Calon penerima"), text_columns=(0, 1, 9),
        filename="calon-penerima", subject=_("Daftar calon penerima (XLSX)"),
        kabupaten=None if user.sees_all_areas else user.kabupaten)


def verification(*, user, params: dict, full: bool) -> Export:
    from verification import selectors
    from verification.reasons import explain

    job = selectors.jobs_visible_to(user).get(pk=params["job"])
    results = selectors.job_results_visible_to(user, job=job)
    area = None
    if params.get("kabupaten"):
        area = Kabupaten.objects.get(pk=params["kabupaten"])
        results = results.filter(candidate__kabupaten=area)
    queryset = results.order_by("candidate__kabupaten__code", "candidate__name", "id").values_list(
        "candidate__person__nik", "candidate__no_kk", "candidate__name", "candidate__kabupaten__name",
        "candidate__kecamatan__name", "candidate__kelurahan__name", "passed", "reasons", "facts")
    mask = _masker(full)

    def row(v) -> list:
        return [mask(v[0]), mask(v[1]), v[2], v[3], v[4], v[5], _("LOLOS") if v[6] else _("TIDAK LOLOS"),
                ", ".join(v[7]), " ".join(explain(code, v[8]) for code in v[7])]

    return Export(
        headers=["NIK", "NO_KK", "NAMA", "KABUPATEN_KOTA", "KECAMATAN", "KELURAHAN_DESA", "HASIL", "KODE_ALASAN",
                 "ALASAN"],
        queryset=queryset, row=row, sheet=_("Hasil verifikasi"), text_columns=(0, 1),
        filename=f"verifikasi-dtks-{job.pk}", subject=_("Hasil verifikasi DTKS #%(id)s") % {"id": job.pk},
        kabupaten=area or (None if user.sees_all_areas else user.kabupaten))


KINDS = {"candidates": candidates, "verification": verification}


def export_for(job) -> Export:
    return KINDS[job.kind](user=job.user, params=job.params, full=job.full_numbers)


def rows_of(export: Export, *, report, every: int = 5000) -> Iterator[list]:
    """The file's rows, read from the database in chunks (never all in memory), reporting progress."""
    n = 0
    for values in export.queryset.iterator(chunk_size=2000):
        yield export.row(values)
        n += 1
        if n % every == 0:
            report(n)
    report(n)
