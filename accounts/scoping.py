"""Area scoping: the one place that decides which rows of an area-bound model a user sees.

Every model whose rows belong to a kabupaten/kota gets its manager from
``ScopedQuerySet`` and names the path to that kabupaten in ``scope_field``.
Views, exports, admin pages and tasks start from ``Model.objects.visible_to(user)``.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    scope_field = "kabupaten"

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self
        if user.kabupaten_id is None:
            return self.none()
        return self.filter(self.area_filter(user.kabupaten_id))

    def area_filter(self, kabupaten_id: int) -> models.Q:
        """The rows of one kabupaten/kota's officer; a model may widen it (see verification jobs)."""
        return models.Q(**{f"{self.scope_field}_id": kabupaten_id})

    def writable_by(self, user):
        """Rows the user may change: the visible ones, if the role writes at all."""
        if user is None or not user.is_authenticated or not user.can_write:
            return self.none()
        return self.visible_to(user)


def scoped_queryset(field: str) -> type[ScopedQuerySet]:
    """A ScopedQuerySet class for a model whose kabupaten sits at ``field``."""
    return type(f"ScopedQuerySet_{field}", (ScopedQuerySet,), {"scope_field": field})


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
