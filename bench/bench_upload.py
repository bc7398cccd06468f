"""Benchmark: a 20,000-row candidate XLSX through our upload (preview, confirm) against a plain
django-import-export ModelResource import of the same file, measured in the same run.

Run: .venv/bin/python bench/bench_upload.py [--rows N] [--repeat N] [--skip-baseline] [--index-compare]
Uses its own database (BENCH_DATABASE_URL, default uep_bench). Ours runs --repeat times (a new
programme year and new people each time) and the median is the figure: this machine is noisy.

``--index-compare`` prices the name search's trigram index (recipients 0012) on the upload: runs with
and without it, alternated in the same process so that the machine's load falls on both alike.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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

    from recipients.contract import COLUMNS

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

    from recipients.contract import COLUMNS

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


def one_upload(*, rows: int, kabupaten, user) -> dict:
    """Preview and confirm one generated file for a new programme year; the seconds of each step."""
    import python_calamine
    from django.core.files.base import ContentFile
    from django.db import connection

    from programmes.models import ProgrammeYear
    from recipients.generate import candidate_rows, candidate_xlsx
    from recipients.models import Upload
    from recipients.services.upload import upload_check, upload_confirm, upload_create

    # A fresh programme year per run, so the NIKs of an earlier run are not duplicates, and a
    # seed per run: the people are new, as in a real first upload (an existing Person costs less).
    year = (ProgrammeYear.objects.order_by("-year").values_list("year", flat=True).first() or 2099) + 1
    programme_year = ProgrammeYear.objects.create(year=max(year, 2100))
    data = candidate_xlsx(candidate_rows(kabupaten=kabupaten, rows=rows, year=2025, seed=programme_year.year))

    t = time.perf_counter()
    python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    figures = {"calamine": time.perf_counter() - t, "data": data}

    upload = upload_create(user=user, kabupaten=kabupaten, programme_year=programme_year,
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
    upload.file.delete(save=False)
    return figures


def run(rows: int, *, repeat: int = 1, baseline: bool = True, out=print) -> dict:
    from accounts.models import Role, User
    from regions.models import Kabupaten

    samarinda = Kabupaten.objects.get(code="64.72")
    user, _ = User.objects.get_or_create(username="bench_upload", defaults={"role": Role.OFFICER,
                                                                             "kabupaten": samarinda})
    runs = []
    for n in range(1, repeat + 1):
        runs.append(one_upload(rows=rows, kabupaten=samarinda, user=user))
        out(f"run {n}: calamine parse {runs[-1]['calamine']:5.2f} s, preview {runs[-1]['preview']:5.2f} s, "
            f"confirm {runs[-1]['confirm']:5.2f} s")
    figures = {key: statistics.median(r[key] for r in runs) for key in ("calamine", "preview", "confirm")}
    out(f"{rows} rows, median of {repeat}:")
    out(f"calamine parse          {figures['calamine']:7.2f} s   (the floor)")
    out(f"our preview (check)     {figures['preview']:7.2f} s   target <= 3 s")
    out(f"our confirm (write)     {figures['confirm']:7.2f} s   target <= 3 s   (one audit row per candidate)")
    if baseline:
        figures["import_export"], imported = baseline_import(runs[-1]["data"])
        ours = figures["preview"] + figures["confirm"]
        out(f"import-export default   {figures['import_export']:7.2f} s   ({imported} rows, "
            f"{imported / figures['import_export']:.0f} rows/s, flat staging table, no checks)")
        out(f"speed-up (import-export / (preview + confirm)): {figures['import_export'] / ours:.1f}x   target >= 5x")
    return figures


TRIGRAM = "candidate_name_trgm"


def index_compare(rows: int, *, repeat: int, out=print) -> None:
    """Preview and confirm with the trigram index and without it, alternated; the index is back at the end."""
    from django.db import connection

    from accounts.models import Role, User
    from regions.models import Kabupaten

    samarinda = Kabupaten.objects.get(code="64.72")
    user, _ = User.objects.get_or_create(username="bench_upload", defaults={"role": Role.OFFICER,
                                                                             "kabupaten": samarinda})
    create = (f"CREATE INDEX IF NOT EXISTS {TRIGRAM} ON recipients_candidate "
              "USING gin ((upper(name::text)) gin_trgm_ops)")
    runs = {"with": [], "without": []}
    try:
        for n in range(1, repeat + 1):
            for variant in ("with", "without"):
                with connection.cursor() as cursor:
                    cursor.execute(create if variant == "with" else f"DROP INDEX IF EXISTS {TRIGRAM}")
                    cursor.execute("ANALYZE recipients_candidate")
                    # The index build's writes flushed before the timed run, not during it.
                    cursor.execute("CHECKPOINT")
                figures = one_upload(rows=rows, kabupaten=samarinda, user=user)
                runs[variant].append(figures)
                out(f"run {n} {variant:<7} index: calamine {figures['calamine']:5.2f} s, preview "
                    f"{figures['preview']:5.2f} s, confirm {figures['confirm']:5.2f} s  (load {os.getloadavg()[0]:.1f})")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(create)
    for variant, done in runs.items():
        out(f"median {variant:<7} the trigram index: preview {statistics.median(r['preview'] for r in done):5.2f} s, "
            f"confirm {statistics.median(r['confirm'] for r in done):5.2f} s  (target <= 3 s each)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--index-compare", action="store_true", help="with and without the name search's index")
    args = parser.parse_args()
    # The scratch database: chosen here, not when a test imports this module.
    __import__("_env")

    setup_database()
    import tempfile

    from django.conf import settings

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench_upload_")
    if args.index_compare:
        index_compare(args.rows, repeat=args.repeat)
    else:
        run(args.rows, repeat=args.repeat, baseline=not args.skip_baseline)
