from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from regions.selectors import province_name
from uep.navigation import menus_for


def navigation(request):
    """The menus of the user's role; every entry is a page the role may open. Built only when a template
    shows them (the admin's pages and the JSON answers never do)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menus": []}
    return {"nav_menus": SimpleLazyObject(lambda: _menus(request, user)),
            "nav_admin": reverse("admin:index") if user.is_staff else "",
            # The user's own Dinas Sosial in the title and the footer (a server may serve several provinces).
            "user_province": province_name(user.province_id) if user.province_id else ""}


def _menus(request, user) -> list:
    menus = menus_for(user)
    for menu in menus:
        menu.current = any(url == request.path for _label, url in menu.entries)
    return menus
