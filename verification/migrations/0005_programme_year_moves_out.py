"""The programme year moved to the ``programmes`` app; its table did not. State only: no table, column or
constraint changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0001_initial'),
        ('verification', '0004_chunk_leases_and_tallies'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='verificationjob',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='verification_jobs', to='programmes.programmeyear', verbose_name='tahun'),
            ),
        ]),
    ]
