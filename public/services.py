"""The public status check: limits, the one lookup, the log. Called by the view and the bench."""

import datetime as dt
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

from public import limits
from public.models import StatusLookup
from public.stages import STAGES, PublicStage
from recipients.models import Candidate


def nik_hash(nik: str) -> str:
    """A keyed hash of a NIK (HMAC-SHA256, key derived from SECRET_KEY): the log never holds a NIK."""
    return salted_hmac("uep.public.status_lookup", nik, algorithm="sha256").hexdigest()


def mask_name(name: str) -> str:
    """"Siti Nurhaliza" -> "S**i N*******a": enough for a family to know it is them, no more."""
    def mask(word: str) -> str:
        if len(word) <= 2:
            return word[0] + "*" * (len(word) - 1)
        return word[0] + "*" * (len(word) - 2) + word[-1]
    return " ".join(mask(word) for word in name.split())


@dataclass(frozen=True)
class StatusAnswer:
    outcome: str
    stage: PublicStage | None = None
    masked_name: str = ""
    kabupaten: str = ""
    year: int | None = None


def status_lookup(*, nik: str, birth_date: dt.date, address: str | None) -> StatusAnswer:
    """Answer one public lookup, or refuse it by the limits; every call is logged.

    The address is counted before the NIK, so a refused address uses up nothing of the NIK's
    allowance. The NIK is counted whether or not it exists (the count tells nothing). An unknown
    NIK and a known one with the wrong birth date do the same query and give the same answer.
    Raises ``limits.LimitsUnavailable`` when Redis is down.
    """
    hashed = nik_hash(nik)
    if not limits.hit(name="address", key=address or "unknown", limit=settings.PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR,
                      window_seconds=3600):
        outcome = StatusLookup.Outcome.REFUSED_ADDRESS
    elif not limits.hit(name="nik", key=hashed, limit=settings.PUBLIC_LOOKUP_PER_NIK_PER_DAY, window_seconds=86400):
        outcome = StatusLookup.Outcome.REFUSED_NIK
    else:
        outcome = None
    if outcome:
        StatusLookup.objects.create(nik_hash=hashed, address=address, outcome=outcome)
        return StatusAnswer(outcome=outcome)

    # The latest candidacy of the NIK; its birth date is compared in Python, after the one query,
    # so a wrong date costs the same as an unknown NIK.
    latest = (Candidate.objects.filter(person__nik=nik)
              .order_by("-programme_year__year")
              .values_list("birth_date", "status", "name", "kabupaten__name", "programme_year__year")
              .first())
    expected = latest[0].isoformat() if latest else "0000-00-00"
    matched = hmac.compare_digest(expected, birth_date.isoformat()) and latest is not None
    if not matched:
        StatusLookup.objects.create(nik_hash=hashed, address=address, outcome=StatusLookup.Outcome.NO_MATCH)
        return StatusAnswer(outcome=StatusLookup.Outcome.NO_MATCH)
    StatusLookup.objects.create(nik_hash=hashed, address=address, outcome=StatusLookup.Outcome.ANSWERED)
    _, status, name, kabupaten, year = latest
    return StatusAnswer(outcome=StatusLookup.Outcome.ANSWERED, stage=STAGES[status], masked_name=mask_name(name),
                        kabupaten=kabupaten, year=year)
