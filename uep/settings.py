"""One settings module, driven by environment variables (see .env.example)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make run` writes .env for a developer's machine (DEBUG on, a generated key), so the README's
# manage.py commands work as written. DJANGO_ENV_FILE names another file; empty reads none (the
# tests read only their own settings, pytest.ini).
ENV_FILE = env("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# A development key only works with DEBUG on; production must set its own.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY belum diisi. Di komputer pengembang jalankan `make run` sekali (menulis .env dengan "
        "DJANGO_DEBUG=true dan kunci acak); di server isi variabel lingkungan DJANGO_SECRET_KEY.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "uep.admin_site.AdminConfig",  # django.contrib.admin with the careful site
    "uep.apps.UepConfig",  # the deployment's system checks
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # OpClass in index expressions (the trigram name search)
    "axes",
    "import_export",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "accounts",
    "regions",
    "audit",
    "programmes",
    "approvals",
    "quotas",
    "recipients",
    "verification",
    "disbursements",
    "exports",
    "notices",
    "monitoring",
    "fieldwork",
    "papers",
    "public",
    "grievances",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "uep.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # NUL bytes and numbers no column holds: a 400 in Indonesian before any view or admin list.
    "uep.middleware.refuse_unreadable_input",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "uep.middleware.private_no_store",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Attaches the user and URL of the request to every audit event.
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "uep.urls"
WSGI_APPLICATION = "uep.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
                "programmes.years.year_context",
            ],
            "builtins": ["uep.templatetags.uep"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/uep"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# `make test` names the test database after the checkout, so parallel runs never share one.
if env("DATABASE_TEST_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("DATABASE_TEST_NAME")}
# A parallel test run's workers copy the database the controller migrated (conftest.py).
if env("DATABASE_TEST_TEMPLATE", default=""):
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = env("DATABASE_TEST_TEMPLATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock the username from that address for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# How many reverse proxies stand in front of the app (nginx alone: 1). Only then is their
# X-Forwarded-For header read for the client's address (accounts/throttling.py); left at 0
# behind a proxy, every failure would count against the proxy's address.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
# Our wording of the few strings third-party apps show (locale/id/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and number format on every page: uep/formats/id/formats.py.
FORMAT_MODULE_PATH = ["uep.formats"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Production serves hashed, compressed files made by collectstatic; development and tests
# serve them straight from static/.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Uploads: a candidate list is kept on disk until its upload is confirmed, cancelled or fails (a
# preview left waiting this many days is cancelled), a DTKS extract until it is loaded (audit/services/files.py).
UPLOAD_WAITING_DAYS = env.int("UPLOAD_WAITING_DAYS", default=30)
# Four eyes may be switched off for an act only in an office with at most this many active provincial staff.
FOUR_EYES_SMALL_OFFICE_STAFF = env.int("FOUR_EYES_SMALL_OFFICE_STAFF", default=2)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# A DTKS extract as CSV (streamed to COPY, never read whole): a million rows is about 110 MB.
SNAPSHOT_MAX_BYTES = env.int("SNAPSHOT_MAX_BYTES", default=512 * 1024 * 1024)
# The most visits (and, apart, field verifications) a phone downloads for its day without signal.
WORKLIST_MAX = env.int("WORKLIST_MAX", default=300)
# A signed BAST scan or a photo (uep/uploads.py: checked by content, pictures re-encoded).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# The nightly sweep deletes a media file no row points to once it is this old (audit/services/files.py).
MEDIA_ORPHAN_GRACE_HOURS = env.int("MEDIA_ORPHAN_GRACE_HOURS", default=24)
# The admin's imports (reference data: items, prices, vendors, UMK) read through uep/files.py's guards.
ADMIN_IMPORT_MAX_BYTES = env.int("ADMIN_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
ADMIN_IMPORT_MAX_ROWS = env.int("ADMIN_IMPORT_MAX_ROWS", default=5000)
IMPORT_EXPORT_TMP_STORAGE_CLASS = "uep.admin_io.ImportTempStorage"
# Background files holding personal data (exports, prints) are deleted this many hours after they
# were asked for (exports.services.jobs_prune).
EXPORT_KEEP_HOURS = env.int("EXPORT_KEEP_HOURS", default=24)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A late-acked task that is not acknowledged within this time is delivered again.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600)}
# Every Redis key of the broker and the results starts with this prefix: `make test` sets one per
# checkout, so parallel test runs on one Redis never take each other's tasks.
# The workers of one parallel test run (pytest-xdist) each test apart too: a worker's name joins the prefix.
CELERY_KEY_PREFIX = env("CELERY_KEY_PREFIX", default="") + env("PYTEST_XDIST_WORKER", default="")
# With Redis down, sending a task fails within a second (the defaults retried for 19 s, then a 500):
# the caller tells the user in Indonesian and leaves nothing queued (exports.services.job_send).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 2, "interval_start": 0,
                                                            "interval_step": 0.2, "interval_max": 0.2}}
# How long the health check (/health/) waits for a Celery worker to answer its ping, in seconds.
HEALTH_WORKER_TIMEOUT = env.float("HEALTH_WORKER_TIMEOUT", default=1.0)
# The public status check's limits (public/limits.py), counted in the broker's Redis under the prefix
# above: per asking address an hour, and per NIK a day whoever asks (rotating addresses gains nothing).
PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR = env.int("PUBLIC_LOOKUP_PER_ADDRESS_PER_HOUR", default=10)
PUBLIC_LOOKUP_PER_NIK_PER_DAY = env.int("PUBLIC_LOOKUP_PER_NIK_PER_DAY", default=5)
PUBLIC_LIMITS_KEY_PREFIX = "uep:public:"
if CELERY_KEY_PREFIX:
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = CELERY_KEY_PREFIX
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS["global_keyprefix"] = CELERY_KEY_PREFIX
# A task whose worker died this many times (late acknowledgement delivered it again each time) is failed
# instead of delivered again (uep/tasks.py).
TASK_MAX_DELIVERIES = env.int("TASK_MAX_DELIVERIES", default=3)
# An upload still being checked after this long was lost (its worker or the page's process died): the
# uploads' sweep fails it and deletes its file.
UPLOAD_CHECK_STUCK_SECONDS = env.int("UPLOAD_CHECK_STUCK_SECONDS", default=1800)
# Background files (exports, prints, the yearly report): a job not finished, not held by a worker
# and sent over a lease ago is sent again by the sweep; after the last setting its page shows it
# as stuck, with Resume and Stop (see the README).
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=30)
JOB_SWEEP_SECONDS = env.int("JOB_SWEEP_SECONDS", default=15)
JOB_STUCK_SECONDS = env.int("JOB_STUCK_SECONDS", default=120)
# A job whose worker died this many times more is failed rather than sent again.
JOB_MAX_RESENDS = env.int("JOB_MAX_RESENDS", default=3)
# The desk verification's chunks: one not done, not held and sent over a lease ago is sent again
# by the sweep; a job with no progress for the last setting shows as stuck (see the README).
VERIFICATION_CHUNK_LEASE_SECONDS = env.int("VERIFICATION_CHUNK_LEASE_SECONDS", default=30)
VERIFICATION_SWEEP_SECONDS = env.int("VERIFICATION_SWEEP_SECONDS", default=15)
VERIFICATION_STUCK_SECONDS = env.int("VERIFICATION_STUCK_SECONDS", default=120)
# An upload confirm that is 'importing', not being written and sent over a lease ago is sent again
# by its sweep; after the last setting the officer sees it as stuck (see the README).
UPLOAD_CONFIRM_LEASE_SECONDS = env.int("UPLOAD_CONFIRM_LEASE_SECONDS", default=30)
UPLOAD_CONFIRM_SWEEP_SECONDS = env.int("UPLOAD_CONFIRM_SWEEP_SECONDS", default=15)
UPLOAD_CONFIRM_STUCK_SECONDS = env.int("UPLOAD_CONFIRM_STUCK_SECONDS", default=120)
# Notices to families (notices/): the provider (file, console, sms, whatsapp) and its settings; the
# file adapter writes one file per notice here. Quiet hours in WITA (equal values: none).
NOTICE_PROVIDER = env("NOTICE_PROVIDER", default="file")
NOTICE_FILE_DIR = env("NOTICE_FILE_DIR", default=str(BASE_DIR / "var" / "notices"))
NOTICE_SMS_URL = env("NOTICE_SMS_URL", default="")
NOTICE_SMS_TOKEN = env("NOTICE_SMS_TOKEN", default="")
NOTICE_SMS_SENDER = env("NOTICE_SMS_SENDER", default="DINSOSKALTIM")
NOTICE_WA_URL = env("NOTICE_WA_URL", default="")
NOTICE_WA_TOKEN = env("NOTICE_WA_TOKEN", default="")
NOTICE_HTTP_TIMEOUT = env.int("NOTICE_HTTP_TIMEOUT", default=10)
# The shared secret the provider sends with a reply (header X-Notice-Secret); empty refuses every reply.
NOTICE_INBOUND_SECRET = env("NOTICE_INBOUND_SECRET", default="")
NOTICE_QUIET_FROM = env.int("NOTICE_QUIET_FROM", default=21)
NOTICE_QUIET_UNTIL = env.int("NOTICE_QUIET_UNTIL", default=7)
NOTICE_SWEEP_SECONDS = env.int("NOTICE_SWEEP_SECONDS", default=15)
# A notice given to a task is given again only this long after (a worker that died before it).
NOTICE_LEASE_SECONDS = env.int("NOTICE_LEASE_SECONDS", default=60)
NOTICE_SWEEP_LIMIT = env.int("NOTICE_SWEEP_LIMIT", default=2000)
NOTICE_TASK_SIZE = env.int("NOTICE_TASK_SIZE", default=50)
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=5)
NOTICE_RETRY_SECONDS = env.int("NOTICE_RETRY_SECONDS", default=60)
# Nightly, in WITA: files past their rule leave the disk; undecided candidates past retention are
# anonymised (audit/services/files.py, audit/services/retention.py; the rules are in the README).
CELERY_BEAT_SCHEDULE = {
    "files-sweep": {"task": "audit.tasks.files_sweep_task", "schedule": crontab(hour=1, minute=30)},
    "personal-data-retention": {"task": "audit.tasks.personal_data_anonymise_task",
                                "schedule": crontab(hour=2, minute=0)},
    # Registry snapshots nothing rests on any more are detached and dropped (audit/services/snapshots.py).
    "snapshots-drop": {"task": "audit.tasks.snapshots_drop_task", "schedule": crontab(hour=2, minute=30)},
    "verification-sweep": {"task": "verification.tasks.verification_sweep_task",
                           "schedule": VERIFICATION_SWEEP_SECONDS},
    "uploads-sweep": {"task": "recipients.tasks.uploads_sweep_task",
                             "schedule": UPLOAD_CONFIRM_SWEEP_SECONDS},
    "jobs-sweep": {"task": "exports.tasks.jobs_sweep_task", "schedule": JOB_SWEEP_SECONDS},
    # Notices to families (notices/services/sending.py): hand the due ones to workers; the daily reminders.
    "notices-sweep": {"task": "notices.tasks.notices_sweep_task", "schedule": NOTICE_SWEEP_SECONDS},
    "handover-reminders": {"task": "disbursements.tasks.handover_reminders_task",
                           "schedule": crontab(hour=6, minute=30)},
    "visit-due-notices": {"task": "monitoring.tasks.visit_notices_task", "schedule": crontab(hour=6, minute=40)},
    # Due visits for every handover of every monitoring round; idempotent.
    "monitoring-rounds": {"task": "monitoring.tasks.rounds_schedule", "schedule": crontab(hour=1, minute=0)},
    # The families that graduated by today (monitoring/services/graduation.py); idempotent.
    "monitoring-graduation": {"task": "monitoring.tasks.graduations_compute", "schedule": crontab(hour=1, minute=15)},
    # Breached complaints one step up the region tree (grievances/services/escalation.py); idempotent. Deadlines fall
    # at 00:00 WITA, so hourly is soon enough.
    "grievances-escalate": {"task": "grievances.tasks.grievances_escalate", "schedule": crontab(minute=5)},
}
# Registry snapshots: the newest this many ready ones are always kept (audit/services/snapshots.py says
# what else keeps one); a whole province's extract is about 670 MB on disk.
SNAPSHOT_KEEP_LATEST = env.int("SNAPSHOT_KEEP_LATEST", default=2)
# Undecided candidates' personal data is kept this many years after their programme year closed.
RETENTION_YEARS = env.int("RETENTION_YEARS", default=5)

# Monitoring after the handover: the rounds a new programme year gets (months after each
# handover; staff may change a year's rounds in the admin), and when a due visit counts as
# overdue, then as missed (the family not reached in that round).
MONITORING_ROUND_MONTHS = env.list("MONITORING_ROUND_MONTHS", cast=int, default=[3, 6, 12, 24, 36])
MONITORING_OVERDUE_DAYS = env.int("MONITORING_OVERDUE_DAYS", default=30)
# The family is told its visit is coming this many days before it falls due (monitoring.schedule).
MONITORING_NOTICE_DAYS = env.int("MONITORING_NOTICE_DAYS", default=7)
MONITORING_MISSED_DAYS = env.int("MONITORING_MISSED_DAYS", default=90)

# Official papers (uep/pdf.py): the letterhead's lines (office first; "|" between lines), an optional
# logo file (PNG/JPG) left of them, the place the province signs at, and the address the verification
# QR on a BAST leads to.
# The province whose papers carry PAPER_LETTERHEAD (another province's: its own kop, regions.Province).
PAPER_PROVINCE = env.str("PAPER_PROVINCE", default="64")
PAPER_LETTERHEAD = env.str("PAPER_LETTERHEAD", default="PEMERINTAH PROVINSI KALIMANTAN TIMUR|DINAS SOSIAL|"
                           "Samarinda, Kalimantan Timur").split("|")
PAPER_LOGO = env.str("PAPER_LOGO", default="")
PAPER_PLACE = env.str("PAPER_PLACE", default="Samarinda")
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

# Production hardening; all on unless DEBUG.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by uep.middleware.content_security_policy (rule in the README): scripts,
# styles, fonts and pictures from this site only; no inline script or style, no eval, no plugin,
# not framed; forms post only here. data: pictures are the admin's and the photos' previews. The
# one hash is the <style> Django's admin list writes when a list has no actions (admin/change_list.html).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; "
                           "style-src 'self' 'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='; "
                           "img-src 'self' data: blob:; "
                           "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# Audit: database triggers record every insert, update and delete of a tracked model,
# bulk writes and COPY included; the middleware adds who and which URL.
import pghistory  # noqa: E402

PGHISTORY_DEFAULT_TRACKERS = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
# History rows are looked up by object and by context only: an index on every copied foreign
# key only slows each write (a 20,000-row upload wrote seven needless indexes).
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)
PGHISTORY_OBJ_FIELD = pghistory.ObjForeignKey(db_index=True)
PGHISTORY_CONTEXT_FIELD = pghistory.ContextForeignKey(db_index=True)
# The admin's list of every event builds each history row as JSON before paging (about 20 s at
# 100,000 candidates): it lists nothing until it is narrowed to one record. The per-table lists
# of audit/events_admin.py page by index.
PGHISTORY_ADMIN_ALL_EVENTS = False
PGHISTORY_ADMIN_CLASS = "audit.events_admin.EventsAdmin"
