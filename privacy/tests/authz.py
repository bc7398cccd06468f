"""Expected status of every data-request URL for every role (see uep/tests/authz.py). The world holds a
request about a Samarinda NIK; the world's provincial user is the data-protection officer."""

from uep.tests.authz import Access, statuses

REQUESTER = "Pemohon Rahasia Samarinda"


def world_extras(world):
    import datetime as dt

    from django.contrib.auth.models import Permission
    from django.utils import timezone

    from privacy.models import DataRequest

    world["users"]["provincial"].user_permissions.add(Permission.objects.get(codename="handle_data_rights"))
    now = timezone.now()
    request = DataRequest.objects.create(kind="see", nik="6472014703850001", kabupaten=world["samarinda"],
                                         requester_name=REQUESTER, channel="in_person", received_at=now,
                                         due_at=now + dt.timedelta(hours=72), recorded_by=world["users"]["officer"])
    return {"data_request": request}


MATRIX = {
    "privacy:list": Access(statuses(200, viewer=403), must_not_leak=lambda w: [REQUESTER]),
    "privacy:record": Access(statuses(200, viewer=403)),
    "privacy:detail": Access(statuses(200, viewer=403, other_officer=404),
                             kwargs=lambda w: {"pk": w["data_request"].pk}),
}
