from django.urls import reverse
from django.utils.translation import gettext as _

from uep.navigation import entries_for


def navigation(request):
    """The navigation of the user's role; every entry is a page the role may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    nav = [(_("Beranda"), reverse("home")), *entries_for(user)]
    if user.is_staff:
        nav.append((_("Admin"), reverse("admin:index")))
    return {"nav": nav}
