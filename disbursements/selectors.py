from recipients.lifecycle import FOLLOW_UP
from recipients.models import Candidate


def recipients_visible_to(user, *, programme_year=None):
    """Decided, trained and handed-over recipients of the user's area(s)."""
    qs = Candidate.objects.visible_to(user).filter(status__in=FOLLOW_UP)
    if programme_year is not None:
        qs = qs.filter(programme_year=programme_year)
    return (qs.select_related("person", "kabupaten", "kecamatan", "handover__package_type")
            .order_by("kabupaten__code", "name"))
