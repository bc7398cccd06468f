"""The acts that need a second person, registered by the apps that own them (as pretix's exporters).

Each app registers its acts in its ``AppConfig.ready``; this module knows none of them. ``apply``
runs the app's own service for an approved proposal, inside the approving transaction: it raises
ValidationError (or PermissionDenied) with an Indonesian reason when the act can no longer happen.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


def provincial_checks(user, approval) -> bool:
    return user.is_provincial


@dataclass(frozen=True)
class Act:
    kind: str                                   # "quotas.entry": the app's name, then the act
    label: str                                  # what people read: "Perubahan kuota"
    apply: Callable                             # apply(*, approval) -> None
    may_check: Callable = provincial_checks     # may_check(user, approval) -> bool: the checker's role
    link: Callable | None = None                # link(approval) -> URL of what the act is about


_ACTS: dict[str, Act] = {}


def register(act: Act) -> Act:
    if act.kind in _ACTS and _ACTS[act.kind] != act:
        raise ImproperlyConfigured(f"Approval act {act.kind} registered twice")
    _ACTS[act.kind] = act
    return act


def act_for(kind: str) -> Act:
    try:
        return _ACTS[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No approval act {kind} is registered") from None


def act_label(kind: str) -> str:
    """What people read for an act's kind ("Perubahan kuota"); the kind itself if no app registers it now."""
    act = _ACTS.get(kind)
    return str(act.label) if act else kind


def acts() -> list[Act]:
    return sorted(_ACTS.values(), key=lambda a: a.kind)
