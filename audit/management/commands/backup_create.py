from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the media folder (tar) into a new folder under --out."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="folder that receives uep-<date-time>/")

    def handle(self, *args, out, **options):
        try:
            folder = backup_create(target=out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
