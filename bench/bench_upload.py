"""Benchmark: a 20,000-row candidate XLSX through our upload (preview, confirm) against a plain
django-import-export ModelResource import of the same file, measured in the same run.

Run on a database of its own:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench DJANGO_DEBUG=true .venv/bin/python bench/bench_upload.py
Options: --rows N (default 20000), --skip-baseline.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uep.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")


def setup_database() -> None:
    import subprocess

    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def staging_model():
    """A flat staging table, one text column per contract column: import-export's simplest target."""
    from django.db import models

    from recipients.upload import COLUMNS

    attrs = {name.lower(): models.TextField(blank=True, default="") for name in COLUMNS}
    attrs["nik"] = models.CharField(max_length=32, db_index=True)
    attrs["__module__"] = __name__
    attrs["Meta"] = type("Meta", (), {"app_label": "recipients", "db_table": "bench_staging_candidate"})
    return type("BenchStagingCandidate", (models.Model,), attrs)


def baseline_import(data: bytes) -> tuple[float, int]:
    """django-import-export's default path: tablib (openpyxl) load, ModelResource.import_data, dry_run=False."""
    import tablib
    from django.db import connection
    from import_export import fields, resources

    from recipients.upload import COLUMNS

    model = staging_model()
    with connection.schema_editor() as editor:
        editor.execute("DROP TABLE IF EXISTS bench_staging_candidate")
        editor.create_model(model)
    attrs = {name.lower(): fields.Field(attribute=name.lower(), column_name=name) for name in COLUMNS}
    attrs["Meta"] = type("Meta", (), {"model": model, "import_id_fields": ("nik",), "fields": tuple(attrs)})
    resource = type("StagingResource", (resources.ModelResource,), attrs)()
    try:
        start = time.perf_counter()
        dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        result = resource.import_data(dataset, dry_run=False, raise_errors=False)
        elapsed = time.perf_counter() - start
        return elapsed, result.totals.get("new", 0)
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(model)


def run(rows: int, *, baseline: bool = True, out=print) -> dict:
    import python_calamine
    from django.core.files.base import ContentFile
    from django.db import connection

    from accounts.models import Role, User
    from quotas.models import ProgrammeYear
    from recipients.generate import candidate_rows, candidate_xlsx
    from recipients.models import Upload
    from recipients.upload import upload_check, upload_confirm, upload_create
    from regions.models import Kabupaten

    samarinda = Kabupaten.objects.get(code="64.72")
    user, _ = User.objects.get_or_create(username="bench_upload", defaults={"role": Role.OFFICER,
                                                                             "kabupaten": samarinda})
    # A fresh programme year per run, so the NIKs of an earlier run are not duplicates.
    year = (ProgrammeYear.objects.order_by("-year").values_list("year", flat=True).first() or 2099) + 1
    programme_year = ProgrammeYear.objects.create(year=max(year, 2100))

    t = time.perf_counter()
    # A seed per run: the people are new, as in a real first upload (an existing Person costs less).
    data = candidate_xlsx(candidate_rows(kabupaten=samarinda, rows=rows, year=2025, seed=programme_year.year))
    out(f"generated {rows} rows ({len(data) / 1048576:.1f} MB) in {time.perf_counter() - t:.2f} s")

    t = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    book.get_sheet_by_index(0).to_python()
    figures = {"calamine": time.perf_counter() - t}

    upload = upload_create(user=user, kabupaten=samarinda, programme_year=programme_year,
                           file=ContentFile(data, name="bench.xlsx"))
    t = time.perf_counter()
    upload_check(upload=upload)
    figures["preview"] = time.perf_counter() - t
    assert upload.status == Upload.Status.PREVIEW and upload.accepted_count == rows, upload.messages[:3]

    t = time.perf_counter()
    upload_confirm(upload=upload, user=user)
    figures["confirm"] = time.perf_counter() - t
    assert upload.status == Upload.Status.CONFIRMED, upload.messages[:3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM recipients_candidatehistory WHERE upload_id = %s", [upload.id])
        audited = cursor.fetchone()[0]
    assert audited == rows, f"audit rows {audited} != {rows}"

    out(f"calamine parse          {figures['calamine']:7.2f} s   (the floor)")
    out(f"our preview (check)     {figures['preview']:7.2f} s   target <= 3 s")
    out(f"our confirm (write)     {figures['confirm']:7.2f} s   target <= 3 s   ({audited} audit rows written)")
    if baseline:
        figures["import_export"], imported = baseline_import(data)
        ours = figures["preview"] + figures["confirm"]
        out(f"import-export default   {figures['import_export']:7.2f} s   ({imported} rows, "
            f"{imported / figures['import_export']:.0f} rows/s, flat staging table, no checks)")
        out(f"speed-up (import-export / (preview + confirm)): {figures['import_export'] / ours:.1f}x   target >= 5x")
    upload.file.delete(save=False)
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    setup_database()
    import tempfile

    from django.conf import settings

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench_upload_")
    run(args.rows, baseline=not args.skip_baseline)
