"""A real S3 endpoint on loopback for the tests of media in a bucket: moto's standalone server
(`python -m moto.server`), spoken to over HTTP by boto3 and django-storages exactly as a
deployment speaks to its provider."""

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
from django.core.files import File
from django.core.files.storage import default_storage

from media_library.storage import public_read_policy
from tests.servers import free_port, get, wait_until

BUCKET = "thb-media"
REGION = "eu-central-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "thb-test", "AWS_SECRET_ACCESS_KEY": "thb-test-secret"}  # moto takes any


@contextlib.contextmanager
def moto_server():
    """moto's standalone S3 server in its own process on a free loopback port (so each server
    starts empty); yields its address. Credentials and region go into the environment, where boto3
    (and so a subprocess running the project) reads them."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own command)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    saved = {name: os.environ.get(name) for name in (*CREDENTIALS, "AWS_DEFAULT_REGION")}
    os.environ.update({**CREDENTIALS, "AWS_DEFAULT_REGION": REGION})
    address = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: get(f"{address}/moto-api/")[0] == 200, seconds=30), "moto did not start"
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def storage_url(endpoint, bucket=BUCKET):
    return f"s3://{bucket}?endpoint_url={endpoint}&region={REGION}"


def client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION)


def create_bucket(endpoint, bucket=BUCKET):
    """A bucket set up as docs/operations.md says: renditions readable by anyone, nothing else."""
    s3 = client(endpoint)
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read_policy(bucket)))


def objects(endpoint, bucket=BUCKET):
    """{key: body} of every object in the bucket."""
    s3 = client(endpoint)
    keys = [
        item["Key"]
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for item in page.get("Contents", [])
    ]
    return {key: s3.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


def empty_bucket(endpoint, bucket=BUCKET):
    s3 = client(endpoint)
    for key in objects(endpoint, bucket):
        s3.delete_object(Bucket=bucket, Key=key)


def put_media_in_bucket(endpoint, settings, serving="stream"):
    """The settings of MEDIA_STORAGE_URL on this endpoint (as cms.settings.base makes them), with the
    demo content's files (from the test media folder) copied into the bucket under the same names."""
    storages = {
        "default": {
            "BACKEND": "media_library.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "querystring_expire": 60,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    method = {"stream": "serve_view", "redirect": "redirect"}[serving]
    # Through pytest-django's `settings`, whose one stack of changes is undone in order at the end
    # of the test: an override_settings of its own would be undone first, and a later change of the
    # test's `settings` would then put the bucket back for every test after it.
    settings.STORAGES = storages
    settings.MEDIA_STORAGE = storages["default"]["OPTIONS"]
    settings.MEDIA_DOCUMENT_SERVING = serving
    settings.WAGTAILDOCS_SERVE_METHOD = method
    root = Path(settings.MEDIA_ROOT)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = str(path.relative_to(root))
        if not default_storage.exists(name):
            with path.open("rb") as content:
                assert default_storage.save(name, File(content)) == name
