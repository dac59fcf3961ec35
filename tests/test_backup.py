"""A backup restored into a new, empty database gives back the same API, byte for byte.

The API is read in full (locales, every list in all seven locales, every item, search, snippets and
the changes feed) from the test database, a backup is taken, and a separate process restores it
into a new database (an SQLite file, or a new PostgreSQL database) with its own media folder and
reads the API again. Nothing is ignored: every response body must be identical. (Headers are not
compared: Date differs by nature.)
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from ops.snapshots import MANIFEST, media_files, sha256

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]
COLLECTIONS = ["events", "assessments", "galleries"]
SNIPPETS = ["countries", "topics", "organisations"]


def read_api(client):
    """Every answer of the API a partner can read, by address."""
    bodies = {}

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.content[:300])
        bodies[path] = response.content.decode()
        return json.loads(response.content)

    get("/api/v1/")
    get("/api/v1/locales/")
    for code in LOCALES:
        for name in COLLECTIONS:
            for fallback in ("", "&fallback=source"):
                listing = get(f"/api/v1/{code}/{name}/?page_size=100{fallback}")
                for item in listing["results"]:
                    get(f"/api/v1/{code}/{name}/{item['slug']}/?fallback=source")
        for name in SNIPPETS:
            get(f"/api/v1/{code}/{name}/")
        for term in ("training", "trafficking", "Adana"):
            get(f"/api/v1/{code}/search/?q={term}&page_size=100")
    since = "0"
    while True:
        feed = get(f"/api/v1/changes/?since={since}")
        if not feed["has_more"]:
            break
        since = feed["next_cursor"]
    return bodies


READ_API_IN_SUBPROCESS = """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from tests.test_backup import read_api
json.dump(read_api(Client()), sys.stdout)
"""


# Only stops a command that hangs, with room for a slow machine under load: a restore uploads
# each of the demo's media files to the bucket in turn
COMMAND_TIMEOUT = 600


def run(command, environment):
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=COMMAND_TIMEOUT
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def fresh_site(tmp_path):
    """The environment of a new installation: its own empty database (an SQLite file, or a new
    database on the same PostgreSQL server) and media folder."""
    var = tmp_path / "restored"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "VAR_DIR": str(var),  # the test settings keep media in VAR_DIR/test-media
        "API_RATE_LIMIT_PER_MINUTE": "0",
    }
    if connection.vendor == "sqlite":
        yield {**environment, "DATABASE_URL": f"sqlite:///{var / 'restored.sqlite3'}"}
        return
    config = connection.settings_dict
    name = f"thb_restored_{uuid.uuid4().hex[:12]}"
    server = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, password=config["PASSWORD"], **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    url = f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    try:
        yield {**environment, "DATABASE_URL": url, "RESTORED_DATABASE": name}
    finally:
        with psycopg.connect(
            dbname="postgres", autocommit=True, password=config["PASSWORD"], **server
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restored_tables(site):
    """The tables of the new installation's database."""
    if "RESTORED_DATABASE" not in site:
        path = Path(site["VAR_DIR"], "restored.sqlite3")
        if not path.exists():
            return []
        with sqlite3.connect(path) as database:
            return database.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    config = connection.settings_dict
    with psycopg.connect(
        dbname=site["RESTORED_DATABASE"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
    ) as database:
        return database.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()


def test_a_restored_backup_serves_the_same_api(settings, tmp_path, fresh_site):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    before = read_api(Client())
    assert len(before) > 100  # really the whole API

    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (backup,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["media_files"] == len(media_files(settings.MEDIA_ROOT))
    for name, facts in manifest["files"].items():
        assert sha256(backup / name) == facts["sha256"]

    code, output = run([sys.executable, "manage.py", "restore", str(backup)], fresh_site)
    assert code == 0, output
    assert "Restored the backup" in output

    code, output = run([sys.executable, "-c", READ_API_IN_SUBPROCESS], fresh_site)
    assert code == 0, output[-2000:]
    after = json.loads(output[output.index("{") :])
    assert sorted(after) == sorted(before)
    different = [path for path in before if before[path] != after[path]]
    assert different == [], different[:5]

    restored_media = Path(fresh_site["VAR_DIR"]) / "test-media"
    source = {
        str(path.relative_to(settings.MEDIA_ROOT)): sha256(path) for path in media_files(settings.MEDIA_ROOT)
    }
    assert {
        str(path.relative_to(restored_media)): sha256(path) for path in media_files(restored_media)
    } == source

    # a second restore into the now full database is refused, and changes nothing
    code, output = run([sys.executable, "manage.py", "restore", str(backup)], fresh_site)
    assert code != 0 and "The database is not empty" in output


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, fresh_site):
    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (backup,) = (tmp_path / "backups").iterdir()
    with open(backup / "media.tar.gz", "ab") as archive:
        archive.write(b"tampered")
    code, output = run([sys.executable, "manage.py", "restore", str(backup)], fresh_site)
    assert code != 0 and "checksum does not match" in output
    assert restored_tables(fresh_site) == []
