"""Reads of candidates and uploads; every one starts from the user's scope."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.models import Candidate, CandidateEvent, CandidateStatus, Upload
from recipients.nik import DIGITS_16
from regions.selectors import kabupaten_visible_to


def candidates_visible_to(user) -> QuerySet:
    return Candidate.objects.visible_to(user).select_related("person", "kabupaten", "kecamatan", "kelurahan", "upload")


def candidates_filtered(*, user, filters: dict) -> QuerySet:
    """The candidate list with the filters of the list page (already validated against the scope)."""
    qs = candidates_visible_to(user)
    if filters.get("programme_year"):
        qs = qs.filter(programme_year=filters["programme_year"])
    if filters.get("kabupaten") and user.sees_all_areas:
        qs = qs.filter(kabupaten=filters["kabupaten"])
    elif user.sees_all_areas and user.area_ids() is None:
        # Every area the user sees, named: PostgreSQL then reads the (area, year, ...) indexes one area
        # after another (PostgreSQL 15 has no skip scan), instead of a scan of every year's rows to count
        # a province's field-visit list (190 ms -> 5 ms at a million candidates). A province's staff have
        # their areas named already by the scoping (``kabupaten_id IN (...)``).
        qs = qs.filter(kabupaten__in=kabupaten_visible_to(user))
    if filters.get("kecamatan"):
        qs = qs.filter(kecamatan=filters["kecamatan"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("desil"):
        qs = qs.alias(desil=Candidate.DESIL).filter(desil=filters["desil"])
    if filters.get("upload"):
        qs = qs.filter(upload=filters["upload"])
    q = (filters.get("q") or "").strip()
    if q:
        # A NIK is searched exactly (never a prefix: that would let anyone enumerate numbers).
        qs = qs.filter(person__nik=q) if DIGITS_16.fullmatch(q) else qs.filter(name__icontains=q)
    return qs.order_by(*candidate_list_keys(user=user, filters=filters))


def candidate_list_keys(*, user, filters: dict) -> tuple[str, ...]:
    """The candidate list's order: by area (its code), then name, then id. Within one area (an officer,
    or a list filtered to an area, a kecamatan or an upload) the code is the same on every row, so the
    keyset pager compares (name, id) alone, which the (area, year, name, id) index answers directly."""
    one_area = (not user.sees_all_areas or filters.get("kabupaten") or filters.get("kecamatan")
                or filters.get("upload"))
    return ("name", "id") if one_area else ("kabupaten__code", "name", "id")


def candidate_timeline(*, candidate: Candidate) -> list[CandidateEvent]:
    """The proposal, read from the candidate itself, then every stored step after it.

    An upload writes no event per candidate: who proposed whom, when and from which file is
    already on the candidate and its upload, and 20,000 copies of it cost a second per upload.
    """
    proposer = candidate.created_by
    who = proposer.get_full_name() or proposer.username
    if candidate.upload_id:
        message = _("Diusulkan melalui unggahan %(file)s oleh %(user)s") % {
            "file": candidate.upload.original_name, "user": who}
    else:
        message = _("Diusulkan oleh %(user)s") % {"user": who}
    proposal = CandidateEvent(candidate=candidate, at=candidate.created_at, user=proposer,
                              status=CandidateStatus.PROPOSED, message=message,
                              data={"upload": candidate.upload_id, "row": candidate.upload_row})
    return [proposal, *CandidateEvent.objects.filter(candidate=candidate).select_related("user").order_by("at", "id")]


@dataclass
class KkSighting:
    no_kk: str
    seen_on: dt.date
    source: str


# Later stages answer two questions of this one, and register their answer in their AppConfig.ready():
# what else a person's KK was seen as (verification: the DTKS snapshots) and which packages a year
# offers (disbursements: the catalogue). They build on recipients, so recipients asks and never imports.
KK_SOURCES: list[Callable[..., list[KkSighting]]] = []
PACKAGE_CATALOGUES: list[Callable[..., list[tuple[str, str]]]] = []


def family_card_history(*, person, user) -> list[KkSighting]:
    """Every KK a person was proposed or registered with, newest first: from their candidacies
    the user may see (the KK as the officer proposed it that year) and the registered sources
    (the DTKS snapshots). Read, not stored twice."""
    sightings = [
        KkSighting(c.no_kk, timezone.localdate(c.created_at),
                   _("usulan %(year)s, unggahan %(file)s") % {"year": c.programme_year_id, "file": c.upload.original_name}
                   if c.upload_id else _("usulan %(year)s") % {"year": c.programme_year_id})
        for c in Candidate.objects.visible_to(user).filter(person=person).select_related("upload")
    ]
    for source in KK_SOURCES:
        sightings += source(person=person)
    return sorted(sightings, key=lambda s: s.seen_on, reverse=True)


def active_packages(*, programme_year_id: int | None, province_id: int | None = None) -> list[tuple[str, str]]:
    """(code, name) of the packages an officer of the province may propose (PAKET_USULAN) for the year, by
    code (``province_id`` None: every province's).

    The one read of the package catalogue for the upload check, its template and the generator.
    """
    if programme_year_id is None:
        return []
    return sorted({p for catalogue in PACKAGE_CATALOGUES
                   for p in catalogue(programme_year_id=programme_year_id, province_id=province_id)})


def uploads_visible_to(user) -> QuerySet:
    return Upload.objects.visible_to(user).select_related("kabupaten", "uploaded_by", "confirmed_by", "programme_year")


__all__ = ["candidates_visible_to", "candidates_filtered", "candidate_list_keys", "candidate_timeline", "family_card_history",
           "uploads_visible_to", "Q"]
