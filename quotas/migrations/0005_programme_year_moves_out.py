"""The programme year moved to the ``programmes`` app; its tables did not. The model leaves this app's
state; its history triggers, named after the app, are dropped here (``programmes`` installs them under
their new names)."""

import django.db.models.deletion
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disbursements', '0010_programme_year_moves_out'),
        ('monitoring', '0004_programme_year_moves_out'),
        ('programmes', '0001_initial'),
        ('quotas', '0004_drop_min_business_months'),
        ('recipients', '0011_programme_year_moves_out'),
        ('verification', '0005_programme_year_moves_out'),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name='programmeyear', name='insert_insert'),
        pgtrigger.migrations.RemoveTrigger(model_name='programmeyear', name='update_update'),
        pgtrigger.migrations.RemoveTrigger(model_name='programmeyear', name='delete_delete'),
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='quotaentryhistory',
                name='programme_year',
                field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programmes.programmeyear'),
            ),
            migrations.AlterField(
                model_name='quotaentry',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quota_entries', to='programmes.programmeyear'),
            ),
            migrations.AlterField(
                model_name='budgetdocument',
                name='programme_year',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='budget_documents', to='programmes.programmeyear'),
            ),
            migrations.AlterField(
                model_name='budgetdocumenthistory',
                name='programme_year',
                field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programmes.programmeyear'),
            ),
            migrations.RemoveField(model_name='programmeyearhistory', name='pgh_obj'),
            migrations.RemoveField(model_name='programmeyearhistory', name='pgh_context'),
            migrations.DeleteModel(name='ProgrammeYear'),
            migrations.DeleteModel(name='ProgrammeYearHistory'),
        ]),
    ]
