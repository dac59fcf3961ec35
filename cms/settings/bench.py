"""The benchmark server (make bench): production settings on the benchmark's own data, plus the
two references the API is measured against (Wagtail's API v2 and a serving-ceiling view).

Only for a loopback benchmark: plain HTTP, no rate limit, and `Cache-Control: no-cache` from the
client skips the API's response cache so that uncached responses can be measured.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .production import *  # noqa: E402, F403

INSTALLED_APPS += ["bench", "wagtail.api.v2"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
MIDDLEWARE.insert(0, "bench.middleware.QueryCountMiddleware")  # noqa: F405
API_RATE_LIMIT_PER_MINUTE = 0
DEMO_ALLOWED = True  # the benchmark's snippets come from the demo, on its own loopback database
API_CACHE_BYPASS_ON_NO_CACHE = True
BENCH_CEILING_DIR = VAR_DIR / "bench-ceiling"  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
