"""System checks of the deployment (``manage.py check --deploy``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs):
    """Every BAST carries a QR and a footer with SITE_URL: printed with the default (localhost), a signed paper
    leads nowhere and cannot be mended afterwards."""
    url = urlsplit(settings.SITE_URL)
    if url.scheme == "https" and url.hostname not in (None, "localhost", "127.0.0.1"):
        return []
    return [Warning(f"SITE_URL is {settings.SITE_URL!r}: the BAST's QR code and check address print it.",
                    hint="Set SITE_URL to the public https address of this server, e.g. https://uep.kaltimprov.go.id.",
                    id="uep.W001")]
