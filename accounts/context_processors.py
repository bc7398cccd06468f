from django.urls import reverse

from uep.navigation import menus_for


def navigation(request):
    """The menus of the user's role; every entry is a page the role may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menus": []}
    menus = menus_for(user)
    for menu in menus:
        menu.current = any(url == request.path for _label, url in menu.entries)
    return {"nav_menus": menus, "nav_admin": reverse("admin:index") if user.is_staff else ""}
