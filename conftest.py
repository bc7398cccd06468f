"""Fixtures shared by every app's tests: the areas, one user per role, a programme year."""

import importlib
import os

import pytest

from uep.tests import factories, schema
from uep.tests.factories import PASSWORD

# Requests a service worker makes reach Playwright's routes only with this set before the browser
# starts; the field work tests cut the network of the worker too (context.set_offline alone does not).
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")


def pytest_configure(config):
    """Tests hash passwords with MD5: PBKDF2's deliberate slowness cost minutes of the suite."""
    from django.conf import settings
    from django.core.management.commands import flush
    from django.db.backends.postgresql.operations import DatabaseOperations

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    DatabaseOperations.sql_flush = _flush_by_delete(DatabaseOperations.sql_flush)
    flush.emit_post_migrate_signal = _post_migrate_unless_kept(flush.emit_post_migrate_signal)


# Filled by the migrations and never changed by a test: kept through a test's flush, so that Django need not
# write them again after every test on a committed database (its post_migrate signal: 0.25 s a test, measured).
KEPT_BY_FLUSH = {"django_content_type", "auth_permission"}
_flushed_by_delete: dict[str, bool] = {}  # per database alias: superuser, so DELETE (and KEPT_BY_FLUSH kept)


def _flush_by_delete(truncate):
    """A test on a committed database ends by emptying every table (Django's flush). TRUNCATE gives
    each of the 110-odd tables a new file: 1.3-2.3 s a test, measured. The tables hold a test's few
    rows, so DELETE them instead (50 ms), triggers and foreign-key checks off for the transaction
    (session_replication_role, a superuser's setting, as the tests' postgres is; else TRUNCATE)."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        alias = self.connection.alias
        if alias not in _flushed_by_delete:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('is_superuser') = 'on'")
                _flushed_by_delete[alias] = cursor.fetchone()[0]
        if not tables or reset_sequences or not _flushed_by_delete[alias]:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET LOCAL session_replication_role = replica"] + [
            f"DELETE FROM {self.quote_name(table)}" for table in tables if table not in KEPT_BY_FLUSH]

    return sql_flush


def _post_migrate_unless_kept(emit):
    """After a flush that kept the content types and permissions there is nothing for post_migrate to write."""

    def emit_post_migrate_signal(verbosity, interactive, db, **kwargs):
        if not _flushed_by_delete.get(db):
            emit(verbosity, interactive, db, **kwargs)

    return emit_post_migrate_signal


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """A parallel run (pytest-xdist) migrates one template database, started here in the controller;
    each worker's database is then a copy of it (CREATE DATABASE ... TEMPLATE, uep/settings.py), not
    the whole migration history run again on every worker. The template is kept for the next run of
    the same migrations (``migrations_digest``). A new one is loaded from the migrated SQL kept in the
    repo (uep/tests/schema.py, 2 s); when that is stale, migrated (about 35 s) in its own process while
    the workers start, collect and run the tests that need no database (ordered first, below); a
    worker's database waits for it on an advisory lock that the controller holds until the template is
    complete (``django_db_modify_db_settings``).
    ``UEP_TEST_TEMPLATE_REBUILD=1`` makes it again whatever the digest says."""
    config = session.config
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    if not config.option.create_db:
        return  # the workers keep their databases from the last run (--reuse-db)
    import subprocess
    import threading

    import psycopg

    template = f"test_uep_tpl_{schema.migrations_digest()}"
    os.environ["DATABASE_TEST_TEMPLATE"] = template  # read by the workers' settings
    lock = psycopg.connect(_server_url(), autocommit=True)
    lock.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
    done = lock.execute("SELECT datistemplate FROM pg_database WHERE datname = %s", [template]).fetchone()
    if done and done[0] and not os.environ.get("UEP_TEST_TEMPLATE_REBUILD"):
        lock.close()  # migrated by an earlier run of the same migrations: the workers copy it at once
        return
    if done:
        lock.execute(f'ALTER DATABASE "{template}" IS_TEMPLATE false')  # else it cannot be dropped
    lock.execute(f'DROP DATABASE IF EXISTS "{template}"')
    lock.execute(f'CREATE DATABASE "{template}"')
    if schema.snapshot_load(_database_url(template)):
        lock.execute(f'ALTER DATABASE "{template}" IS_TEMPLATE true')
        lock.close()
        return
    lock.execute(f'DROP DATABASE IF EXISTS "{template}"')  # what a failed load left
    lock.execute(f'CREATE DATABASE "{template}"')
    env = {**os.environ, "DATABASE_URL": _database_url(template)}
    migrate = subprocess.Popen(schema.MIGRATE, env=env, cwd=schema.ROOT)

    def release():
        if migrate.wait() == 0:  # marked complete only now: a run killed mid-migration leaves it unmarked
            lock.execute(f'ALTER DATABASE "{template}" IS_TEMPLATE true')
        else:  # no worker copies half a schema: they fail on the missing template
            lock.execute(f'DROP DATABASE IF EXISTS "{template}"')
        lock.close()

    releaser = threading.Thread(target=release, daemon=True)
    releaser.start()
    config.stash[TEMPLATE_MIGRATION] = (migrate, releaser)


TEMPLATE_MIGRATION = pytest.StashKey()


def pytest_sessionfinish(session):
    migrate, releaser = session.config.stash.get(TEMPLATE_MIGRATION, (None, None))
    if migrate is not None:
        releaser.join()
        if migrate.returncode != 0:
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
            raise RuntimeError("the template database could not be migrated (its output is above)")


def _server_url() -> str:
    """The tests' PostgreSQL server, at its maintenance database ``postgres``."""
    return _database_url("postgres")


