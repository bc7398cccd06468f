"""What a phone downloads for a day without signal, and the conflicts an area's officer settles."""

import datetime as dt

from django.conf import settings
from django.db.models import Max

from disbursements.models import HandoverLine
from fieldwork.models import Submission, SubmissionStatus
from monitoring.models import Visit
from monitoring.schedule import OPEN
from monitoring.selectors import visits_visible_to
from uep.formatting import mask_nik
from verification.selectors import candidates_awaiting_field_visit


def _address(candidate) -> str:
    return ", ".join(part for part in (candidate.address, candidate.kelurahan.name, candidate.kecamatan.name) if part)


def _monitoring_visits(user, *, today: dt.date) -> list[Visit]:
    """The pendamping's own open visits; an area's officer who is no pendamping takes the area's.
    Provincial staff take only what is theirs as a pendamping: the province's list is no day's work."""
    visits = (visits_visible_to(user, today=today).filter(state__in=[s.value for s in OPEN])
              .select_related("candidate__person", "candidate__kecamatan"))
    own = getattr(user, "facilitator", None)
    if own is not None:
        visits = visits.filter(facilitator=own)
    elif user.sees_all_areas:
        return []
    return list(visits.order_by("due_on", "id")[:settings.WORKLIST_MAX])


def _monitoring_rows(visits: list[Visit]) -> list[dict]:
    lines: dict[int, list[dict]] = {}
    for line in (HandoverLine.objects.filter(handover__candidate_id__in=[v.candidate_id for v in visits])
                 .select_related("item", "handover").order_by("id")):
        lines.setdefault(line.handover.candidate_id, []).append(
            {"id": line.id, "name": line.item.name, "quantity": line.quantity, "unit": line.item.unit})
    return [{
        "key": f"m-{v.id}", "kind": "monitoring", "target": v.id, "name": v.candidate.name,
        "nik": mask_nik(v.candidate.person.nik), "address": _address(v.candidate),
        "area": v.candidate.kabupaten.short_name, "business": v.candidate.business_type,
        "round_months": v.round.months if v.round_id else None, "due_on": v.due_on.isoformat() if v.due_on else None,
        "state": v.state, "items": lines.get(v.candidate_id, []),
        # What the device saw: a visit recorded on the server after this is a conflict, not overwritten.
        "base": v.recorded_at.isoformat() if v.recorded_at else "",
    } for v in visits]


def _verification_rows(user) -> list[dict]:
    if user.sees_all_areas:
        return []
    candidates = (candidates_awaiting_field_visit(user, filters={})
                  .annotate(last_field_visit=Max("field_visits__id"))[:settings.WORKLIST_MAX])
    return [{
        "key": f"v-{c.id}", "kind": "verifikasi", "target": c.id, "name": c.name, "nik": mask_nik(c.person.nik),
        "address": _address(c), "area": c.kabupaten.short_name, "business": c.business_type,
        "business_status": c.get_business_status_display(), "desil": c.desil_dtks or c.desil_proposed,
        "year": c.programme_year_id, "base": str(c.last_field_visit or 0),
    } for c in candidates]


def worklist_for(user, *, today: dt.date) -> dict:
    """The user's due monitoring visits and the candidates waiting for their field verification
    visit, with what the forms need; NIK masked (the device never holds a full one)."""
    return {"monitoring": _monitoring_rows(_monitoring_visits(user, today=today)),
            "verification": _verification_rows(user)}


def conflicts_visible_to(user):
    """Visits from a device that met one recorded meanwhile, waiting for the area's officer."""
    return (Submission.objects.writable_by(user).filter(status=SubmissionStatus.CONFLICT)
            .select_related("candidate__kabupaten", "user", "monitoring_visit__round", "monitoring_visit__recorded_by",
                            "field_visit__officer")
            .prefetch_related("photos").order_by("received_at", "id"))


def device_answers(submission: Submission) -> list[tuple[str, str]]:
    """The device's answers as the form names them (label, value as read), for the officer to compare."""
    from monitoring.forms import VisitForm
    from verification.forms import FieldVisitForm

    if submission.kind == "monitoring":
        lines = HandoverLine.objects.filter(handover__candidate_id=submission.candidate_id).select_related("item")
        form = VisitForm(lines=lines)
    else:
        form = FieldVisitForm()
    answers = []
    for name, field in form.fields.items():
        values = [v for v in submission.payload.get(name, []) if v]
        if not values or name in ("latitude", "longitude"):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        shown = [str(choices.get(v, v)) for v in values]
        if name in ("business_exists", "matches_proposal"):
            shown = [str(field.label)]
        answers.append((str(field.label), ", ".join(shown)))
    return answers
