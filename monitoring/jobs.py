"""The yearly monitoring report as a background file (registered in MonitoringConfig.ready).

Counts only, no personal data: shared with every reader of the whole province, downloads not logged.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exports.registry import Kind, register
from exports.services import job_start

REPORT = "monitoring.report"


def report_start(*, user, programme_year):
    """Queue the yearly report of a year: provincial staff only."""
    from accounts.permissions import require_provincial

    require_provincial(user)
    return job_start(user=user, kind=REPORT, params={"year": programme_year.year},
                     subject=_("Laporan monev UEP %(year)s") % {"year": programme_year.year})


def report_make(*, job, folder, progress):
    from monitoring.report import report_files
    from programmes.models import ProgrammeYear

    programme_year = ProgrammeYear.objects.get(year=job.params["year"])
    return report_files(programme_year=programme_year, user=job.user, folder=folder,
                        name=f"laporan-monev-uep-{programme_year.year}-{job.id}")


def register_kinds() -> None:
    register(Kind(name=REPORT, label=gettext_lazy("Laporan monev"), make=report_make, shared=True,
                  personal_data=False, back=lambda job: ("monitoring:reports", {}, _("Laporan monev"))))
