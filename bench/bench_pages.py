"""Benchmark: the main pages for each role at 100,000 candidates (or 1,000,000), beside a trivial
page and a raw count measured in the same run.

Run: .venv/bin/python bench/bench_pages.py [--candidates 100000|1000000] [--repeat 15] [--only PATH]
Uses its own database (BENCH_DATABASE_URL, default uep_bench_pages, uep_bench_pages_1000000 for a
million): seeded once through the project's own paths (seed_demo; one upload of 10,000 rows per
kabupaten/kota, checked and confirmed by COPY), then the case states spread set-based and ANALYZE.
Past 100,000 the year's candidates are copied set-based (INSERT ... SELECT, new people, triggers
off) into the years before it: a million is ten years of ten areas, the size the lists must hold.
A later run reuses it.

The long lists are read by keyset (uep/keyset.py): "deep" is a page about 90 % of the way down the
role's list (its cursor built here as the pager builds it), "cari" a name search of a common
surname part ("kurnia", about 5 % of the names) from the trigram index.

``--export`` times the province's candidate export (every row) in two fresh processes: the
background job's streamed file, and the former in-request path (model objects into an in-memory
workbook) as the baseline; each prints its seconds and peak memory.

Each page is fetched by Django's test Client, logged in as the role: one warm-up, then
``--repeat`` timed requests. Printed: p50 and p95 in ms, queries, HTML bytes, and the target
(lists p95 <= 150 ms, summaries <= 300 ms, every page <= 300 KB).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _database_for_size() -> str:
    """One scratch database per size: the million-row one is not the 100,000-row one grown."""
    size = next((a.split("=", 1)[1] if "=" in a else sys.argv[i + 2] for i, a in enumerate(sys.argv[1:])
                 if a.startswith("--candidates")), "100000")
    return "uep_bench_pages" if int(size) <= 100_000 else f"uep_bench_pages_{int(size)}"


os.environ.setdefault("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{_database_for_size()}")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401 - the scratch database and settings

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")

LIST_P95_MS = 100  # at 100,000 candidates; 150 ms at a million (issue 22)
LIST_P95_MS_LARGE = 150
SUMMARY_P95_MS = 300
MAX_BYTES = 300 * 1024
YEAR = 2025

# (path, kind, roles): kind "list" or "summary"; roles by the demo usernames.
READERS = ("samarinda", "provinsi", "pemantau")
WRITERS = ("samarinda", "provinsi")
SEARCH = "kurnia"
# A path with {deep} is read at a cursor about 90 % down the role's list; a "cari" entry posts the
# candidate list's search first (its filters live in the session, never in the URL).
PAGES = [
    ("/", "summary", READERS),
    ("/calon/", "list", READERS),
    ("/calon/?page={deep}", "list", READERS),
    ("/calon/ cari", "list", READERS),
    ("/calon/unggahan/", "list", READERS),
    ("/verifikasi/", "list", READERS),
    ("/verifikasi/lapangan/", "list", WRITERS),
    ("/verifikasi/lapangan/?page={deep}", "list", WRITERS),
    (f"/verifikasi/lapangan/?q={SEARCH}", "list", WRITERS),
    ("/kuota/", "summary", READERS),
    (f"/kuota/tahun/{YEAR}/kuota/", "summary", READERS),
    (f"/kuota/tahun/{YEAR}/penetapan/64.72/", "list", READERS),
    (f"/kuota/tahun/{YEAR}/penetapan/64.72/?halaman={{deep}}", "list", READERS),
    (f"/kuota/tahun/{YEAR}/penetapan/64.72/?q={SEARCH}", "list", READERS),
    ("/penyaluran/", "list", READERS),
    ("/penyaluran/bimtek/", "list", WRITERS),
    ("/monitoring/", "list", READERS),
    ("/monitoring/keberlanjutan/", "summary", READERS),
    ("/monitoring/pendapatan/", "summary", READERS),
    ("/monitoring/alur/", "summary", READERS),
    ("/admin/pghistory/events/", "list", ("admin",)),
    ("/admin/recipients/candidatehistory/", "list", ("admin",)),
    ("/admin/audit/dataaccess/", "list", ("admin",)),
]
BASELINE_PAGE = "/akun/ubah-sandi/"  # the layout and a form, no data


def setup_database() -> None:
    import subprocess

    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(candidates: int, out=print) -> None:
    """Demo data, then ``candidates`` more through uploads, spread over the states; idempotent."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from programmes.models import ProgrammeYear
    from recipients.generate import HEADERS, candidate_csv, candidate_rows
    from recipients.models import Candidate, Upload
    from recipients.services.upload import upload_check, upload_confirm, upload_create
    from regions.models import Kabupaten

    if Candidate.objects.count() >= candidates:
        return
    if Candidate.objects.filter(programme_year_id=YEAR).count() >= BASE:
        return seed_years(candidates, out=out)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    programme_year = ProgrammeYear.objects.get(year=YEAR)
    user = User.objects.get(username="provinsi")
    areas = list(Kabupaten.objects.order_by("code"))
    per_area = min(candidates, BASE) // len(areas)
    package = HEADERS.index("PAKET_USULAN")
    for n, kabupaten in enumerate(areas):
        name = f"bench-{kabupaten.digits}.csv"
        if Upload.objects.filter(original_name=name, status=Upload.Status.CONFIRMED).exists():
            continue
        start = time.perf_counter()
        rows = candidate_rows(kabupaten=kabupaten, rows=per_area, year=YEAR, seed=1000 + n, serial_start=5000)
        for row in rows:  # the package is chosen later; a code the catalogue lacks would refuse the row
            row[package] = ""
        upload = upload_create(user=user, kabupaten=kabupaten, programme_year=programme_year,
                               file=ContentFile(candidate_csv(rows), name=name))
        upload_check(upload=upload)
        if upload.status == Upload.Status.PREVIEW and upload.accepted_count:
            upload_confirm(upload=upload, user=user)
        out(f"  {kabupaten.name}: {upload.accepted_count} candidates in {time.perf_counter() - start:.1f} s")
    # The states a year reaches, spread set-based (the benchmark measures reading, not the acts):
    # per kabupaten/kota by id, 60 trained, 105 decided, 200 in reserve, then the rest by id.
    with connection.cursor() as cursor:
        cursor.execute("""
            WITH ranked AS (
                SELECT id, row_number() OVER (PARTITION BY kabupaten_id ORDER BY id) AS n
                FROM recipients_candidate WHERE programme_year_id = %s)
            UPDATE recipients_candidate c SET
                status = CASE WHEN r.n <= 60 THEN 'trained' WHEN r.n <= 165 THEN 'decided'
                              WHEN r.n <= 365 THEN 'reserve'
                              WHEN c.id %% 10 < 4 THEN 'proposed' WHEN c.id %% 10 < 6 THEN 'desk_failed'
                              WHEN c.id %% 10 < 8 THEN 'desk_passed' WHEN c.id %% 10 < 9 THEN 'field_eligible'
                              ELSE 'field_ineligible' END,
                reserve_rank = CASE WHEN r.n > 165 AND r.n <= 365 THEN r.n - 165 END,
                desil_dtks = CASE WHEN c.id %% 10 >= 6 OR r.n <= 365 THEN 1 + c.id %% 5 END
            FROM ranked r WHERE r.id = c.id""", [YEAR])
    # The steady state autovacuum reaches: statistics current and the visibility map set, so the
    # counts read the (kabupaten, year, status) index alone.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    if candidates > BASE:
        seed_years(candidates, out=out)


