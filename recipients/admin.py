from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ScopedAdmin
from audit.admin import PersonalDataAdmin, masked
from recipients.models import Candidate, CandidateEvent, Person, Upload


@admin.register(Person)
class PersonAdmin(PersonalDataAdmin):
    list_display = ("name", masked("nik", _("NIK")), "sex", "birth_date")
    search_fields = ("name",)
    number_fields = ("nik",)
    list_filter = ("sex",)

    def get_queryset(self, request):
        # A person is visible through a candidacy in the user's area.
        qs = super().get_queryset(request)
        if request.user.sees_all_areas:
            return qs
        return qs.filter(candidacies__in=Candidate.objects.visible_to(request.user)).distinct()


class CandidateEventInline(admin.TabularInline):
    model = CandidateEvent
    extra = 0
    # Not ``data``: the ids the act kept for the code ({"training_session": 2}), nothing a person reads.
    fields = readonly_fields = ("at", "user", "status", "message")
    can_delete = False


@admin.register(Candidate)
class CandidateAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("person", "programme_year", "kabupaten", "kecamatan", "status", "desil_proposed", "created_at")
    list_filter = ("programme_year", "status", "kabupaten", "business_status")
    search_fields = ("name",)
    number_fields = ("person__nik", "no_kk")
    raw_id_fields = ("person", "upload", "kecamatan", "kelurahan")
    list_select_related = ("person", "kabupaten", "kecamatan")
    inlines = [CandidateEventInline]


@admin.register(Upload)
class UploadAdmin(ScopedAdmin):
    list_display = ("original_name", "kabupaten", "programme_year", "uploaded_by", "uploaded_at", "status",
                    "accepted_count", "refused_count")
    list_filter = ("programme_year", "status", "kabupaten")
    search_fields = ("original_name", "uploaded_by__username")
