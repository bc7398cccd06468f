"""The programme year, moved here from ``quotas`` with its tables (``quotas_programmeyear`` and its history
table keep their names and rows): the models enter this app's state only. Its history triggers are
named after the app, so they are installed here under their new names (``quotas`` 0005 drops the old
ones), and the content types are renamed, so that permissions and admin log entries follow the model."""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("programmeyear", "programmeyearhistory"):
        if not ContentType.objects.filter(app_label="programmes", model=model).exists():
            ContentType.objects.filter(app_label="quotas", model=model).update(app_label="programmes")


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="programmes", model__in=["programmeyear", "programmeyearhistory"]).update(
        app_label="quotas")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('pghistory', '0007_auto_20250421_0444'),
        ('quotas', '0004_drop_min_business_months'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ProgrammeYear',
                fields=[
                    ('year', models.PositiveSmallIntegerField(primary_key=True, serialize=False, verbose_name='tahun')),
                    ('value_per_recipient', models.PositiveBigIntegerField(default=5000000, verbose_name='nilai per penerima (Rp)')),
                    ('desil_max', models.PositiveSmallIntegerField(default=5, verbose_name='desil tertinggi')),
                    ('age_min', models.PositiveSmallIntegerField(default=18, verbose_name='usia minimal')),
                    ('age_max', models.PositiveSmallIntegerField(default=60, verbose_name='usia maksimal')),
                    ('training_required', models.BooleanField(default=True, verbose_name='bimtek wajib sebelum penyaluran')),
                    ('recipients_per_facilitator', models.PositiveSmallIntegerField(default=10, verbose_name='penerima per pendamping')),
                    ('is_open', models.BooleanField(default=True, verbose_name='menerima usulan')),
                ],
                options={
                    'verbose_name': 'tahun program',
                    'verbose_name_plural': 'tahun program',
                    'db_table': 'quotas_programmeyear',
                    'ordering': ['-year'],
                },
            ),
            migrations.CreateModel(
                name='ProgrammeYearHistory',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('year', models.PositiveSmallIntegerField(serialize=False, verbose_name='tahun')),
                    ('value_per_recipient', models.PositiveBigIntegerField(default=5000000, verbose_name='nilai per penerima (Rp)')),
                    ('desil_max', models.PositiveSmallIntegerField(default=5, verbose_name='desil tertinggi')),
                    ('age_min', models.PositiveSmallIntegerField(default=18, verbose_name='usia minimal')),
                    ('age_max', models.PositiveSmallIntegerField(default=60, verbose_name='usia maksimal')),
                    ('training_required', models.BooleanField(default=True, verbose_name='bimtek wajib sebelum penyaluran')),
                    ('recipients_per_facilitator', models.PositiveSmallIntegerField(default=10, verbose_name='penerima per pendamping')),
                    ('is_open', models.BooleanField(default=True, verbose_name='menerima usulan')),
                ],
                options={
                    'db_table': 'quotas_programmeyearhistory',
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='programmeyearhistory',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='programmeyearhistory',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programmes.programmeyear'),
            ),
        ]),
        pgtrigger.migrations.AddTrigger(
            model_name='programmeyear',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "quotas_programmeyearhistory" ("age_max", "age_min", "desil_max", "is_open", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipients_per_facilitator", "training_required", "value_per_recipient", "year") VALUES (NEW."age_max", NEW."age_min", NEW."desil_max", NEW."is_open", _pgh_attach_context(), NOW(), \'insert\', NEW."year", NEW."recipients_per_facilitator", NEW."training_required", NEW."value_per_recipient", NEW."year"); RETURN NULL;', hash='8a992c490984c5b86d99771d503874ee64ab8db6', operation='INSERT', pgid='pgtrigger_insert_insert_8db1d', table='quotas_programmeyear', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programmeyear',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "quotas_programmeyearhistory" ("age_max", "age_min", "desil_max", "is_open", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipients_per_facilitator", "training_required", "value_per_recipient", "year") VALUES (NEW."age_max", NEW."age_min", NEW."desil_max", NEW."is_open", _pgh_attach_context(), NOW(), \'update\', NEW."year", NEW."recipients_per_facilitator", NEW."training_required", NEW."value_per_recipient", NEW."year"); RETURN NULL;', hash='1acc26337e24f3c9c71e9272da725ead70f8e22e', operation='UPDATE', pgid='pgtrigger_update_update_a012c', table='quotas_programmeyear', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programmeyear',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "quotas_programmeyearhistory" ("age_max", "age_min", "desil_max", "is_open", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipients_per_facilitator", "training_required", "value_per_recipient", "year") VALUES (OLD."age_max", OLD."age_min", OLD."desil_max", OLD."is_open", _pgh_attach_context(), NOW(), \'delete\', OLD."year", OLD."recipients_per_facilitator", OLD."training_required", OLD."value_per_recipient", OLD."year"); RETURN NULL;', hash='b16e55f04ad3922710c7a9344f968a8241455195', operation='DELETE', pgid='pgtrigger_delete_delete_2baba', table='quotas_programmeyear', when='AFTER')),
        ),
        migrations.RunPython(content_types_follow, content_types_back),
    ]
