"""DVK settings. Every variable is read through `dvk.config` from a DVK_* environment variable (or `.env`);
`.env.example` documents them. Business configuration (criteria, thresholds, header names) is data, not settings.
"""

from datetime import timedelta
from pathlib import Path

from dvk import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

DEMO = config.flag("DVK_DEMO")
DEBUG = config.flag("DVK_DEBUG")
SECRET_KEY = config.secret_key(DATA_DIR, may_generate=DEMO or DEBUG or config.flag("DVK_GENERATE_KEY"))
ALLOWED_HOSTS = config.csv("DVK_ALLOWED_HOSTS", "*" if DEMO else "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = config.csv("DVK_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "dvk.core",
    "dvk.accounts",
    "dvk.units",
    "dvk.campaigns",
    "dvk.initiatives",
    "dvk.evaluations",
    "dvk.commendations",
    "dvk.reports",
    "dvk.notifications",
    "dvk.imports",
    "dvk.backoffice",
    "dvk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "dvk.units.middleware.ScopeMiddleware",
]

ROOT_URLCONF = "dvk.urls"
WSGI_APPLICATION = "dvk.wsgi.application"

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
                "dvk.backoffice.context_processors.navigation",
                "dvk.backoffice.context_notifications.unread_notifications",
            ],
        },
    },
]

DATABASES = {"default": config.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a working day of inactivity and when the browser closes (shared office computers).
SESSION_COOKIE_AGE = config.integer("DVK_SESSION_SECONDS", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = config.flag("DVK_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Repeated failed sign-ins lock the account (per username) for a while.
AXES_FAILURE_LIMIT = config.integer("DVK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=config.integer("DVK_LOGIN_LOCK_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
# Lock by username only: a commune's officers share one public address, locking it would lock them all out.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Background work (imports …): django-tasks with its database backend, so the one-command start needs no broker.
# `dvk serve` runs a worker beside the web server; production runs `dvk worker` processes.
TASKS = {
    "default": {
        "BACKEND": config.text("DVK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves straight from the app and project static folders: `dvk serve` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
# Uploaded evidence (photos, documents): largest accepted file, in megabytes.
UPLOAD_MAX_MB = config.integer("DVK_UPLOAD_MAX_MB", 10)
# Largest spreadsheet an import accepts, in megabytes.
DVK_IMPORT_MAX_MB = config.integer("DVK_IMPORT_MAX_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files live behind Django's storage API, so object storage (S3-compatible) is a setting, not a code change.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_HOST = config.text("DVK_EMAIL_HOST", "")
EMAIL_PORT = config.integer("DVK_EMAIL_PORT", 587)
EMAIL_HOST_USER = config.text("DVK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = config.text("DVK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = config.flag("DVK_EMAIL_TLS", default=True)
DEFAULT_FROM_EMAIL = config.text("DVK_EMAIL_FROM", "DVK <no-reply@localhost>")
# The public address of this DVK, for links in e-mails (e.g. https://dvk.tuyenquang.gov.vn).
DVK_SITE_URL = config.text("DVK_SITE_URL", "").rstrip("/")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.locmem.EmailBackend"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.text("DVK_LOG_LEVEL", "WARNING")},
}
