"""The programme year moved to the ``programmes`` app; its table did not. State only: no table, column or
constraint changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0001_initial'),
        ('recipients', '0010_candidate_list_order_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='candidate',
                name='programme_year',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='candidates', to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='candidatehistory',
                name='programme_year',
                field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='upload',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='programmes.programmeyear', verbose_name='tahun'),
            ),
        ]),
    ]
