import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verification.services import snapshots


class Command(BaseCommand):
    help = "Load a DTKS/DTSEN extract (CSV or XLSX) as a dated snapshot, in this process."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--date", type=dt.date.fromisoformat, required=True, help="date of the extract, YYYY-MM-DD")
        parser.add_argument("--label", default="")

    def handle(self, *args, file, date, label, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        snapshot = snapshots.snapshot_create(extract_date=date, label=label, path=file)
        snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
        self.stdout.write(f"Snapshot #{snapshot.id} {snapshot.get_status_display()}: {snapshot.loaded_count} loaded, "
                          f"{snapshot.refused_count} refused of {snapshot.row_count}")
        for refusal in snapshot.refusals[:20]:
            self.stdout.write(f"  row {refusal['row']}: {refusal['reason']}")
        if snapshot.message:
            self.stdout.write(snapshot.message)
