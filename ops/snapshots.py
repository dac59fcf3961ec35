"""Backups: a consistent snapshot of the database and a tar of the media, with a manifest.

The media are the files of MEDIA_ROOT, or the objects of the bucket when MEDIA_STORAGE_URL names
one: the same tar either way, so a backup of either kind restores into either kind.

The database is copied with its own tools, so a restore gives back exactly the same rows
(page tree paths, revisions, translation sources, queued tasks, ids) and the API answers byte for
byte as before: SQLite through its online backup API, PostgreSQL with pg_dump (one transaction).
A backup restores into the same kind of database it was taken from.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FORMAT = 1


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why."""


def engine():
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_environment():
    """pg_dump and pg_restore get the connection from libpq's variables, the password never on argv."""
    config = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if config.get(key):
            environment[variable] = str(config[key])
    environment["PGDATABASE"] = config["NAME"]
    return environment


def _run(command, environment):
    executable = shutil.which(command[0])
    if executable is None:
        raise BackupError(f"{command[0]} is not installed; it is needed for PostgreSQL backups.")
    result = subprocess.run([executable, *command[1:]], env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(target):
    if engine() == "sqlite":
        source = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # a consistent copy even while the site writes
        finally:
            copy.close()
            source.close()
    else:
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            _postgres_environment(),
        )


def media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def pack_media(root, target):
    files = media_files(root)
    with tarfile.open(target, "w:gz") as archive:
        for path in files:
            archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
    return len(files)


def media_bucket():
    """The bucket's storage when media live in one (MEDIA_STORAGE_URL), else None."""
    from storages.backends.s3 import S3Storage

    storage = storages["default"]
    return storage if isinstance(storage, S3Storage) else None


def media_place():
    bucket = media_bucket()
    return f"media bucket {bucket.bucket_name}" if bucket else f"media folder {settings.MEDIA_ROOT}"


def bucket_objects(storage):
    """(name, object summary) of every object under the storage's location, sorted by name."""
    prefix = f"{storage.location.strip('/')}/" if storage.location else ""
    found = [
        (summary.key[len(prefix) :], summary) for summary in storage.bucket.objects.filter(Prefix=prefix)
    ]
    return sorted(item for item in found if item[0] and not item[0].endswith("/"))


def pack_bucket(storage, target):
    objects = bucket_objects(storage)
    with tarfile.open(target, "w:gz") as archive:
        for name, summary in objects:
            body = summary.get()  # streamed into the archive, never whole in memory
            member = tarfile.TarInfo(name)
            member.size = body["ContentLength"]
            member.mtime = int(summary.last_modified.timestamp())
            archive.addfile(member, body["Body"])
    return len(objects)


def unpack_into_bucket(archive, storage):
    """Upload each file of the archive under its own name, with the storage's Content-Type and
    Cache-Control (media_library/storage.py)."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            if member.name.startswith("/") or ".." in Path(member.name).parts:
                raise BackupError(f"{archive} holds a file outside the media: {member.name!r}.")
            storage._save(member.name, File(tar.extractfile(member), name=member.name))


def applied_migrations():
    latest = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def create_backup(parent, report=print):
    """Write a new backup folder under `parent` and return its path."""
    kind = engine()
    folder = Path(parent) / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = folder.with_name(f"{folder.name.split('-')[0]}-{suffix}")
    folder.mkdir(parents=True)
    database_file = DATABASE_FILES[kind]
    report(f"Copying the {kind} database to {folder / database_file} ...")
    dump_database(folder / database_file)
    bucket = media_bucket()
    report(f"Packing the files of the {media_place()} ...")
    if bucket:
        count = pack_bucket(bucket, folder / MEDIA_ARCHIVE)
    else:
        count = pack_media(settings.MEDIA_ROOT, folder / MEDIA_ARCHIVE)
    report(f"  {count} files.")
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": kind,
        "database": database_file,
        "media": MEDIA_ARCHIVE,
        "media_files": count,
        "media_storage": "bucket" if bucket else "folder",  # where they came from
        "migrations": applied_migrations(),
        "files": {
            name: {"sha256": sha256(folder / name), "bytes": (folder / name).stat().st_size}
            for name in (database_file, MEDIA_ARCHIVE)
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    report(f"Backup written to {folder} (checksums in {MANIFEST}).")
    return folder


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a backup: cannot read {MANIFEST} ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} has a backup format this version cannot read.")
    for name, facts in manifest["files"].items():
        path = folder / name
        if not path.is_file() or sha256(path) != facts["sha256"]:
            raise BackupError(f"{path} is missing or damaged: its checksum does not match the manifest.")
    return manifest


def database_is_empty():
    return not connection.introspection.table_names()


def load_database(source, force=False):
    if engine() == "sqlite":
        connection.close()
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            backup.backup(target)  # replaces every page of the target database
        finally:
            target.close()
            backup.close()
    else:
        options = ["--clean", "--if-exists"] if force else []
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *options,
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            _postgres_environment(),
        )


def unpack_media(archive, root):
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(root, filter="data")  # no absolute paths, links or ../ out of the folder


def restore_backup(folder, force=False, report=print):
    folder = Path(folder)
    manifest = read_manifest(folder)
    kind = engine()
    if manifest["engine"] != kind:
        raise BackupError(
            f"This is a {manifest['engine']} backup; the configured database is {kind}. "
            "Restore it into the same kind of database."
        )
    if kind == "sqlite":  # a new installation may not have the database's folder yet
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not force and not database_is_empty():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database, or add --force to "
            "replace everything in it."
        )
    bucket = media_bucket()
    if not force and (bucket_objects(bucket) if bucket else media_files(settings.MEDIA_ROOT)):
        raise BackupError(
            f"The {media_place()} is not empty. Empty it, or add --force to "
            "overwrite the files the backup holds."
        )
    report(f"Restoring the {kind} database from {folder / manifest['database']} ...")
    load_database(folder / manifest["database"], force=force)
    report(f"Unpacking {manifest['media_files']} media files into the {media_place()} ...")
    if bucket:
        unpack_into_bucket(folder / manifest["media"], bucket)
    else:
        unpack_media(folder / manifest["media"], settings.MEDIA_ROOT)
    report(f"Restored the backup of {manifest['created_at']}.")
