"""After the decision: the acts live one module each; this module keeps the monitoring visit.

Bimtek: ``disbursements.training``; catalogue and cap: ``catalogue``; package per recipient:
``assignment``; vendors, contracts, deliveries: ``procurement``; stock ledger: ``stock``;
handover days, BAST and outcomes: ``handover``; delivery check: ``checks``; complaints: ``complaints``.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from disbursements.handover import handover_record, not_in_future as _not_in_future, require_area as _require_area
from disbursements.models import Handover, MonitoringVisit
from disbursements.training import training_record
from recipients.models import Candidate, CandidateStatus

__all__ = ["handover_record", "monitoring_record", "training_record"]


def monitoring_record(*, candidate: Candidate, visited_on: dt.date, state: str, user, monthly_revenue=None,
                      notes: str = "", photo=None) -> MonitoringVisit:
    """Record a monitoring visit to a recipient whose package was handed over."""
    _require_area(user, candidate.kabupaten_id)
    _not_in_future(visited_on, _("Tanggal kunjungan"))
    if candidate.status != CandidateStatus.HANDED_OVER:
        raise ValidationError(_("Monitoring hanya untuk penerima yang paketnya sudah diserahkan."))
    handover_date = Handover.objects.filter(candidate=candidate).values_list("date", flat=True).first()
    if handover_date and visited_on < handover_date:
        raise ValidationError(_("Tanggal kunjungan sebelum tanggal serah terima (%(date)s).")
                              % {"date": handover_date.strftime("%d/%m/%Y")})
    return MonitoringVisit.objects.create(candidate=candidate, visited_on=visited_on, state=state,
                                          monthly_revenue=monthly_revenue, notes=notes, photo=photo or "",
                                          recorded_by=user)
