"""Benchmark: the public status check (/cek-status/, a POSTed NIK and birth date) at 50 requests per second
against 100,000 candidacies, p50 and p95 (target p95 <= 200 ms), beside the same page without a lookup (the
empty form: no database read, no Redis) measured at the same rate in the same run as the baseline.

Open loop: each request has its scheduled time (i / rate) and its latency counts from then, so a server that
falls behind shows it instead of slowing the client down. The server is the WSGI app behind a pool of 8 threads in a
subprocess on 127.0.0.1 only, with the limits raised for the run and its own Redis key prefix.

Run: .venv/bin/python bench/bench_status.py [--rate 50] [--seconds 10]
"""

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401

YEAR = 2093
TOTAL = 100_000


def setup():
    subprocess.run([sys.executable, str(_env.ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def grow(total: int) -> list[str]:
    """Candidacies of the bench year up to ``total`` (set-based SQL), spread over the statuses and areas."""
    from django.db import connection

    from accounts.models import Role, User

    from regions.models import Province
    from programmes.models import ProgrammeYear
    from recipients.models import CandidateStatus

    ProgrammeYear.objects.get_or_create(year=YEAR)
    user, _ = User.objects.get_or_create(username="bench_status", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    statuses = "ARRAY[" + ",".join(f"'{s}'" for s in CandidateStatus.values) + "]"
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM recipients_candidate WHERE programme_year_id = %s", [YEAR])
        have = c.fetchone()[0]
        if have < total:
            c.execute(f"""
                WITH k AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM regions_kabupaten),
                kec AS (SELECT DISTINCT ON (kabupaten_id) id, kabupaten_id FROM regions_kecamatan ORDER BY kabupaten_id, id),
                kel AS (SELECT DISTINCT ON (kecamatan_id) id, kecamatan_id FROM regions_kelurahan ORDER BY kecamatan_id, id),
                s AS (SELECT g FROM generate_series({have + 1}, {total}) g),
                p AS (INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
                      SELECT '6474' || lpad(g::text, 12, '0'), 'Warga Uji ' || g, 'L', DATE '1980-01-01', now() FROM s
                      ON CONFLICT DO NOTHING RETURNING id, nik)
                INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
                    kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status,
                    requested_package, notes, status, created_at, created_by_id)
                SELECT p.id, 'Warga Uji ' || p.id, 'L', DATE '1980-01-01', {YEAR}, k.id, kec.id, kel.id, 'Jl. Uji', '',
                       p.nik, 1, 'Gorengan', 'BERJALAN', '', '',
                       ({statuses})[1 + (substr(p.nik, 5)::bigint % {len(CandidateStatus.values)})], now(), {user.id}
                FROM p JOIN k ON k.n = (substr(p.nik, 5)::bigint % 10) JOIN kec ON kec.kabupaten_id = k.id
                JOIN kel ON kel.kecamatan_id = kec.id""")
            c.execute("VACUUM ANALYZE")
        c.execute("SELECT count(*) FROM recipients_candidate")
        print(f"candidacies in the database: {c.fetchone()[0]:,}".replace(",", "."))
        c.execute("SELECT p.nik FROM recipients_candidate c JOIN recipients_person p ON p.id = c.person_id "
                  "WHERE c.programme_year_id = %s ORDER BY random() LIMIT 2000", [YEAR])
        return [row[0] for row in c.fetchall()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int):
    """The app behind a fixed pool of 8 threads (as a production WSGI server would run it): each thread keeps
    its database connection, where runserver starts a thread, and so a connection, per request."""
    from concurrent.futures import ThreadPoolExecutor
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    application = get_wsgi_application()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class PoolServer(WSGIServer):
        pool = ThreadPoolExecutor(max_workers=8)
        request_queue_size = 256

        def process_request(self, request, client_address):
            self.pool.submit(self._handle, request, client_address)

        def _handle(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            finally:
                self.shutdown_request(request)

    server = PoolServer(("127.0.0.1", port), QuietHandler)
    server.set_app(application)
    server.serve_forever()


def start_server(port: int) -> subprocess.Popen:
    env = dict(os.environ, DJANGO_DEBUG="false", DJANGO_STATIC_MANIFEST="false", DJANGO_SECURE_SSL_REDIRECT="false",
               DJANGO_SECURE_COOKIES="false", PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR="1000000000",
               PUBLIC_LOOKUP_PER_NIK_PER_DAY="1000000000", CELERY_KEY_PREFIX=f"bench-{uuid.uuid4().hex}:")
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "w"))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/cek-status/", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def csrf(base: str) -> tuple[str, str]:
    response = urllib.request.urlopen(f"{base}/cek-status/")
    cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    return cookie, token


def run_at_rate(make_request, rate: int, seconds: int) -> tuple[list[float], int]:
    """Send ``rate * seconds`` requests on schedule; latency from each one's scheduled time, in ms."""
    latencies, errors = [], 0
    start = time.perf_counter() + 0.2

    def one(i: int):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        ok = make_request(i)
        return (time.perf_counter() - scheduled) * 1000, ok

    with ThreadPoolExecutor(max_workers=64) as pool:
        for latency, ok in pool.map(one, range(rate * seconds)):
            latencies.append(latency)
            errors += not ok
    return latencies, errors


def report(name: str, latencies: list[float], errors: int):
    q = statistics.quantiles(latencies, n=100)
    print(f"{name:<40} n={len(latencies):>4}  p50={q[49]:7.1f} ms  p95={q[94]:7.1f} ms  max={max(latencies):7.1f} ms"
          f"  errors={errors}")
    return q[94]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve)
    setup()
    niks = grow(TOTAL)
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        cookie, token = csrf(base)
        headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"}
        rng = random.Random(17)
        # Nine in ten with the right birth date, one in ten an unknown NIK.
        bodies = [urllib.parse.urlencode({
            "csrfmiddlewaretoken": token,
            "nik": rng.choice(niks) if i % 10 else f"6475{i:012d}", "tanggal_lahir": "01/01/1980"}).encode()
            for i in range(args.rate * args.seconds)]

        def baseline(i):
            with urllib.request.urlopen(f"{base}/cek-status/", timeout=10) as r:
                return r.status == 200 and b"Cek status" in r.read()

        def lookup(i):
            request = urllib.request.Request(f"{base}/cek-status/", data=bodies[i], headers=headers)
            with urllib.request.urlopen(request, timeout=10) as r:
                body = r.read()
                return r.status == 200 and (b"status-answer" in body or b"status-no-match" in body)

        for _ in range(20):  # warm the server's connections and caches
            baseline(0), lookup(1)
        print(f"rate {args.rate} requests/s for {args.seconds} s each, server 127.0.0.1 (WSGI, 8 threads)")
        report("baseline: GET /cek-status/ (empty form)", *run_at_rate(baseline, args.rate, args.seconds))
        p95 = report("POST /cek-status/ (lookup, 100.000)", *run_at_rate(lookup, args.rate, args.seconds))
        print(f"target p95 <= 200 ms: {'met' if p95 <= 200 else 'NOT met'}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
