from django.core.management.base import BaseCommand

from audit.services.files import files_sweep


class Command(BaseCommand):
    help = "Delete uploaded candidate lists and DTKS extracts the file rule no longer keeps (see the README)."

    def handle(self, *args, **options):
        result = files_sweep()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
