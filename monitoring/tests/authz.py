from uep.tests.authz import EVERY_USER, SAMARINDA_OBJECT, WRITERS_OF_SAMARINDA, Access, statuses

FACILITATOR = "Pendamping Rahasia Samarinda"
RECIPIENT = "Budi Penerima Samarinda"  # handed over by disbursements' world_extras

# The yearly report reads the whole province: provincial staff and the province-wide viewer.
PROVINCE_READERS = statuses(403, viewer=200, provincial=200, admin=200)


def world_extras(world):
    """Samarinda's recipient gets its due visits and a pendamping."""
    from monitoring.models import Facilitator, Visit
    from monitoring.schedule import rounds_schedule

    rounds_schedule()
    facilitator = Facilitator.objects.create(kabupaten=world["samarinda"], name=FACILITATOR)
    return {"visit": Visit.objects.filter(candidate=world["recipient"]).first(), "facilitator": facilitator}


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
    "monitoring:cohorts": Access(EVERY_USER),
    "monitoring:graduation_rule": Access(statuses(403, provincial=302, admin=302), method="post",
                                         data=lambda w: {"consecutive_rounds": "2", "umk_required": "on",
                                                         "mentoring_months": "4"}),
    "monitoring:graduation_compute": Access(statuses(403, provincial=302, admin=302), method="post"),
    "monitoring:reports": Access(PROVINCE_READERS),
    "monitoring:report_request": Access(statuses(403, anonymous=302, provincial=302, admin=302), method="post"),
}
