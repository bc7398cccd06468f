"""Every existing export, print and yearly report becomes a row of the one job model, with its files.

Files stay where they are on disk (a file field holds the path). A print or report still queued or
running when this runs is picked up by the job sweep, so none is left waiting for a task that no
longer exists.
"""

import os

from django.db import migrations

EXPORT_KINDS = {"candidates": "recipients.candidates", "verification": "verification.results"}
PRINT_KINDS = {"bast": "disbursements.bast", "attendance": "disbursements.attendance"}


def forward(apps, schema_editor):
    Job = apps.get_model("exports", "Job")
    JobFile = apps.get_model("exports", "JobFile")
    PrintJob = apps.get_model("disbursements", "PrintJob")
    Report = apps.get_model("monitoring", "Report")

    for job in Job.objects.all():
        job.kind = EXPORT_KINDS.get(job.kind, job.kind)
        job.done = job.row_count
        job.save(update_fields=["kind", "done"])
        if job.file:
            JobFile.objects.create(job=job, file=job.file.name, name=job.filename or os.path.basename(job.file.name))

    for p in PrintJob.objects.all():
        params = {"day": p.handover_day_id} if p.handover_day_id else {"session": p.training_session_id}
        job = Job.objects.create(kind=PRINT_KINDS[p.kind], user_id=p.created_by_id, params=params,
                                 kabupaten_id=p.kabupaten_id, full_numbers=p.full_nik, status=p.status,
                                 subject=f"{p.kind.upper()} #{p.id}", done=p.done, total=p.total,
                                 message=p.message[:500], finished_at=p.created_at if p.status == "done" else None)
        Job.objects.filter(id=job.id).update(created_at=p.created_at)
        if p.file:
            JobFile.objects.create(job=job, file=p.file.name, name=os.path.basename(p.file.name))

    for r in Report.objects.select_related("programme_year"):
        year = r.programme_year.year
        job = Job.objects.create(kind="monitoring.report", user_id=r.requested_by_id, params={"year": year},
                                 status=r.status, subject=f"Laporan monev UEP {year}", message=r.message[:500],
                                 finished_at=r.finished_at)
        Job.objects.filter(id=job.id).update(created_at=r.requested_at)
        for field in (r.pdf, r.xlsx):
            if field:
                JobFile.objects.create(job=job, file=field.name, name=os.path.basename(field.name))


class Migration(migrations.Migration):
    dependencies = [
        ("exports", "0003_job_fields"),
        ("disbursements", "0010_programme_year_moves_out"),
        ("monitoring", "0004_programme_year_moves_out"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
