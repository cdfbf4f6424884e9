"""Settings shared by every profile; each value can come from the environment."""

from pathlib import Path

import dj_database_url

from .environment import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
SITE_DIR = BASE_DIR / "site"

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "erbm_cms.base",
    "erbm_cms.accounts",
    "erbm_cms.partners",
    "erbm_cms.documents",
    "erbm_cms.archive",
    "erbm_cms.home",
    "erbm_cms.engagement",
    "erbm_cms.news",
    "erbm_cms.deliberations",
    "erbm_cms.minutes",
    "erbm_cms.publishing",
    "erbm_cms.demo",
    "search",
    "erbm_cms.alerts",
    "erbm_cms.imports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "dsfr",
    "widget_tweaks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Right after: a password-only session of an account with a second factor reaches nothing else.
    "erbm_cms.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "erbm_cms.publishing.middleware.PagePermissionMiddleware",
    "erbm_cms.publishing.admin_titles.AdminTitleGuardMiddleware",
    "erbm_cms.base.security.SecurityHeadersMiddleware",
    "erbm_cms.base.page_cache.AnonymousPageCacheMiddleware",
    # Last, as django-axes asks: it locks out repeated failed sign-ins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours: a locked account and address wait 15 minutes
# Failures are counted per user name (whatever the address) and per address (whatever the user
# name): either reaching the limit locks, so one address cannot try many names, nor many
# addresses one name.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address: REMOTE_ADDR, unless the site sits behind TRUSTED_PROXY_COUNT reverse
# proxies that append it to X-Forwarded-For (then the address they saw, not one a client wrote).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
# Second factor (django-otp): the issuer shown by authenticator apps; a code is refused for a growing delay
# after each failure (1 s, 2 s, 4 s…), on top of django-axes for the password.
OTP_TOTP_ISSUER = "Renouveau du bassin minier"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "erbm_cms.urls"
WSGI_APPLICATION = "erbm_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "erbm_cms.base.context_processors.site_navigation",
            ],
        },
    },
]

# Database: SQLite by default (no service to install), PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers never wait for the writer (WAL); a writer takes the lock when its transaction begins
    # (IMMEDIATE, so two transactions cannot both read then fail to write) and waits its turn.
    # Each connection reads the file through a memory map and keeps a larger page cache than
    # SQLite's 2 MB: a search reads the index's pages of every record it matches.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 30),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA mmap_size={env_int('SQLITE_MMAP_MB', 1024) * 2**20}; "
            f"PRAGMA cache_size=-{env_int('SQLITE_CACHE_MB', 64) * 1024};"
        ),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French, in Paris.
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Renouveau du bassin minier"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.ArchiveDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "erbm_cms.documents.forms.ArchiveDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)

# Imports of deliberations from the admin (erbm_cms/imports): the files sent are kept in a private
# folder, never under MEDIA_ROOT, until the import ends.
IMPORT_ROOT = Path(env_str("IMPORT_ROOT", str(BASE_DIR / "var" / "imports")))
IMPORT_MAX_UPLOAD_SIZE = env_int("IMPORT_MAX_UPLOAD_SIZE", 500 * 1024 * 1024)
IMPORT_MAX_FILES = env_int("IMPORT_MAX_FILES", 1000)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 2000)
IMPORT_MAX_UNCOMPRESSED_SIZE = env_int("IMPORT_MAX_UNCOMPRESSED_SIZE", 2 * 1024 * 1024 * 1024)
# Acts may be sent one by one rather than zipped: as many files as an import accepts, and the CSV.
DATA_UPLOAD_MAX_NUMBER_FILES = IMPORT_MAX_FILES + 1
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "erbm_cms.base.image_forms.CheckedImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# The task worker and the bulk commands can run at a lower priority (a `nice` value, 0 to 19) so
# that the web server's pages and searches come first; 0 (the default) keeps them level. A lowered
# worker can starve while the site is saturated: the index then lags behind publications, and a
# write it holds on SQLite makes the editors wait (README, « Sous la charge »).
BACKGROUND_NICENESS = env_int("BACKGROUND_NICENESS", 0)
# Background work: immediate unless a profile says otherwise.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

DSFR_USE_INTEGRITY_CHECKSUMS = True

LOGIN_URL = "wagtailadmin_login"
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# PDF text extraction runs in a child process with these limits.
PDF_EXTRACTION_TIMEOUT = env_int("PDF_EXTRACTION_TIMEOUT", 120)
PDF_EXTRACTION_MEMORY_MB = env_int("PDF_EXTRACTION_MEMORY_MB", 1024)
# OCR (Tesseract, French) of the pages without a text layer, in the same kind of limited child process.
OCR_ENABLED = env_bool("OCR_ENABLED", True)
OCR_LANGUAGE = env_str("OCR_LANGUAGE", "fra")
OCR_DPI = env_int("OCR_DPI", 300)
OCR_PAGE_TIMEOUT = env_int("OCR_PAGE_TIMEOUT", 60)
OCR_DOCUMENT_TIMEOUT = env_int("OCR_DOCUMENT_TIMEOUT", 1800)
OCR_MEMORY_MB = env_int("OCR_MEMORY_MB", 1024)
# Below this mean word confidence (0-100) a page read by OCR is flagged and weighs less in search.
OCR_LOW_CONFIDENCE = env_int("OCR_LOW_CONFIDENCE", 60)
# Below this one the reading is set aside: not text in the OCR language (another script, a drawing).
OCR_MIN_CONFIDENCE = env_int("OCR_MIN_CONFIDENCE", 40)

# The archive's search engine in production: Elasticsearch 8, when ELASTICSEARCH_URL is set
# (README, « Recherche en production »); otherwise the database engine, and Wagtail's own for the admin.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH = {
    "API_KEY": env_str("ELASTICSEARCH_API_KEY"),
    "USERNAME": env_str("ELASTICSEARCH_USERNAME"),
    "PASSWORD": env_str("ELASTICSEARCH_PASSWORD"),
    "CA_CERTS": env_str("ELASTICSEARCH_CA_CERTS"),
    # Several sites can share one cluster, each with its own prefix.
    "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "erbm"),
    "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 5),
    "REPLICAS": env_int("ELASTICSEARCH_REPLICAS", 0),
}
if ELASTICSEARCH_URL:
    # Wagtail's own admin search runs on the same cluster, under the same prefix.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH['INDEX_PREFIX']}-wagtail-",
            "TIMEOUT": ELASTICSEARCH["TIMEOUT"],
            "OPTIONS": {
                key: value for key, value in {
                    "api_key": ELASTICSEARCH["API_KEY"] or None,
                    "basic_auth": (ELASTICSEARCH["USERNAME"], ELASTICSEARCH["PASSWORD"]) if ELASTICSEARCH["USERNAME"] else None,
                    "ca_certs": ELASTICSEARCH["CA_CERTS"] or None,
                }.items() if value
            },
        }
    }
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Privacy is by group (partners, delegation), never by a shared password.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Rendered pages for anonymous visitors (see erbm_cms/base/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The menus and footer links every anonymous visitor sees, kept in each process until a change
# (see page_cache.remember); 0 turns it off.
NAVIGATION_CACHE_SECONDS = env_int("NAVIGATION_CACHE_SECONDS", 60)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "erbm"}}
