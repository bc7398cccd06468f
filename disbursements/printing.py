"""PDFs printed for a handover day (one BAST per recipient, one A4 page each) and for a bimtek (daftar hadir).

Made in a Celery task (``disbursements.tasks.print_job_run``) that updates the job's progress every
few pages; the page polls it. Printing full NIKs is an export of personal data: it is logged in
``audit.DataAccess`` before the file is made.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from disbursements.models import Handover, PrintJob, TrainingSession
from uep.templatetags.uep import mask_nik, rupiah

PROGRESS_EVERY = 25
def date_long(value) -> str:
    """24 November 2026, in the active language (Indonesian)."""
    from django.utils.dateformat import format

    return format(value, "j F Y")


def print_job_create(*, user, kind: str, handover_day=None, training_session=None, full_nik: bool) -> PrintJob:
    """Record the print job (and the export of full NIKs); the caller sends ``disbursements.tasks.print_job_run``
    on commit."""
    from audit.services import data_access_record

    target = handover_day or training_session
    with transaction.atomic():
        job = PrintJob.objects.create(kind=kind, kabupaten_id=target.kabupaten_id, handover_day=handover_day,
                                      training_session=training_session, full_nik=full_nik, created_by=user)
        if full_nik:
            data_access_record(user=user, action="export", subject=f"{job.get_kind_display()} #{job.id}: NIK lengkap",
                               kabupaten=target.kabupaten, detail={"print_job": job.id})
    return job


def _progress(job: PrintJob, done: int) -> None:
    PrintJob.objects.filter(pk=job.pk).update(done=done)


def _signature_boxes(canvas: Canvas, y: float, labels: list[str]) -> None:
    width = (A4[0] - 40 * mm) / len(labels)
    for n, label in enumerate(labels):
        x = 20 * mm + n * width
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(x + width / 2, y, label)
        canvas.rect(x + 4 * mm, y - 32 * mm, width - 8 * mm, 28 * mm)
        canvas.drawCentredString(x + width / 2, y - 37 * mm, "(....................................)")


def bast_page(canvas: Canvas, handover: Handover, *, full_nik: bool) -> None:
    """One A4 page: the BAST of one recipient, pre-filled, to be signed at the handover day."""
    c, person, day = handover.candidate, handover.candidate.person, handover.day
    width, height = A4
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawCentredString(width / 2, height - 25 * mm, _("BERITA ACARA SERAH TERIMA BANTUAN"))
    canvas.drawCentredString(width / 2, height - 31 * mm, _("USAHA EKONOMI PRODUKTIF (UEP)"))
    canvas.setFont("Helvetica", 10)
    canvas.drawCentredString(width / 2, height - 37 * mm, _("Nomor: %(number)s") % {"number": handover.bast_number})
    place = day.place if day else "...................."
    when = date_long(day.date) if day else "...................."
    y = height - 50 * mm
    canvas.drawString(20 * mm, y, _("Pada tanggal %(date)s, bertempat di %(place)s, telah diserahkan kepada:")
                      % {"date": when, "place": place})
    facts = [(_("Nama"), c.name), (_("NIK"), person.nik if full_nik else mask_nik(person.nik)),
             (_("Alamat"), f"{c.address}, {c.kelurahan.name}, {c.kecamatan.name}"),
             (_("Kabupaten/Kota"), c.kabupaten.name), (_("Jenis usaha"), c.business_type),
             (_("Paket"), f"{handover.package_type.code} - {handover.package_type.name}")]
    for label, value in facts:
        y -= 6 * mm
        canvas.drawString(25 * mm, y, label)
        canvas.drawString(60 * mm, y, f": {value}"[:95])
    y -= 10 * mm
    canvas.setFont("Helvetica-Bold", 9)
    columns = [(20, _("No")), (30, _("Barang")), (105, _("Jumlah")), (125, _("Harga satuan")), (155, _("Nilai")),
               (180, _("No. seri"))]
    for x, label in columns:
        canvas.drawString(x * mm, y, label)
    canvas.line(20 * mm, y - 2 * mm, width - 20 * mm, y - 2 * mm)
    canvas.setFont("Helvetica", 9)
    total = 0
    for n, line in enumerate(handover.lines.all(), start=1):
        y -= 6 * mm
        value = line.quantity * line.unit_price
        total += value
        canvas.drawString(20 * mm, y, str(n))
        canvas.drawString(30 * mm, y, f"{line.item.name} ({line.item.specification})"[:45])
        canvas.drawString(105 * mm, y, f"{line.quantity} {line.item.unit}")
        canvas.drawString(125 * mm, y, rupiah(line.unit_price))
        canvas.drawString(155 * mm, y, rupiah(value))
        canvas.drawString(180 * mm, y, line.serial_numbers or ("......." if line.item.has_serial_number else "-"))
    y -= 4 * mm
    canvas.line(20 * mm, y, width - 20 * mm, y)
    y -= 6 * mm
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(125 * mm, y, _("Jumlah"))
    canvas.drawString(155 * mm, y, rupiah(total))
    canvas.setFont("Helvetica", 9)
    y -= 10 * mm
    canvas.drawString(20 * mm, y, _("Barang di atas telah diterima dalam keadaan baik dan lengkap, untuk "
                                    "dipergunakan sebagai modal usaha dan tidak untuk dijual."))
    _signature_boxes(canvas, y - 12 * mm, [_("Penerima"), _("Petugas"), _("Saksi")])
    canvas.showPage()


def _bast_handovers(job: PrintJob):
    return (Handover.objects.filter(day=job.handover_day)
            .exclude(outcome__in=[Handover.Outcome.REPLACED, Handover.Outcome.CANCELLED])
            .select_related("candidate__person", "candidate__kabupaten", "candidate__kecamatan",
                            "candidate__kelurahan", "package_type", "day")
            .prefetch_related("lines__item").order_by("bast_number"))


def _attendance_pages(canvas: Canvas, session: TrainingSession, participants, *, full_nik: bool, progress) -> None:
    width, height = A4
    rows_per_page, n = 20, 0
    people = list(participants)
    for start in range(0, max(len(people), 1), rows_per_page):
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawCentredString(width / 2, height - 20 * mm, _("DAFTAR HADIR BIMBINGAN TEKNIS UEP"))
        canvas.setFont("Helvetica", 10)
        canvas.drawCentredString(width / 2, height - 26 * mm,
                                 f"{session.topic} - {session.venue}, {date_long(session.date)} - {session.kabupaten.name}")
        y = height - 38 * mm
        canvas.setFont("Helvetica-Bold", 9)
        for x, label in [(15, _("No")), (25, _("Nama")), (85, _("NIK")), (125, _("Alamat")),
                         (170, _("Tanda tangan"))]:
            canvas.drawString(x * mm, y, label)
        canvas.setFont("Helvetica", 9)
        for c in people[start:start + rows_per_page]:
            n += 1
            y -= 11 * mm
            canvas.drawString(15 * mm, y, str(n))
            canvas.drawString(25 * mm, y, c.name[:32])
            canvas.drawString(85 * mm, y, c.person.nik if full_nik else mask_nik(c.person.nik))
            canvas.drawString(125 * mm, y, c.address[:26])
            canvas.line(170 * mm, y - 1 * mm, 195 * mm, y - 1 * mm)
        canvas.showPage()
        progress(n)


def print_job_make(*, job_id: int) -> PrintJob:
    """Make the job's PDF (a second run of a finished job does nothing)."""
    job = PrintJob.objects.select_related("handover_day", "training_session__kabupaten").get(pk=job_id)
    if job.status == PrintJob.Status.DONE:
        return job
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    if job.kind == PrintJob.Kind.BAST:
        handovers = _bast_handovers(job)
        total = handovers.count()
        PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING, total=total, done=0)
        canvas.setTitle(f"BAST {job.handover_day}")
        for n, handover in enumerate(handovers.iterator(chunk_size=200), start=1):
            bast_page(canvas, handover, full_nik=job.full_nik)
            if n % PROGRESS_EVERY == 0:
                _progress(job, n)
        name = f"bast-{job.handover_day.date:%Y%m%d}-{job.id}.pdf"
    else:
        session = job.training_session
        participants = session.participants.select_related("person").order_by("name")
        total = participants.count()
        PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING, total=total, done=0)
        _attendance_pages(canvas, session, participants, full_nik=job.full_nik, progress=lambda n: _progress(job, n))
        name = f"daftar-hadir-{session.date:%Y%m%d}-{job.id}.pdf"
    canvas.save()
    job.refresh_from_db()
    job.file.save(name, ContentFile(buffer.getvalue()), save=False)
    job.status, job.done, job.message = PrintJob.Status.DONE, total, ""
    job.save(update_fields=["file", "status", "done", "message"])
    return job


def print_job_fail(job_id: int, *, message: str) -> None:
    PrintJob.objects.filter(pk=job_id).update(status=PrintJob.Status.FAILED, message=message)
