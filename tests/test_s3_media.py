"""Images, renditions and documents in an S3-compatible bucket (MEDIA_STORAGE_URL).

A real S3 endpoint on loopback (moto's server, started once for the module) takes the uploads:
an image uploaded in the admin is an object in the bucket, its renditions too, and the addresses
the API gives for them answer from the bucket with a year's Cache-Control. A private document is
refused to an anonymous client, to a partner and to a signed-in user its restriction does not
admit, is never listed, and reaches an admitted user streamed or through a short-lived signed
address. A backup restored into a new database and an empty bucket serves the same API, byte for
byte, and the same objects.
"""

import io
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from api.renditions import RENDITIONS
from media_library.storage import PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL
from ops.snapshots import MANIFEST
from tests import s3, test_backup
from tests.api.test_keys import issue_key
from tests.servers import get
from tests.test_backup import READ_API_IN_SUBPROCESS, read_api, run

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # starts an S3 server

fresh_site = test_backup.fresh_site  # a new database and VAR_DIR, as for the backup of media on disk


@pytest.fixture(scope="module")
def endpoint():
    with s3.moto_server() as address:
        s3.create_bucket(address)
        yield address


@pytest.fixture
def bucket(endpoint, django_db_setup, settings):
    """Media in the bucket, streaming documents through the CMS."""
    s3.put_media_in_bucket(endpoint, settings, serving="stream")
    yield endpoint


@pytest.fixture
def redirecting_bucket(endpoint, django_db_setup, settings):
    """Media in the bucket, redirecting an admitted download to the file's signed address."""
    s3.put_media_in_bucket(endpoint, settings, serving="redirect")
    yield endpoint


