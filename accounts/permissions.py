"""Who may act: the one set of checks that services and views use.

Services call the ``require_*`` functions (they are the rule; a view cannot forget them), views
are decorated with ``provincial_required`` / ``writer_required`` so that a refused user learns it
before any lookup. Reads are scoped by ``accounts.scoping`` instead: another area's object is a
404 there, never a 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_provincial(user) -> None:
    if user is None or not user.is_authenticated or not user.is_provincial:
        raise PermissionDenied(_("Hanya staf Dinsos Provinsi yang dapat melakukan ini."))


def require_writer(user) -> None:
    if user is None or not user.is_authenticated or not user.can_write:
        raise PermissionDenied(_("Peran Anda hanya dapat membaca."))


def require_area(user, kabupaten_id: int | None) -> None:
    """The officer of that kabupaten/kota, or provincial staff."""
    if user is None or not user.is_authenticated or not user.can_work_in(kabupaten_id):
        raise PermissionDenied(_("Anda tidak bekerja di wilayah ini."))


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
