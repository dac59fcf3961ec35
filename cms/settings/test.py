"""The test suite: fast hashing, offline machine translation, its own media folder."""

from .base import *  # noqa: F403
from .base import DATABASES

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405 (its seeder is tested)
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 (tests only)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Media stay with the test database, which --reuse-db keeps between runs.
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
DEMO_LOGINS_FILE = VAR_DIR / "test-demo-logins.txt"  # noqa: F405
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # a receiver on this machine
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Django's test client logs in without a request, which django-axes refuses; the lockout tests
# turn it on.
AXES_ENABLED = False

# SQLite runs the test database in a file so --reuse-db can keep it between runs.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
