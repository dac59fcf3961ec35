"""With the database down the API answers 503 and recovers; with Redis down it serves, uncached.

The end-to-end tests run the project under gunicorn with the production settings and start and
stop what they need on loopback: a private redis-server, and a TCP proxy in front of the
machine's PostgreSQL that can be closed and reopened (the shared server itself is never stopped).
"""

import contextlib
import json
import logging
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management.utils import get_random_secret_key
from django.db import OperationalError

from cms.cache import FailSoftRedisCache
from tests.servers import MANAGE, ROOT, base_env, free_port, get, wait_until

REDIS_SERVER = shutil.which("redis-server")
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "cms.cache.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


# In-process: what each layer does when the database or Redis fails.


def unreachable_cache():
    return FailSoftRedisCache(UNREACHABLE_REDIS["default"]["LOCATION"], UNREACHABLE_REDIS["default"])


def test_an_unreachable_redis_reads_as_an_empty_cache(caplog):
    redis = unreachable_cache()
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        assert redis.get("key", "default") == "default"
        redis.set("key", "value")
        assert redis.add("key", "value") is False
        assert redis.get_or_set("key", "computed") == "computed"
        assert redis.get_many(["a", "b"]) == {}
        with pytest.raises(ValueError):
            redis.incr("counter")
    warnings = [record for record in caplog.records if record.name == "cms.cache"]
    assert len(warnings) == 1 and "Redis is unreachable" in warnings[0].getMessage()


