"""The migrated test database as SQL (``migrated.sql.gz``), loaded into the parallel run's template in
2 s instead of migrating it (about 35 s of Python: Django renders the model state for each of the 135
migrations). Like Rails' structure.sql: written by ``make test-schema`` from a real ``migrate``, named
by the digest of what it depends on; when that changed and it was not written again, the run migrates
as before and ``test_schema.py`` says so."""

import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "uep" / "tests" / "migrated.sql.gz"
HEADER = "-- migrations digest: "
MIGRATE = [sys.executable, "manage.py", "migrate", "--noinput", "--skip-checks", "-v0"]


def migrations_digest() -> str:
    """What the migrated schema depends on: every migration of the repo, the regions file the data
    migration loads, and the pinned packages (their own migrations)."""
    digest = hashlib.sha256()
    for path in [*sorted(ROOT.glob("*/migrations/*.py")), *sorted((ROOT / "regions" / "data").glob("*")),
                 ROOT / "requirements.txt"]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def snapshot_digest() -> str | None:
    """The digest the snapshot was written for, or None without one."""
    if not SNAPSHOT.exists():
        return None
    with gzip.open(SNAPSHOT, "rt") as sql:
        first = sql.readline()
    return first[len(HEADER):].strip() if first.startswith(HEADER) else None


def snapshot_load(database_url: str) -> bool:
    """Loads the snapshot into an empty database when it is current (and psql is there); False otherwise."""
    if snapshot_digest() != migrations_digest():
        return False
    try:
        subprocess.run(["psql", database_url, "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-o", os.devnull],
                       input=gzip.decompress(SNAPSHOT.read_bytes()), check=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def snapshot_write(database_url: str) -> None:
    """Migrates the empty database at ``database_url`` and writes it as the snapshot."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(MIGRATE, env=env, cwd=ROOT, check=True)
    dump = subprocess.run(["pg_dump", database_url, "--format=plain", "--no-owner", "--no-privileges",
                           "--restrict-key=uep"], check=True, capture_output=True).stdout
    SNAPSHOT.write_bytes(gzip.compress(f"{HEADER}{migrations_digest()}\n".encode() + dump, mtime=0))
