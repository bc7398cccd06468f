import django.db.models.deletion
from django.db import migrations, models

# The province of every kabupaten/kota loaded so far: the deployment served Kalimantan Timur alone.
KNOWN = {"64": "Kalimantan Timur"}


def assign_provinces(apps, schema_editor):
    Province = apps.get_model("regions", "Province")
    Kabupaten = apps.get_model("regions", "Kabupaten")
    prefixes = {code[:2] for code in Kabupaten.objects.values_list("code", flat=True)} | {"64"}
    for prefix in sorted(prefixes):
        province, _ = Province.objects.get_or_create(code=prefix, defaults={"name": KNOWN.get(prefix, f"Provinsi {prefix}")})
        Kabupaten.objects.filter(code__startswith=f"{prefix}.").update(province=province)


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_load_regions")]

    operations = [
        migrations.CreateModel(
            name="Province",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=2, unique=True, verbose_name="kode")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="nama")),
            ],
            options={"verbose_name": "provinsi", "verbose_name_plural": "provinsi", "ordering": ["code"]},
        ),
        migrations.AddField(
            model_name="kabupaten",
            name="province",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="kabupaten_set",
                                    to="regions.province", verbose_name="provinsi"),
        ),
        migrations.RunPython(assign_provinces, migrations.RunPython.noop),
    ]
