"""The hook where complaints tell the family (and staff) what happened: the outbox of notices fills it.

Called inside the transaction of the act, so a notice written here commits or rolls back with it.
Events: "received", "acknowledged", "escalated", "resolved", "rejected".
"""


def grievance_notice(*, grievance, event: str) -> None:
    """Nothing is sent yet: the notices' outbox (issue 17) writes its row here."""