def _database_url(name: str) -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}:"
            f"{db.get('PORT') or 5432}/{name}")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A worker of a parallel run copies the template only once the controller's migration has ended."""
    template = os.environ.get("DATABASE_TEST_TEMPLATE")
    if template:
        import psycopg

        with psycopg.connect(_server_url(), autocommit=True) as lock:
            lock.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
            lock.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])


# The slow kinds stay out of `make test-fast` by their marker (pytest.ini). A test that starts a
# browser, a live server or a Celery worker without one would hide in the fast core: it fails.
SLOW_MARKERS = {"browser", "worker", "crash", "backup", "slow"}
SLOW_FIXTURES = {"page": {"browser"}, "live_server": SLOW_MARKERS, "celery_worker": SLOW_MARKERS}


def pytest_collection_modifyitems(config, items):
    """A test on a committed database (``django_db(transaction=True)``) shares it with other
    connections (threads, a worker, a subprocess), and each empties every table after itself: a
    slow kind, marked so here rather than by hand."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not SLOW_MARKERS & {m.name for m in item.iter_markers()}:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    """After pytest-django has ordered the tests as Django does (database tests, committed ones, then
    those without a database), the ones without a database go first: in a parallel run the workers run
    them while the template database is still being migrated. (pytest-xdist sends each worker its
    tests from this order.)"""
    session.items.sort(key=lambda item: bool(item.get_closest_marker("django_db")
                                             or {"db", "transactional_db", "live_server"} & set(item.fixturenames)))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test on a committed database ends by emptying every table, the reference data that the
    migrations load included. Load it again, committed, so that the tests after it start from what a
    new database holds (without it, every later test loaded the regions again for itself: a third of
    the suite's time, and the holidays were gone)."""
    yield
    marker = item.get_closest_marker("django_db")
    # Committed by the marker, or by a fixture that commits (a live server, a worker's transactional_db).
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(item.fixturenames):
        from django.apps import apps
        from pytest_django.plugin import blocking_manager_key

        from regions.services import regions_load

        holidays = importlib.import_module("grievances.migrations.0003_holidays_and_clock")
        with item.config.stash[blocking_manager_key].unblock():
            regions_load()
            holidays.seed(apps, None)


def pytest_runtest_setup(item):
    marks = {mark.name for mark in item.iter_markers()}
    for fixture, allowed in SLOW_FIXTURES.items():
        if fixture in item.fixturenames and not marks & allowed:
            pytest.fail(f"{item.nodeid} uses `{fixture}` but is not marked "
                        f"{' or '.join(f'@pytest.mark.{m}' for m in sorted(allowed))}: "
                        "mark it, so `make test-fast` leaves it out.", pytrace=False)


@pytest.fixture
def regions(db):
    """The reference regions. A migration loads them, but transactional tests truncate tables."""
    return factories.regions_ready()


@pytest.fixture
def kaltim(regions):
    """The province the deployment served alone before: Kalimantan Timur (64)."""
    from regions.models import Province

    return Province.objects.get(code="64")


@pytest.fixture
def samarinda(regions):
    return regions["64.72"]


@pytest.fixture
def balikpapan(regions):
    return regions["64.71"]


@pytest.fixture
def kalsel(regions):
    """Kalimantan Selatan (63) beside Kaltim, with Tanah Laut and Kota Banjarmasin: the province."""
    return factories.kalsel_load()


@pytest.fixture
def banjarmasin(kalsel):
    return kalsel.kabupaten_set.get(code="63.71")


@pytest.fixture
def make_user(db):
    return factories.user_create


@pytest.fixture
def users(db, samarinda, balikpapan):
    return factories.users_create(samarinda, balikpapan)


@pytest.fixture
def kalsel_users(db, kalsel, banjarmasin):
    return factories.kalsel_users_create(kalsel, banjarmasin)


@pytest.fixture
def programme_year(db):
    from programmes.models import ProgrammeYear

    return ProgrammeYear.objects.create(year=2025)


@pytest.fixture
def make_candidate(db, programme_year):
    return factories.candidate_maker(programme_year)


# Celery: the project's own app, with a worker thread started by celery.contrib.pytest.
@pytest.fixture(scope="session")
def celery_app():
    import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping for the worker's check

    from uep.celery import app

    # A worker thread notices it is asked to stop only when its wait on Redis (BRPOP) ends: 1 s by default,
    # idle at the end of every worker test; a tenth of that here.
    app.conf.broker_transport_options = {**app.conf.broker_transport_options, "polling_interval": 0.1}
    return app


@pytest.fixture(scope="session")
def celery_worker_pool():
    return "solo"


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"shutdown_timeout": 30}


# Browser tests: Debian's Chromium, never a downloaded one.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def login_page(page, live_server):
    """Log a user in through the real login form and return the page."""

    def login(user):
        page.goto(f"{live_server.url}/akun/masuk/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():  # the answer to the POST, before the test goes elsewhere
            page.click("button[type=submit]")
        return page

    return login


@pytest.fixture(autouse=True)
def media_apart(settings, tmp_path_factory, monkeypatch):
    """Each test writes its files in a folder of its own (and so do the worker processes it starts,
    by the environment): parallel tests never count each other's files, and media/ stays clean."""
    folder = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = folder
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(folder))


@pytest.fixture(autouse=True)
def public_limits_apart(settings):
    """Each test counts the public pages' hits (public/limits.py) under its own Redis keys."""
    import uuid

    settings.PUBLIC_LIMITS_KEY_PREFIX = f"uep:public:test-{uuid.uuid4().hex}:"
