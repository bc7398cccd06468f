"""Light admin lists of the change history, one per tracked model, and a union list that waits
for a filter.

django-pghistory's own "Events" list builds every history row of every table as JSON (with the
previous row, to diff) before it sorts and pages: about 20 s at 100,000 candidates. These lists
read one history table by its primary key, newest first, without counting it twice: a page is a
LIMIT on an index. The rows' contents (NIK, KK) are not shown: the list says who changed which
record when; the record's own page (logged) shows the data.
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pghistory import admin as pghistory_admin
from pghistory.core import event_models

from accounts.admin import ReadOnlyAdmin


class EstimatedCountPaginator(Paginator):
    """An unfiltered history table is counted from the planner's statistics (kept current by
    ANALYZE after every bulk write) instead of a count(*) over every row; filtered lists count."""

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where:
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                               [self.object_list.model._meta.db_table])
                row = cursor.fetchone()
            if row and row[0] > 10_000:
                return row[0]
        return super().count


class HistoryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("pgh_created_at", "pgh_label", "pgh_obj_id", "pgh_context_id")
    list_display_links = None
    paginator = EstimatedCountPaginator
    ordering = ("-pgh_id",)
    show_full_result_count = False
    list_per_page = 50
    search_fields = ()

    def has_view_permission(self, request, obj=None):
        # The list only, for administrators: a history row holds the record's personal data.
        return obj is None and request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser


def register_history_admins(site=admin.site) -> None:
    for model in event_models():
        if model._meta.proxy or site.is_registered(model):
            continue
        tracked = getattr(model, "pgh_tracked_model", None)
        name = tracked._meta.verbose_name if tracked is not None else model._meta.model_name
        model._meta.verbose_name = _("riwayat %(model)s") % {"model": name}
        model._meta.verbose_name_plural = _("riwayat %(model)s") % {"model": name}
        for field, label in (("pgh_created_at", _("waktu")), ("pgh_label", _("peristiwa")),
                             ("pgh_obj", _("data")), ("pgh_context", _("konteks (pengguna, alamat)"))):
            try:
                model._meta.get_field(field).verbose_name = label
            except Exception:  # noqa: BLE001 - an event model without that column keeps its own
                continue
        site.register(model, HistoryAdmin)


class EventsAdmin(pghistory_admin.EventsAdmin):
    """django-pghistory's union of every event, shown only once narrowed (PGHISTORY_ADMIN_ALL_EVENTS)
    and never counted in full: a full count builds every event of every table."""

    show_full_result_count = False
    list_per_page = 50
    # No "show counts" link: counting each filter's events builds every event (and pghistory's
    # change list cannot count per filter: the link answered 500).
    show_facets = admin.ShowFacets.NEVER
