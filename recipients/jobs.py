"""The candidate list as a background file (registered in RecipientsConfig.ready)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import may_see_full_numbers
from exports.registry import Kind, register
from exports.services import job_start
from exports.spreadsheet import Export, masker, spreadsheet_make
from notices.models import Restriction

CANDIDATES = "recipients.candidates"
RESTRICTED = gettext_lazy("(pemrosesan dibatasi)")


def candidates_export_start(*, user, filters: dict, year: int | None):
    area = None if user.sees_all_areas else user.kabupaten
    return job_start(user=user, kind=CANDIDATES, params={"filters": filters, "year": year}, kabupaten=area,
                     full_numbers=may_see_full_numbers(user, kabupaten_id=area.id if area else None),
                     subject=_("Daftar calon penerima (XLSX)"))


def _candidates(*, user, params: dict, full: bool) -> Export:
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
    # A person who had the processing of their data restricted (privacy, UU 27/2022) leaves every export
    # with numbers masked, no phone or address and the birth year only, whoever asks.
    restricted = Exists(Restriction.objects.filter(person_id=OuterRef("person_id")))
    queryset = candidates_filtered(user=user, filters=filters).annotate(restricted=restricted).values_list(
        *fields, "restricted")
    labels = dict(CandidateStatus.choices)

    def row(v) -> list:
        open_ = full and not v[17]
        mask = masker(open_)
        born = v[4] if open_ else v[4].year  # a date cell, or the year as a number
        address, phone = (v[8], mask(v[9]) if v[9] else "") if not v[17] else (str(RESTRICTED), "")
        return [mask(v[0]), mask(v[1]), v[2], v[3], born, v[5], v[6], v[7], address, phone,
                v[10], v[11], v[12], v[13], str(labels.get(v[14], v[14])), v[15], v[16]]

    return Export(
        headers=["NIK", "NO_KK", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR" if full else "TAHUN_LAHIR",
                 "KABUPATEN_KOTA", "KECAMATAN", "KELURAHAN_DESA", "ALAMAT", "NO_HP", "DESIL", "JENIS_USAHA",
                 "STATUS_USAHA", "PAKET_USULAN", "STATUS", "TAHUN", "DESIL_DTKS"],
        queryset=queryset, row=row, sheet=_("Calon penerima"), text_columns=(0, 1, 9), filename="calon-penerima")


def candidates_make(*, job, folder, progress):
    export = _candidates(user=job.user, params=job.params, full=job.full_numbers)
    return spreadsheet_make(export, folder=folder, progress=progress)


def register_kinds() -> None:
    register(Kind(name=CANDIDATES, label=gettext_lazy("Daftar calon penerima"), make=candidates_make,
                  back=lambda job: ("recipients:candidate_list", {}, _("Calon penerima"))))
