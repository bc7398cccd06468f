"""Each province sets its own complaint deadlines: the rows so far were the one deployment's, so they become
the default province's (PAPER_PROVINCE, else the first loaded)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_default_province(apps, schema_editor):
    Province = apps.get_model("regions", "Province")
    CategoryDeadline = apps.get_model("grievances", "CategoryDeadline")
    province = Province.objects.filter(code=settings.PAPER_PROVINCE).first() or Province.objects.order_by("code").first()
    if province is not None:
        CategoryDeadline.objects.filter(province__isnull=True).update(province=province)
    # The deferred checks of this update fire now: the column is altered next, in this transaction.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("grievances", "0003_holidays_and_clock"),
        ("regions", "0006_province_paper_place"),
    ]

    operations = [
        migrations.AddField(
            model_name="categorydeadline",
            name="province",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="regions.province", verbose_name="provinsi"),
        ),
        migrations.RunPython(to_default_province, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="categorydeadline",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="regions.province", verbose_name="provinsi"),
        ),
        migrations.AlterField(
            model_name="categorydeadline",
            name="category",
            field=models.CharField(choices=[
                ("selection", "Penetapan penerima (yang layak tidak diusulkan, atau yang tidak layak menerima)"),
                ("goods", "Barang bantuan"), ("training", "Bimbingan teknis (bimtek)"),
                ("conduct", "Sikap petugas atau pendamping"), ("pungli", "Pungutan liar (diminta uang atau imbalan)"),
                ("fraud", "Penipuan atau penyelewengan"), ("harassment", "Pelecehan atau eksploitasi seksual"),
                ("personal_data", "Data pribadi (bocor atau disalahgunakan)")], max_length=20, verbose_name="kategori"),
        ),
        migrations.AddConstraint(
            model_name="categorydeadline",
            constraint=models.UniqueConstraint(
                fields=("province", "category"), name="category_deadline_unique",
                violation_error_message="Kategori ini sudah punya batas waktu di provinsi itu; ubah barisnya."),
        ),
    ]
