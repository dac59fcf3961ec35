"""The private media tests again, with images, renditions and documents in an S3 bucket.

Each test of test_private_media.py runs here as well, with MEDIA_STORAGE_URL on a real S3
endpoint on loopback (moto's server, started once for the module) and downloads streamed through
the CMS, so the rules hold whatever the storage. Besides, nothing the API answers in these tests
names a bucket address of an original image or a document, or a signed one: only renditions'
plain addresses. An image that becomes private loses its rendition objects from the bucket, whose
plain addresses partners were given then answer 404.
"""

import re

import pytest
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction

from api.renditions import RENDITIONS
from tests import s3
from tests.api import test_private_media
from tests.api.test_private_media import (  # noqa: F401 (collected here, with the bucket)
    test_a_logged_in_user_the_restriction_admits_may_download,
    test_a_private_document_is_not_found_like_a_wrong_file_name,
    test_a_private_report_is_not_under_documents,
    test_a_restriction_added_later_takes_effect_on_the_next_request,
    test_no_image_of_a_gallery_is_shown_when_all_are_private,
    test_no_rendition_file_is_made_for_a_private_image_on_publish,
    test_private_gallery_photos_and_covers_are_not_listed,
    test_private_media_in_a_body_are_neither_linked_nor_embedded,
)
from tests.api.test_private_renditions import move
from tests.servers import get

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # starts an S3 server

private = test_private_media.private  # the fixture the imported tests use


@pytest.fixture(scope="module")
def endpoint():
    with s3.moto_server() as address:
        s3.create_bucket(address)
        yield address


@pytest.fixture(autouse=True)
def bucket(endpoint, django_db_setup, settings, monkeypatch):
    """Media in the bucket for every test here; every API response is checked for bucket addresses."""
    s3.put_media_in_bucket(endpoint, settings, serving="stream")
    request = Client.request

    def checked(client, **request_data):
        response = request(client, **request_data)
        if response.wsgi_request.path.startswith("/api/"):
            body = response.content.decode()
            for url in re.findall(re.escape(endpoint) + r"/[^\s\"'<>\\]+", body):
                assert f"/{s3.BUCKET}/images/" in url and "X-Amz-" not in url, url
        return response

    monkeypatch.setattr(Client, "request", checked)
    yield endpoint


def test_an_image_made_private_loses_its_renditions_from_the_bucket(
    api, client, gallery, bucket, django_capture_on_commit_callbacks
):
    image = gallery.photos.select_related("image").first().image
    image.renditions.all().delete()  # so that publishing makes them, objects included
    gallery.save_revision().publish()
    renditions = list(image.renditions.filter(filter_spec__in=RENDITIONS.values()))
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").content.decode()
    urls = [rendition.url for rendition in renditions]
    assert len(urls) == len(RENDITIONS) and all(url in body for url in urls)
    assert all(get(url)[0] == 200 for url in urls)

    folder = Collection.get_first_root_node().add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=folder, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        move(client, image, folder)

    assert not image.renditions.exists()
    assert all(get(url)[0] == 404 for url in urls)  # gone from the bucket
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").content.decode()
    assert not any(url in body for url in urls)


def test_the_checks_here_see_bucket_addresses(api, gallery):
    """The autouse check above is not vacuous: the API does name renditions in the bucket."""
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").content.decode()
    assert f"/{s3.BUCKET}/images/" in body
