"""The year's decree (SK penetapan): its number and date, entered by provincial staff when the decision is
final, signed by the province's signatory of the year (papers), whose name, NIP and position are kept."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_province, require_provincial
from papers.selectors import signatory_for
from programmes.models import ProgrammeYear
from quotas.models import Decree
from uep.dates import not_in_future

# Numbers as regional offices write them: "400.9/1234/DINSOS-KT/2025", "188.4/K.123/2025".
DECREE_NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z./\-() ]{2,99}", re.ASCII)


def decree_save(*, programme_year: ProgrammeYear, province, number: str, date: dt.date, user) -> Decree:
    """The SK of one province and year, signed by its Kepala Dinas Sosial of the year."""
    require_provincial(user)
    require_province(user, province.pk)
    number = " ".join((number or "").split())
    if not DECREE_NUMBER.fullmatch(number) or not re.search(r"[0-9]", number):
        raise ValidationError(_("Nomor SK hanya memuat huruf, angka, titik, garis miring, tanda hubung dan kurung, "
                                "minimal 3 karakter dengan sedikitnya satu angka, mis. 400.9/1234/DINSOS/%(year)s.")
                              % {"year": programme_year.year}, code="decree_number")
    if date.year != programme_year.year:
        raise ValidationError(_("Tanggal SK harus di tahun %(year)s.") % {"year": programme_year.year},
                              code="decree_date")
    not_in_future(date, label=_("Tanggal SK"), code="decree_date")
    signer = signatory_for(programme_year=programme_year, kabupaten=None, province=province)
    if signer is None:
        raise ValidationError(_("Isi dulu penanda tangan SK (Kepala Dinas Sosial Provinsi) tahun %(year)s di "
                                "halaman Penandatangan naskah.") % {"year": programme_year.year},
                              code="decree_signer")
    with transaction.atomic():
        decree, _created = Decree.objects.select_for_update().update_or_create(
            programme_year=programme_year, province=province,
            defaults={"number": number, "date": date, "signer_name": signer.name, "signer_nip": signer.nip,
                      "signer_position": signer.position, "signer_rank": signer.rank, "recorded_by": user})
    return decree
