"""The delivery check (uji petik penyaluran): a sample of handed-over recipients per kabupaten/kota,
sized from a confidence level and margin and drawn from a stored seed, so that an auditor holding the
seed redraws exactly the same households (``sample_draw`` is pure: same seed, same population, same draw).
"""

import math
import random
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_provincial
from disbursements.models import CheckAnswer, Complaint, DeliveryCheck, DeliveryCheckEntry, Handover

Z = {90: 1.645, 95: 1.96, 99: 2.576}


def sample_size(*, population: int, confidence: int, margin: int) -> int:
    """Cochran's size for a proportion (p = 0.5, the largest), with the finite-population correction."""
    if confidence not in Z:
        raise ValidationError(_("Tingkat kepercayaan harus 90, 95 atau 99 persen."))
    if not 1 <= margin <= 50:
        raise ValidationError(_("Batas kesalahan harus antara 1 dan 50 persen."))
    if population <= 0:
        return 0
    n0 = Z[confidence] ** 2 * 0.25 / (margin / 100) ** 2
    return min(population, math.ceil(n0 / (1 + (n0 - 1) / population)))


def sample_draw(*, seed: int, kabupaten_id: int, population: list[int], size: int) -> list[int]:
    """The handovers drawn in one stratum: its own generator from the seed, over the ids in order."""
    rng = random.Random(f"{seed}:{kabupaten_id}")
    return rng.sample(sorted(population), size)


@transaction.atomic
def delivery_check_draw(*, programme_year, user, confidence: int = 95, margin: int = 10,
                        seed: int | None = None) -> DeliveryCheck:
    require_provincial(user)
    seed = secrets.randbelow(2**62) if seed is None else seed
    received = Handover.objects.filter(candidate__programme_year=programme_year, outcome=Handover.Outcome.RECEIVED)
    strata: dict[int, list[int]] = {}
    for handover_id, kabupaten_id in received.values_list("id", "candidate__kabupaten_id"):
        strata.setdefault(kabupaten_id, []).append(handover_id)
    if not strata:
        raise ValidationError(_("Belum ada paket yang diserahkan tahun %(year)s.") % {"year": programme_year.year})
    check = DeliveryCheck.objects.create(programme_year=programme_year, confidence=confidence, margin=margin,
                                         seed=seed, created_by=user)
    entries, summary = [], {}
    for kabupaten_id, ids in sorted(strata.items()):
        size = sample_size(population=len(ids), confidence=confidence, margin=margin)
        summary[str(kabupaten_id)] = {"population": len(ids), "sample": size}
        entries += [DeliveryCheckEntry(check_run=check, handover_id=h, kabupaten_id=kabupaten_id, position=n)
                    for n, h in enumerate(sample_draw(seed=seed, kabupaten_id=kabupaten_id, population=ids,
                                                      size=size), start=1)]
    DeliveryCheckEntry.objects.bulk_create(entries)
    check.strata = summary
    check.save(update_fields=["strata"])
    return check


COMPLAINT_DAYS = 14


@transaction.atomic
def check_answer(*, entry: DeliveryCheckEntry, answer: str, user, problem_lines=(), notes: str = "") -> Complaint | None:
    """Record what the household says; anything but 'received in full' opens a complaint about the goods."""
    require_area(user, entry.kabupaten_id)
    if answer not in CheckAnswer.values or answer == CheckAnswer.PENDING:
        raise ValidationError(_("Pilih jawaban."))
    entry = DeliveryCheckEntry.objects.select_for_update().select_related("handover__candidate").get(pk=entry.pk)
    problem_lines = list(problem_lines)
    if answer in (CheckAnswer.PARTIAL, CheckAnswer.PROBLEMS) and not problem_lines:
        raise ValidationError(_("Sebutkan barang yang kurang atau bermasalah."))
    entry.answer, entry.notes, entry.answered_by, entry.answered_at = answer, notes, user, timezone.now()
    entry.save()
    entry.problem_lines.set(problem_lines)
    if answer == CheckAnswer.FULL:
        return None
    from disbursements.services.complaints import complaint_open

    kind = {CheckAnswer.PARTIAL: Complaint.Kind.MISSING, CheckAnswer.NOT_RECEIVED: Complaint.Kind.NOT_RECEIVED,
            CheckAnswer.PROBLEMS: Complaint.Kind.BROKEN}[answer]
    return complaint_open(candidate=entry.handover.candidate, kind=kind, user=user,
                          handover_line=problem_lines[0] if problem_lines else None, check_entry=entry,
                          description=notes or _("Dari uji petik penyaluran #%(n)s: %(answer)s")
                          % {"n": entry.check_run_id, "answer": CheckAnswer(answer).label})
