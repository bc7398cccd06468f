# The (area, year, status) index gains the id: the field-visit list of one area pages by id after it
# (keyset) from the index instead of walking the primary key past every other area's rows. Built
# CONCURRENTLY before the old one goes, so the uploads and the counts never wait or lose their index.

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('recipients', '0012_candidate_name_trigram_index'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='candidate',
            index=models.Index(fields=['kabupaten', 'programme_year', 'status', 'id'],
                               name='candidate_area_year_status_id'),
        ),
        RemoveIndexConcurrently(
            model_name='candidate',
            name='candidate_area_year_status',
        ),
    ]
