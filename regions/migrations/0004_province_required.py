import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0003: PostgreSQL refuses to alter a table with the updates of the same transaction pending."""

    dependencies = [("regions", "0003_province")]

    operations = [
        migrations.AlterField(
            model_name="kabupaten",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="kabupaten_set",
                                    to="regions.province", verbose_name="provinsi"),
        ),
        migrations.AlterField(
            model_name="kabupaten",
            name="name",
            field=models.CharField(max_length=100, verbose_name="nama"),
        ),
        migrations.AddConstraint(
            model_name="kabupaten",
            constraint=models.UniqueConstraint(fields=("province", "name"), name="kabupaten_unique_name"),
        ),
    ]
