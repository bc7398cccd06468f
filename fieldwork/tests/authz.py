from uep.tests.authz import PUBLIC, WRITERS_OF_SAMARINDA, Access, statuses

# The shell and the conflicts page: every writer (each sees their own area's); a viewer records nothing.
WRITERS = statuses(200, viewer=403)
# JSON endpoints answer a signed-out phone 401 (it keeps its queue), never the login page.
API_WRITERS = statuses(200, anonymous=401, viewer=403)


def world_extras(world):
    """A conflict of Samarinda's recipient waiting for its officer."""
    import uuid

    from fieldwork.models import Kind, Submission, SubmissionPhoto, SubmissionStatus

    from django.core.files.base import ContentFile

    submission = Submission.objects.create(
        client_id=uuid.uuid4(), kind=Kind.FIELD_VERIFICATION, candidate=world["recipient"],
        user=world["users"]["officer"], status=SubmissionStatus.CONFLICT, payload={"notes": ["Rahasia"]})
    photo = SubmissionPhoto(submission=submission)
    photo.image.save("uji.jpg", ContentFile(b"\xff\xd8\xff foto"), save=True)
    return {"submission": submission, "submission_photo": photo}


MATRIX = {
    "service_worker": Access(PUBLIC),
    "fieldwork:shell": Access(WRITERS),
    "fieldwork:whoami": Access(statuses(200, anonymous=401)),
    "fieldwork:worklist": Access(API_WRITERS),
    # An empty send is refused with its reason (400), never a 500.
    "fieldwork:send": Access(statuses(400, anonymous=401, viewer=403), method="post"),
    "fieldwork:conflicts": Access(WRITERS, must_not_leak=lambda w: ["Rahasia"]),
    "fieldwork:conflict_photo": Access(WRITERS_OF_SAMARINDA, kwargs=lambda w: {"pk": w["submission_photo"].id}),
    "fieldwork:conflict_settle": Access(statuses(403, officer=302, other_officer=404, provincial=302, admin=302),
                                        method="post", kwargs=lambda w: {"pk": w["submission"].id},
                                        data=lambda w: {"pilihan": "server"}),
}
