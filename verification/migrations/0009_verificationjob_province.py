import django.db.models.deletion
from django.db import migrations, models


def assign_province(apps, schema_editor):
    """Every job so far verified Kalimantan Timur's candidates, the one province served."""
    Province = apps.get_model("regions", "Province")
    apps.get_model("verification", "VerificationJob").objects.update(province=Province.objects.get(code="64"))


class Migration(migrations.Migration):
    dependencies = [
        ("verification", "0008_registry_province"),
        ("regions", "0004_province_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="verificationjob",
            name="province",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="regions.province", verbose_name="provinsi"),
        ),
        migrations.RunPython(assign_province, migrations.RunPython.noop),
    ]
