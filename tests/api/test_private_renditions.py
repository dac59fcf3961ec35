"""An image moved into a private collection loses the renditions the API already published: their
rows and files go, so the addresses partners were given answer 404 from the web server."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from api.renditions import ALL_SPECS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """Files deleted here stay deleted after the test's transaction is rolled back: each test
    works on its own copy of the media."""
    media = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media)
    settings.MEDIA_ROOT = media
    return media


def rendition_files(image):
    return [
        Path(settings.MEDIA_ROOT) / r.file.name for r in image.renditions.filter(filter_spec__in=ALL_SPECS)
    ]


def move(client, image, collection):
    client.force_login(get_user_model().objects.get(username="moderator"))
    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "collection": collection.pk,
            "tags": "",
            "alt_text": getattr(image, "alt_text", "") or "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def test_moving_an_image_into_a_private_collection_removes_its_renditions(
    api, client, gallery, django_capture_on_commit_callbacks
):
    image = gallery.photos.select_related("image").first().image
    image.renditions.all().delete()  # so that publishing makes them, files included
    gallery.save_revision().publish()
    files = rendition_files(image)
    assert len(files) == len(ALL_SPECS) and all(f.is_file() for f in files)
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").content.decode()
    assert all(Path(f).name in body for f in files)

    private = Collection.get_first_root_node().add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        move(client, image, private)

    assert not image.renditions.exists()
    assert not any(f.exists() for f in files)
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").content.decode()
    assert not any(Path(f).name in body for f in files)


def test_restricting_a_collection_removes_its_images_renditions(
    api, client, gallery, django_capture_on_commit_callbacks
):
    image = gallery.photos.select_related("image").first().image
    image.renditions.all().delete()  # so that publishing makes them, files included
    gallery.save_revision().publish()
    files = rendition_files(image)
    assert files and all(f.is_file() for f in files)
    collection = Collection.get_first_root_node().add_child(name="Interviews")
    child = collection.add_child(name="Photos")
    image.collection = child
    image.save()
    assert image.renditions.exists()

    client.force_login(get_user_model().objects.get(username="moderator"))
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")

    assert not image.renditions.exists()
    assert not any(f.exists() for f in files)


def test_moving_a_collection_under_a_private_one_removes_its_images_renditions(
    api, client, gallery, django_capture_on_commit_callbacks
):
    image = gallery.photos.select_related("image").first().image
    image.renditions.all().delete()
    gallery.save_revision().publish()
    files = rendition_files(image)
    root = Collection.get_first_root_node()
    interviews = root.add_child(name="Interviews")
    image.collection = interviews.add_child(name="Photos")
    image.save()
    assert files and all(f.is_file() for f in files) and image.renditions.exists()
    private = root.add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")

    client.force_login(get_user_model().objects.get(username="admin"))  # manages collections
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_collections:edit", args=(interviews.pk,)),
            {"name": interviews.name, "parent": private.pk},
        )
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    assert Collection.objects.get(pk=interviews.pk).get_parent() == private
    assert not image.renditions.exists()
    assert not any(f.exists() for f in files)
    body = api(f"/api/v1/en/galleries/{gallery.slug}/").content.decode()
    assert not any(Path(f).name in body for f in files)
