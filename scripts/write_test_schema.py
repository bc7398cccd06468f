"""`make test-schema`: migrates a new database and writes it as uep/tests/migrated.sql.gz, the SQL the
parallel test run loads instead of migrating. Run it after adding or changing a migration."""

import os
import sys
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from uep.tests.schema import SNAPSHOT, snapshot_write  # noqa: E402

server = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
name = f"uep_schema_{uuid.uuid4().hex[:8]}"
with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        snapshot_write(f"{server}/{name}")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
print(f"{SNAPSHOT} ditulis.")
