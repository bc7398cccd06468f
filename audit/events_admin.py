"""Light admin lists of the change history, one per tracked model, and a union list that waits
for a filter.

django-pghistory's own "Events" list builds every history row of every table as JSON (with the
previous row, to diff) before it sorts and pages: about 20 s at 100,000 candidates. These lists
read one history table by its primary key, newest first, without counting it twice: a page is a
LIMIT on an index. The rows' contents (NIK, KK) are not shown: the list says who changed which
record when; the record's own page (logged) shows the data.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pghistory import admin as pghistory_admin
from pghistory.admin import core as pghistory_filters
from pghistory.core import event_models

from accounts.admin import ReadOnlyAdmin
from uep.formatting import waktu

# The trackers' labels (uep/settings.py, recipients.models.audit_trackers), as the lists say them.
EVENT_LABELS = {"insert": _("tambah"), "update": _("ubah"), "delete": _("hapus")}


def event_label(label: str) -> str:
    return str(EVENT_LABELS.get(label, label))


def _context_metadata(event) -> dict:
    context = event.pgh_context if getattr(event, "pgh_context_id", None) else None
    metadata = getattr(context, "metadata", None)
    return metadata if isinstance(metadata, dict) else {}


def _context_user_id(event) -> int | None:
    # The request's user, stored by pghistory's middleware as the primary key.
    user = _context_metadata(event).get("user")
    return int(user) if isinstance(user, int) or (isinstance(user, str) and user.isdigit()) else None


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


class HistoryChangeList(ChangeList):
    """Reads the users of a page's changes in one query: a context holds only the user's id."""

    def get_results(self, request):
        super().get_results(request)
        ids = {_context_user_id(event) for event in self.result_list} - {None}
        users = get_user_model().objects.in_bulk(ids) if ids else {}
        for event in self.result_list:
            event.context_user = users.get(_context_user_id(event))


class HistoryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("pgh_created_at", "event_change", "event_record", "event_user", "event_context")
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

    def get_changelist(self, request, **kwargs):
        return HistoryChangeList

    def get_list_select_related(self, request):
        return ("pgh_context",) if hasattr(self.model, "pgh_context") else ()

    # Not sortable: a page stays a LIMIT on the primary key's index.
    @admin.display(description=_("perubahan"))
    def event_change(self, event):
        return event_label(event.pgh_label)

    @admin.display(description=_("ID data"))
    def event_record(self, event):
        return getattr(event, "pgh_obj_id", None) or "-"

    @admin.display(description=_("oleh"))
    def event_user(self, event):
        user = getattr(event, "context_user", None)
        return (user.get_full_name() or user.username) if user else "-"

    @admin.display(description=_("konteks"))
    def event_context(self, event):
        """The page the change was made on, or the reason a job gave (``pghistory.context(reason=...)``)."""
        metadata = _context_metadata(event)
        return metadata.get("reason") or metadata.get("url") or "-"


def event_str(event) -> str:
    """A history row as people read it: "ubah calon penerima #12, 7 Des 2026 14:05 WITA"."""
    tracked = getattr(event, "pgh_tracked_model", None)
    name = tracked._meta.verbose_name if tracked is not None else event._meta.verbose_name
    record = getattr(event, "pgh_obj_id", None)
    return f"{event_label(event.pgh_label)} {name}{f' #{record}' if record else ''}, {waktu(event.pgh_created_at)}"


def register_history_admins(site=admin.site) -> None:
    for model in event_models():
        if model._meta.proxy or site.is_registered(model):
            continue
        tracked = getattr(model, "pgh_tracked_model", None)
        name = tracked._meta.verbose_name if tracked is not None else model._meta.model_name
        model._meta.verbose_name = _("riwayat %(model)s") % {"model": name}
        model._meta.verbose_name_plural = _("riwayat %(model)s") % {"model": name}
        # The event models are made by pghistory, without a __str__ of ours.
        if model.__str__ is Model.__str__:
            model.__str__ = event_str
        for field, label in (("pgh_created_at", _("waktu")), ("pgh_label", _("peristiwa")),
                             ("pgh_obj", _("data")), ("pgh_context", _("konteks (pengguna, alamat)"))):
            try:
                model._meta.get_field(field).verbose_name = label
            except Exception:  # noqa: BLE001 - an event model without that column keeps its own
                continue
        site.register(model, HistoryAdmin)


def _model_name(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


# pghistory's filters title themselves in English, in strings not marked for translation ("event model"):
# the same filters, titled and offered in Indonesian.
class LabelFilter(pghistory_filters.LabelFilter):
    title = _("perubahan")

    def lookups(self, request, model_admin):
        return [(label, event_label(label)) for label, _shown in super().lookups(request, model_admin)]


class EventModelFilter(pghistory_filters.EventModelFilter):
    title = _("jenis riwayat")

    def lookups(self, request, model_admin):
        choices = [(label, _model_name(label)) for label, _shown in super().lookups(request, model_admin)]
        return sorted(choices, key=lambda choice: choice[1])


class MethodFilter(pghistory_filters.MethodFilter):
    title = _("hubungan")

    def lookups(self, request, model_admin):
        return (("tracks", _("riwayat data ini")), ("references", _("data yang merujuknya")))


class ObjFilter(pghistory_filters.ObjFilter):
    title = _("data")


class ModelFilter(pghistory_filters.ModelFilter):
    title = _("jenis data")


OUR_FILTERS = {pghistory_filters.LabelFilter: LabelFilter, pghistory_filters.EventModelFilter: EventModelFilter,
               pghistory_filters.MethodFilter: MethodFilter, pghistory_filters.ObjFilter: ObjFilter,
               pghistory_filters.ModelFilter: ModelFilter}
# pghistory's subtitle of a narrowed list opens with the method's name ("Tracks <record>").
METHOD_WORDS = {"Tracks": _("Riwayat"), "References": _("Merujuk")}


class EventsAdmin(pghistory_admin.EventsAdmin):
    """django-pghistory's union of every event, shown only once narrowed (PGHISTORY_ADMIN_ALL_EVENTS)
    and never counted in full: a full count builds every event of every table."""

    show_full_result_count = False
    list_per_page = 50
    # No "show counts" link: counting each filter's events builds every event (and pghistory's
    # change list cannot count per filter: the link answered 500).
    show_facets = admin.ShowFacets.NEVER

    def get_list_filter(self, request):
        return [OUR_FILTERS.get(item, item) for item in super().get_list_filter(request)]

    def get_list_display(self, request):
        # The record's kind by its name ("calon penerima"), not its code ("recipients.Candidate").
        return ["data_kind" if item == "pgh_obj_model" else item for item in super().get_list_display(request)]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        subtitle = str(context.get("subtitle") or "")
        if subtitle:
            word, _space, rest = subtitle.partition(" ")
            if word in METHOD_WORDS and "method" in request.GET:
                context["subtitle"] = f"{METHOD_WORDS[word]} {rest}"
            elif "model" in request.GET and "obj" not in request.GET:
                context["subtitle"] = _model_name(subtitle)
        return response

    @admin.display(description=_("jenis data"), ordering="pgh_obj_model")
    def data_kind(self, event):
        return _model_name(event.pgh_obj_model)
