from accounts.models import Role


def may_handle_sensitive(user) -> bool:
    """The designated provincial complaints officer, and the head of division who receives their escalations:
    provincial staff given the permission in the admin. Never an area's officer or a viewer, whatever
    permissions they were given."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.role == Role.PROVINCIAL
                and (user.has_perm("grievances.handle_sensitive") or user.has_perm("grievances.head_of_division")))
