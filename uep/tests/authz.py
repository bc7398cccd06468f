"""The authorization matrix: the expected status of every URL for every role.

Each app lists its own URL names in ``<app>/tests/authz.py`` as ``MATRIX = {name: Access(...)}``;
``test_authorization`` collects them all and fails on any URL pattern nobody listed.

Roles: anonymous, viewer (whole province, read only), officer (Samarinda, where the
``world`` objects live), other_officer (Balikpapan: must never reach Samarinda's data),
provincial, admin.
"""

from dataclasses import dataclass, field
from typing import Callable

ROLES = ("anonymous", "viewer", "officer", "other_officer", "provincial", "admin")
LOGIN = 302  # anonymous users are sent to the login page


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
