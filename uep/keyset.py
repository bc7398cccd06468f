"""Keyset paging for the long lists (candidates, field visits, penetapan): a page is read after (or
before) the last row seen, in the list's own order, never with OFFSET, so page 500 costs what page 1
costs (OFFSET reads and throws away every row before the page).

The cursor in the link names only the id of the row at the page's edge, the direction and the place of
the page's first row (for "baris 51-100" and the ranks), signed: the NIK and the name that order a list
never reach a URL, and a forged or mangled cursor gives the first page with a notice, never an error.
The edge row's sort values are read in the same statement (one scalar subquery per key), so page 1 and
page 500 run the same queries. The total is counted up to COUNT_CAP rows: past it the page says "lebih
dari 10.000" instead of counting every row of a province; a name search is not counted at all.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core import signing
from django.db import models
from django.db.models import F, Func, Subquery
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils.translation import gettext as _

from uep.formatting import angka

COUNT_CAP = 10_000
# A name search is not counted (cap 0): its matches over every year come from the trigram index as a
# bitmap, and at a million candidates counting a common name part ("kurnia": 49,000 in ten years)
# costs 300 ms where its page, read in order until it is full, costs 3 ms. The page says what it
# knows: "lebih dari 50" while there is a next page, the exact number on the last one.
SEARCH_COUNT_CAP = 0


class Row(Func):
    """``ROW(a, b, c)``: compared with another row, PostgreSQL orders them as the list does (a, then b,
    then c) and reads the comparison off a b-tree index whose columns follow the keys."""

    function = "ROW"
    output_field = models.Field()


@dataclass(frozen=True)
class Cursor:
    after: bool  # True: the rows after the edge row ("berikutnya"); False: the rows before it
    pk: int
    start: int  # the place (1-based) of the first row of the page the cursor opens

    def dumps(self, salt: str) -> str:
        return signing.Signer(salt=salt).sign(f"{'n' if self.after else 'p'}{self.pk}.{self.start}")

    @classmethod
    def loads(cls, value: str, salt: str) -> "Cursor":
        """Raises ValueError for anything this app did not sign (or signed for another list)."""
        try:
            raw = signing.Signer(salt=salt).unsign(value)
        except signing.BadSignature as exc:
            raise ValueError(str(exc)) from exc
        direction, rest = raw[:1], raw[1:]
        pk, start = rest.split(".")
        if direction not in ("n", "p") or not pk.isdigit() or not start.isdigit():
            raise ValueError(raw)
        return cls(after=direction == "n", pk=int(pk), start=max(int(start), 1))


@dataclass
class KeysetPage:
    """One page, with what ``templates/_pagination.html`` needs: the links carry a cursor, not a number."""

    object_list: list
    start: int
    page_size: int
    count: int | None  # exact up to ``cap``, else cap + 1; None when not counted (cap 0)
    cap: int = COUNT_CAP
    next_cursor: str = ""
    previous_cursor: str = ""  # "" with has_previous: the first page (the link drops the cursor)
    has_previous_page: bool = False
    notice: str = ""  # why a cursor in the address was not followed
    keyset = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return bool(self.next_cursor)

    def has_previous(self) -> bool:
        return self.has_previous_page

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    @property
    def number(self) -> int:
        return (self.start - 1) // self.page_size + 1

    def start_index(self) -> int:
        return self.start if self.object_list else 0

    def end_index(self) -> int:
        return self.start + len(self.object_list) - 1

    @property
    def count_capped(self) -> bool:
        return self.has_next() if self.count is None else self.count > self.cap

    @property
    def total(self) -> int:
        """The count, or when not counted the rows up to this page's last (for plural forms)."""
        return self.end_index() if self.count is None else self.count

    @property
    def count_text(self) -> str:
        """ "1.234", or "lebih dari 10.000" when the count stopped at the cap (or was not made)."""
        if self.count_capped:
            return _("lebih dari %(n)s") % {"n": angka(self.end_index() if self.count is None else self.cap)}
        return angka(self.total)

    @property
    def paginator(self) -> "KeysetPage":
        # The templates written for Django's Page read ``page.paginator.count``.
        return self


def _expression(key):
    return F(key) if isinstance(key, str) else key


def _edge_values(queryset, keys, pk) -> list:
    """The edge row's sort values, each a scalar subquery of the same statement (PostgreSQL runs
    them once, before the scan, so the row comparison stays an index condition)."""
    edge = queryset.model._base_manager.filter(pk=pk)
    return [Subquery(edge.annotate(_edge=key).values("_edge")[:1]) for key in keys]


