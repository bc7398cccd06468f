"""Who carries a notice to a phone: one small interface, three adapters.

- ``file`` (the default): each notice is written as one file named by its key under
  ``NOTICE_FILE_DIR``; writing the same key again replaces it, so it is idempotent. The app runs
  without a gateway, and a developer reads what would have gone out.
- ``sms``: an SMS gateway over HTTP (``NOTICE_SMS_URL``, ``NOTICE_SMS_TOKEN``, ``NOTICE_SMS_SENDER``):
  POST JSON ``{"to", "text", "sender"}``, the notice's key in the ``Idempotency-Key`` header (most
  Indonesian gateways and any we contract must drop a second request with the same key).
- ``whatsapp``: the WhatsApp Business Cloud API (``NOTICE_WA_URL`` up to ``/messages``,
  ``NOTICE_WA_TOKEN``), a text message. It has no idempotency key: a worker killed after WhatsApp
  took the message but before we recorded it would send it twice, so ``notices.services.sending`` does not
  send such a notice again and marks it failed ("mungkin terkirim") for staff to check.

An adapter raises ``Refused`` when the provider said no for good (a wrong number) and
``Unavailable`` when trying again later may work (a timeout, a 5xx).
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)


class Unavailable(Exception):
    """Try again later."""


class Refused(Exception):
    """The provider will never take this message."""


@dataclass
class Message:
    key: str
    phone: str
    text: str


class Provider:
    name = ""
    # Does the provider drop a second message with the same key? Only then is a notice whose worker
    # died mid-send sent again.
    idempotent = False

    def send(self, message: Message) -> str:
        """Hand the message over; returns the provider's reference."""
        raise NotImplementedError


class FileProvider(Provider):
    name = "file"
    idempotent = True

    def send(self, message: Message) -> str:
        folder = Path(settings.NOTICE_FILE_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{message.key.replace(':', '_')}.txt"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(f"+{message.phone}\n{message.text}\n", encoding="utf-8")
        tmp.replace(path)
        log.info("notice %s to +%s: %s", message.key, message.phone, message.text)
        return path.name


class ConsoleProvider(Provider):
    name = "console"
    idempotent = False

    def send(self, message: Message) -> str:
        print(f"[notice {message.key}] +{message.phone}: {message.text}")  # noqa: T201
        return ""


def _post(url: str, *, body: dict, headers: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTICE_HTTP_TIMEOUT) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read()[:200].decode("utf-8", "replace")
        if error.code in (408, 429) or error.code >= 500:
            raise Unavailable(f"HTTP {error.code}: {detail}") from error
        raise Refused(f"HTTP {error.code}: {detail}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise Unavailable(str(error)[:200]) from error
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {}


class SmsGatewayProvider(Provider):
    name = "sms"
    idempotent = True

    def send(self, message: Message) -> str:
        answer = _post(settings.NOTICE_SMS_URL,
                       body={"to": "+" + message.phone, "text": message.text, "sender": settings.NOTICE_SMS_SENDER},
                       headers={"Authorization": f"Bearer {settings.NOTICE_SMS_TOKEN}",
                                "Idempotency-Key": message.key})
        return str(answer.get("id", ""))[:100]


class WhatsAppProvider(Provider):
    name = "whatsapp"
    idempotent = False

    def send(self, message: Message) -> str:
        answer = _post(settings.NOTICE_WA_URL,
                       body={"messaging_product": "whatsapp", "to": message.phone, "type": "text",
                             "text": {"body": message.text}},
                       headers={"Authorization": f"Bearer {settings.NOTICE_WA_TOKEN}"})
        messages = answer.get("messages") or [{}]
        return str(messages[0].get("id", ""))[:100]


PROVIDERS = {p.name: p for p in (FileProvider, ConsoleProvider, SmsGatewayProvider, WhatsAppProvider)}


def provider() -> Provider:
    return PROVIDERS[settings.NOTICE_PROVIDER]()
