"""A complainant who left a number hears that the complaint was received, and when it is closed."""

from grievances.models import Category, Status
from grievances.services.handling import grievance_submit, grievance_update
from notices.models import Kind, Notice


def test_a_complaint_with_a_number_is_acknowledged_and_its_closing_told(samarinda, users):
    g = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Kompor rusak",
                                  complainant_phone="0812 3456 7890")
    notice = Notice.objects.get(kind=Kind.COMPLAINT_RECEIVED)
    assert g.code in notice.text and notice.phone == "6281234567890"
    grievance_update(grievance=g, status=Status.RESOLVED, resolution="Diganti", user=users["officer"])
    assert Notice.objects.get(kind=Kind.COMPLAINT_RESOLVED).text.startswith(f"Pengaduan {g.code} sudah selesai")


def test_an_anonymous_complaint_leaves_nothing_in_the_outbox(samarinda):
    grievance_submit(category=Category.PUNGLI, kabupaten=samarinda, description="Diminta uang")
    assert not Notice.objects.exists()