def capped_count(queryset, cap: int = COUNT_CAP) -> int:
    """The number of rows, counted no further than ``cap`` + 1; None for a cap of 0 (not counted)."""
    return queryset.order_by().values("pk")[:cap + 1].count() if cap else None


def keyset_page(queryset, *, keys, page_size: int, cursor: str | None, salt: str,
                cap: int = COUNT_CAP) -> KeysetPage:
    """The page of ``queryset`` after or before the cursor's row, ordered by ``keys`` (ascending, the
    last one unique, e.g. the id). A cursor that fails its signature, or whose row left the list's
    scope, gives the first page with a notice. The total is counted up to ``cap`` (0: not counted)."""
    keys = [_expression(k) for k in keys]
    notice, edge = "", None
    if cursor:
        try:
            edge = Cursor.loads(cursor, salt)
        except ValueError:
            notice = _("Tautan halaman tidak sah atau sudah kedaluwarsa; ditampilkan halaman pertama.")
    shape = _Shape(page_size=page_size, salt=salt, count=capped_count(queryset, cap), cap=cap)
    qs = queryset.order_by(*[k.asc() for k in keys])
    if edge is not None:
        values = _edge_values(queryset, keys, edge.pk)
        compare, first = (GreaterThan, GreaterThanOrEqual) if edge.after else (LessThan, LessThanOrEqual)
        # The first key alone is implied by the row comparison, said again so that the planner can
        # start its scan there when the first key comes from a joined table (the area's code).
        qs = qs.filter(compare(Row(*keys), Row(*values)), first(keys[0], values[0]))
        if not edge.after:
            qs = qs.order_by(*[k.desc() for k in keys])
    rows = _rows(queryset, qs, page_size + 1)
    more = len(rows) > page_size
    rows = rows[:page_size]
    if edge is None:
        return _page(rows, shape, start=1, has_next=more, has_previous=False, notice=notice)
    if not rows:
        # The edge row is gone (withdrawn, moved out of the filter): start again at the top.
        rows = _rows(queryset, queryset.order_by(*[k.asc() for k in keys]), page_size + 1)
        return _page(rows[:page_size], shape, start=1, has_next=len(rows) > page_size, has_previous=False,
                     notice=_("Baris tempat halaman itu berawal tidak ada lagi di daftar ini; "
                              "ditampilkan halaman pertama."))
    if edge.after:
        return _page(rows, shape, start=edge.start, has_next=more, has_previous=True)
    rows.reverse()
    return _page(rows, shape, start=edge.start if more else 1, has_next=True, has_previous=more)


@dataclass
class _Shape:
    page_size: int
    salt: str
    count: int | None
    cap: int


def _rows(queryset, ordered, limit: int) -> list:
    """The page's ids first, read in order with no other join than the keys need, then their rows
    with the list's joins: joined before the sort, every row of the area up to the page would be."""
    ids = list(ordered.values_list("pk", flat=True)[:limit])
    # By id alone (the ids come from the scoped, filtered list): with the filters said again, the
    # planner may read the rows through the search's trigram index instead of the primary key.
    rows = queryset.model._base_manager.filter(pk__in=ids).prefetch_related(*queryset._prefetch_related_lookups)
    rows.query.select_related = queryset.query.select_related
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _page(rows, shape: _Shape, *, start: int, has_next: bool, has_previous: bool, notice: str = "") -> KeysetPage:
    next_cursor = previous_cursor = ""
    if rows and has_next:
        next_cursor = Cursor(after=True, pk=rows[-1].pk, start=start + len(rows)).dumps(shape.salt)
    # From the second page back to the first, the link drops the cursor: the first page's own address.
    if rows and has_previous and start - shape.page_size > 1:
        previous_cursor = Cursor(after=False, pk=rows[0].pk, start=start - shape.page_size).dumps(shape.salt)
    return KeysetPage(object_list=rows, start=start, page_size=shape.page_size, count=shape.count, cap=shape.cap,
                      next_cursor=next_cursor, previous_cursor=previous_cursor,
                      has_previous_page=bool(rows) and has_previous, notice=notice)


def keyset_page_for(request, queryset, *, param: str = "page", **kwargs) -> KeysetPage:
    """``keyset_page`` with the cursor from the request's ``param``; a notice becomes a message."""
    page = keyset_page(queryset, cursor=request.GET.get(param), **kwargs)
    if page.notice:
        messages.warning(request, page.notice)
    return page
