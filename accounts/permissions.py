"""Who may act: the one set of checks that services and views use, and the one answer to "may this
user see full NIK/KK numbers".

One way to ask "may I": services call the ``require_*`` functions (they are the rule; a view
cannot forget them), views are decorated with ``provincial_required`` / ``writer_required`` /
``province_reader_required`` so that a refused user learns it before any lookup; a view that knows
the area only after its lookup calls the ``require_*`` itself. Each raises ``PermissionDenied``
with an Indonesian reason (a 403). Reads are scoped by ``accounts.scoping`` instead: another
area's object is a 404 there, never a 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import Role
from regions.selectors import serves_several_provinces


def require_provincial(user) -> None:
    if user is None or not user.is_authenticated or not user.is_provincial:
        raise PermissionDenied(_("Hanya staf Dinsos Provinsi yang dapat melakukan ini."))


def require_writer(user) -> None:
    if user is None or not user.is_authenticated or not user.can_write:
        raise PermissionDenied(_("Peran Anda hanya dapat membaca."))


def require_admin(user) -> None:
    """Administrators: the rules of the system itself (who needs a second person)."""
    if user is None or not user.is_authenticated or not user.is_active or not (
            user.is_superuser or user.role == Role.ADMIN):
        raise PermissionDenied(_("Hanya administrator yang dapat melakukan ini."))


def require_area(user, kabupaten_id: int | None) -> None:
    """The officer of that kabupaten/kota, or provincial staff."""
    if user is None or not user.is_authenticated or not user.can_work_in(kabupaten_id):
        raise PermissionDenied(_("Anda tidak bekerja di wilayah ini."))


def require_province(user, province_id: int | None) -> None:
    """An act on a row of a whole province (its packages, prices, vendors, contracts): its own staff only (the
    superuser without a province: any)."""
    if user is None or not user.is_authenticated or not (
            user.sees_all_provinces or (province_id is not None and user.province_id == province_id)):
        raise PermissionDenied(_("Data ini milik provinsi lain."))


def acting_province(user):
    """The province a provincial act of this user creates rows in."""
    if user is None or not user.is_authenticated or user.province_id is None:
        raise PermissionDenied(_("Pengguna tanpa provinsi tidak dapat membuat data provinsi; masuk sebagai staf "
                                 "provinsi itu."))
    return user.province


def may_change_national_rules(user) -> bool:
    """The rules of every province at once (the holiday calendar, the programme year's rules): provincial staff
    while the regions hold one province; once they hold several, no province's staff change another's, only
    the superuser without a province."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    # Asked for each model of an admin page's app list: once per request (the user object is the request's),
    # never across requests, so a province loaded a moment ago counts at the next page.
    if not hasattr(user, "_serves_several_provinces"):
        user._serves_several_provinces = serves_several_provinces()
    return user.sees_all_provinces if user._serves_several_provinces else user.is_provincial


def require_national_rules(user) -> None:
    if may_change_national_rules(user):
        return
    if user is not None and user.is_authenticated and user.is_provincial:
        raise PermissionDenied(_("Hari libur nasional dan aturan tahun program berlaku untuk semua provinsi di server "
                                 "ini, jadi hanya pengelola server (superuser tanpa provinsi) yang dapat mengubahnya."))
    raise PermissionDenied(_("Hanya staf Dinsos Provinsi yang dapat melakukan ini."))


def require_province_reader(user) -> None:
    """Pages of the whole province (the yearly report): provincial staff and province-wide viewers."""
    if user is None or not user.is_authenticated or not user.sees_all_areas:
        raise PermissionDenied(_("Halaman ini untuk pengguna tingkat provinsi."))


def may_handle_data_rights(user) -> bool:
    """The data-protection officer: provincial staff given "handle_data_rights" in the admin. Never an area's
    officer or a viewer, whatever permissions they were given."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.role == Role.PROVINCIAL
                and user.has_perm("accounts.handle_data_rights"))


def may_handle_sensitive(user) -> bool:
    """The designated provincial complaints officer, and the head of division who receives their escalations:
    provincial staff given the permission in the admin. Never an area's officer or a viewer, whatever
    permissions they were given (the complaints of ``grievances.models.SENSITIVE``)."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.role == Role.PROVINCIAL
                and (user.has_perm("grievances.handle_sensitive") or user.has_perm("grievances.head_of_division")))


def require_data_protection(user) -> None:
    if not may_handle_data_rights(user):
        raise PermissionDenied(_("Hanya pejabat pelindungan data pribadi yang dapat melakukan ini."))


def may_see_full_numbers(user, *, kabupaten_id: int | None) -> bool:
    """May this user read the people of that kabupaten/kota (``None``: of every area) with full NIK
    and KK numbers, full birth date and phone? The officer of the area and provincial staff
    (administrators included); a viewer never, and every one else reads them masked. Pages,
    exports, prints and the decree annex all ask this (UU 27/2022)."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.can_work_in(kabupaten_id))


def require_full_numbers(user, kabupaten_id: int | None) -> None:
    if not may_see_full_numbers(user, kabupaten_id=kabupaten_id):
        raise PermissionDenied(_("NIK dan No. KK lengkap hanya untuk staf provinsi dan petugas wilayahnya."))


def _view_guard(check):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            check(request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


provincial_required = _view_guard(require_provincial)
writer_required = _view_guard(require_writer)
province_reader_required = _view_guard(require_province_reader)
national_rules_required = _view_guard(require_national_rules)
