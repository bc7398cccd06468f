"""The PDFs printed for the handover as background files (registered in DisbursementsConfig.ready).

A BAST or an attendance list (of a bimtek, of a handover day) is printed by who runs the day (an officer of the area or provincial staff):
a paper to be signed, and printing gives each handover its verification code; a viewer reads the day's page,
the check page and the signed scans. A print with full NIKs is its owner's alone (``Job.full_numbers``) and only who sees them on screen
may ask for one (``accounts.permissions.require_full_numbers``: never a viewer); a masked print is shared with everybody who sees the area. Every
download is logged in ``audit.DataAccess``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import require_full_numbers, require_writer
from exports.registry import Kind, register
from exports.services import job_start

BAST = "disbursements.bast"
ATTENDANCE = "disbursements.attendance"
DAY_ATTENDANCE = "disbursements.day_attendance"


def _print_start(*, user, kind: str, kabupaten, params: dict, full_nik: bool, subject: str):
    """Who may ask for a paper of an area's day or bimtek: a writer; with full NIKs, who sees them."""
    require_writer(user)
    if full_nik:
        require_full_numbers(user, kabupaten.id)
    return job_start(user=user, kind=kind, params=params, kabupaten=kabupaten, full_numbers=full_nik, subject=subject)


def bast_print_start(*, user, day, full_nik: bool):
    return _print_start(user=user, kind=BAST, kabupaten=day.kabupaten, params={"day": day.id}, full_nik=full_nik,
                        subject=_("BAST hari penyerahan %(day)s") % {"day": day})


def attendance_print_start(*, user, session, full_nik: bool):
    return _print_start(user=user, kind=ATTENDANCE, kabupaten=session.kabupaten, params={"session": session.id},
                        full_nik=full_nik, subject=_("Daftar hadir bimtek %(session)s") % {"session": session})


def day_attendance_print_start(*, user, day, full_nik: bool):
    return _print_start(user=user, kind=DAY_ATTENDANCE, kabupaten=day.kabupaten, params={"day": day.id},
                        full_nik=full_nik, subject=_("Daftar hadir penyaluran %(day)s") % {"day": day})


def bast_make(*, job, folder, progress):
    from disbursements.models import HandoverDay
    from disbursements.printing import bast_file

    day = HandoverDay.objects.visible_to(job.user).get(pk=job.params["day"])
    return [bast_file(day=day, full_nik=job.full_numbers, path=folder / f"bast-{day.date:%Y%m%d}-{job.id}.pdf",
                      progress=progress)]


def attendance_make(*, job, folder, progress):
    from disbursements.models import TrainingSession
    from disbursements.printing import attendance_file

    session = TrainingSession.objects.visible_to(job.user).select_related("kabupaten").get(pk=job.params["session"])
    return [attendance_file(session=session, full_nik=job.full_numbers,
                            path=folder / f"daftar-hadir-{session.date:%Y%m%d}-{job.id}.pdf", progress=progress)]


def day_attendance_make(*, job, folder, progress):
    from disbursements.models import HandoverDay
    from disbursements.printing import day_attendance_file

    day = HandoverDay.objects.visible_to(job.user).select_related("kabupaten").get(pk=job.params["day"])
    return [day_attendance_file(day=day, full_nik=job.full_numbers,
                                path=folder / f"daftar-hadir-penyaluran-{day.date:%Y%m%d}-{job.id}.pdf",
                                progress=progress)]


def register_kinds() -> None:
    register(Kind(name=BAST, label=gettext_lazy("BAST penyaluran"), make=bast_make, shared=True,
                  back=lambda job: ("disbursements:day_detail", {"day_id": job.params["day"]},
                                    _("Acara penyaluran"))))
    register(Kind(name=DAY_ATTENDANCE, label=gettext_lazy("Daftar hadir penyaluran"), make=day_attendance_make,
                  shared=True, back=lambda job: ("disbursements:day_detail", {"day_id": job.params["day"]},
                                                 _("Acara penyaluran"))))
    register(Kind(name=ATTENDANCE, label=gettext_lazy("Daftar hadir bimtek"), make=attendance_make, shared=True,
                  back=lambda job: ("disbursements:training_create", {}, _("Bimbingan teknis"))))
