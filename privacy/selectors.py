"""What the system holds on one NIK, for the data-protection officer answering a request: the case
records across the stages, the notices sent, and the processing log (who read or exported it)."""

from dataclasses import dataclass, field

from django.db.models import Q

from audit.models import DataAccess
from disbursements.models import Handover, TrainingSession
from monitoring.models import Visit
from notices.models import Notice
from notices.services.outbox import is_restricted
from privacy.models import DataRequest
from public.models import StatusLookup
from public.services import nik_hash
from recipients.models import Candidate, CandidateEvent, Person
from verification.models import FieldVisit, VerificationResult


def requests_visible_to(user):
    """The officer's own area, provincial staff all of them; viewers none (each holds a NIK)."""
    if not user.is_authenticated or not user.can_write:
        return DataRequest.objects.none()
    return DataRequest.objects.visible_to(user).select_related("kabupaten")


@dataclass
class Holdings:
    person: Person | None
    candidacies: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    desk_results: list = field(default_factory=list)
    field_visits: list = field(default_factory=list)
    trainings: list = field(default_factory=list)
    handovers: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    reads: list = field(default_factory=list)
    exports: list = field(default_factory=list)
    public_lookups: int = 0
    restricted: bool = False


def _reads(person: Person, candidate_ids: list[int]):
    """Every logged read of this person's records: a case page, or the admin's page of the case or person."""
    ids = [str(i) for i in candidate_ids]
    return (DataAccess.objects.filter(Q(detail__candidate__in=candidate_ids)
                                      | Q(detail__admin="recipients.candidate", detail__id__in=candidate_ids)
                                      | Q(detail__admin="recipients.candidate", detail__id__in=ids)
                                      | Q(detail__admin="recipients.person", detail__id=person.pk))
            .select_related("user", "kabupaten").order_by("-at"))


def _exports(candidacies: list[Candidate]):
    """Exports of a list that may have carried this person: of an area the person was proposed in (or of
    the whole province) since the first candidacy. Exports log the list, not each row, so "may"."""
    areas = {c.kabupaten_id for c in candidacies}
    since = min(c.created_at for c in candidacies)
    return (DataAccess.objects.filter(action=DataAccess.Action.EXPORT, at__gte=since)
            .filter(Q(kabupaten_id__in=areas) | Q(kabupaten__isnull=True))
            .select_related("user", "kabupaten").order_by("-at"))


def holdings_for(*, nik: str) -> Holdings:
    person = Person.objects.filter(nik=nik).first()
    lookups = StatusLookup.objects.filter(nik_hash=nik_hash(nik)).count()
    if person is None:
        return Holdings(person=None, public_lookups=lookups)
    candidacies = list(Candidate.objects.filter(person=person).select_related("kabupaten", "kecamatan", "kelurahan")
                       .order_by("-programme_year_id"))
    ids = [c.pk for c in candidacies]
    holdings = Holdings(
        person=person, candidacies=candidacies,
        timeline=list(CandidateEvent.objects.filter(candidate_id__in=ids).select_related("user").order_by("at")),
        desk_results=list(VerificationResult.objects.filter(candidate_id__in=ids).select_related("job")),
        field_visits=list(FieldVisit.objects.filter(candidate_id__in=ids).select_related("officer")),
        trainings=list(TrainingSession.objects.filter(participants__in=ids)),
        handovers=list(Handover.objects.filter(candidate_id__in=ids).select_related("day", "package_type")),
        visits=list(Visit.objects.filter(candidate_id__in=ids).select_related("round").order_by("due_on")),
        notices=list(Notice.objects.filter(candidate_id__in=ids).order_by("created_at")),
        public_lookups=lookups, restricted=is_restricted(person_id=person.pk))
    if candidacies:
        holdings.reads = list(_reads(person, ids)[:200])
        holdings.exports = list(_exports(candidacies)[:200])
    return holdings


@dataclass
class Waiting:
    open: int
    breached: int


def waiting_for(*, user, now) -> Waiting | None:
    """The data-protection officer's Beranda: requests still open, and those past their 3 x 24 hours."""
    from django.db.models import Count

    from accounts.permissions import may_handle_data_rights

    if not may_handle_data_rights(user):
        return None
    counts = DataRequest.objects.filter(closed_at__isnull=True).aggregate(
        open=Count("pk"), breached=Count("pk", filter=Q(due_at__lt=now)))
    return Waiting(**counts)
