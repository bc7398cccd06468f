from django.core.management.base import BaseCommand

from audit.services.snapshots import snapshots_drop
from verification.models import Snapshot


class Command(BaseCommand):
    help = ("Detach and drop the rows of every DTKS/DTSEN snapshot nothing rests on (not among the newest "
            "SNAPSHOT_KEEP_LATEST, no verification running, no decision and no desil-movement figure on it); "
            "the snapshot's row stays, marked dropped. Nightly on Celery beat. Run with --dry-run first.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would be dropped, drop nothing")
        parser.add_argument("--keep-latest", type=int, help="the newest ready snapshots always kept "
                                                            "(default SNAPSHOT_KEEP_LATEST)")

    def handle(self, *args, dry_run, keep_latest, **options):
        result = snapshots_drop(keep_latest=keep_latest, dry_run=dry_run)
        names = {s.id: str(s) for s in Snapshot.objects.filter(id__in=[*result.kept, *result.dropped,
                                                                        *result.skipped])}
        for snapshot_id, reasons in sorted(result.kept.items()):
            self.stdout.write(f"kept    #{snapshot_id} {names.get(snapshot_id, '')}: {', '.join(reasons)}")
        verb = "would drop" if dry_run else "dropped"
        for snapshot_id, size in result.dropped.items():
            self.stdout.write(f"{verb:<7} #{snapshot_id} {names[snapshot_id]}: {size / 1e6:.0f} MB")
        for snapshot_id in result.skipped:
            self.stdout.write(f"busy    #{snapshot_id} {names[snapshot_id]}: the registry was locked, next run")
        self.stdout.write(f"{len(result.dropped)} snapshot(s) {verb}, {sum(result.dropped.values()) / 1e6:.0f} MB.")
