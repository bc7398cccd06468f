from regions.models import Kabupaten, Kecamatan, Kelurahan


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
