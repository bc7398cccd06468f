from accounts.models import Role


def may_handle_sensitive(user) -> bool:
    """The designated provincial complaints officer, and the head of division who receives their escalations:
    provincial staff given the permission in the admin. Never an area's officer or a viewer, whatever
    permissions they were given."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.role == Role.PROVINCIAL
                and (user.has_perm("grievances.handle_sensitive") or user.has_perm("grievances.head_of_division")))


def notices_of_sensitive_complaints_hidden(user, notices):
    """The outbox without the notices of sensitive complaints, for whoever may not handle them: such a
    notice carries the complainant's number and tracking code (registered in notices.selectors.NOTICE_HIDERS)."""
    from django.db.models import CharField, Q, Value
    from django.db.models.functions import Cast, Concat

    from grievances.models import SENSITIVE, Grievance
    from grievances.services.notices import KINDS

    if may_handle_sensitive(user):
        return notices
    sensitive = Grievance.objects.filter(category__in=SENSITIVE)
    hidden = Q()
    for kind in set(KINDS.values()):  # keys are "<kind>:g<grievance id>" (notices.services.outbox.complaint_notice)
        keys = sensitive.annotate(key=Concat(Value(f"{kind}:g"), Cast("id", CharField()))).values("key")
        hidden |= Q(kind=kind, key__in=keys)
    return notices.exclude(hidden)
