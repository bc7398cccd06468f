import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0009: PostgreSQL refuses to alter a table with the updates of the same transaction pending."""

    dependencies = [("verification", "0009_verificationjob_province")]

    operations = [
        migrations.AlterField(
            model_name="verificationjob",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="regions.province", verbose_name="provinsi"),
        ),
    ]
