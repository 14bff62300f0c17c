"""The one settings module. Every deployment difference comes from the environment (see .env.example)."""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "insecure-development-key-only-used-with-debug" if DEBUG else ""
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Panels that apps above `patients` add to the patient's dashboard (callables: request -> HTML or "").
PATIENT_DASHBOARD_PANELS = ["scheduling.views.consultations_patient.dashboard_panel"]
# Monitoring presents it to /healthz to get the backlog figures; empty shows them to nobody.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

INSTALLED_APPS = [
    "accounts.apps.ClinicAdminConfig",  # the Django admin, for the admin role only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "accounts",
    "outbox",
    "audit",
    "screening",
    "patients",
    "review",
    "scheduling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clinic.sessions.SessionMiddleware",  # a session that cannot be saved never hides a done request
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor was passed
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so a timed-out user is told why they were signed out.
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # The change history records the signed-in user who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"
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
                "accounts.context_processors.roles",
                "accounts.context_processors.session_timeout",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'clinic.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle limits per role and an absolute limit, enforced by accounts.middleware.
SESSION_IDLE_SECONDS_STAFF = env.int("SESSION_IDLE_SECONDS_STAFF", default=15 * 60)
SESSION_IDLE_SECONDS_PATIENT = env.int("SESSION_IDLE_SECONDS_PATIENT", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours; never permanent
# Failures count per normalised email (any address) and per client address (any email).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
TRUSTED_PROXY_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"])
# axes' own reset would also clear every failure from the client's address, so anyone with an
# account could reset the per-address count; the sign-in view clears only that email's failures.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_ENABLE_ADMIN = False  # accounts.admin shows lock-outs without the form data axes keeps

# Second factor (django-otp): TOTP apps plus one-time recovery codes; required for staff (accounts.access).
# Wrong codes are throttled per device: after n failures the next try waits 2^(n-1) seconds.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Clinic intake")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # belt and braces: the admin site registers no device models at all

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The admin's History pages show past versions; restoring one would skip the checks of the edit form.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Every delivery limit follows from EMAIL_TIMEOUT, the longest wait for one reply of the mail server: a
# batch claims no new message after 3 of them, a delivery task is interrupted after 6 and killed after 7,
# and a message claimed by a worker that died is sent again after 8 (the claim outlives any task).
OUTBOX_BATCH_SECONDS = 3 * EMAIL_TIMEOUT
OUTBOX_SOFT_TIME_LIMIT = 6 * EMAIL_TIMEOUT
OUTBOX_HARD_TIME_LIMIT = 7 * EMAIL_TIMEOUT
OUTBOX_CLAIM_SECONDS = 8 * EMAIL_TIMEOUT
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Clinic intake <no-reply@demo.clinic>")

# Celery: without a broker URL, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# No request waits on the broker: the outbox publishes after the response (outbox.publishing), trying
# once; socket_timeout covers a frozen broker and stays above the 1 s BRPOP wait of the workers.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2,
}
CELERY_TASK_IGNORE_RESULT = True
# Crisis alerts and their escalation have a queue and a worker of their own (docker-compose.yml), so a
# backlog of ordinary email, or a mail server that hangs it, cannot delay them.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CRISIS_QUEUE = "crisis"
CELERY_TASK_ROUTES = {"screening.tasks.escalate_overdue_alerts": {"queue": CRISIS_QUEUE}}
OUTBOX_QUEUES = {"crisis-alert": CRISIS_QUEUE, "crisis-alert-escalated": CRISIS_QUEUE}
# An unacknowledged crisis alert escalates within the admins' window plus this check interval.
ALERT_ESCALATION_CHECK_SECONDS = env.float("ALERT_ESCALATION_CHECK_SECONDS", default=60.0)
# A tick still queued when the next is due is dropped (expires), so a stuck worker finds no pile-up.
CELERY_BEAT_SCHEDULE = {
    "dispatch-outbox": {"task": "outbox.tasks.dispatch_outbox", "schedule": 30.0, "options": {"expires": 25}},
    "dispatch-crisis-outbox": {
        "task": "outbox.tasks.dispatch_outbox",
        "schedule": 30.0,
        "kwargs": {"queue": CRISIS_QUEUE},
        "options": {"queue": CRISIS_QUEUE, "expires": 25},
    },
    "escalate-alerts": {
        "task": "screening.tasks.escalate_overdue_alerts",
        "schedule": ALERT_ESCALATION_CHECK_SECONDS,
        "options": {"expires": ALERT_ESCALATION_CHECK_SECONDS * 0.9},
    },
    "rescreen-outdated": {"task": "screening.tasks.rescreen_outdated", "schedule": 15 * 60.0},
    # The rule catalogue's open-case counts (a join over every open case's flags, too slow for a page).
    "count-open-cases": {
        "task": "screening.tasks.count_open_cases", "schedule": 60.0, "options": {"expires": 55},
    },
    # Working days at 7:30 in the clinic's time zone: cases waiting and overdue, counts only.
    # Every 15 minutes: the reminder of consultations within a day (one each, claimed in the database).
    "consultation-reminders": {
        "task": "scheduling.tasks.send_consultation_reminders",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60.0},
    },
    # Daily at 6:45 in the clinic's zone: licences expiring within 30 days to admins; lapsed ones flagged.
    "licence-check": {"task": "scheduling.tasks.check_licences", "schedule": crontab(hour=6, minute=45)},
    "review-digest": {
        "task": "review.tasks.send_review_digest",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
}
CELERY_TIMEZONE = TIME_ZONE

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the instance itself, over plain http
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
