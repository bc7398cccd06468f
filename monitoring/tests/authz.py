from uep.tests.authz import EVERY_USER, SAMARINDA_OBJECT, WRITERS_OF_SAMARINDA, Access, statuses

FACILITATOR = "Pendamping Rahasia Samarinda"
RECIPIENT = "Budi Penerima Samarinda"  # handed over by disbursements' world_extras
PRIOR = "Wati Penerima WRSE Samarinda"

# The yearly report reads the whole province: provincial staff and the province-wide viewer.
PROVINCE_READERS = statuses(403, viewer=200, provincial=200, admin=200)


def world_extras(world):
    """Samarinda's recipient gets its due visits and a pendamping."""
    import datetime as dt

    from monitoring.models import Facilitator, PriorFollowUp, Visit
    from monitoring.services.rounds import rounds_schedule
    from verification.models import PriorRecipient

    rounds_schedule()
    facilitator = Facilitator.objects.create(kabupaten=world["samarinda"], name=FACILITATOR)
    prior = PriorRecipient.objects.create(nik="6472014103800001", year=2023, scheme="WRSE")
    follow_up = PriorFollowUp.objects.create(prior_recipient=prior, kabupaten=world["samarinda"], name=PRIOR,
                                             received_on=dt.date(2023, 3, 1), created_by=world["users"]["officer"])
    return {"visit": Visit.objects.filter(candidate=world["recipient"]).first(), "facilitator": facilitator,
            "prior_follow_up": follow_up}


MATRIX = {
    "monitoring:visit_list": Access(EVERY_USER, data=lambda w: {"status": "terlewat"},
                                    must_not_leak=lambda w: [RECIPIENT, FACILITATOR]),
    "monitoring:visit_form": Access(WRITERS_OF_SAMARINDA, kwargs=lambda w: {"visit_id": w["visit"].id}),
    "monitoring:recipient_detail": Access(SAMARINDA_OBJECT, kwargs=lambda w: {"candidate_id": w["recipient"].id}),
    "monitoring:baseline_form": Access(WRITERS_OF_SAMARINDA, kwargs=lambda w: {"candidate_id": w["recipient"].id}),
    "monitoring:facilitators": Access(EVERY_USER, must_not_leak=lambda w: [FACILITATOR, RECIPIENT]),
    "monitoring:survival": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "monitoring:income": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "monitoring:poverty": Access(EVERY_USER),
    "monitoring:pipeline": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "monitoring:graduation": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "monitoring:cohorts": Access(EVERY_USER, must_not_leak=lambda w: ["prior-WRSE-2023"]),
    "monitoring:prior_list": Access(EVERY_USER, must_not_leak=lambda w: [PRIOR]),
    "monitoring:prior_detail": Access(SAMARINDA_OBJECT, kwargs=lambda w: {"follow_up_id": w["prior_follow_up"].id}),
    "monitoring:graduation_rule": Access(statuses(403, provincial=302, admin=302), method="post",
                                         data=lambda w: {"consecutive_rounds": "2", "umk_required": "on",
                                                         "mentoring_months": "4"}),
    "monitoring:graduation_compute": Access(statuses(403, provincial=302, admin=302), method="post"),
    "monitoring:reports": Access(PROVINCE_READERS),
    "monitoring:report_request": Access(statuses(403, anonymous=302, provincial=302, admin=302), method="post"),
}
