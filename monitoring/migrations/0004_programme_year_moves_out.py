"""The programme year moved to the ``programmes`` app; its table did not. State only: no table, column or
constraint changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0003_visit_items'),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='report',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='monitoring_reports', to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='round',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='monitoring_rounds', to='programmes.programmeyear', verbose_name='tahun'),
            ),
        ]),
    ]
