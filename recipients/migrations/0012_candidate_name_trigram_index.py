# The candidate name search from a trigram index (pg_trgm, a trusted extension since PostgreSQL 13,
# so the database's owner may create it). Built CONCURRENTLY: at a million candidates a plain CREATE
# INDEX would hold the uploads for the time it takes.

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('recipients', '0011_programme_year_moves_out'),
    ]

    operations = [
        TrigramExtension(),
        AddIndexConcurrently(
            model_name='candidate',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('name'), name='gin_trgm_ops'), name='candidate_name_trgm'),
        ),
    ]
