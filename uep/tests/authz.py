"""The authorization matrix: the expected status of every URL for every role.

Each app lists its own URL names in ``<app>/tests/authz.py`` as ``MATRIX = {name: Access(...)}``;
``test_authorization`` collects them all and fails on any URL pattern nobody listed.

Roles: anonymous, viewer (whole province, read only), officer (Samarinda, where the
``world`` objects live), other_officer (Balikpapan: must never reach Samarinda's data),
provincial, admin. Beside them, the staff of a second province (Kalimantan Selatan): each gets what
its counterpart of Kaltim gets, except that an object of Samarinda is not found (404) wherever the
other kabupaten's officer gets a 404; a row says otherwise in ``expect`` (an act of provincial staff
on an object of Kaltim: ``kalsel_provincial=404``). On a 200, nothing in ``must_not_leak`` may show.
"""

from dataclasses import dataclass, field
from typing import Callable

ROLES = ("anonymous", "viewer", "officer", "other_officer", "provincial", "admin")
LOGIN = 302  # anonymous users are sent to the login page
# Kalimantan Selatan's users and their counterparts in Kaltim.
OTHER_PROVINCE = {"kalsel_viewer": "viewer", "kalsel_officer": "other_officer", "kalsel_provincial": "provincial"}


def statuses(default, anonymous=LOGIN, **per_role) -> dict:
    expected = {role: default for role in ROLES}
    expected["anonymous"] = anonymous
    expected.update(per_role)
    return expected


# Common shapes of access.
EVERY_USER = statuses(200)
PUBLIC = statuses(200, anonymous=200)
PROVINCIAL_ONLY = statuses(403, provincial=200, admin=200)
# An object of Samarinda: its officer and the province see it; Balikpapan's officer gets 404.
SAMARINDA_OBJECT = statuses(200, other_officer=404)
WRITERS_OF_SAMARINDA = statuses(403, officer=200, other_officer=404, provincial=200, admin=200)


@dataclass
class Access:
    expect: dict[str, int]
    kwargs: Callable[[dict], dict] = lambda world: {}
    method: str = "get"
    data: Callable[[dict], dict] = lambda world: {}
    # On list pages: text of Samarinda's data that Balikpapan's officer must not see.
    must_not_leak: Callable[[dict], list[str]] = field(default=lambda world: [])
    # Text of Kaltim's province-wide data (packages, vendors, budget) that another province must not see.
    province_secrets: Callable[[dict], list[str]] = field(default=lambda world: [])

    def expected(self, role: str):
        """The status for a role, Kalimantan Selatan's derived from its Kaltim counterpart's."""
        if role in self.expect or role not in OTHER_PROVINCE:
            return self.expect[role]
        counterpart = self.expect[OTHER_PROVINCE[role]]
        if self.expect["other_officer"] == 404:
            # A role refused outright (403) may learn it before or after the lookup.
            return (403, 404) if counterpart == 403 else 404
        return counterpart


# The project's own URLs (uep/urls.py): the Beranda, health, the auth views, the year switch.
MATRIX = {
    "home": Access(EVERY_USER),
    # 200 or 503 depending on whether a worker answers; never a login page, never data.
    "health": Access(statuses((200, 503), anonymous=(200, 503))),
    "login": Access(statuses(302, anonymous=200)),  # a logged-in user is sent home
    "logout": Access(statuses(302, anonymous=302), method="post"),
    "password_change": Access(EVERY_USER),
    # Remembers the year and goes back to the page it came from.
    "year_choose": Access(statuses(302), method="post", data=lambda world: {"tahun": "2025", "next": "/"}),
    "password_change_done": Access(EVERY_USER),
}
