from django.contrib import admin

from regions.models import Kabupaten, Kecamatan, Kelurahan


@admin.register(Kabupaten)
class KabupatenAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kabupaten")
    list_filter = ("kabupaten",)
    search_fields = ("code", "name")


@admin.register(Kelurahan)
class KelurahanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kecamatan")
    list_filter = ("kecamatan__kabupaten",)
    search_fields = ("code", "name", "kecamatan__name")
