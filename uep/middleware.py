from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control

# The largest integer any column of the app holds (bigint); a longer number is never a real value.
INT64_MAX = 2**63 - 1


def private_no_store(get_response):
    """What a signed-in user is sent (pages, exports, scans, photos) may hold personal data: no
    browser or proxy cache keeps a copy, on a shared office computer or anywhere on the way."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def unreadable(value: str) -> bool:
    """A NUL byte (PostgreSQL refuses it in any text) or a whole number past bigint: no field of
    the app can hold it, and each view or admin filter would otherwise meet it on its own."""
    if "\x00" in value:
        return True
    digits = value.strip().lstrip("+-").lstrip("0")
    # Compare as text first: int() of a 5,000-digit string is refused by Python itself.
    return digits.isdigit() and digits.isascii() and (
        len(digits) > 19 or (len(digits) == 19 and int(digits) > INT64_MAX))


def _bad_input(request) -> bool:
    if any(unreadable(segment) for segment in request.path.split("/")):
        return True
    pairs = [request.GET.lists()]
    if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                             "multipart/form-data"):
        try:
            pairs.append(request.POST.lists())
        except OSError:  # a dropped connection: the view (and CSRF) meet it as they do today
            pass
    return any(unreadable(key) or any(unreadable(v) for v in values) for lists in pairs for key, values in lists)


def refuse_unreadable_input(get_response):
    """Every request, the admin's included: a NUL byte or a number past bigint in the path, a GET
    parameter or a POST field (name or value) gets the 400 page in Indonesian, once, here."""

    def middleware(request):
        if _bad_input(request):
            return render(request, "400.html", status=400)
        return get_response(request)

    return middleware


def content_security_policy(get_response):
    """``settings.CONTENT_SECURITY_POLICY`` on every response: scripts and styles from our own
    static files only (no inline script, style attribute or eval), nothing framed, no plugins.
    A page may widen it for itself by setting the header before it gets here."""
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware
