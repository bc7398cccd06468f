"""A backup restores into a new database where the app starts and every count matches."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from audit.backup import BackupError, backup_restore
from audit.services.access import data_access_record

ROOT = Path(__file__).resolve().parents[2]


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture
def new_database():
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.backup
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_where_the_app_runs(tmp_path, settings, users, samarinda,
                                                                  make_candidate, new_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bast" / "2025").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bast" / "2025" / "a1b2.pdf").write_bytes(b"%PDF-1.4 BAST bertanda tangan")
    make_candidate(samarinda, name="Siti Dicadangkan", created_by=users["officer"])
    data_access_record(user=users["provincial"], action="export", subject="Daftar calon")

    call_command("backup_create", "--out", str(tmp_path / "cadangan"))
    folder = next((tmp_path / "cadangan").iterdir())
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar", "manifest.json"}
    assert all(p.stat().st_mode & 0o077 == 0 for p in folder.iterdir())  # the owner's alone

    call_command("backup_restore", str(folder), "--database-url", new_database,
                 "--media-root", str(tmp_path / "restored"))

    assert (tmp_path / "restored" / "bast" / "2025" / "a1b2.pdf").read_bytes() == b"%PDF-1.4 BAST bertanda tangan"
    check = manage(new_database, "migrate", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    page = manage(new_database, "shell", "-c",
                  "from django.test import Client; from accounts.models import User; c = Client(SERVER_NAME='localhost');"
                  "c.force_login(User.objects.get(username='petugas_smd')); r = c.get('/calon/');"
                  "print(r.status_code, 'Siti Dicadangkan' in r.content.decode())")
    assert "200 True" in page.stdout.splitlines(), page.stdout + page.stderr

    # The folder is checked before anything is written: a damaged dump is refused.
    dump = folder / "database.dump"
    dump.write_bytes(dump.read_bytes()[:-10])
    with pytest.raises(BackupError, match="damaged"):
        backup_restore(source=folder, database_url=new_database + "_x", media_root=tmp_path / "x")
