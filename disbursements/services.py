"""After the decision: bimtek, the handover of the package (BAST), and monitoring visits."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disbursements.models import Handover, MonitoringVisit, PackageType, TrainingSession
from recipients.models import Candidate, CandidateStatus
from recipients.lifecycle import HANDOVER_READY, TRAINABLE, candidates_move


def _require_area(user, kabupaten_id: int) -> None:
    if not user.can_work_in(kabupaten_id):
        raise PermissionDenied(_("Anda tidak bekerja di wilayah ini."))


def _not_in_future(date: dt.date, label: str) -> None:
    if date > timezone.localdate():
        raise ValidationError(_("%(label)s tidak boleh di masa depan.") % {"label": label})


@transaction.atomic
def training_record(*, programme_year, kabupaten, date: dt.date, venue: str, topic: str, candidates,
                    user) -> TrainingSession:
    """Record a bimtek for decided candidates of one kabupaten/kota; they become 'sudah bimtek'."""
    _require_area(user, kabupaten.id)
    _not_in_future(date, _("Tanggal bimtek"))
    ids = [c.id for c in candidates]
    if not ids:
        raise ValidationError(_("Pilih minimal satu peserta."))
    # Lock the rows so that a withdrawal at the same moment cannot slip in between.
    eligible = list(Candidate.objects.select_for_update().filter(
        id__in=ids, kabupaten=kabupaten, programme_year=programme_year, status__in=TRAINABLE))
    if len(eligible) != len(set(ids)):
        raise ValidationError(_("Hanya calon yang sudah ditetapkan di %(area)s tahun %(year)s yang dapat ikut bimtek.")
                              % {"area": kabupaten.name, "year": programme_year.year})
    session = TrainingSession.objects.create(programme_year=programme_year, kabupaten=kabupaten, date=date,
                                             venue=venue, topic=topic, recorded_by=user)
    session.participants.set(eligible)
    candidates_move(candidates=eligible, to=CandidateStatus.TRAINED, user=user,
                    message=_("Mengikuti bimtek \u201c%(topic)s\u201d di %(venue)s, %(date)s.")
                    % {"topic": topic, "venue": venue, "date": date.strftime("%d/%m/%Y")},
                    data={"training_session": session.id})
    return session


@transaction.atomic
def handover_record(*, candidate: Candidate, package_type: PackageType, date: dt.date, bast_number: str,
                    user, bast_scan=None, photo=None, notes: str = "") -> Handover:
    """Record the handover of a package against a signed BAST; the candidate becomes 'disalurkan'."""
    _require_area(user, candidate.kabupaten_id)
    candidate = Candidate.objects.select_for_update().select_related("programme_year").get(pk=candidate.pk)
    _not_in_future(date, _("Tanggal serah terima"))
    if candidate.status not in HANDOVER_READY:
        raise ValidationError(_("Paket hanya dapat diserahkan kepada penerima yang sudah ditetapkan (status sekarang: "
                                "%(status)s).") % {"status": candidate.get_status_display()})
    if candidate.programme_year.training_required and candidate.status != CandidateStatus.TRAINED:
        raise ValidationError(_("Penerima belum mengikuti bimtek, yang wajib sebelum penyaluran tahun %(year)s.")
                              % {"year": candidate.programme_year_id})
    if not package_type.is_active:
        raise ValidationError(_("Jenis paket %(code)s tidak aktif.") % {"code": package_type.code})
    if not bast_scan:
        raise ValidationError(_("Unggah pindaian BAST yang sudah ditandatangani."))
    try:
        with transaction.atomic():
            handover = Handover.objects.create(
                candidate=candidate, package_type=package_type, date=date, bast_number=bast_number.strip(),
                bast_scan=bast_scan, photo=photo or "", notes=notes, recorded_by=user)
    except IntegrityError:
        raise ValidationError(_("Nomor BAST %(number)s sudah dipakai untuk serah terima lain.")
                              % {"number": bast_number}) from None
    candidates_move(candidates=[candidate], to=CandidateStatus.HANDED_OVER, user=user,
                          message=_("Paket %(package)s diserahkan, BAST %(number)s tanggal %(date)s.")
                          % {"package": package_type.name, "number": handover.bast_number,
                             "date": date.strftime("%d/%m/%Y")},
                          data={"handover": handover.id})
    return handover


def monitoring_record(*, candidate: Candidate, visited_on: dt.date, state: str, user, monthly_revenue=None,
                      notes: str = "", photo=None) -> MonitoringVisit:
    """Record a monitoring visit to a recipient whose package was handed over."""
    _require_area(user, candidate.kabupaten_id)
    _not_in_future(visited_on, _("Tanggal kunjungan"))
    if candidate.status != CandidateStatus.HANDED_OVER:
        raise ValidationError(_("Monitoring hanya untuk penerima yang paketnya sudah diserahkan."))
    handover_date = Handover.objects.filter(candidate=candidate).values_list("date", flat=True).first()
    if handover_date and visited_on < handover_date:
        raise ValidationError(_("Tanggal kunjungan sebelum tanggal serah terima (%(date)s).")
                              % {"date": handover_date.strftime("%d/%m/%Y")})
    return MonitoringVisit.objects.create(candidate=candidate, visited_on=visited_on, state=state,
                                          monthly_revenue=monthly_revenue, notes=notes, photo=photo or "",
                                          recorded_by=user)
