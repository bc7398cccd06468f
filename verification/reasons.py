"""The reasons a candidate fails the desk check: one code, one plain Indonesian explanation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    NIK_INVALID = "NIK_INVALID", _("NIK tidak sah (bukan 16 digit, kode wilayah atau nomor urut salah, atau tanggal "
                                   "lahir dan jenis kelamin di NIK tidak sama dengan data calon).")
    NOT_IN_DTKS = "NOT_IN_DTKS", _("NIK tidak ditemukan di DTKS pada snapshot yang dipakai.")
    IDENTITY_MISMATCH = "IDENTITY_MISMATCH", _("Nama atau tanggal lahir berbeda dengan data DTKS untuk NIK ini.")
    DESIL_TOO_HIGH = "DESIL_TOO_HIGH", _("Desil di DTKS lebih tinggi dari batas tahun program.")
    OTHER_KABUPATEN = "OTHER_KABUPATEN", _("Menurut DTKS tinggal di kabupaten/kota lain, bukan yang mengusulkan.")
    NO_BUSINESS = "NO_BUSINESS", _("Tidak ada cikal bakal usaha (jenis usaha kosong atau status usaha tidak jelas).")
    AGE_OUT_OF_RANGE = "AGE_OUT_OF_RANGE", _("Usia di luar batas tahun program.")
    PRIOR_RECIPIENT = "PRIOR_RECIPIENT", _("Sudah pernah menerima bantuan UEP, WRSE atau KUBE (orang atau KK yang "
                                           "sama).")
    KK_DUPLICATE = "KK_DUPLICATE", _("Anggota KK yang sama sudah diusulkan lebih dulu tahun ini (satu penerima per KK).")
    NIK_DUPLICATE = "NIK_DUPLICATE", _("NIK yang sama diusulkan lebih dari sekali tahun ini.")


def explain(code: str, facts: dict | None = None) -> str:
    """The message of a reason, with what the rules saw when it helps (desil, age, area)."""
    facts = facts or {}
    try:
        text = str(Reason(code).label)
    except ValueError:
        return code
    detail = {
        Reason.DESIL_TOO_HIGH: lambda: _("desil DTKS %(desil)s, batas %(max)s") % {
            "desil": facts.get("desil"), "max": facts.get("desil_max")},
        Reason.AGE_OUT_OF_RANGE: lambda: _("usia %(age)s tahun, batas %(min)s-%(max)s") % {
            "age": facts.get("age"), "min": facts.get("age_min"), "max": facts.get("age_max")},
        Reason.OTHER_KABUPATEN: lambda: _("DTKS: %(code)s") % {"code": facts.get("registry_kabupaten")},
        Reason.PRIOR_RECIPIENT: lambda: ", ".join(facts.get("prior") or []),
    }.get(code)
    if detail:
        extra = str(detail())
        if extra:
            text = f"{text} ({extra})"
    return text
