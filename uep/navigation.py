"""The navigation bar, per role. Each entry: (label, url name, who sees it)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _any(user):
    return True


def _provincial(user):
    return user.is_provincial


def _writer(user):
    return user.can_write


# Apps add their pages here, in the order of the life of a case.
ENTRIES: list[tuple] = []


def entries_for(user) -> list[tuple[str, str]]:
    return [(str(label), reverse(name)) for label, name, allowed in ENTRIES if allowed(user)]
