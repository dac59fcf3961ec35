"""Helpers for tests that run the project in another process: ports, the database URL, waiting."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, "manage.py"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_database_url():
    """A DATABASE_URL for the test database (the session has set it up; call from a db fixture)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    auth = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return (
        f"postgres://{auth}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )


test_database_url.__test__ = False  # a helper, not a test


def base_env(**extra):
    """The environment of the outer process, minus what the settings read, plus `extra`."""
    names = {
        *("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "VAR_DIR"),
        *("WAGTAILADMIN_BASE_URL", "MEDIA_ROOT", "WEB_CONCURRENCY"),
    }
    env = {key: value for key, value in os.environ.items() if key not in names}
    return {**env, **extra}


def get(url, headers=None, timeout=5):
    """(status, headers, body) of a GET, also for error statuses."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (our own loopback server)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until(condition, seconds=20, step=0.1):
    """Call condition() until it returns something true; return that, or None after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = condition()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(step)
    return None


@contextlib.contextmanager
def gunicorn(env, workers=1, log_dir=None):
    """The project under gunicorn with `env` on a free loopback port; yields its base address."""
    port = free_port()
    log = Path(log_dir or env["VAR_DIR"]) / "gunicorn.log"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "cms.wsgi",
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--no-control-socket"),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: get(f"{base}/healthz")[0] == 200, seconds=60), log.read_text()
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
