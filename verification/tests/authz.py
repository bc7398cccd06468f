import datetime as dt
import io

from django.core.files.base import ContentFile

from uep.tests.authz import EVERY_USER, PROVINCIAL_ONLY, SAMARINDA_OBJECT, WRITERS_OF_SAMARINDA, Access, statuses


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def world_extras(world) -> dict:
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate, CandidateStatus, Person
    from verification.models import (
        FieldVisit, FieldVisitPhoto, Snapshot, VerificationJob, VerificationResult,
    )

    candidate = world["candidate"]
    officer = world["users"]["officer"]
    person = Person.objects.create(nik=candidate.person.nik[:12] + "0999", name="Rahmat Lapangan Samarinda",
                                   sex=candidate.person.sex, birth_date=candidate.person.birth_date)
    field_candidate = Candidate.objects.create(
        person=person, name=person.name, sex=person.sex, birth_date=person.birth_date,
        programme_year=candidate.programme_year, kabupaten=candidate.kabupaten,
        kecamatan=candidate.kecamatan, kelurahan=candidate.kelurahan, address="Jl. Lapangan", no_kk=candidate.no_kk,
        desil_proposed=2, business_type="Gorengan", business_status="BERJALAN",
        status=CandidateStatus.DESK_PASSED, created_by=officer)
    snapshot = Snapshot.objects.create(extract_date=dt.date(2025, 6, 30), status=Snapshot.Status.READY)
    job = VerificationJob.objects.create(programme_year=ProgrammeYear.objects.get(pk=candidate.programme_year_id),
                                         province=world["samarinda"].province, kabupaten=world["samarinda"],
                                         snapshot=snapshot, total=1, done_count=1,
                                         status=VerificationJob.Status.DONE, reference_date=dt.date(2025, 7, 1))
    VerificationResult.objects.create(job=job, candidate=candidate, passed=False, reasons=["DESIL_TOO_HIGH"],
                                      facts={"desil": 7, "desil_max": 5})
    visit = FieldVisit.objects.create(candidate=field_candidate, visited_on=dt.date(2025, 7, 2), business_exists=True,
                                      matches_proposal=True, household_condition="miskin", verdict="layak",
                                      officer=officer)
    photo = FieldVisitPhoto(visit=visit)
    photo.image.save("uji.png", ContentFile(_png()), save=True)
    return {"verification_job": job, "snapshot": snapshot, "field_candidate": field_candidate, "photo": photo}


MATRIX = {
    "verification:index": Access(EVERY_USER),
    "verification:job_start": Access(PROVINCIAL_ONLY),
    "verification:job_detail": Access(SAMARINDA_OBJECT, kwargs=lambda w: {"pk": w["verification_job"].pk}),
    "verification:job_progress": Access(SAMARINDA_OBJECT, kwargs=lambda w: {"pk": w["verification_job"].pk}),
    # A done job cannot be resumed or cancelled: the province is sent back to it with a message.
    "verification:job_resume": Access(statuses(403, provincial=302, admin=302, kalsel_provincial=404), method="post",
                                      kwargs=lambda w: {"pk": w["verification_job"].pk}),
    "verification:job_cancel": Access(statuses(403, provincial=302, admin=302, kalsel_provincial=404), method="post",
                                      kwargs=lambda w: {"pk": w["verification_job"].pk}),
    # Starts an export job and sends the user to its progress page (exports/tests/authz.py).
    "verification:job_export": Access(statuses(302, other_officer=404),
                                      kwargs=lambda w: {"pk": w["verification_job"].pk}),
    "verification:snapshot_list": Access(PROVINCIAL_ONLY),
    "verification:snapshot_detail": Access(PROVINCIAL_ONLY, kwargs=lambda w: {"pk": w["snapshot"].pk}),
    "verification:snapshot_progress": Access(PROVINCIAL_ONLY, kwargs=lambda w: {"pk": w["snapshot"].pk}),
    "verification:prior_import": Access(PROVINCIAL_ONLY),
    # Everyone may read the list of their area; Balikpapan's officer must not see Samarinda's people.
    "verification:field_list": Access(EVERY_USER, must_not_leak=lambda w: ["Rahmat Lapangan Samarinda"]),
    "verification:field_visit": Access(WRITERS_OF_SAMARINDA, kwargs=lambda w: {"pk": w["field_candidate"].pk}),
    "verification:visit_photo": Access(statuses(200, other_officer=404), kwargs=lambda w: {"pk": w["photo"].pk}),
}
