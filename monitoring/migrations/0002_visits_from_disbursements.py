"""Visits recorded before the monitoring app carry over as visits outside the rounds."""

import json

from django.db import migrations

# The old English states map onto the outcomes of a visit.
OUTCOMES = {"growing": "berkembang", "running": "berjalan", "struggling": "tersendat", "closed": "tutup"}


def copy_visits(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_visit (candidate_id, round_id, due_on, visited_on, outcome, monthly_revenue,
                                          reason, notes, photo, recorded_by_id, recorded_at)
            SELECT candidate_id, NULL, NULL, visited_on,
                   (%s::jsonb ->> state), monthly_revenue, '', notes, photo, recorded_by_id, recorded_at
            FROM disbursements_monitoringvisit
            """, [json.dumps(OUTCOMES)])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("disbursements", "0004_fewer_indexes"),
    ]

    operations = [migrations.RunPython(copy_visits, migrations.RunPython.noop)]
