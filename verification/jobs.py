"""A verification batch's results as a background file (registered in VerificationConfig.ready)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import may_see_full_numbers
from exports.registry import Kind, register
from exports.services import job_start
from exports.spreadsheet import Export, masker, spreadsheet_make
from regions.models import Kabupaten

RESULTS = "verification.results"


def results_export_start(*, user, job, kabupaten: Kabupaten | None):
    """The results of the user's area, or of one kabupaten/kota (province: None for all)."""
    area = kabupaten or (None if user.sees_all_areas else user.kabupaten)
    return job_start(user=user, kind=RESULTS, params={"job": job.pk, "kabupaten": kabupaten.pk if kabupaten else None},
                     kabupaten=area, full_numbers=may_see_full_numbers(user, kabupaten_id=area.id if area else None),
                     subject=_("Hasil verifikasi DTKS #%(id)s") % {"id": job.pk})


def _results(*, user, params: dict, full: bool) -> Export:
    from verification import selectors
    from verification.reasons import explain

    job = selectors.jobs_visible_to(user).get(pk=params["job"])
    results = selectors.job_results_visible_to(user, job=job)
    if params.get("kabupaten"):
        results = results.filter(candidate__kabupaten=params["kabupaten"])
    queryset = results.order_by("candidate__kabupaten__code", "candidate__name", "id").values_list(
        "candidate__person__nik", "candidate__no_kk", "candidate__name", "candidate__kabupaten__name",
        "candidate__kecamatan__name", "candidate__kelurahan__name", "passed", "reasons", "facts")
    mask = masker(full)

    def row(v) -> list:
        return [mask(v[0]), mask(v[1]), v[2], v[3], v[4], v[5], _("LOLOS") if v[6] else _("TIDAK LOLOS"),
                ", ".join(v[7]), " ".join(explain(code, v[8]) for code in v[7])]

    return Export(
        headers=["NIK", "NO_KK", "NAMA", "KABUPATEN_KOTA", "KECAMATAN", "KELURAHAN_DESA", "HASIL", "KODE_ALASAN",
                 "ALASAN"],
        queryset=queryset, row=row, sheet=_("Hasil verifikasi"), text_columns=(0, 1),
        filename=f"verifikasi-dtks-{job.pk}")


def results_make(*, job, folder, progress):
    export = _results(user=job.user, params=job.params, full=job.full_numbers)
    return spreadsheet_make(export, folder=folder, progress=progress)


def register_kinds() -> None:
    register(Kind(name=RESULTS, label=gettext_lazy("Hasil verifikasi DTKS"), make=results_make,
                  back=lambda job: ("verification:job_detail", {"pk": job.params["job"]},
                                    _("Verifikasi #%(id)s") % {"id": job.params["job"]})))
