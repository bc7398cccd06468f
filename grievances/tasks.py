from uep.tasks import task


@task
def grievances_escalate() -> int:
    """The beat job: move every breached complaint one step up (grievances/services/escalation.py); idempotent."""
    from grievances.services.escalation import grievances_escalate as escalate

    return escalate()
