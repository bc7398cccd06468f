"""Production settings: `check --deploy` is clean and the static files collect."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts manage.py in a process of its own

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="uep.kaltimprov.go.id",
               DJANGO_ENV_FILE="", SITE_URL="https://uep.kaltimprov.go.id", **extra)
    return env


def test_check_deploy_is_clean_under_production_settings():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=production_env(), capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_the_bast_would_print_a_localhost_address():
    env = production_env()
    del env["SITE_URL"]
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.returncode != 0 and "uep.W001" in result.stderr and "localhost" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]

    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_static_files_collect_with_hashed_names(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT,
                            env=production_env(DJANGO_STATIC_ROOT=str(tmp_path)), capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "css").glob("app.*.css")), "no hashed app.css"


def test_the_example_env_file_reads_as_its_values_with_no_comment_inside_them(monkeypatch):
    """django-environ keeps an inline '# ...' as part of the value: every comment has its own line."""
    import environ
    from django.conf import settings

    read = {}
    monkeypatch.setattr(environ.Env, "ENVIRON", read)
    environ.Env.read_env(settings.BASE_DIR / ".env.example", overwrite=True)

    assert read["DJANGO_DEBUG"] == "false" and read["MONITORING_ROUND_MONTHS"] == "3,6,12,24,36"
    assert [k for k, v in read.items() if "#" in v or v != v.strip()] == []
