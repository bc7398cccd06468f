"""Backup and restore: the database (``pg_dump`` custom format) and the media folder (a tar).

A backup is a folder ``uep-<YYYYmmdd-HHMMSS>/`` holding ``database.dump``, ``media.tar`` and
``manifest.json`` (when, the row count of every table of the app, the files' SHA-256). It
holds every NIK, name, scan and photo: it is written readable by its owner only, and must be
kept encrypted and off the server (see the README). A restore goes into a new, empty database
and a media folder, and then compares the row counts with the manifest.
"""

import hashlib
import json
import os
import subprocess
import tarfile
from pathlib import Path

import environ
import psycopg
from django.conf import settings
from django.db import connection
from django.utils import timezone

class BackupError(Exception):
    pass


def _params(config: dict) -> dict:
    return {"host": config.get("HOST") or "127.0.0.1", "port": str(config.get("PORT") or 5432),
            "user": config.get("USER") or "postgres", "password": config.get("PASSWORD") or "",
            "dbname": config["NAME"]}


def _pg_env(params: dict) -> dict:
    env = {**os.environ, "PGHOST": params["host"], "PGPORT": params["port"], "PGUSER": params["user"]}
    if params["password"]:
        env["PGPASSWORD"] = params["password"]
    return env


def _run(args: list[str], params: dict) -> None:
    result = subprocess.run(args, env=_pg_env(params), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[-2000:]}")


def _connect(params: dict) -> dict:
    return {**params, "port": int(params["port"]), "password": params["password"] or None}


def _counts(conn) -> dict[str, int]:
    """Every table's row count (history tables and snapshot partitions included)."""
    tables = [row[0] for row in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_create(*, target: Path) -> Path:
    """Write a backup folder under ``target``; returns it."""
    params = _params(connection.settings_dict)
    folder = Path(target) / f"uep-{timezone.localtime():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, mode=0o700)  # nobody else may enter; the files get 0600 below
    dump, media = folder / "database.dump", folder / "media.tar"
    # The counts and the dump see the same snapshot of the database, whatever is written meanwhile.
    with psycopg.connect(**_connect(params)) as conn:
        conn.isolation_level, conn.read_only = psycopg.IsolationLevel.REPEATABLE_READ, True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = _counts(conn)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              f"--file={dump}", params["dbname"]], params)
        conn.rollback()
    with tarfile.open(media, "w") as tar:
        if Path(settings.MEDIA_ROOT).exists():
            tar.add(settings.MEDIA_ROOT, arcname="media")
    manifest = {"created_at": timezone.now().isoformat(), "database": params["dbname"], "counts": counts,
                "sha256": {p.name: _sha256(p) for p in (dump, media)}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    for path in folder.iterdir():
        path.chmod(0o600)
    return folder


def backup_restore(*, source: Path, database_url: str, media_root: Path) -> dict[str, tuple[int, int]]:
    """Restore a backup folder into a new database and media folder; returns the counts that differ
    as {table: (in the backup, restored)} (empty when all match)."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text())
    for name, digest in manifest["sha256"].items():
        if _sha256(source / name) != digest:
            raise BackupError(f"{name} is damaged: its SHA-256 differs from the manifest")
    params = _params(environ.Env.db_url_config(database_url))
    admin = _connect({**params, "dbname": "postgres"})
    with psycopg.connect(**admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [params["dbname"]]).fetchone():
            raise BackupError(f"database {params['dbname']} exists; restore into a new one")
        conn.execute(f'CREATE DATABASE "{params["dbname"]}"')
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={params['dbname']}", str(source / "database.dump")], params)
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar") as tar:
        for member in tar.getmembers():
            if member.name == "media" or member.name.startswith("media/"):
                member.name = member.name[len("media/"):] if member.name != "media" else "."
                tar.extract(member, media_root, filter="data")
    with psycopg.connect(**_connect(params)) as conn:
        restored = _counts(conn)
    return {t: (n, restored.get(t)) for t, n in manifest["counts"].items() if restored.get(t) != n}