def png():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (200, 30, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def head(endpoint, key):
    return s3.client(endpoint).head_object(Bucket=s3.BUCKET, Key=key)


def bucket_urls(endpoint, text):
    return re.findall(re.escape(endpoint) + r"/[^\s\"'<>\\]+", text)


def test_an_image_uploaded_in_the_admin_is_in_the_bucket_and_its_renditions_are_served_from_it(
    bucket, admin_client, media_workshop
):
    content = png()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Workshop in Tirana",
            "file": SimpleUploadedFile("tirana-workshop.png", content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    image = get_image_model().objects.get(title="Workshop in Tirana")
    assert image.file.name.startswith("original_images/tirana-workshop")
    stored = s3.client(bucket).get_object(Bucket=s3.BUCKET, Key=image.file.name)
    assert stored["Body"].read() == content
    assert stored["CacheControl"] == PRIVATE_CACHE_CONTROL and stored["ContentType"] == "image/png"
    # the original is private: its address is signed, and the bucket refuses it unsigned
    assert "X-Amz-Signature=" in image.file.url
    assert get(image.file.url)[0] == 200 and get(image.file.url.split("?")[0])[0] == 403

    media_workshop.body = [("image", {"image": image, "caption": "Tirana", "alt_text": "Trainers"})]
    media_workshop.save_revision().publish()  # makes the API's renditions, in the bucket
    # the three of photos and body images, and the srcset widths in WebP and JPEG
    renditions = image.renditions.all()
    assert renditions.filter(filter_spec__in=RENDITIONS.values()).count() == len(RENDITIONS)
    for rendition in renditions:
        assert rendition.file.name.startswith("images/")
        assert head(bucket, rendition.file.name)["CacheControl"] == PUBLIC_CACHE_CONTROL

    detail = Client().get(f"/api/v1/en/events/{media_workshop.slug}/").content.decode()
    urls = bucket_urls(bucket, detail)
    # the event's own lead image is in the bucket too
    # (a srcset width above the image's own is made but not listed: it would not be wider)
    shown = {urlsplit(url).path for url in urls if "/images/tirana-workshop" in url}
    assert shown <= {f"/{s3.BUCKET}/{rendition.file.name}" for rendition in renditions}
    assert {
        f"/{s3.BUCKET}/{rendition.file.name}"
        for rendition in renditions.filter(filter_spec__in=RENDITIONS.values())
    } <= shown
    for url in urls:
        assert "X-Amz-" not in url  # a lasting address partners can keep
        status, headers, body = get(url)
        assert status == 200 and headers["Cache-Control"] == PUBLIC_CACHE_CONTROL
        assert body[:8] == b"\x89PNG\r\n\x1a\n" or body[:3] == b"\xff\xd8\xff" or body[:4] == b"RIFF"
    assert image.file.name not in detail and "original_images" not in detail


@pytest.fixture
def moderators_only(bosnia_assessment):
    """The Bosnian report in a collection only moderators may see."""
    moderator = get_user_model().objects.get(username="moderator")
    folder = Collection.get_first_root_node().add_child(name="Victim statements")
    restriction = CollectionViewRestriction.objects.create(
        collection=folder, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(moderator.groups.all())
    document = bosnia_assessment.report
    document.collection = folder
    document.save()
    return document


def download(client, document, name=None, **headers):
    return client.get(f"/documents/{document.pk}/{name or document.filename}", **headers)


def refusals(admin_client, document):
    """A private document's download as an anonymous client, a partner with its key and a
    national editor see it, beside a wrong file name's."""
    key = issue_key(admin_client)
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="bs-editor"))
    anonymous = Client()
    wrong_name = download(anonymous, document, "guessed.pdf")
    return wrong_name, [
        download(anonymous, document),
        download(anonymous, document, HTTP_AUTHORIZATION=f"Api-Key {key}"),
        download(editor, document),
    ]


def assert_never_listed(endpoint, document, assessment):
    for code in ("en", "bs"):
        slug = assessment.get_translations(inclusive=True).get(locale__language_code=code).slug
        for path in (f"/api/v1/{code}/assessments/{slug}/", f"/api/v1/{code}/assessments/?page_size=100"):
            body = Client().get(path).content.decode()
            assert document.file.name not in body and document.url not in body
            assert all("X-Amz-" not in url for url in bucket_urls(endpoint, body))


def test_a_private_document_in_the_bucket_is_refused_then_redirected_to_an_expiring_signed_address(
    redirecting_bucket, admin_client, moderators_only, bosnia_assessment, settings
):
    document = moderators_only
    wrong_name, refused = refusals(admin_client, document)
    for response in refused:
        assert response.status_code == 404 and response.content == wrong_name.content
        assert not response.has_header("Location") and not response.has_header("ETag")
    assert_never_listed(redirecting_bucket, document, bosnia_assessment)

    moderator = Client()
    moderator.force_login(get_user_model().objects.get(username="moderator"))
    before = datetime.now(UTC).replace(microsecond=0)
    response = download(moderator, document)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"  # no shared cache keeps the signed address
    signed = urlsplit(response["Location"])
    assert f"{signed.scheme}://{signed.netloc}" == redirecting_bucket
    assert signed.path == f"/{s3.BUCKET}/{document.file.name}"
    query = {name: values[0] for name, values in parse_qs(signed.query).items()}
    assert query["X-Amz-Expires"] == str(settings.MEDIA_SIGNED_URL_SECONDS) == "60"
    assert query["X-Amz-Signature"]
    signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= signed_at <= datetime.now(UTC)  # valid from now for a minute, not longer
    status, _headers, body = get(response["Location"])
    with document.file.open("rb") as stored:
        assert status == 200 and body == stored.read() and body.startswith(b"%PDF-")
    assert get(response["Location"].split("?")[0])[0] == 403  # the bucket gives nothing unsigned


def test_a_private_document_in_the_bucket_is_streamed_to_an_admitted_user(
    bucket, admin_client, moderators_only, bosnia_assessment
):
    document = moderators_only
    wrong_name, refused = refusals(admin_client, document)
    for response in refused:
        assert response.status_code == 404 and response.content == wrong_name.content
    assert_never_listed(bucket, document, bosnia_assessment)
    moderator = Client()
    moderator.force_login(get_user_model().objects.get(username="moderator"))
    response = download(moderator, document)
    assert response.status_code == 200 and not response.has_header("Location")
    with document.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_a_document_gets_a_new_name_instead_of_replacing_another_with_the_same(bucket, bosnia_assessment):
    """On disk, a second file of the same name gets a suffix; the bucket keeps that rule."""
    report = bosnia_assessment.report
    with report.file.open("rb") as stored:
        original = stored.read()
    copy = get_document_model().objects.create(
        title="Copy", file=SimpleUploadedFile(Path(report.file.name).name, b"%PDF-1.4 another file")
    )
    assert copy.file.name != report.file.name
    with report.file.open("rb") as stored:
        assert stored.read() == original


def test_backup_and_restore_into_an_empty_bucket_give_the_same_api_and_objects(
    bucket, settings, tmp_path, fresh_site
):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    before = read_api(Client())
    assert bucket_urls(bucket, "".join(before.values()))  # renditions are served from the bucket
    objects = s3.objects(bucket)

    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (backup,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["media_storage"] == "bucket" and manifest["media_files"] == len(objects)

    s3.empty_bucket(bucket)  # the bucket is lost with the database
    site = {**fresh_site, "MEDIA_STORAGE_URL": s3.storage_url(bucket)}
    code, output = run([sys.executable, "manage.py", "restore", str(backup)], site)
    assert code == 0, output
    assert f"into the media bucket {s3.BUCKET}" in output
    restored = s3.objects(bucket)
    assert restored == objects  # byte for byte, under the same names
    for key in restored:
        expected = PUBLIC_CACHE_CONTROL if key.startswith("images/") else PRIVATE_CACHE_CONTROL
        assert head(bucket, key)["CacheControl"] == expected

    code, output = run([sys.executable, "-c", READ_API_IN_SUBPROCESS], site)
    assert code == 0, output[-2000:]
    after = json.loads(output[output.index("{") :])
    assert sorted(after) == sorted(before)
    different = [path for path in before if before[path] != after[path]]
    assert different == [], different[:5]

    if connection.vendor == "sqlite":  # another new database, but the bucket is full now
        second = {**site, "DATABASE_URL": f"sqlite:///{tmp_path / 'second.sqlite3'}"}
        code, output = run([sys.executable, "manage.py", "restore", str(backup)], second)
        assert code != 0 and f"The media bucket {s3.BUCKET} is not empty" in output
