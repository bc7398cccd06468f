"""Visits that a phone recorded without signal and sends later: received once, never overwriting.

``submission_receive`` takes one visit with the id the device made. The same id again answers what
was answered the first time and writes nothing (no second visit, no second "Koreksi" on the
timeline): the unique constraint on ``client_id`` decides, even for two sends at the same moment.
A visit of a family and round that was recorded on the server after the device downloaded its list
is a conflict: both are kept (the device's in the ``Submission`` with its photos) and the area's
officer chooses one (``conflict_settle``).
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_writer
from disbursements.models import HandoverLine
from fieldwork.models import Choice, Kind, Submission, SubmissionPhoto, SubmissionStatus
from monitoring.forms import VisitForm
from monitoring.models import Visit
from monitoring.services import visits as monitoring_services
from recipients.models import Candidate, CandidateEvent
from uep.formatting import tanggal, waktu
from verification.forms import FieldVisitForm
from verification.models import FieldVisit
from verification.services.field_visits import field_visit_record

# Fields of the request that are the envelope, not the form.
ENVELOPE = ("csrfmiddlewaretoken", "client_id", "kind", "target", "base", "recorded_on_device")


@dataclass
class Receipt:
    status: str  # "diterima", "sudah_diterima", "konflik"
    message: str
    submission: Submission


def _refusal(form) -> ValidationError:
    return ValidationError([error for errors in form.errors.values() for error in errors])


def _monitoring_form(visit: Visit, data, files) -> VisitForm:
    lines = HandoverLine.objects.filter(handover__candidate_id=visit.candidate_id).select_related("item")
    return VisitForm(data, files, lines=lines)


def _form_for(kind: str, target, data, files):
    form = (_monitoring_form(target, data, files) if kind == Kind.MONITORING else FieldVisitForm(data, files))
    if not form.is_valid():
        raise _refusal(form)
    return form


def _photos(kind: str, form) -> list:
    if kind == Kind.MONITORING:
        return [form.cleaned_data["photo"]] if form.cleaned_data.get("photo") else []
    return list(form.cleaned_data.get("photos") or [])


def _apply(kind: str, target, form, user, photos: list):
    """Record the visit with the services of its stage; returns the visit written."""
    if kind == Kind.MONITORING:
        data = form.visit_data()
        data["photo"] = photos[0] if photos else None
        return monitoring_services.visit_record(visit=target, user=user, **data)
    fields = {f: form.cleaned_data[f] for f in FieldVisitForm.Meta.fields}
    return field_visit_record(candidate=target, user=user, photos=photos, **fields)


def _met_meanwhile(kind: str, target, base: str):
    """The visit recorded on the server since the device's download, or None."""
    if kind == Kind.MONITORING:
        seen = parse_datetime(base) if base else None
        if target.recorded_at is not None and (seen is None or target.recorded_at > seen):
            return target
        return None
    seen_id = int(base) if base.isdigit() else 0
    return FieldVisit.objects.filter(candidate=target, id__gt=seen_id).order_by("-id").first()


def _target(kind: str, target_id: int, user):
    """The due visit or the candidate, locked, within what the user may change (else DoesNotExist)."""
    if kind == Kind.MONITORING:
        return (Visit.objects.writable_by(user).select_for_update(of=("self",))
                .select_related("candidate", "round", "recorded_by").get(pk=target_id))
    return Candidate.objects.writable_by(user).select_for_update().get(pk=target_id)


def _kept_photos(submission: Submission, photos: list) -> None:
    for photo in photos:
        SubmissionPhoto.objects.create(submission=submission, image=photo)


def _payload(data) -> dict:
    return {key: data.getlist(key) for key in data if key not in ENVELOPE}


def _received_before(client_id: uuid.UUID, user) -> Receipt | None:
    submission = Submission.objects.filter(client_id=client_id).first()
    if submission is None:
        return None
    if submission.user_id != user.id:
        raise ValidationError(_("Kode kunjungan ini sudah dipakai oleh kiriman lain."))
    if submission.status == SubmissionStatus.APPLIED:
        message = _("Kunjungan untuk %(name)s sudah diterima sebelumnya.")
    else:
        message = _("Kunjungan untuk %(name)s sudah diterima sebelumnya dan menunggu keputusan petugas wilayah.")
    return Receipt("sudah_diterima", message % {"name": submission.candidate.name}, submission)


