"""Expected status of every notices URL for every role (see uep/tests/authz.py)."""

from uep.tests.authz import EVERY_USER, Access, statuses


def world_extras(world):
    from notices.models import Kind, Notice, Status
    from django.utils import timezone

    Notice.objects.create(key="decided:y2025:c-smd", kind=Kind.DECIDED, kabupaten=world["samarinda"],
                          phone="6281200001111", text="x", status=Status.SENT, not_before=timezone.now())
    Notice.objects.create(key="decided:y2025:c-smd-gagal", kind=Kind.DECIDED, kabupaten=world["samarinda"],
                          phone="6281200002222", text="Calon Gagal Samarinda", status=Status.FAILED,
                          not_before=timezone.now(), error="Calon Gagal Samarinda")
    # Rows for the admin's pages (the hostile walk opens and posts each model's first row).
    from notices.models import OptOut, Restriction

    OptOut.objects.create(phone="6281200003333", word="STOP")
    Restriction.objects.create(person=world["candidate"].person, reason="uji")
    return {}


MATRIX = {
    # Counts only; Balikpapan's officer sees no row of Samarinda.
    "notices:summary": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "notices:failed": Access(EVERY_USER, must_not_leak=lambda w: ["Calon Gagal Samarinda"]),
    # The provider's webhook: without the shared secret, refused for everyone.
    "notices:inbound": Access(statuses(403, anonymous=403), method="post"),
}
