from django.db import migrations
from django.db.models import OuterRef, Subquery


def assign_province(apps, schema_editor):
    """An area's signatory belongs to its kabupaten's province; the Kepala Dinas set so far, to Kalimantan
    Timur's, the one province served."""
    Province = apps.get_model("regions", "Province")
    Kabupaten = apps.get_model("regions", "Kabupaten")
    for name in ("Signatory", "SignatoryHistory"):
        model = apps.get_model("papers", name)
        model.objects.filter(kabupaten__isnull=False).update(
            province=Subquery(Kabupaten.objects.filter(pk=OuterRef("kabupaten")).values("province")[:1]))
        model.objects.filter(kabupaten__isnull=True).update(province=Province.objects.get(code="64"))


class Migration(migrations.Migration):
    dependencies = [("papers", "0002_province"), ("regions", "0004_province_required")]
    operations = [migrations.RunPython(assign_province, migrations.RunPython.noop)]
