"""The programme year a user works in: chosen once in the header, kept on the user.

Every page that shows one year asks ``programme_year_for(request)``. An explicit ``?tahun=``
in the address is a choice too, and is remembered, so that after saving a form the user
lands on the list of the year they were working in, not on another year's empty list.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from programmes.models import ProgrammeYear
from programmes.selectors import programme_year_current

YEAR_PARAM = "tahun"
# Pages whose address holds the year (``/kuota/tahun/2025/...``): switching the year opens the
# same page of the other year.
YEAR_IN_PATH = re.compile(r"/tahun/(\d{4})/")


def _year_from(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) == 4 else None


def programme_year_remember(*, user, year: int) -> None:
    if user.is_authenticated and user.chosen_year != year:
        user.chosen_year = year
        user.save(update_fields=["chosen_year"])


def programme_years(request: HttpRequest) -> list[ProgrammeYear]:
    """Every programme year, newest first, read once per request (a handful of rows)."""
    if not hasattr(request, "_programme_years"):
        request._programme_years = list(ProgrammeYear.objects.all())
    return request._programme_years


def programme_year_for(request: HttpRequest) -> ProgrammeYear | None:
    """The year of this request: ``?tahun=``, else the user's remembered year, else the current one.

    An unknown or malformed ``?tahun=`` is ignored (the page opens on the remembered year).
    """
    if hasattr(request, "_programme_year"):
        return request._programme_year
    by_year = {y.year: y for y in programme_years(request)}
    user = request.user
    programme_year = by_year.get(_year_from(request.GET.get(YEAR_PARAM)))
    if programme_year is not None:
        programme_year_remember(user=user, year=programme_year.year)
    else:
        programme_year = by_year.get(getattr(user, "chosen_year", None)) or (
            programme_year_current() if by_year else None)
    request._programme_year = programme_year
    return programme_year


def year_context(request: HttpRequest) -> dict:
    """The header's year selector: the years and the one the user works in."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    # Read only when a template shows the selector (the admin's pages never do).
    return {"header_years": SimpleLazyObject(lambda: programme_years(request)),
            "header_year": SimpleLazyObject(lambda: programme_year_for(request))}


def year_switched_path(path: str, year: int) -> str:
    """The same page in another year: the year in its address replaced, a ``?tahun=`` dropped."""
    parts = urlsplit(path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != YEAR_PARAM])
    return urlunsplit(("", "", YEAR_IN_PATH.sub(f"/tahun/{year}/", parts.path, count=1), query, ""))
