from django.contrib import admin

from regions.models import Kabupaten, Kecamatan, Kelurahan, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "paper_place")
    search_fields = ("code", "name")
    fields = ("code", "name", "paper_place", "letterhead")


@admin.register(Kabupaten)
class KabupatenAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "province")
    list_filter = ("province",)
    search_fields = ("code", "name")


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kabupaten")
    list_filter = ("kabupaten__province", "kabupaten")
    search_fields = ("code", "name")


@admin.register(Kelurahan)
class KelurahanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kecamatan")
    list_filter = ("kecamatan__kabupaten__province", "kecamatan__kabupaten")
    search_fields = ("code", "name", "kecamatan__name")
