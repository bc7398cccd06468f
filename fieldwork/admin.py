"""Visits sent by phones, as they arrived: shown, never added, changed or deleted in the admin. A conflict is
settled on its page (``/lapangan/konflik/``, ``fieldwork.services``); deleting a row would let a phone's
second send write the visit again."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdmin, ScopedAdmin
from audit.admin import PersonalDataAdmin
from fieldwork.models import Submission, SubmissionPhoto


def photo_link(self, obj):
    # Through the page's own guarded view (the area's writer), never the media path.
    return format_html('<a href="{}">{}</a>', reverse("fieldwork:conflict_photo", args=[obj.pk]), _("lihat foto"))


photo_link.short_description = _("foto")


class SubmissionPhotoInline(ReadOnlyAdmin, admin.TabularInline):
    model = SubmissionPhoto
    extra = 0
    fields = ("photo_link",)
    readonly_fields = ("photo_link",)
    photo_link = photo_link


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin, PersonalDataAdmin, ScopedAdmin):
    list_display = ("received_at", "kind", "candidate", "status", "user", "settled_choice", "settled_at")
    list_filter = ("kind", "status", ("candidate__kabupaten", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("candidate", "user")
    search_fields = ("candidate__name",)
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    date_hierarchy = "received_at"
    inlines = [SubmissionPhotoInline]


@admin.register(SubmissionPhoto)
class SubmissionPhotoAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ("id", "submission", "photo_link")
    list_filter = (("submission__candidate__kabupaten", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("submission__candidate",)
    search_fields = ("submission__candidate__name",)
    fields = ("submission", "photo_link")
    readonly_fields = ("photo_link",)
    photo_link = photo_link
