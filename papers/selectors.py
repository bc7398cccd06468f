from papers.models import Signatory
from regions.selectors import kabupaten_visible_to


def signatory_for(*, programme_year, kabupaten, province=None) -> Signatory | None:
    """Who signs for the area (``kabupaten`` None: the ``province``) in the year, if anyone was set."""
    if kabupaten is not None:
        return Signatory.objects.filter(programme_year=programme_year, kabupaten=kabupaten).first()
    return Signatory.objects.filter(programme_year=programme_year, kabupaten=None, province=province).first()


def signatories_of_year(user, *, programme_year) -> list[tuple[object, Signatory | None]]:
    """(area, its signatory or None) for each area the user sees; the province (None) first for provincial
    staff."""
    set_ = {s.kabupaten_id: s for s in Signatory.objects.visible_to(user).filter(programme_year=programme_year)}
    rows = [(None, set_.get(None))] if user.sees_all_areas else []
    return rows + [(k, set_.get(k.id)) for k in kabupaten_visible_to(user)]
