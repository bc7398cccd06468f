from pathlib import Path

from django.core.management.base import BaseCommand

from verification.synthetic import generate_snapshot_file


class Command(BaseCommand):
    help = "Write a synthetic DTKS extract of N rows (valid NIKs in Kaltim regions, desil 1-10) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--seed", type=int, default=64)

    def handle(self, *args, rows, out, seed, **options):
        count = generate_snapshot_file(rows=rows, out=out, seed=seed)
        self.stdout.write(f"{count} rows written to {out}")
