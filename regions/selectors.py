import re

from django.http import Http404
from django.shortcuts import get_object_or_404

from regions.models import Kabupaten, Kecamatan, Kelurahan

KABUPATEN_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}", re.ASCII)  # Kemendagri "64.72"


def kabupaten_visible_to(user):
    if not user.is_authenticated or not user.is_active:
        return Kabupaten.objects.none()
    if user.sees_all_areas:
        return Kabupaten.objects.all()
    return Kabupaten.objects.filter(id=user.kabupaten_id)


def kecamatan_visible_to(user):
    return Kecamatan.objects.filter(kabupaten__in=kabupaten_visible_to(user))


def kelurahan_visible_to(user):
    return Kelurahan.objects.filter(kecamatan__kabupaten__in=kabupaten_visible_to(user))


def kabupaten_by_code(areas, code: str) -> Kabupaten:
    """The kabupaten/kota of ``areas`` with this code, or 404: a NUL or a 300-digit code never
    reaches the database."""
    if not KABUPATEN_CODE.fullmatch(code):
        raise Http404
    return get_object_or_404(areas, code=code)


def kabupaten_aliases(kabupaten: Kabupaten) -> tuple[str, ...]:
    """How people write a kabupaten/kota: ``64.72``, ``6472``, ``Kota Samarinda``, ``Samarinda``."""
    return kabupaten.code, kabupaten.digits, kabupaten.name, kabupaten.short_name


def kabupaten_named(text) -> Kabupaten | None:
    """The kabupaten/kota a person wrote, by any of its aliases; case and spaces do not matter."""
    key = " ".join(str(text or "").split()).lower()
    if not key:
        return None
    return next((k for k in Kabupaten.objects.all() if key in {a.lower() for a in kabupaten_aliases(k)}), None)
