from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request):
    """The navigation of the user's role; every entry is a page the role may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    nav = [(_("Beranda"), reverse("home"))]
    nav += _extra_navigation(user)
    if user.is_staff:
        nav.append((_("Admin"), reverse("admin:index")))
    return {"nav": nav}


def _extra_navigation(user):
    # Each app registers its entries in uep.navigation; kept here as one list so the
    # order is the order of the life of a case.
    from uep.navigation import entries_for

    return entries_for(user)