BASE = 100_000  # the candidates of one year, loaded through the uploads


def seed_years(candidates: int, out=print) -> None:
    """The year's candidates copied into the years before it, set-based, until ``candidates``: new
    people (the NIK's region kept, the rest made unique), the same names, areas and states."""
    from django.db import connection

    from programmes.models import ProgrammeYear
    from recipients.models import Candidate

    source = ProgrammeYear.objects.get(year=YEAR)
    columns = [f.column for f in Candidate._meta.concrete_fields
               if f.column not in ("id", "person_id", "programme_year_id", "upload_id", "upload_row", "created_at")]
    cols = ", ".join(columns)
    for back in range(1, 100):
        if Candidate.objects.count() >= candidates:
            break
        year = YEAR - back
        if Candidate.objects.filter(programme_year_id=year).exists():
            continue
        start = time.perf_counter()
        ProgrammeYear.objects.get_or_create(year=year, defaults={
            f.name: getattr(source, f.name) for f in ProgrammeYear._meta.concrete_fields if not f.primary_key})
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # no history rows for a bench copy
            cursor.execute(f"""
                WITH src AS (
                    SELECT c.*, substr(p.nik, 1, 4) || lpad((%s * 100000000 + p.id)::text, 12, '0') AS new_nik
                    FROM recipients_candidate c JOIN recipients_person p ON p.id = c.person_id
                    WHERE c.programme_year_id = %s),
                people AS (
                    INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
                    SELECT new_nik, name, sex, birth_date, now() FROM src RETURNING id, nik)
                INSERT INTO recipients_candidate ({cols}, person_id, programme_year_id, created_at)
                SELECT {", ".join("src." + c for c in columns)}, people.id, %s,
                       src.created_at - make_interval(years => %s)
                FROM src JOIN people ON people.nik = src.new_nik ORDER BY src.id""", [back, YEAR, year, back])
            cursor.execute("SET session_replication_role = DEFAULT")
        out(f"  {year}: {BASE:,} candidates copied in {time.perf_counter() - start:.1f} s".replace(",", "."))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def deep_path(path: str, username: str) -> str:
    """``path`` with its {deep} cursor: the row about 90 % down this role's list, as the pager signs it."""
    if "{deep}" not in path:
        return path
    from accounts.models import User
    from programmes.models import ProgrammeYear
    from quotas import selectors as quotas
    from recipients.models import Candidate
    from recipients.selectors import candidate_list_keys, candidates_filtered
    from regions.models import Kabupaten
    from uep.keyset import Cursor
    from verification.selectors import candidates_awaiting_field_visit

    user = User.objects.get(username=username)
    filters = {"programme_year": ProgrammeYear.objects.get(year=YEAR)}
    if path.startswith("/calon/"):
        qs, keys, salt = (candidates_filtered(user=user, filters=filters),
                          candidate_list_keys(user=user, filters=filters), "recipients.candidate_list")
    elif path.startswith("/verifikasi/"):
        qs, keys, salt = candidates_awaiting_field_visit(user, filters=filters), ("id",), "verification.field_list"
    else:
        area = Kabupaten.objects.get(code="64.72")
        qs = quotas.decision_list(programme_year=filters["programme_year"], kabupaten=area,
                                  queryset=Candidate.objects.visible_to(user), which="calon")
        keys, salt = quotas.DECISION_LIST_KEYS["calon"], "quotas.decision.calon"
    ids = list(qs.order_by(*keys).values_list("pk", flat=True))  # once, to find the row; the page does not
    at = int(len(ids) * 0.9)
    return path.replace("{deep}", Cursor(after=True, pk=ids[at], start=at + 2).dumps(salt))


