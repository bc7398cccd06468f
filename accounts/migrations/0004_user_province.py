import django.db.models.deletion
from django.db import migrations, models


def assign_province(apps, schema_editor):
    """Every user so far worked for Kalimantan Timur, the one province served; an officer's is its
    kabupaten's (the same here)."""
    Province = apps.get_model("regions", "Province")
    User = apps.get_model("accounts", "User")
    kaltim = Province.objects.get(code="64")
    User.objects.filter(kabupaten__isnull=True).update(province=kaltim)
    for province_id in set(User.objects.filter(kabupaten__isnull=False).values_list("kabupaten__province", flat=True)):
        User.objects.filter(kabupaten__province=province_id).update(province=province_id)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_alter_user_options"),
        ("regions", "0004_province_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="province",
            field=models.ForeignKey(blank=True, help_text="Wajib kecuali untuk superuser teknis; petugas dan pemantau "
                                    "kabupaten/kota mengikuti provinsi wilayahnya.", null=True,
                                    on_delete=django.db.models.deletion.PROTECT, related_name="users",
                                    to="regions.province", verbose_name="provinsi"),
        ),
        migrations.RunPython(assign_province, migrations.RunPython.noop),
    ]
