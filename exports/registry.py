"""The kinds of background files, registered by the apps that make them (pretix's exporters).

An app registers its kinds in its AppConfig.ready (``exports.registry.register(Kind(...))``); the job
service (``exports.services``) runs any of them and knows none.

A kind's ``make(job=..., folder=..., progress=...)`` writes its file(s) into ``folder`` and returns
their paths; it calls ``progress(done, total)`` now and then. It reads its data again as
``job.user`` sees it, from ``job.params``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    make: Callable[..., list[Path]]
    # Shared: a job without full numbers is seen by everybody who sees its area (a print of a handover
    # day, the yearly report); otherwise a job is its owner's alone.
    shared: bool = False
    # Holds personal data: every download is logged in audit.DataAccess.
    personal_data: bool = True
    # The page the job was asked from, for the job page's back link: job -> (url name, kwargs, label).
    back: Callable[..., tuple[str, dict, str]] | None = None


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.name] = kind
    return kind


def kind_for(name: str) -> Kind:
    return _KINDS[name]


def kind_label(name: str) -> str:
    kind = _KINDS.get(name)
    return str(kind.label) if kind else _("Berkas")


def kind_choices() -> list[tuple[str, str]]:
    """Every registered kind as (name, label), by label: what a filter offers."""
    return sorted(((name, str(kind.label)) for name, kind in _KINDS.items()), key=lambda choice: choice[1])


def shared_kinds() -> list[str]:
    return [name for name, kind in _KINDS.items() if kind.shared]


def personal_kinds() -> list[str]:
    return [name for name, kind in _KINDS.items() if kind.personal_data]
