"""Images and documents of a private collection (or of its child collections) never leave the CMS.

The API neither lists nor links them (gallery photos, covers, body images and document links,
rich-text images and document links, report PDFs), and Wagtail's document download gives the
same 404 for a private document as for a wrong file name, without a file hash.
"""

from pathlib import Path

import pytest
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import RichText

from tests.content import in_locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def private():
    """A collection restricted to logged-in users, and a child collection that inherits it."""
    root = Collection.get_first_root_node()
    restricted = root.add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type="login")
    return restricted.add_child(name="Interview photos")


def make_private(media, collection):
    media.collection = collection
    media.save()
    return media


def stem(media):
    return Path(media.file.name).stem


def test_private_gallery_photos_and_covers_are_not_listed(api, gallery, private):
    photos = list(gallery.photos.select_related("image"))
    assert len(photos) >= 2
    hidden = make_private(photos[0].image, private)
    for code in ("en", "tr", "ur"):
        slug = in_locale(gallery, code).slug
        body = api(f"/api/v1/{code}/galleries/{slug}/").content.decode()
        listing = api(f"/api/v1/{code}/galleries/").content.decode()
        assert stem(hidden) not in body and stem(hidden) not in listing
        detail = api(f"/api/v1/{code}/galleries/{slug}/").json()
        assert len(detail["photos"]) == len(photos) - 1
        assert detail["cover"] is not None  # the first photo that is not private
        assert "original_images" not in body


def test_no_image_of_a_gallery_is_shown_when_all_are_private(api, gallery, private):
    for photo in gallery.photos.select_related("image"):
        make_private(photo.image, private)
    if gallery.cover_photo:
        make_private(gallery.cover_photo, private)
    detail = api(f"/api/v1/en/galleries/{gallery.slug}/").json()
    assert detail["photos"] == [] and detail["cover"] is None


def test_a_private_report_is_not_under_documents(api, bosnia_assessment, private):
    report = bosnia_assessment.report
    slug = in_locale(bosnia_assessment, "bs").slug
    assert api(f"/api/v1/bs/assessments/{slug}/").json()["documents"]
    make_private(report, private)
    for code, page_slug in (("en", bosnia_assessment.slug), ("bs", slug)):
        detail = api(f"/api/v1/{code}/assessments/{page_slug}/").json()
        assert report.url not in str(detail)
        assert all(document["url"] != f"http://testserver{report.url}" for document in detail["documents"])


def test_private_media_in_a_body_are_neither_linked_nor_embedded(
    api, media_workshop, bosnia_assessment, private
):
    photo = get_image_model().objects.first()
    document = bosnia_assessment.report
    media_workshop.body = [
        (
            "paragraph",
            RichText(
                f'<p>Read <a linktype="document" id="{document.pk}">the statement</a>.</p>'
                f'<embed embedtype="image" id="{photo.pk}" alt="Interview" format="fullwidth"/>'
            ),
        ),
        ("image", {"image": photo, "caption": "Interview", "alt_text": "Interview"}),
        ("document", {"document": document, "title": "Statement"}),
    ]
    media_workshop.save_revision().publish()
    shown = api(f"/api/v1/en/events/{media_workshop.slug}/").json()["body"]
    assert [block["type"] for block in shown] == ["paragraph", "image", "document"]

    make_private(photo, private)
    make_private(document, private)
    response = api(f"/api/v1/en/events/{media_workshop.slug}/")
    body = response.json()["body"]
    assert [block["type"] for block in body] == ["paragraph"]
    assert "<a>the statement</a>" in body[0]["html"] and "<img" not in body[0]["html"]
    assert stem(photo) not in response.content.decode() and document.url not in response.content.decode()


def test_a_restriction_added_later_takes_effect_on_the_next_request(api, bosnia_assessment):
    url = f"/api/v1/en/assessments/{bosnia_assessment.slug}/"

    def locales():
        return [document["locale"] for document in api(url).json()["documents"]]

    assert locales() == ["en", "bs"]  # now in the response cache
    root = Collection.get_first_root_node()
    folder = root.add_child(name="Drafts of reports")
    make_private(bosnia_assessment.report, folder)
    assert locales() == ["en", "bs"]
    CollectionViewRestriction.objects.create(collection=folder, restriction_type="login")
    assert locales() == ["bs"]  # the Bosnian report is in no private collection


def download(client, document, filename=None):
    return client.get(f"/documents/{document.pk}/{filename or document.filename}")


def test_a_private_document_is_not_found_like_a_wrong_file_name(bosnia_assessment, private):
    anonymous = Client()
    file_hash = bosnia_assessment.report.get_file_hash()
    public = download(anonymous, bosnia_assessment.report)
    assert public.status_code == 200 and public["ETag"] == f'"{file_hash}"'
    wrong_name = download(anonymous, bosnia_assessment.report, "guessed.pdf")

    document = make_private(bosnia_assessment.report, private)
    private_right_name = download(anonymous, document)
    private_wrong_name = download(anonymous, document, "guessed.pdf")
    missing = anonymous.get("/documents/999999/guessed.pdf")
    for response in (wrong_name, private_right_name, private_wrong_name, missing):
        assert response.status_code == 404
        assert not response.has_header("ETag") and not response.has_header("Location")
    assert private_right_name.content == wrong_name.content == missing.content
    assert file_hash not in private_right_name.content.decode()
    # a known hash does not confirm anything either
    assert (
        anonymous.get(
            f"/documents/{document.pk}/{document.filename}", HTTP_IF_NONE_MATCH=f'"{file_hash}"'
        ).status_code
        == 404
    )


def test_a_logged_in_user_the_restriction_admits_may_download(admin_client, bosnia_assessment, private):
    document = make_private(bosnia_assessment.report, private)
    response = download(admin_client, document)
    assert response.status_code == 200


def test_no_rendition_file_is_made_for_a_private_image_on_publish(gallery, private):
    photo = gallery.photos.select_related("image").first().image
    photo.renditions.all().delete()
    make_private(photo, private)
    gallery.save_revision().publish()
    assert not photo.renditions.exists()
    other = gallery.photos.select_related("image").exclude(image=photo).first().image
    assert other.renditions.exists()


def test_documents_are_served_only_through_the_download_view(bosnia_assessment):
    """MEDIA_URL serves no document or original image file (docs/security.md: only /media/images/)."""
    document = get_document_model().objects.get(pk=bosnia_assessment.report_id)
    assert Client().get(f"/media/{document.file.name}").status_code == 404
    image = get_image_model().objects.first()
    assert Client().get(f"/media/{image.file.name}").status_code == 404
