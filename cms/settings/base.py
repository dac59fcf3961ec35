"""Settings shared by every environment. dev, test and production only override."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cms import i18n
from cms.env import (
    env_bool,
    env_int,
    env_list,
    env_mapping,
    env_str,
    media_storage,
    one_of,
    page_url_template,
    preview_url_template,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")  # dev and test provide a throwaway key; production requires one
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "pages",  # the content model
    # drafts on the partner site; before editorial, whose translation editor template it extends
    "previews",
    "glossary",  # the partnership's terms and their approved translations
    "editorial",  # the translation workflow
    "media_library",  # rules for images and documents
    "admin_catalogues",  # the admin in the editors' languages (locale/admin/)
    "api",
    "webhooks",  # partners told of the changes feed's entries (after api)
    "ops",  # backup and restore
    "demo",  # load_demo
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "django_tasks_db",
    "wagtail.contrib.settings",
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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.compression.APICompressionMiddleware",  # outermost but security: compresses the final body
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",  # outside the API cache: every response
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # CORS before anything that may answer an API request (redirects, 401s, 429s, the cache)
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "api.http.APIAccessMiddleware",
    "api.caching.APICacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.middleware.AdminQueryMiddleware",
    "media_library.middleware.DocumentHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into its lockout page
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://user@host/db).
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default needs nothing set up
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,  # a connection broken while the database was down is never reused
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5  # fail fast when it is down
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # A connection prepares each query it has run five times, and PostgreSQL then plans it once
        # rather than on every request: planning an API query took longer than running it
        # (docs/performance.md). Off behind a pooler that drops prepared statements.
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps 2 MiB of the file in memory per connection by default: a locale's pages and
    # events outgrow that at a few thousand events, and lists then re-read them through the file
    # system (docs/performance.md). The cache only grows as far as the data read needs (at most
    # this, per connection).
    SQLITE_CACHE_MIB = env_int("SQLITE_CACHE_MIB", 64, minimum=1)
    # Several processes write at once: the web server's threads or workers, the translation
    # worker, commands. In WAL mode readers never wait for a writer, nor a writer for readers.
    # IMMEDIATE transactions take the write lock when they begin, so writers queue for it: a
    # transaction that reads first and writes later cannot take the lock while another writes and
    # fails at once with "database is locked", whatever the timeout. Writers wait their turn for up
    # to SQLITE_TIMEOUT_SECONDS: room to spare behind one step of the translation worker, a page in
    # one language (editorial/job_steps.py), which took up to 3 s on a loaded machine.
    SQLITE_TIMEOUT_SECONDS = env_int("SQLITE_TIMEOUT_SECONDS", 20, minimum=1)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA cache_size=-{SQLITE_CACHE_MIB * 1024}",
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_TIMEOUT_SECONDS,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise memory of the process. When Redis is down the
# site keeps serving, uncached (cms/cache.py).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "thb-cms",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Logins: after AXES_FAILURE_LIMIT failed attempts for one username from one address, that pair
# is locked out for AXES_COOLOFF_MINUTES, even with the right password (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.lockout.locked_out"
# the same client address as the API's rate limit counts
AXES_CLIENT_IP_CALLABLE = "cms.client_address.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English is the source, six translation locales. Names and text
# direction come from CLDR (cms/i18n.py).
LANGUAGE_CODE = i18n.SOURCE_LANGUAGE
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = i18n.django_languages()
LANGUAGES_BIDI = i18n.rtl_language_codes()
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The project's own messages first, so they win over the admin catalogues where both have one.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "admin"]
# Dates and numbers in the admin as CLDR writes them for each translation language
FORMAT_MODULE_PATH = ["admin_catalogues.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

DEMO_LOGINS_FILE = VAR_DIR / "demo-logins.txt"  # written by load_demo, printed by make run
DEMO_ALLOWED = True  # load_demo may run; production turns it off

PO_UPLOAD_MAX_BYTES = 2 * 1024 * 1024  # a translator's PO file for one page
WAGTAIL_ALLOW_UNICODE_SLUGS = True  # keep Urdu and other non-Latin slugs readable
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False  # a new translation starts as a draft
# Machine translation is off unless a self-hosted LibreTranslate is configured.
LIBRETRANSLATE_URL = env_str("LIBRETRANSLATE_URL")
# Background work: Wagtail's own small tasks run at once; translating a subtree or synchronising
# many pages is queued for a worker (manage.py db_worker --backend translation; make run starts it).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "translation": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "editorial.jobs.TranslationJobBackend"}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": env_str("LIBRETRANSLATE_API_KEY", ""),
        },
    }
    if LIBRETRANSLATE_URL
    else None
)

# Content Security Policy (django-csp) for the admin, the API docs and every other page. Wagtail's
# admin writes small inline scripts (date pickers, inline panels, the translation editor) and
# inline styles, so those need 'unsafe-inline'; nothing is loaded from another origin. Page
# previews are framed by the admin itself, hence frame-ancestors 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Images, renditions and documents in an S3-compatible bucket instead of MEDIA_ROOT:
# s3://bucket?endpoint_url=...&region=...; the credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (read by boto3). Only renditions (images/) are public; original images
# and documents get signed addresses that expire after MEDIA_SIGNED_URL_SECONDS
# (media_library/storage.py).
MEDIA_STORAGE = media_storage("MEDIA_STORAGE_URL", env_str("MEDIA_STORAGE_URL", "").strip())
MEDIA_SIGNED_URL_SECONDS = env_int("MEDIA_SIGNED_URL_SECONDS", 60, minimum=1)
if MEDIA_STORAGE:
    STORAGES["default"] = {
        "BACKEND": "media_library.storage.MediaStorage",
        "OPTIONS": {**MEDIA_STORAGE, "querystring_expire": MEDIA_SIGNED_URL_SECONDS},
    }
# A document download (/documents/<id>/<name>) checks a private collection's restriction, then
# streams the file through the CMS ("stream") or, from a bucket, redirects to its signed address
# ("redirect"). Never Wagtail's "direct", which would link the file itself, past the check.
MEDIA_DOCUMENT_SERVING = one_of(
    "MEDIA_DOCUMENT_SERVING",
    env_str("MEDIA_DOCUMENT_SERVING", "redirect" if MEDIA_STORAGE else "stream").strip(),
    ("stream", "redirect"),
)
if MEDIA_DOCUMENT_SERVING == "redirect" and not MEDIA_STORAGE:
    raise ImproperlyConfigured(
        "MEDIA_DOCUMENT_SERVING=redirect needs MEDIA_STORAGE_URL: files on disk have no signed address."
    )
WAGTAILDOCS_SERVE_METHOD = {"stream": "serve_view", "redirect": "redirect"}[MEDIA_DOCUMENT_SERVING]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = _("THB partnership news")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The CMS serves no page (docs/security.md): "View live" in the admin, workflow e-mails and the
# `url` of an event, assessment or gallery lead to the page on the partner site
# (pages/partner_links.py). A template names {locale} (en, tr ...), {collection} (events,
# assessments, galleries) and {slug}; empty: the page's detail in the API, on WAGTAILADMIN_BASE_URL.
PARTNER_PAGE_URL = page_url_template("PARTNER_PAGE_URL", env_str("PARTNER_PAGE_URL", ""))
# Per language code, for the locales whose partner site differs: {"ur": "https://..."}
PARTNER_PAGE_URL_BY_LOCALE = {
    code: page_url_template(f"PARTNER_PAGE_URL_BY_LOCALE ({code})", template)
    for code, template in env_mapping(
        "PARTNER_PAGE_URL_BY_LOCALE", keys=[code for code, _name in LANGUAGES]
    ).items()
}
# Drafts on the partner site (previews/): the admin's "Open on the partner site" leads to this
# address with a signed token, for which /api/v1/preview/ returns the draft. A template naming
# {token} (and {locale}); PARTNER_PREVIEW_URL_BY_LOCALE for the locales whose site differs. A
# locale without a template is not offered the link.
PARTNER_PREVIEW_URL = preview_url_template("PARTNER_PREVIEW_URL", env_str("PARTNER_PREVIEW_URL", ""))
PARTNER_PREVIEW_URL_TEMPLATES = {
    code: PARTNER_PREVIEW_URL for code, _name in LANGUAGES if PARTNER_PREVIEW_URL
} | {
    code: preview_url_template(f"PARTNER_PREVIEW_URL_BY_LOCALE ({code})", template)
    for code, template in env_mapping(
        "PARTNER_PREVIEW_URL_BY_LOCALE", keys=[code for code, _name in LANGUAGES]
    ).items()
}
# How long a preview link (its token) works, in minutes
PARTNER_PREVIEW_TOKEN_MINUTES = env_int("PARTNER_PREVIEW_TOKEN_MINUTES", 10, minimum=1)
# the database backend, safe terms; on PostgreSQL each partner page also gets its search document
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "cms.search", "DOCUMENTS": "pages.postgres_search.write_documents"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = (
    "media_library.uploads.DocumentForm"  # a file must be what its extension says
)
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
WAGTAILIMAGES_IMAGE_FORM_BASE = "media_library.uploads.ImageForm"  # pixels counted before decoding
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 x 5000; each rendition decodes the whole image
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The read-only REST API
# wagtail-localize's editor uses DRF too: the partner API sets its own classes (api/views.py).
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)  # Cache-Control max-age and cache lifetime
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 1200)  # per client IP; 0 = no limit
API_TRUST_X_FORWARDED_FOR = env_bool("API_TRUST_X_FORWARDED_FOR", False)  # behind a trusted proxy only
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS", ["*"])  # "*" or a list of origins
# Partner sites' browsers may read the API, and only the API, from API_CORS_ALLOWED_ORIGINS
# (django-cors-headers; api.http keeps these two in step when the setting is overridden).
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = API_CORS_ALLOWED_ORIGINS == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else API_CORS_ALLOWED_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# what browsers send on their own (Cache-Control on a reload, X-Requested-With from jQuery) too
CORS_ALLOW_HEADERS = [
    "Authorization",
    "If-None-Match",
    "If-Modified-Since",
    "Cache-Control",
    "X-Requested-With",
]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]
CORS_PREFLIGHT_MAX_AGE = 86400
# Webhooks (docs/api.md#webhooks): endpoints on private, loopback, link-local or reserved
# addresses are refused unless this is on (development and tests turn it on).
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)
API_CACHE_BYPASS_ON_NO_CACHE = False  # only the benchmark's settings turn it on
SPECTACULAR_SETTINGS = {
    "TITLE": "thb-cms partner API",
    "DESCRIPTION": "Published news of the anti-trafficking partnership in seven languages.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_our_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
        "api.schema.enumerate_locales",
        "api.schema.describe_operations",
    ],
    # one name for each fixed set of codes in the answers, however many fields carry it
    "ENUM_NAME_OVERRIDES": {
        name: f"api.serializers.codes.{codes}"
        for name, codes in {
            "LocaleEnum": "LOCALES",
            "DirectionEnum": "DIRECTIONS",
            "CountryCodeEnum": "COUNTRY_CODES",
            "EventKindEnum": "EVENT_KINDS",
            "EventScopeEnum": "EVENT_SCOPES",
            "AssessmentKindEnum": "ASSESSMENT_KINDS",
            "CountryRoleEnum": "COUNTRY_ROLES",
            "OrganisationRoleEnum": "ORGANISATION_ROLES",
            "ExpertRoleEnum": "EXPERT_ROLES",
        }.items()
    },
    # the paths are absolute on the CMS's own address, the one the schema is read from
    "SERVERS": [{"url": "/", "description": "This CMS, where the schema is served"}],
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "PartnerKey": {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": (
                    "Optional: a partner key gives its own, higher request quota. The header's value is"
                    " `Api-Key <key>`: the word Api-Key, a space and the key (a generated client's key"
                    " prefix is `Api-Key`). A revoked or malformed key is a 401."
                ),
            }
        }
    },
    # the key is offered once for the whole API, by api.schema.describe_operations
    "SECURITY": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
