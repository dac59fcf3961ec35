"""Production settings pass Django's deploy check and send the security headers."""

import json
import re
import subprocess

import pytest
from django.core.management.utils import get_random_secret_key
from django.test import Client

from tests.servers import MANAGE, ROOT, base_env, test_database_url

HOST = "cms.example.org"


def production_env(tmp_path, **extra):
    """The environment docs/operations.md and .env.example document for production."""
    documented = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": get_random_secret_key(),  # 50 random characters
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # the check only reads it; nothing connects
        "VAR_DIR": str(tmp_path),
    }
    return base_env(**{**documented, **extra})


def deploy_check(env):
    return subprocess.run(
        [*MANAGE, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_the_deploy_check_finds_nothing_with_the_documented_environment(tmp_path):
    result = deploy_check(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.slow
def test_the_deploy_check_would_catch_a_weak_secret_key(tmp_path):
    result = deploy_check(production_env(tmp_path, SECRET_KEY="short-key"))
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_the_deploy_check_requires_a_cache_shared_by_every_worker(tmp_path):
    """Without REDIS_URL each worker has its own memory cache: its own rate-limit counters, so
    the limit multiplies by the number of workers."""
    result = deploy_check(production_env(tmp_path, REDIS_URL=""))
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "api.E001" in output and "local to each process" in output and "REDIS_URL" in output


def start_settings(env):
    """`manage.py check` (no --deploy): what every start of the production settings goes through."""
    return subprocess.run([*MANAGE, "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_several_workers_without_a_shared_cache(tmp_path):
    """Each gunicorn worker would have its own memory cache: its own rate-limit counters (the limit
    once per worker) and its own cached responses. The start stops, before any request."""
    result = start_settings(production_env(tmp_path, REDIS_URL="", WEB_CONCURRENCY="3"))
    assert result.returncode != 0
    assert "ImproperlyConfigured: WEB_CONCURRENCY=3 starts 3 worker processes" in result.stderr
    assert "set REDIS_URL" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra",
    [{"WEB_CONCURRENCY": "3"}, {"REDIS_URL": "", "WEB_CONCURRENCY": "1"}],
    ids=["redis", "one-worker"],
)
def test_production_starts_several_workers_with_redis_or_one_without(tmp_path, extra):
    result = start_settings(production_env(tmp_path, **extra))
    assert result.returncode == 0, result.stderr


def test_load_demo_refuses_the_production_settings(tmp_path):
    """Demo logins (a superuser named admin, one login per role) must never reach a real site."""
    result = subprocess.run(
        [*MANAGE, "load_demo"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "CommandError: load_demo creates demo logins" in result.stderr
    assert "cms.settings.production" in result.stderr
    assert not (tmp_path / "demo-logins.txt").exists()
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0


SHOW_HEADERS = """
import json
import django
django.setup()
from django.test import Client
client = Client()
result = {}
for path in ("/admin/login/", "/api/v1/en/topics/", "/api/v1/docs/"):
    response = client.get(path, HTTP_HOST="%(host)s", HTTP_X_FORWARDED_PROTO="https")
    result[path] = {
        "status": response.status_code,
        "headers": dict(response.headers),
        "secure_cookies": {name: bool(morsel["secure"]) for name, morsel in response.cookies.items()},
        "body": response.content.decode()[:20000],
    }
plain = client.get("/admin/login/", HTTP_HOST="%(host)s")
result["plain http"] = {"status": plain.status_code, "location": plain.headers.get("Location")}
print(json.dumps(result))
"""


# `collectstatic` as a deploy runs it, minus WhiteNoise's gzip and Brotli copies of every file (the
# suite's largest single cost): the responses read here need only the manifest of hashed names,
# which Django's manifest storage writes the same way.
COLLECT_STATIC_UNCOMPRESSED = """
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
manifest_only = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": manifest_only}):
    call_command("collectstatic", interactive=False, verbosity=0)
"""


@pytest.fixture(scope="module")
def production_responses(django_db_setup, django_db_blocker, tmp_path_factory):
    """Responses of the production settings (in another process) on the test database."""
    with django_db_blocker.unblock():
        env = production_env(
            tmp_path_factory.mktemp("production"), DATABASE_URL=test_database_url(), REDIS_URL=""
        )
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 180, "check": True}
    subprocess.run([*MANAGE, "shell", "-c", COLLECT_STATIC_UNCOMPRESSED], **run)  # noqa: S603
    shown = subprocess.run([*MANAGE, "shell", "-c", SHOW_HEADERS % {"host": HOST}], **run)  # noqa: S603
    return json.loads(shown.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/admin/login/", "/api/v1/en/topics/", "/api/v1/docs/"])
def test_security_headers_in_production(production_responses, path):
    response = production_responses[path]
    assert response["status"] == 200
    headers = response["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    policy = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'"):
        assert directive in policy, (directive, policy)
    assert all(response["secure_cookies"].values()), response["secure_cookies"]


@pytest.mark.slow
def test_the_admin_login_sets_only_secure_cookies_and_plain_http_is_redirected(production_responses):
    assert production_responses["/admin/login/"]["secure_cookies"] == {"csrftoken": True}
    plain = production_responses["plain http"]
    assert plain["status"] == 301 and plain["location"] == f"https://{HOST}/admin/login/"


@pytest.mark.slow
def test_the_api_docs_load_nothing_from_elsewhere_and_run_no_inline_script(production_responses):
    page = production_responses["/api/v1/docs/"]["body"]
    sources = re.findall(r"<script([^>]*)>", page)
    assert len(sources) == 3
    assert all(re.search(r'src="/(static|api)/', attributes) for attributes in sources), sources
    assert not re.search(r"""(src|href)="(https?:)?//""", page)


def test_admin_pages_load_under_the_policy(admin_client):
    """The CSP is in the base settings, so the admin is exercised under it everywhere."""
    login = Client().get("/admin/login/")
    dashboard = admin_client.get("/admin/")
    for response in (login, dashboard):
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy and "style-src 'self' 'unsafe-inline'" in policy
        page = response.content.decode()
        # the policy allows this origin only: every script and style sheet must come from it
        assert not re.search(r"""<(script|link)[^>]+(src|href)="(https?:)?//""", page)
    assert "Sign in" in login.content.decode()
    assert 'id="wagtail-sidebar"' in dashboard.content.decode()
