from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore a backup folder into a NEW database and a media folder, then compare every table's "
            "row count with the backup's manifest.")

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="a folder written by backup_create")
        parser.add_argument("--database-url", required=True, help="postgres://.../<new database>")
        parser.add_argument("--media-root", type=Path, required=True)

    def handle(self, *args, source, database_url, media_root, **options):
        try:
            differ = backup_restore(source=source, database_url=database_url, media_root=media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if differ:
            raise CommandError("Row counts differ from the backup: "
                               + ", ".join(f"{t} {a} -> {b}" for t, (a, b) in sorted(differ.items())))
        self.stdout.write("Restored; every table's row count matches the backup.")
