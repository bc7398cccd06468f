from pathlib import Path

from django.core.management.base import BaseCommand

from verification.services.prior_recipients import prior_recipients_import


class Command(BaseCommand):
    help = "Import earlier UEP/WRSE/KUBE recipients (CSV or XLSX with NIK, NO_KK, TAHUN, SKEMA)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="")

    def handle(self, *args, file, source, **options):
        result = prior_recipients_import(name=file.name, content=file.read_bytes(),
                                                  source=source or file.name)
        self.stdout.write(f"{result['created']} imported, {result['skipped']} already known, "
                          f"{len(result['refusals'])} refused")
        for refusal in result["refusals"][:50]:
            self.stdout.write(f"  row {refusal['row']}: {refusal['reason']}")