def submission_receive(*, user, client_id: uuid.UUID, kind: str, target_id: int, base: str, data: QueryDict,
                       files: MultiValueDict, recorded_on_device: dt.datetime | None = None) -> Receipt:
    """Take one visit from a device. Raises ``ValidationError`` (the reasons in Indonesian) when the
    visit is refused, and the target model's ``DoesNotExist`` outside the user's area."""
    require_writer(user)
    if kind not in Kind.values:
        raise ValidationError(_("Jenis kunjungan tidak dikenal."))
    earlier = _received_before(client_id, user)
    if earlier:
        return earlier
    try:
        with transaction.atomic():
            target = _target(kind, target_id, user)
            candidate = target.candidate if kind == Kind.MONITORING else target
            require_area(user, candidate.kabupaten_id)
            form = _form_for(kind, target, data, files)
            # Written first: a second send of the same id waits here for this one, then is refused.
            submission = Submission.objects.create(
                client_id=client_id, kind=kind, candidate=candidate, user=user, status=SubmissionStatus.APPLIED,
                payload=_payload(data), recorded_on_device=recorded_on_device)
            photos = _photos(kind, form)
            met = _met_meanwhile(kind, target, base)
            if met is not None:
                return _conflict_record(submission, met, photos)
            visit = _apply(kind, target, form, user, photos)
            _link(submission, visit)
            submission.save()
    except IntegrityError:
        earlier = _received_before(client_id, user)
        if earlier:
            return earlier
        raise
    return Receipt("diterima", _("Kunjungan untuk %(name)s diterima.") % {"name": candidate.name}, submission)


def _link(submission: Submission, visit) -> None:
    if isinstance(visit, Visit):
        submission.monitoring_visit = visit
    else:
        submission.field_visit = visit


def _conflict_record(submission: Submission, met, photos: list) -> Receipt:
    submission.status = SubmissionStatus.CONFLICT
    _link(submission, met)
    submission.save()
    _kept_photos(submission, photos)
    who = met.recorded_by if isinstance(met, Visit) else met.officer
    CandidateEvent.objects.create(
        candidate=submission.candidate, user=submission.user, data={"fieldwork_submission": submission.id},
        message=_("Kunjungan dari perangkat %(user)s bertemu kunjungan yang sudah dicatat %(other)s; keduanya "
                  "disimpan dan menunggu keputusan petugas wilayah.")
        % {"user": submission.user.get_full_name() or submission.user.username,
           "other": (who.get_full_name() or who.username) if who else "-"})
    return Receipt("konflik", _("Kunjungan untuk %(name)s sudah dicatat orang lain sementara itu. Isian Anda "
                                "disimpan; petugas wilayah akan memilih salah satu.") % {"name": submission.candidate.name},
                   submission)


def _device_form(submission: Submission, target):
    data = QueryDict(mutable=True)
    for key, values in submission.payload.items():
        data.setlist(key, values)
    files = MultiValueDict()
    name = "photo" if submission.kind == Kind.MONITORING else "photos"
    for photo in submission.photos.all():
        with photo.image.open("rb") as handle:
            files.appendlist(name, SimpleUploadedFile("foto.jpg", handle.read(), content_type="image/jpeg"))
    return _form_for(submission.kind, target, data, files)


@transaction.atomic
def conflict_settle(*, submission: Submission, user, choice: str) -> Submission:
    """The area's officer (or provincial staff) keeps one of the two visits; the other stays recorded."""
    submission = (Submission.objects.select_for_update(of=("self",)).select_related("candidate", "user")
                  .get(pk=submission.pk))
    require_area(user, submission.candidate.kabupaten_id)
    if choice not in Choice.values:
        raise ValidationError(_("Pilih salah satu isian."))
    if submission.status != SubmissionStatus.CONFLICT:
        raise ValidationError(_("Konflik ini sudah diselesaikan pada %(when)s.") % {"when": waktu(submission.settled_at)})
    if choice == Choice.DEVICE:
        target = _target(submission.kind, submission.monitoring_visit_id if submission.kind == Kind.MONITORING
                         else submission.candidate_id, submission.user)
        form = _device_form(submission, target)
        visit = _apply(submission.kind, target, form, submission.user, _photos(submission.kind, form))
        _link(submission, visit)
    submission.status, submission.settled_choice = SubmissionStatus.SETTLED, choice
    submission.settled_by, submission.settled_at = user, timezone.now()
    submission.save()
    CandidateEvent.objects.create(
        candidate=submission.candidate, user=user, data={"fieldwork_submission": submission.id, "choice": choice},
        message=_("Konflik kunjungan diselesaikan: dipakai %(choice)s (kunjungan dari perangkat %(user)s, dicatat "
                  "%(date)s).") % {"choice": Choice(choice).label.lower(),
                                   "user": submission.user.get_full_name() or submission.user.username,
                                   "date": tanggal(submission.recorded_on_device or submission.received_at)})
    return submission
