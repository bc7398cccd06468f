"""The registry's province column: each snapshot's partition is partitioned by it (loading.py).

Added with a constant default, so the rows of the snapshots already loaded (Kalimantan Timur's, all
of them) read 64 without the tables being rewritten."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("verification", "0007_snapshot_dropped"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE verification_registryrecord ADD COLUMN province smallint NOT NULL DEFAULT 64",
            "ALTER TABLE verification_registryrecord DROP COLUMN province",
            state_operations=[migrations.AddField(
                "registryrecord", "province", models.SmallIntegerField(default=64, verbose_name="kode provinsi"))],
        ),
    ]
