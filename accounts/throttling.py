"""The client address that login throttling (django-axes) counts failures against.

Behind a reverse proxy every request comes from the proxy's address: counting failures
per (username, proxy address) would let one person lock a named account for everyone. The
proxy's ``X-Forwarded-For`` header is believed only when ``TRUSTED_PROXY_COUNT`` says how many
proxies stand in front of the app; each appends the address it was connected from, so the
client is the entry that many places from the right. Anything left of it was written by the
client and is ignored. Without the setting the header is ignored: anyone can send one.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote  # not through the proxies as configured
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
