"""The baseline the registry benches measure against in the same run: the snapshot file written by
PostgreSQL's own COPY into a bare table of text columns, nothing checked, no index."""
import time


def raw_copy(connection, path) -> float:
    from verification.synthetic import HEADER

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_copy")
        cursor.execute("CREATE TABLE bench_raw_copy (" + ", ".join(f"{c.lower()} text" for c in HEADER) + ")")
        t = time.perf_counter()
        with open(path, "rb") as fh, cursor.cursor.copy(
                "COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            while block := fh.read(1 << 20):
                copy.write(block)
        elapsed = time.perf_counter() - t
        cursor.execute("DROP TABLE bench_raw_copy")
    return elapsed
