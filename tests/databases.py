"""Copies of the test database, for tests whose other processes (servers, a worker, the seeder's
writers) must read what the test commits: they cannot see inside a test's transaction."""

import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection


def use_database(name):
    """Point Django's connection at another database; the next query connects to it."""
    connection.close()
    settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"] = name
    connection.settings_dict["NAME"] = name


def postgres_admin(why):
    """Connection arguments for the PostgreSQL server of the test database, or skip saying `why`
    the test needs PostgreSQL."""
    import psycopg

    database = settings.DATABASES[DEFAULT_DB_ALIAS]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(
            f"{why}: run the tests on PostgreSQL (DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>)"
        )
    server = {
        "host": database["HOST"] or "127.0.0.1",
        "port": int(database["PORT"] or 5432),
        "user": database["USER"],
        "password": database["PASSWORD"] or "",
        "dbname": "postgres",
        "connect_timeout": 2,
    }
    try:
        psycopg.connect(**server).close()
    except psycopg.Error as error:
        pytest.skip(f"PostgreSQL is not reachable at {server['host']}:{server['port']}: {error}")
    return server


@contextmanager
def copy_of_the_test_database(label, server):
    """Django's connection on a copy of the test database (PostgreSQL) until the context ends, when
    the copy is dropped; yields the copy's name."""
    import psycopg

    template = connection.settings_dict["NAME"]
    copy = f"{template}_{label}_{uuid.uuid4().hex[:8]}"
    connection.close()
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
    use_database(copy)
    try:
        yield copy
    finally:
        use_database(template)
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
