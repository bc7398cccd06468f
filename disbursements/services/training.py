"""The bimbingan teknis (bimtek) before the handover, and its attendance list."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from disbursements.models import TrainingSession
from notices import texts as notice_texts
from notices.models import Kind as NoticeKind
from notices.services.outbox import notices_for_candidates
from recipients.lifecycle import TRAINABLE, candidates_move
from recipients.models import Candidate, CandidateStatus
from uep.dates import not_in_future
from uep.formatting import tanggal


@transaction.atomic
def training_record(*, programme_year, kabupaten, date: dt.date, venue: str, topic: str, candidates,
                    user) -> TrainingSession:
    """Record a bimtek for decided candidates of one kabupaten/kota; they become 'sudah bimtek'."""
    require_area(user, kabupaten.id)
    not_in_future(date, label=_("Tanggal bimtek"))
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
                    % {"topic": topic, "venue": venue, "date": tanggal(date)},
                    data={"training_session": session.id})
    return session


@transaction.atomic
def training_invite(*, programme_year, kabupaten, date: dt.date, venue: str, candidates, user) -> int:
    """Invite decided recipients of one area to a coming bimtek: each gets the notice (day and place), once
    per (bimtek day, recipient). The bimtek itself is recorded afterwards by ``training_record``."""
    require_area(user, kabupaten.id)
    if date < timezone.localdate():
        raise ValidationError(_("Tanggal bimtek sudah lewat; undangan hanya untuk bimtek yang akan datang."))
    if not (venue or "").strip():
        raise ValidationError(_("Tempat bimtek wajib diisi."))
    invited = Candidate.objects.filter(pk__in=candidates.values("pk") if hasattr(candidates, "values") else
                                       [c if isinstance(c, int) else c.pk for c in candidates],
                                       kabupaten=kabupaten, programme_year=programme_year, status__in=TRAINABLE)
    text = notice_texts.render(NoticeKind.TRAINING_INVITED, day=notice_texts.day_text(date), place=venue.strip())
    return notices_for_candidates(kind=NoticeKind.TRAINING_INVITED, event=f"{kabupaten.code}-{date:%Y%m%d}",
                                  candidates=invited, text=text)
