from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.services import DATA_FILE, RegionsFileError, regions_load


class Command(BaseCommand):
    help = ("Load (or refresh) a province's Kemendagri regions from a CSV shaped like regions/data/wilayah_kaltim.csv "
            "(kode,nama,tingkat; its provinsi row included). Without a file: Kalimantan Timur, shipped.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?", default=DATA_FILE)
        parser.add_argument("--paper-place", default="",
                            help="where the file's province signs its papers (Province.paper_place), e.g. Banjarbaru")

    def handle(self, *args, file, paper_place, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        try:
            counts = regions_load(path=file, paper_place=paper_place)
        except RegionsFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(", ".join(f"{level}: {count}" for level, count in counts.items()))