@pytest.mark.django_db
def test_the_api_serves_and_stops_rate_limiting_while_redis_is_down(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    assert [client.get("/api/v1/en/topics/").status_code for _ in range(4)] == [200] * 4


def assert_database_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    error = response.json()["error"]
    assert error["status"] == 503 and error["code"] == "database_unavailable" and error["field"] is None
    assert "Try again in 10 seconds" in error["message"]


@pytest.mark.django_db
def test_the_api_answers_503_when_the_content_version_cannot_be_read(client):
    with mock.patch("api.caching.current_state", side_effect=OperationalError("server closed")):
        assert_database_unavailable(client.get("/api/v1/en/events/"))


@pytest.mark.django_db
def test_the_api_answers_503_when_a_view_loses_the_database(client):
    with mock.patch("api.views.Visibility", side_effect=OperationalError("server closed")):
        assert_database_unavailable(client.get("/api/v1/en/events/"))


@pytest.mark.django_db
def test_the_api_answers_503_when_a_partner_key_cannot_be_looked_up(client):
    with mock.patch("api.http.partner_quota", side_effect=OperationalError("server closed")):
        assert_database_unavailable(client.get("/api/v1/en/events/", HTTP_AUTHORIZATION="Api-Key ab.cd"))


# End to end: a real server, a real database and a real Redis going away and coming back.


class TCPProxy:
    """Forwards a loopback port to `upstream`; stop() drops every connection, start() listens again."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.port = free_port()
        self.listener = None
        self.connections = set()
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.1)
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        listener, self.listener = self.listener, None
        listener.close()
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections.clear()

    def accept(self, listener):
        while self.listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            client.settimeout(None)
            with self.lock:
                self.connections.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self.pump, args=(source, target), daemon=True).start()

    @staticmethod
    def pump(source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def postgres_server():
    """(host, port, user, password) of the PostgreSQL the tests may use, or skip."""
    psycopg = pytest.importorskip("psycopg")
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        server = (
            database["HOST"] or "127.0.0.1",
            int(database["PORT"] or 5432),
            database["USER"],
            database["PASSWORD"],
        )
    else:
        server = ("127.0.0.1", 5432, "postgres", "")
    host, port, user, password = server
    try:
        psycopg.connect(
            host=host, port=port, user=user, password=password, dbname="postgres", connect_timeout=2
        ).close()
    except psycopg.Error as error:
        pytest.skip(f"PostgreSQL is not reachable at {host}:{port}: {error}")
    return server


@contextlib.contextmanager
def scratch_postgres_database():
    """A new, empty database on the PostgreSQL server; dropped afterwards."""
    import psycopg

    host, port, user, password = postgres_server()
    name = f"thb_faults_{uuid.uuid4().hex[:12]}"
    admin = {"host": host, "port": port, "user": user, "password": password, "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield host, port, user, password, name
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(tmp_path, **extra):
    return base_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(tmp_path),
        **extra,
    )


CREATE_TABLES = """
from django.apps import apps
from django.db import connection
with connection.schema_editor() as editor:
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            editor.create_model(model)
"""


@contextlib.contextmanager
def served(env):
    """The project under gunicorn (one worker, as in production) on a free loopback port."""
    # empty tables straight from the models: seconds, not the half minute of every migration
    subprocess.run(
        [*MANAGE, "shell", "-c", CREATE_TABLES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = Path(env["VAR_DIR"]) / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "30",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: get(f"{base}/healthz")[0] == 200, seconds=30), log.read_text()
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def api_index(base):
    status, headers, body = get(f"{base}/api/v1/")
    return status, headers, json.loads(body)


@contextlib.contextmanager
def served_through_a_proxy(tmp_path):
    """(address, proxy): the project served on a scratch PostgreSQL database that it reaches through
    a TCPProxy, which the test stops and starts as the database going away and coming back."""
    with scratch_postgres_database() as (host, port, user, password, name):
        proxy = TCPProxy((host, port))
        proxy.start()
        auth = user + (f":{password}" if password else "")
        env = server_env(tmp_path, DATABASE_URL=f"postgres://{auth}@127.0.0.1:{proxy.port}/{name}")
        try:
            with served(env) as base:
                yield base, proxy
        finally:
            if proxy.listener is not None:
                proxy.stop()


@pytest.mark.slow
def test_the_api_answers_503_while_the_database_is_down_and_recovers_by_itself(tmp_path):
    with served_through_a_proxy(tmp_path) as (base, proxy):
        assert api_index(base)[0] == 200

        proxy.stop()  # the database goes away, with the server's open connection
        status, headers, body = api_index(base)
        assert status == 503, body
        assert headers["Retry-After"] == "10" and headers["Content-Type"] == "application/json"
        assert body["error"]["code"] == "database_unavailable" and body["error"]["status"] == 503
        assert get(f"{base}/healthz")[0] == 200
        status, _headers, ready = get(f"{base}/readyz")
        assert status == 503 and json.loads(ready)["down"] == ["database"]

        proxy.start()  # the database is back: no restart of the server
        assert wait_until(lambda: api_index(base)[0] == 200, seconds=10)
        assert get(f"{base}/readyz")[0] == 200


def listening_again(proxy):
    try:
        proxy.start()
    except OSError:  # the stopped listener's last accept() has not returned yet
        return False
    return True


@pytest.mark.slow
def test_the_first_api_request_after_a_database_restart_is_answered(tmp_path):
    """The server's connection broke while the database restarted: the request that finds it
    broken replaces it (api/caching.py) instead of failing."""
    with served_through_a_proxy(tmp_path) as (base, proxy):
        assert api_index(base)[0] == 200
        proxy.stop()  # drops the server's open connection
        assert wait_until(lambda: listening_again(proxy), seconds=5)
        assert [api_index(base)[0] for _ in range(3)] == [200, 200, 200]


@pytest.fixture
def redis_server(tmp_path):
    """A private redis-server on a free loopback port; the fixture can stop and restart it."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]

    class Redis:
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL)
            assert wait_until(
                lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() or True
            )

        def stop(self):
            self.process.terminate()
            self.process.wait(timeout=10)

        def keys(self):
            import redis

            return redis.Redis.from_url(self.url).dbsize()

    server = Redis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.mark.slow
def test_the_api_keeps_serving_uncached_while_redis_is_down(tmp_path, redis_server):
    env = server_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=redis_server.url,
        API_RATE_LIMIT_PER_MINUTE="5",
    )
    with served(env) as base:
        # with Redis up, responses and the request budget live there
        assert [api_index(base)[0] for _ in range(6)] == [200] * 5 + [429]
        assert redis_server.keys() > 0

        redis_server.stop()
        assert [api_index(base)[0] for _ in range(8)] == [200] * 8  # uncached, and no budget to count
        status, _headers, ready = get(f"{base}/readyz")
        assert status == 503 and json.loads(ready)["down"] == ["cache"]

        redis_server.start()  # a new, empty Redis: the server uses it again by itself
        assert wait_until(lambda: get(f"{base}/readyz")[0] == 200, seconds=15)
        assert api_index(base)[0] == 200
        assert redis_server.keys() > 0
