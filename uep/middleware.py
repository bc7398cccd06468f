from django.utils.cache import patch_cache_control


def private_no_store(get_response):
    """What a signed-in user is sent (pages, exports, scans, photos) may hold personal data: no
    browser or proxy cache keeps a copy, on a shared office computer or anywhere on the way."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