def timed(client, path: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm-up (and the status)
    times, db_times, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
        db_times.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    times.sort()
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    # The database's share (the queries' own wall time): on a shared, loaded machine the part of a
    # page that grows with the data, apart from the rendering's share of the CPU.
    return {"status": response.status_code, "p50": statistics.median(times), "p95": p95, "queries": queries,
            "db": statistics.median(db_times), "bytes": len(response.content)}


def raw_count_ms(repeat: int) -> float:
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            start = time.perf_counter()
            cursor.execute("SELECT count(*) FROM recipients_candidate")
            cursor.fetchone()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed_page(client, path: str, role: str, repeat: int) -> dict:
    """The page as this role, with its deep cursor or its search set first (and cleared after)."""
    if path.endswith(" cari"):
        client.post(path.removesuffix(" cari"), {"q": SEARCH})
        try:
            return timed(client, path.removesuffix(" cari"), repeat)
        finally:
            client.post(path.removesuffix(" cari"), {"reset": "1"})
    return timed(client, deep_path(path, role), repeat)


def run(*, candidates: int, repeat: int, only: str | None = None, out=print) -> list[dict]:
    from django.test import Client

    from accounts.models import User
    from recipients.models import Candidate

    seed(candidates, out=out)
    # Every page in the benchmark's year, whatever later years another benchmark added to this database.
    User.objects.update(chosen_year=YEAR)
    total = Candidate.objects.count()
    clients = {}
    for username in {u for _p, _k, roles in PAGES for u in roles} | {"provinsi"}:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        clients[username] = client
    baseline = timed(clients["provinsi"], BASELINE_PAGE, repeat)
    list_limit = LIST_P95_MS if total <= BASE * 1.1 else LIST_P95_MS_LARGE
    out(f"{total:,} candidates; {repeat} requests per page after one warm-up; load average {load_average()} "
        f"(2 cores, shared)".replace(",", "."))
    out(f"baseline: {BASELINE_PAGE} p50 {baseline['p50']:.0f} ms, p95 {baseline['p95']:.0f} ms, "
        f"{baseline['queries']} queries, {baseline['bytes'] / 1024:.0f} KB; "
        f"raw SELECT count(*) of candidates {raw_count_ms(repeat):.1f} ms")
    out(f"{'page':<48} {'role':<10} {'st':>3} {'p50 ms':>7} {'p95 ms':>7} {'base':>5} {'db':>4} {'q':>3} {'KB':>6}  target")
    rows = []
    for path, kind, roles in PAGES:
        if only and not any(part in path for part in only.split(",")):
            continue
        for role in roles:
            figures = timed_page(clients[role], path, role, repeat)
            limit = list_limit if kind == "list" else SUMMARY_P95_MS
            ok = figures["status"] == 200 and figures["p95"] <= limit and figures["bytes"] <= MAX_BYTES
            rows.append({"path": path, "role": role, "kind": kind, "ok": ok, **figures})
            out(f"{path:<48} {role:<10} {figures['status']:>3} {figures['p50']:>7.0f} {figures['p95']:>7.0f} "
                f"{baseline['p95']:>5.0f} {figures['db']:>4.0f} {figures['queries']:>3} {figures['bytes'] / 1024:>6.0f}  "
                f"{'ok' if ok else 'OVER'} ({kind} <= {limit} ms)")
    out(f"load average at the end {load_average()}")
    return rows


def export_one(how: str) -> None:
    """One export of every candidate as provincial staff, in this (fresh) process."""
    import resource
    import tempfile

    from accounts.models import User
    from exports.models import Job
    from exports.services import job_make
    from recipients.jobs import CANDIDATES, _candidates as candidates_export
    from uep.xlsx import xlsx_bytes

    user = User.objects.get(username="provinsi")
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if how == "job":
        job = Job.objects.create(user=user, kind=CANDIDATES, params={"year": YEAR}, full_numbers=True)
        job_make(job_id=job.id)
        job.refresh_from_db()
        job_file = job.files.get()
        rows, size = job.done, job_file.file.size
        job_file.file.delete()
    else:  # the former path: model instances, the whole workbook in memory, in the request
        from recipients.selectors import candidates_filtered
        from programmes.models import ProgrammeYear

        qs = candidates_filtered(user=user, filters={"programme_year": ProgrammeYear.objects.get(year=YEAR)})
        export = candidates_export(user=user, params={"year": YEAR}, full=True)
        data = xlsx_bytes(headers=export.headers, sheet=export.sheet, text_columns=export.text_columns, rows=(
            [c.person.nik, c.no_kk, c.name, c.sex, c.birth_date.strftime("%Y-%m-%d"),
             c.kabupaten.name, c.kecamatan.name, c.kelurahan.name, c.address, c.phone, c.desil_proposed,
             c.business_type, c.business_status, c.requested_package, c.get_status_display(), c.programme_year_id,
             c.desil_dtks] for c in qs.iterator(chunk_size=2000)))
        rows, size = qs.count(), len(data)
    seconds = time.perf_counter() - start
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss) / 1024
    print(f"{how:<8} {rows:>7} rows {seconds:6.1f} s  +{peak:5.0f} MB peak memory  {size / 1e6:5.1f} MB file")


def export_compare(out=print) -> None:
    import subprocess

    out("candidate export, every row, provincial staff (each in a fresh process):")
    for how in ("job", "request"):
        result = subprocess.run([sys.executable, __file__, "--export-one", how], capture_output=True, text=True)
        out(result.stdout.strip() or result.stderr.strip()[-2000:])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", help="only the pages whose path contains this (or one of these, comma-separated; "
                                       "the long lists: /calon/,/lapangan/,/penetapan/)")
    parser.add_argument("--export", action="store_true", help="also compare the export paths")
    parser.add_argument("--export-one", choices=["job", "request"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_one:
        import django

        django.setup()
        export_one(args.export_one)
        sys.exit(0)
    setup_database()
    run(candidates=args.candidates, repeat=args.repeat, only=args.only)
    if args.export:
        export_compare()
