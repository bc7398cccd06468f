from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recipients.generate import candidate_csv, candidate_rows, candidate_xlsx
from regions.models import Kabupaten


class Command(BaseCommand):
    help = "Buat berkas calon penerima sintetis (NIK sah, kecamatan nyata) untuk data contoh dan uji kecepatan."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="kode kabupaten/kota, mis. 64.72")
        parser.add_argument("--rows", type=int, default=100)
        parser.add_argument("--out", required=True, help="berkas .xlsx atau .csv")
        parser.add_argument("--year", type=int, default=2025, help="tahun program (usia calon dihitung darinya)")
        parser.add_argument("--bad-rows", type=int, default=0, help="jumlah baris terakhir yang sengaja salah")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, kabupaten, rows, out, year, bad_rows, seed, **options):
        try:
            kab = Kabupaten.objects.get(code=kabupaten if "." in kabupaten else f"{kabupaten[:2]}.{kabupaten[2:]}")
        except Kabupaten.DoesNotExist:
            raise CommandError(f"Kabupaten/kota {kabupaten} tidak ada.") from None
        data = candidate_rows(kabupaten=kab, rows=rows, year=year, seed=seed, bad_rows=bad_rows)
        path = Path(out)
        path.write_bytes(candidate_csv(data) if path.suffix.lower() == ".csv" else candidate_xlsx(data))
        self.stdout.write(f"{rows} baris ({bad_rows} sengaja salah) untuk {kab.name} ditulis ke {path}.")
