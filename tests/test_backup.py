"""A backup restored into a new, empty database gives back the same API, byte for byte.

The API is read in full (locales, every list in all seven locales, every item, search, snippets and
the changes feed) from the test database, a backup is taken, and a separate process restores it
into a new SQLite file with its own media folder and reads the API again. Nothing is ignored: every
response body must be identical. (Headers are not compared: Date differs by nature.)
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from ops.snapshots import MANIFEST, media_files, sha256

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="restores into a new SQLite file; a PostgreSQL backup needs a second database server",
    ),
]

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


def run(command, environment):
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def fresh_site(tmp_path):
    """The environment of a new installation: its own empty SQLite file and media folder."""
    var = tmp_path / "restored"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "VAR_DIR": str(var),  # the test settings keep media in VAR_DIR/test-media
        "DATABASE_URL": f"sqlite:///{var / 'restored.sqlite3'}",
        "API_RATE_LIMIT_PER_MINUTE": "0",
    }


def test_a_restored_backup_serves_the_same_api(settings, tmp_path, fresh_site):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    before = read_api(Client())
    assert len(before) > 100  # really the whole API

    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (backup,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["engine"] == "sqlite" and manifest["media_files"] == len(media_files(settings.MEDIA_ROOT))
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
    assert (
        not Path(fresh_site["VAR_DIR"], "restored.sqlite3").exists()
        or Path(fresh_site["VAR_DIR"], "restored.sqlite3").stat().st_size == 0
    )
