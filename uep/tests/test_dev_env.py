"""After `make run` the README's manage.py commands work as written: no English ImproperlyConfigured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def bare_env(**extra) -> dict:
    """The shell of a developer who exported nothing of the app's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_TEST"))}
    env.update(extra)
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_the_documented_commands_work_after_make_run_writes_the_developer_env(tmp_path):
    dot_env = tmp_path / ".env"
    before = manage("check", env=bare_env(DJANGO_ENV_FILE=str(dot_env)))
    assert before.returncode != 0
    assert "jalankan `make run`" in before.stderr and "Set the DJANGO_SECRET_KEY" not in before.stderr

    subprocess.run([sys.executable, "scripts/write_dev_env.py", str(dot_env)], cwd=ROOT, check=True)
    written = dot_env.read_text()
    assert "DJANGO_DEBUG=true" in written and len(written.split("DJANGO_SECRET_KEY=")[1].strip()) >= 50
    assert dot_env.stat().st_mode & 0o077 == 0  # a secret: the owner's only

    after = manage("check", env=bare_env(DJANGO_ENV_FILE=str(dot_env)))
    assert after.returncode == 0, after.stderr
    assert manage("seed_demo", "--help", env=bare_env(DJANGO_ENV_FILE=str(dot_env))).returncode == 0


def test_an_existing_env_file_is_kept_as_the_developer_wrote_it(tmp_path):
    dot_env = tmp_path / ".env"
    dot_env.write_text("DJANGO_DEBUG=true\nDJANGO_SECRET_KEY=my-own\n")

    subprocess.run([sys.executable, "scripts/write_dev_env.py", str(dot_env)], cwd=ROOT, check=True)

    assert dot_env.read_text() == "DJANGO_DEBUG=true\nDJANGO_SECRET_KEY=my-own\n"
