"""The complaints' reads beside their querysets (``Grievance.objects.visible_to``): the outbox without what only
the sensitive complaints' officer may see."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from accounts.permissions import may_handle_sensitive
from grievances.models import SENSITIVE, Grievance
from grievances.services.notices import KINDS


def notices_of_sensitive_complaints_hidden(user, notices):
    """The outbox without the notices of sensitive complaints, for whoever may not handle them: such a
    notice carries the complainant's number and tracking code (registered in notices.selectors.NOTICE_HIDERS)."""
    if may_handle_sensitive(user):
        return notices
    sensitive = Grievance.objects.filter(category__in=SENSITIVE)
    hidden = Q()
    for kind in set(KINDS.values()):  # keys are "<kind>:g<grievance id>" (notices.services.outbox.complaint_notice)
        keys = sensitive.annotate(key=Concat(Value(f"{kind}:g"), Cast("id", CharField()))).values("key")
        hidden |= Q(kind=kind, key__in=keys)
    return notices.exclude(hidden)
