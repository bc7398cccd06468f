"""Where complaints tell the complainant what happened: the outbox of notices (``notices``), written in the
transaction of the act. Called by ``grievances.services.intake`` (received, acknowledged, closed) and
``grievances.services.escalation`` (escalated) for every complaint, whichever page or stage raised it.

Events: "received", "acknowledged", "escalated", "resolved", "rejected". The outbox has texts for a complaint
received and one closed; an acknowledgement or an escalation is staff's business and sends nothing (yet).
"""

from notices.models import Kind
from notices.services.outbox import complaint_notice

KINDS = {"received": Kind.COMPLAINT_RECEIVED, "resolved": Kind.COMPLAINT_RESOLVED,
         "rejected": Kind.COMPLAINT_RESOLVED}


def grievance_notice(*, grievance, event: str) -> None:
    kind = KINDS.get(event)
    if kind is None:
        return
    # Nothing for an anonymous complaint (no number): complaint_notice checks the phone.
    complaint_notice(kind=kind, code=grievance.code, kabupaten_id=grievance.kabupaten_id,
                     phone=grievance.complainant_phone, grievance_id=grievance.pk)
