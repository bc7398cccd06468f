"""Expected status of every approvals URL for every role (see uep/tests/authz.py)."""

from uep.tests.authz import EVERY_USER, Access, statuses

# A checker's answer redirects back to the approval; a role that cannot check is refused (403), and the
# other area's officer does not see Samarinda's approval at all (404).
CHECKERS = statuses(403, other_officer=404, provincial=302, admin=302)


def world_extras(world):
    from accounts.models import Role, User
    from approvals.models import Approval

    maker = User.objects.create_user(username="staf_prov_pengusul", password="x", role=Role.PROVINCIAL,
                                     province=world["samarinda"].province)
    approval = Approval.objects.create(
        kind="quotas.withdraw", year=world["candidate"].programme_year_id, kabupaten=world["samarinda"],
        target_id=world["candidate"].pk, payload={"reason": "pindah"}, maker=maker,
        summary="Batalkan penetapan Siti Rahasia Samarinda: usulan rahasia Samarinda")
    return {"approval": approval}


def approval(world):
    return {"pk": world["approval"].pk}


MATRIX = {
    "approvals:list": Access(EVERY_USER, must_not_leak=lambda w: ["usulan rahasia Samarinda"]),
    "approvals:detail": Access(statuses(200, other_officer=404), kwargs=approval),
    "approvals:approve": Access(CHECKERS, kwargs=approval, method="post"),
    "approvals:send_back": Access(CHECKERS, kwargs=approval, method="post", data=lambda w: {"reason": "kurang"}),
    # Only the maker (not one of the roles here) may take a proposal back.
    "approvals:cancel": Access(statuses(403, other_officer=404), kwargs=approval, method="post"),
}
