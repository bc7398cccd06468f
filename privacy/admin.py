"""The family's data requests in the admin: shown to whom the app shows them (``requests_visible_to``: an
area's writer their area's, provincial staff all, viewers none), never added, changed or deleted here: they
are recorded and answered on ``/data-pribadi/``, whose services keep the 3 x 24 hour clock and the restriction."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdmin
from audit.admin import NumbersOnDetailAdmin, PersonalDataAdmin, masked, masked_field
from privacy.models import DataRequest
from privacy.selectors import requests_visible_to


@admin.register(DataRequest)
class DataRequestAdmin(ReadOnlyAdmin, NumbersOnDetailAdmin, PersonalDataAdmin):
    list_display = ("received_at", "kind", masked("nik", _("NIK")), "requester_name", "kabupaten", "channel",
                    "due_at", "closed_at")
    list_filter = ("kind", "channel", ("kabupaten", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("kabupaten",)
    search_fields = ("requester_name",)
    number_fields = ("nik",)
    masked_numbers = ("nik",)
    nik_masked = masked_field("nik", _("NIK"))

    def get_queryset(self, request):
        return requests_visible_to(request.user)

    def personal_data_area(self, obj):
        return obj.kabupaten
