"""Setting who signs: provincial staff only, the NIP checked (18 digits: birth date, TMT, sex, serial)."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_provincial
from papers.models import Signatory


def nip_clean(value: str) -> str:
    """A NIP as typed ("19700101 199003 1 001") to its 18 digits; refused with the reason otherwise.

    The digits are the birth date (YYYYMMDD), the month of appointment (YYYYMM), the sex (1 man,
    2 woman) and a serial: a number whose dates cannot be is a typing error.
    """
    nip = re.sub(r"[\s.]", "", value or "")
    if not re.fullmatch(r"\d{18}", nip):
        raise ValidationError(_("NIP harus 18 angka (sekarang %(n)s).") % {"n": len(nip)}, code="nip_length")
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        appointed = dt.date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise ValidationError(_("NIP %(nip)s memuat tanggal lahir atau TMT yang tidak ada.") % {"nip": nip},
                              code="nip_date") from None
    if nip[14] not in "12" or not born.year + 15 <= appointed.year:
        raise ValidationError(_("NIP %(nip)s tidak sesuai susunan NIP (jenis kelamin 1 atau 2, TMT setelah "
                                "usia 15 tahun).") % {"nip": nip}, code="nip_shape")
    return nip


def signatory_save(*, programme_year, kabupaten, name: str, nip: str, position: str, rank: str = "",
                   user) -> Signatory:
    """Set (or replace) who signs for one kabupaten/kota (``kabupaten`` None: the user's province) in one year."""
    require_provincial(user)
    if kabupaten is not None:
        require_area(user, kabupaten.pk)
    province_id = kabupaten.province_id if kabupaten is not None else user.province_id
    if province_id is None:
        raise ValidationError(_("Penandatangan provinsi diisi oleh staf provinsi itu."))
    name, position, rank = name.strip(), position.strip(), rank.strip()
    if not name or not position:
        raise ValidationError(_("Nama dan jabatan penandatangan wajib diisi."))
    nip = nip_clean(nip)
    with transaction.atomic():
        signatory, _created = Signatory.objects.select_for_update().update_or_create(
            programme_year=programme_year, kabupaten=kabupaten, province_id=province_id,
            defaults={"name": name, "nip": nip, "position": position, "rank": rank, "updated_by": user})
    return signatory
