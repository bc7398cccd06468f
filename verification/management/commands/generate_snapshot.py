from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verification.synthetic import candidate_people, generate_snapshot_file


class Command(BaseCommand):
    help = ("Write a synthetic DTKS extract of N rows (valid NIKs in Kaltim regions, desil 1-10) as CSV; with "
            "--from-candidates the year's candidates come first, so that verifying them passes most and refuses "
            "some for real reasons (too well-off, not registered).")

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True, help="at least the candidates taken, if any")
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--seed", type=int, default=64)
        parser.add_argument("--from-candidates", type=int, metavar="YEAR",
                            help="take the people of this programme year's candidates")

    def handle(self, *args, rows, out, seed, from_candidates, **options):
        people = []
        if from_candidates:
            from recipients.models import Candidate

            people = candidate_people(Candidate.objects.filter(programme_year__year=from_candidates))
            if not people:
                raise CommandError(f"no candidates in {from_candidates}")
        count = generate_snapshot_file(rows=max(rows, len(people)), out=out, seed=seed, people=people)
        self.stdout.write(f"{count} rows written to {out}" + (f", {len(people)} of them the candidates' people"
                                                              if people else ""))
