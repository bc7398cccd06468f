import datetime as dt

from django.core.management.base import BaseCommand

from audit.services.retention import personal_data_anonymise


class Command(BaseCommand):
    help = ("Anonymise the personal data of candidates never decided, RETENTION_YEARS after their programme "
            "year closed (counts, decisions, handovers and the audit trail stay). Run with --dry-run first.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would be anonymised, change nothing")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD; today (WITA) when left out")

    def handle(self, *args, dry_run, today, **options):
        result = personal_data_anonymise(today=today, dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(f"{verb}, programme years up to {result.last_year}: {result.candidates} candidacies, "
                          f"{result.people} people, {result.field_visits} field visits ({result.photos} photos), "
                          f"refused rows of {result.uploads} uploads.")
