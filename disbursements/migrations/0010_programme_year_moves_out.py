"""The programme year moved to the ``programmes`` app; its table did not. State only: no table, column or
constraint changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disbursements', '0009_stock_acts'),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='bastsequence',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programmes.programmeyear'),
            ),
            migrations.AlterField(
                model_name='contract',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='contracthistory',
                name='programme_year',
                field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='deliverycheck',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='handoverday',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='itemprice',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='packagetype',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='packages', to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='packagetypehistory',
                name='programme_year',
                field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programmes.programmeyear', verbose_name='tahun'),
            ),
            migrations.AlterField(
                model_name='trainingsession',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='programmes.programmeyear', verbose_name='tahun'),
            ),
        ]),
    ]
