"""One recipient per family card (KK) per year: the rule, for the desk, the decision and the upload.

A family's candidacies of a year count until withdrawn. The first one proposed (the lowest id)
holds the family's turn: the desk refuses the later ones (``KK_DUPLICATE``), the upload warns
about them (``kk_candidacies``), and the decision never places a second person of a family that
already holds a place that year (``kk_place_refusal``).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from recipients.lifecycle import OCCUPYING
from recipients.models import Candidate, CandidateStatus

# A withdrawn candidacy gives the family's turn back.
NOT_COUNTING = (CandidateStatus.WITHDRAWN,)


def kk_candidacies(*, programme_year_id: int, no_kks: list[str]) -> QuerySet:
    """The candidacies of the year that count of these families (by KK), first proposed first."""
    return (Candidate.objects.filter(programme_year_id=programme_year_id, no_kk__in=no_kks)
            .exclude(status__in=NOT_COUNTING).order_by("id"))


def kk_earlier_sql(*, candidate: str, programme_year: str, no_kk: str) -> str:
    """SQL: another candidacy of the same KK in the year, proposed earlier and still counting (the
    desk's ``KK_DUPLICATE``). Takes SQL expressions; no ``%`` (it goes into parameterised statements)."""
    gone = ", ".join(f"'{status}'" for status in NOT_COUNTING)
    return (f"EXISTS (SELECT 1 FROM {Candidate._meta.db_table} kk WHERE kk.programme_year_id = {programme_year}"
            f" AND kk.no_kk = {no_kk} AND kk.id < {candidate} AND kk.status NOT IN ({gone}))")


def kk_place_refusal(*, programme_year_id: int, candidate_ids: list[int]) -> str | None:
    """Why these candidates cannot all be placed in the year (two of one family, or a family that
    already holds a place), in Indonesian; None when the rule allows them. Two queries."""
    names_by_kk = {}
    for no_kk, name in Candidate.objects.filter(id__in=candidate_ids).values_list("no_kk", "name"):
        if no_kk in names_by_kk:
            return _("%(a)s dan %(b)s satu KK: satu KK hanya boleh satu penerima per tahun.") % {
                "a": names_by_kk[no_kk], "b": name}
        names_by_kk[no_kk] = name
    holder = (Candidate.objects.filter(programme_year_id=programme_year_id, no_kk__in=names_by_kk,
                                       status__in=OCCUPYING).exclude(id__in=candidate_ids)
              .values_list("no_kk", "name").first())
    if holder is None:
        return None
    return _("%(name)s tidak dapat ditetapkan: %(holder)s dari KK yang sama sudah menjadi penerima tahun ini "
             "(satu KK hanya boleh satu penerima per tahun).") % {"name": names_by_kk[holder[0]],
                                                                  "holder": holder[1]}
