"""Production: every secret comes from the environment, nothing insecure by default."""

from cms.env import (
    env_bool,
    env_int,
    env_list,
    env_required,
    http_url,
    named_hosts,
    shared_cache,
    strong_secret_key,
)

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = strong_secret_key(env_required("SECRET_KEY"))
ALLOWED_HOSTS = named_hosts(env_list("ALLOWED_HOSTS"))
# the admin's public address, in links of notification e-mails: no loopback default here
WAGTAILADMIN_BASE_URL = http_url("WAGTAILADMIN_BASE_URL", env_required("WAGTAILADMIN_BASE_URL"))
# load_demo creates logins whose names anyone can guess, a superuser among them
DEMO_ALLOWED = False
# gunicorn's own variable for its number of worker processes: several need a shared cache
WEB_CONCURRENCY = shared_cache(env_int("WEB_CONCURRENCY", 1, minimum=1), CACHES)  # noqa: F405

# WhiteNoise serves the collected static files right after the security middleware.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes may ask over plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
