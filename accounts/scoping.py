"""Area scoping: the one place that decides which rows of an area-bound model a user sees.

Every model whose rows belong to a kabupaten/kota gets its manager from
``ScopedQuerySet`` and names the path to that kabupaten in ``scope_field``.
Views, exports, admin pages and tasks start from ``Model.objects.visible_to(user)``.

A province is a scope above the kabupaten/kota: provincial staff and province-wide viewers see the
kabupaten/kota of their own province only, filtered as ``<scope_field>_id IN (<the province's ids>)``
(ids cached per process, ``regions.selectors.province_kabupaten_ids``) rather than by a join to the
kabupaten table, so that a keyset page still walks its index. Rows of the whole province (no
kabupaten) name their province at ``province_field``. Only the technical superuser without a province
sees every province.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    scope_field = "kabupaten"
    # Where a row with no kabupaten (one of the whole province) names its province; None: no such rows.
    province_field = None

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            areas = user.area_ids()
            return self if areas is None else self.filter(self.province_filter(user.province_id, areas))
        if user.kabupaten_id is None:
            return self.none()
        return self.filter(self.area_filter(user.kabupaten_id, province_id=user.province_id))

    def province_filter(self, province_id: int | None, areas: tuple[int, ...]) -> models.Q:
        """The rows of one province's staff: its kabupaten/kota's, and its own rows of the whole province."""
        rows = models.Q(**{f"{self.scope_field}_id__in": areas})
        if self.province_field:
            rows |= models.Q(**{f"{self.scope_field}__isnull": True, f"{self.province_field}_id": province_id})
        return rows

    def area_filter(self, kabupaten_id: int, *, province_id: int | None = None) -> models.Q:
        """The rows of one kabupaten/kota's officer; a model may widen it (see verification jobs)."""
        return models.Q(**{f"{self.scope_field}_id": kabupaten_id})

    def writable_by(self, user):
        """Rows the user may change: the visible ones, if the role writes at all."""
        if user is None or not user.is_authenticated or not user.can_write:
            return self.none()
        return self.visible_to(user)


class ProvinceQuerySet(models.QuerySet):
    """Rows of a whole province (goods, prices, budget documents): every user of the province reads them, none
    of another province; the superuser without a province reads all."""

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_provinces:
            return self
        return self.filter(province_id=user.province_id) if user.province_id else self.none()

    def writable_by(self, user):
        if user is None or not user.is_authenticated or not user.can_write:
            return self.none()
        return self.visible_to(user)


def scoped_queryset(field: str, province_field: str | None = None) -> type[ScopedQuerySet]:
    """A ScopedQuerySet class for a model whose kabupaten sits at ``field`` (and, for its rows of the whole
    province, the province at ``province_field``)."""
    return type(f"ScopedQuerySet_{field}", (ScopedQuerySet,), {"scope_field": field, "province_field": province_field})


def object_for(user, queryset, *, write: bool = False, **lookup):
    """The one way a view gets an area-bound object for a user: the object if the user may see it
    (``write``: change it), else 404, never 403, so that another area's ids reveal nothing.
    A malformed lookup value is a 404 too."""
    from django.core.exceptions import ValidationError
    from django.http import Http404

    scoped = queryset.writable_by(user) if write else queryset.visible_to(user)
    try:
        return scoped.get(**lookup)
    except (scoped.model.DoesNotExist, ValueError, TypeError, ValidationError, OverflowError):
        raise Http404 from None
