"""The outbox, the numbers that replied STOP and the restricted people, in the admin: shown, never added,
changed or deleted (the services write them with their event, the provider's reply, the data request).
Scoped like the app: an area's user sees its area's notices without the complaint notices; a sensitive
complaint's notices only who may handle it (``notices.selectors.notices_visible_to``). Numbers are masked
in lists; on a record's page in full only to whom ``may_see_full_numbers`` allows."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import KindFilter, ReadOnlyAdmin
from accounts.permissions import may_see_full_numbers
from audit.admin import NumbersOnDetailAdmin, masked, masked_field
from notices.models import Kind, Notice, OptOut, Restriction
from notices.selectors import AREA_KINDS, notices_visible_to


class NoticeKindFilter(KindFilter):
    """The kinds a user reads: an area's user is never offered the complaint notices."""

    title = _("jenis")
    parameter_name = "jenis"

    def kinds(self, request):
        return [(kind, Kind(kind).label) for kind in (Kind.values if request.user.sees_all_areas else AREA_KINDS)]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin, NumbersOnDetailAdmin):
    list_display = ("created_at", "kind", "kabupaten", "candidate", masked("phone", _("No. HP")), "status",
                    "attempts", "sent_at")
    list_filter = ("status", NoticeKindFilter, ("kabupaten", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("kabupaten", "candidate")
    search_fields = ("candidate__name",)
    show_full_result_count = False
    fields = ("key", "kind", "kabupaten", "candidate", "phone", "text", "status", "not_before", "created_at",
              "queued_at", "attempts", "sent_at", "provider", "provider_ref", "error")
    masked_numbers = ("phone",)
    phone_masked = masked_field("phone", _("No. HP"))

    def get_queryset(self, request):
        return notices_visible_to(request.user)

    def numbers_restricted(self, obj) -> bool:
        return obj.candidate_id is not None and Restriction.objects.filter(
            person__candidacies__id=obj.candidate_id).exists()


def _own_area(user) -> int | None:
    return None if user.sees_all_areas else user.kabupaten_id


@admin.register(OptOut)
class OptOutAdmin(ReadOnlyAdmin, NumbersOnDetailAdmin):
    """A number has no area: an area's user sees the numbers of the notices it may read."""

    list_display = (masked("phone", _("No. HP")), "at", "word")
    fields = ("phone", "at", "word")
    masked_numbers = ("phone",)
    phone_masked = masked_field("phone", _("No. HP"))
    date_hierarchy = "at"

    def get_queryset(self, request):
        opt_outs = super().get_queryset(request)
        if request.user.sees_all_areas:
            return opt_outs
        return opt_outs.filter(phone__in=notices_visible_to(request.user).values("phone"))

    def numbers_full(self, request, obj) -> bool:
        return obj is not None and may_see_full_numbers(request.user, kabupaten_id=_own_area(request.user))


@admin.register(Restriction)
class RestrictionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Set and lifted by the data-protection officer's answer to a request (``/data-pribadi/``)."""

    list_display = ("person", "since", "reason")
    search_fields = ("person__name",)
    fields = ("person", "since", "reason")

    def get_queryset(self, request):
        restrictions = super().get_queryset(request).select_related("person")
        user = request.user
        if not user.can_write:  # as the data requests: who only reads sees none
            return restrictions.none()
        if user.sees_all_areas:
            return restrictions
        if user.kabupaten_id is None:
            return restrictions.none()
        # A person restricted is seen by the areas of their candidacies (Candidate.objects.visible_to).
        return restrictions.filter(person__candidacies__kabupaten_id=user.kabupaten_id).distinct()
