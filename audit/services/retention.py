"""Retention: personal data of candidates who were never decided is anonymised
``RETENTION_YEARS`` after their programme year closed (the rule is in the README).

A programme year closes at the end of its calendar year; with 5 years, the undecided
candidates of 2025 are anonymised from 1 January 2031. Recipients (decided, trained, handed
over) keep their data: a family that received UEP may never receive it again, and the
handover must stay provable.

What stays: every candidate row with its year, area, kecamatan/kelurahan, status, desil,
business and timeline, so every count and decision still adds up; verification results
(reasons, desil, age); the audit trail (who did what, when). What goes: name, NIK (replaced by
a placeholder that is no NIK), day and month of birth, KK, address, phone, notes, the number the
notices went to, field-visit notes and photos, the registry name copied into verification results,
and the refused rows of that year's uploads. The history tables' copies of those fields are scrubbed too, or the
anonymisation would leave the data in the audit tables.
"""

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad, TruncYear
from django.utils import timezone

import pghistory

from fieldwork.models import Submission, SubmissionPhoto
from notices.models import Notice
from recipients.lifecycle import OCCUPYING
from recipients.models import Candidate, Person, Upload
from verification.models import FieldVisit, FieldVisitPhoto, VerificationResult

log = logging.getLogger(__name__)

ANONYMOUS_NAME = "(dianonimkan)"
# An anonymised candidacy has no KK: every live one carries its 16 digits.
ANONYMISED_KK = ""


@dataclass
class RetentionResult:
    last_year: int  # programme years up to this one are past retention
    candidates: int = 0
    people: int = 0
    field_visits: int = 0
    photos: int = 0
    uploads: int = 0
    dry_run: bool = True


def last_expired_year(*, today: dt.date) -> int:
    """The latest programme year whose retention has run out on ``today``."""
    return today.year - 1 - settings.RETENTION_YEARS


def candidates_due(*, today: dt.date):
    """Candidacies never decided, of years past retention, not yet anonymised."""
    return (Candidate.objects.filter(programme_year__year__lte=last_expired_year(today=today))
            .exclude(status__in=OCCUPYING).exclude(no_kk=ANONYMISED_KK))


def personal_data_anonymise(*, today: dt.date | None = None, dry_run: bool = True) -> RetentionResult:
    """Anonymise what the rule says; with ``dry_run`` only count it. Logged either way."""
    today = today or timezone.localdate()
    result = RetentionResult(last_year=last_expired_year(today=today), dry_run=dry_run)
    with transaction.atomic(), pghistory.context(reason="retensi data pribadi", last_year=result.last_year):
        due = candidates_due(today=today)
        due_ids = list(due.values_list("id", flat=True))
        # A person is anonymised only when none of their candidacies keeps data (a recipient
        # of another year, or a candidacy of a year still kept).
        keeping = Candidate.objects.exclude(id__in=due_ids).exclude(no_kk=ANONYMISED_KK)
        people = (Person.objects.filter(candidacies__id__in=due_ids).exclude(candidacies__in=keeping)
                  .exclude(name=ANONYMOUS_NAME).distinct())
        people_ids = list(people.values_list("id", flat=True))
        visits = FieldVisit.objects.filter(candidate_id__in=due_ids)
        photos = list(FieldVisitPhoto.objects.filter(visit__in=visits).values_list("id", "image"))
        uploads = Upload.objects.filter(programme_year__year__lte=result.last_year).exclude(refused_rows=[])
        result.candidates, result.people, result.photos = len(due_ids), len(people_ids), len(photos)
        result.field_visits, result.uploads = visits.count(), uploads.count()
        if not dry_run:
            _anonymise(due_ids=due_ids, people_ids=people_ids, visits=visits, photos=photos, uploads=uploads)
    log.info("Retention (%s): %s", "dry run" if dry_run else "done", asdict(result))
    return result


def _anonymise(*, due_ids: list[int], people_ids: list[int], visits, photos, uploads) -> None:
    # A candidacy keeps the name and birth date its officer proposed: they go with the rest.
    Candidate.objects.filter(id__in=due_ids).update(no_kk=ANONYMISED_KK, address="", phone="", notes="",
                                                    name=ANONYMOUS_NAME, birth_date=TruncYear("birth_date"))
    Person.objects.filter(id__in=people_ids).update(
        nik=Concat(Value("X"), LPad(Cast("id", CharField()), 15, Value("0"))),  # unique, and never a NIK
        name=ANONYMOUS_NAME, birth_date=TruncYear("birth_date"))
    visit_ids = list(visits.values_list("id", flat=True))
    FieldVisit.objects.filter(id__in=visit_ids).update(notes="")
    FieldVisitPhoto.objects.filter(id__in=[pk for pk, _ in photos]).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {VerificationResult._meta.db_table} SET facts = facts - 'registry_name' - 'prior'"
                       " WHERE candidate_id = ANY(%s)", [due_ids])
    uploads.update(refused_rows=[])
    # The notices sent to them keep their kind, status and dates (the staff page's counts), not the number.
    Notice.objects.filter(candidate_id__in=due_ids).update(phone="")
    _history_scrub("recipients.CandidateHistory", due_ids, no_kk=ANONYMISED_KK, address="", phone="", notes="",
                   name=ANONYMOUS_NAME, birth_date=TruncYear("birth_date"))
    _history_scrub("recipients.PersonHistory", people_ids, name=ANONYMOUS_NAME,
                   nik=Concat(Value("X"), LPad(Cast("pgh_obj_id", CharField()), 15, Value("0"))),
                   birth_date=TruncYear("birth_date"))
    _history_scrub("verification.FieldVisitHistory", visit_ids, notes="")
    names = [name for _, name in photos] + _device_visits_forget(due_ids)
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def _device_visits_forget(due_ids: list[int]) -> list[str]:
    """What a phone sent for these candidates (kept whole while in conflict, then as the record): its
    answers and photos go; the row stays (who sent what kind of visit, when). Returns the files to delete."""
    submission_ids = list(Submission.objects.filter(candidate_id__in=due_ids).values_list("id", flat=True))
    photos = SubmissionPhoto.objects.filter(submission_id__in=submission_ids)
    names = list(photos.values_list("image", flat=True))
    photos.delete()
    Submission.objects.filter(id__in=submission_ids).update(payload={})
    _history_scrub("fieldwork.SubmissionHistory", submission_ids, payload={})
    return names


def _history_scrub(label: str, object_ids: list[int], **values) -> None:
    """The audit tables keep every event (who, when, what kind) without the personal values."""
    apps.get_model(label).objects.filter(pgh_obj_id__in=object_ids).update(**values)
