import re
import time

from django.http import Http404
from django.shortcuts import get_object_or_404

from regions.models import Kabupaten, Kecamatan, Kelurahan, Province

KABUPATEN_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}", re.ASCII)  # Kemendagri "64.72"

# The ids of each province's kabupaten/kota, per process. Scoping filters on them
# (``kabupaten_id IN (...)``) rather than joining the kabupaten table, so that a keyset page still walks
# its index. A kabupaten never moves to another province (its code opens with the province's), so a
# stale entry can only miss a kabupaten loaded since, never show another province's: it lives a few
# minutes, and the loader forgets it at once in its own process.
PROVINCE_AREAS_TTL = 300  # seconds
_province_areas: dict[int, tuple[float, tuple[int, ...]]] = {}


_province_names: dict[int, tuple[float, str]] = {}


def _cached(store: dict, key: int, load):
    now = time.monotonic()
    cached = store.get(key)
    if cached is None or now - cached[0] > PROVINCE_AREAS_TTL:
        cached = store[key] = (now, load())
    return cached[1]


def province_kabupaten_ids(province_id: int) -> tuple[int, ...]:
    """The ids of the kabupaten/kota of a province, cached for this process."""
    return _cached(_province_areas, province_id, lambda: tuple(
        Kabupaten.objects.filter(province_id=province_id).order_by("id").values_list("id", flat=True)))


def province_name(province_id: int) -> str:
    """A province's name for every page's header and footer, cached for this process like its areas."""
    return _cached(_province_names, province_id,
                   lambda: Province.objects.filter(id=province_id).values_list("name", flat=True).first() or "")


def province_areas_forget() -> None:
    """Called when the regions change (the loader)."""
    _province_areas.clear()
    _province_names.clear()


def serves_several_provinces() -> bool:
    """Do the regions hold more than one province? Then the national rules are no single province's to change."""
    return Province.objects.all()[1:2].exists()


def kabupaten_visible_to(user):
    if not user.is_authenticated or not user.is_active:
        return Kabupaten.objects.none()
    areas = user.area_ids()
    return Kabupaten.objects.all() if areas is None else Kabupaten.objects.filter(id__in=areas)


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
