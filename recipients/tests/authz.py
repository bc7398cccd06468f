"""Expected status of every recipients URL for every role (see uep/tests/authz.py)."""

from uep.tests.authz import EVERY_USER, LOGIN, SAMARINDA_OBJECT, Access, statuses

WRITERS = statuses(200, viewer=403)
# POST on a Samarinda upload: a viewer never acts, Balikpapan's officer does not find it.
ACT_ON_SAMARINDA_UPLOAD = statuses(302, anonymous=LOGIN, viewer=403, other_officer=404)


def world_extras(world):
    from recipients.models import Upload

    upload = Upload.objects.create(
        kabupaten=world["samarinda"], programme_year=world["candidate"].programme_year,
        uploaded_by=world["users"]["officer"], original_name="usulan_rahasia_samarinda.xlsx",
        status=Upload.Status.CONFIRMED, row_count=2, accepted_count=1, refused_count=1,
        headers=["NIK", "NAMA"], refused_rows=[{"row": 3, "values": ["6472014703850002", "Rahasia Ditolak"]}],
        refusals=[{"row": 3, "column": "DESIL", "reason": "harus bilangan bulat 1 sampai 10"}],
    )
    return {"upload": upload}


def upload_kwargs(world):
    return {"pk": world["upload"].pk}


MATRIX = {
    "recipients:candidate_list": Access(EVERY_USER, must_not_leak=lambda w: ["Siti Rahasia Samarinda"]),
    # Starts an export job and sends the user to its progress page (exports/tests/authz.py).
    "recipients:candidate_export": Access(statuses(302)),
    "recipients:candidate_detail": Access(SAMARINDA_OBJECT, kwargs=lambda w: {"pk": w["candidate"].pk}),
    "recipients:upload_list": Access(EVERY_USER, must_not_leak=lambda w: ["usulan_rahasia_samarinda"]),
    "recipients:upload_create": Access(WRITERS),
    "recipients:upload_template": Access(WRITERS),
    "recipients:upload_detail": Access(SAMARINDA_OBJECT, kwargs=upload_kwargs),
    "recipients:upload_status": Access(SAMARINDA_OBJECT, kwargs=upload_kwargs),
    "recipients:upload_confirm": Access(ACT_ON_SAMARINDA_UPLOAD, kwargs=upload_kwargs, method="post"),
    "recipients:upload_cancel": Access(ACT_ON_SAMARINDA_UPLOAD, kwargs=upload_kwargs, method="post"),
    "recipients:upload_confirm_resume": Access(ACT_ON_SAMARINDA_UPLOAD, kwargs=upload_kwargs, method="post"),
    "recipients:upload_confirm_stop": Access(ACT_ON_SAMARINDA_UPLOAD, kwargs=upload_kwargs, method="post"),
    "recipients:upload_refusals": Access(statuses(200, viewer=403, other_officer=404), kwargs=upload_kwargs),
}
