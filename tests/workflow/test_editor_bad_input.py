"""What the translation editor's segment and override endpoints do with missing or garbled form data.

The editor's script sends `value` as form data with each PUT. Anything else (no `value`, a body
that is not form data, a NUL, an id override that is not a number) is answered 400 with a JSON
message, never a 500, and nothing is stored.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
)

from editorial import localization
from pages.models import AssessmentPage, EventIndexPage, EventPage, GalleryPage

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"

GARBLED = {
    "no value": ("", FORM),
    "another field": ("other=x", FORM),
    "JSON instead of form data": ('{"value": "x"}', "application/json"),
    "multipart without a boundary": ("value=x", "multipart/form-data"),
    "broken multipart": ("--b\r\nnot a part\r\n", "multipart/form-data; boundary=b"),
    "a NUL character": ("value=a%00b", FORM),
    "another control character": ("value=a%07b", FORM),
}


@pytest.fixture
def editor():
    """The demo Turkish editor; a server error is answered, not raised, as in production."""
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="tr-editor"))
    return client


def turkish_translation(model, slug):
    english = model.objects.get(locale__language_code="en", slug=slug)
    return Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="tr"
    )


@pytest.fixture
def string_url():
    translation = turkish_translation(EventPage, "media-reporting-workshop-2017")
    segment = StringSegment.objects.filter(source=translation.source).first()
    return reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))


@pytest.fixture
def address_url():
    """An organisation's website, which the language may replace with its own address."""
    segment = OverridableSegment.objects.filter(context__path="website").first()
    translation = Translation.objects.get(source=segment.source, target_locale__language_code="tr")
    return reverse("wagtail_localize:edit_override", args=(translation.pk, segment.pk))


@pytest.fixture
def report_url():
    """The assessment's report PDF, which the language may replace with its own (by id)."""
    translation = turkish_translation(AssessmentPage, "nrm-assessment-bosnia-and-herzegovina")
    segment = OverridableSegment.objects.get(source=translation.source, context__path="report")
    return reverse("wagtail_localize:edit_override", args=(translation.pk, segment.pk))


def stored():
    return (
        list(StringTranslation.objects.values_list("pk", "data").order_by("pk")),
        list(SegmentOverride.objects.values_list("pk", "data_json").order_by("pk")),
    )


def assert_refused(response):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    messages = response.json()["value"]
    assert messages and all(isinstance(message, str) and message for message in messages)


@pytest.mark.parametrize("endpoint", ["string_url", "address_url", "report_url"])
@pytest.mark.parametrize(("body", "content_type"), GARBLED.values(), ids=GARBLED.keys())
def test_garbled_form_data_is_a_400_and_stores_nothing(editor, request, endpoint, body, content_type):
    url = request.getfixturevalue(endpoint)
    before = stored()
    assert_refused(editor.put(url, body, content_type=content_type))
    assert stored() == before


@pytest.mark.parametrize("value", ["abc", "", "12.5", "-3", "1e3", "١٢"])
def test_a_replacement_report_must_be_given_by_its_number(editor, report_url, value):
    before = stored()
    assert_refused(editor.put(report_url, urlencode({"value": value}), content_type=FORM))
    assert stored() == before


def test_well_formed_values_are_still_stored(editor, string_url, address_url, report_url):
    document = get_document_model().objects.first()
    for url, value in (
        (string_url, "Medya çalıştayı\n\tikinci satır"),
        (address_url, "https://example.org/tr/rehber"),
        (report_url, str(document.pk)),
    ):
        response = editor.put(url, urlencode({"value": value}), content_type=FORM)
        assert response.status_code in (200, 201), (url, response.content[:300])


def override_url(model, slug, path_start):
    translation = turkish_translation(model, slug)
    segment = OverridableSegment.objects.filter(
        source=translation.source, context__path__startswith=path_start
    ).first()
    return reverse("wagtail_localize:edit_override", args=(translation.pk, segment.pk))


@pytest.mark.parametrize(
    ("model", "slug", "path", "chosen"),
    [
        (AssessmentPage, "nrm-assessment-bosnia-and-herzegovina", "report", get_document_model),
        (GalleryPage, "media-reporting-workshop-2017-photos", "cover_photo", get_image_model),
        (GalleryPage, "media-reporting-workshop-2017-photos", "photos.", get_image_model),
        (GalleryPage, "media-reporting-workshop-2017-photos", "event", lambda: EventPage),
    ],
)
def test_a_replacement_must_exist(editor, model, slug, path, chosen):
    """A missing image, document or page would make publishing the translation fail."""
    url = override_url(model, slug, path)
    missing = chosen().objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    before = stored()
    response = editor.put(url, urlencode({"value": missing}), content_type=FORM)
    assert_refused(response)
    assert "does not exist" in response.json()["value"][0]
    assert stored() == before


def test_a_replacement_image_in_the_body_must_exist(editor, django_capture_on_commit_callbacks):
    index = EventIndexPage.objects.get(locale__language_code="en")
    image = get_image_model().objects.first()
    event = EventPage(
        title="Workshop with a photo",
        kind="workshop",
        start_date=timezone.now().date(),
        body=[("image", {"image": image, "caption": "Participants", "alt_text": "Participants"})],
    )
    index.add_child(instance=event)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        localization.translate(event, Locale.objects.get(language_code="tr"), lambda text: f"TR {text}")
    url = override_url(EventPage, event.slug, "body.")
    missing = get_image_model().objects.order_by("-pk").first().pk + 1000
    for value, message in ((missing, "does not exist"), ("photo.jpg", "a number is expected")):
        response = editor.put(url, urlencode({"value": value}), content_type=FORM)
        assert_refused(response)
        assert message in response.json()["value"][0]
    assert editor.put(url, urlencode({"value": image.pk}), content_type=FORM).status_code in (200, 201)


ASSESSMENT = (AssessmentPage, "nrm-assessment-bosnia-and-herzegovina")
GALLERY = (GalleryPage, "media-reporting-workshop-2017-photos")


@pytest.mark.parametrize(
    ("item", "path", "media_model"),
    [
        (ASSESSMENT, "report", get_document_model),
        (GALLERY, "cover_photo", get_image_model),
        (GALLERY, "photos.", get_image_model),
    ],
    ids=["report", "cover", "photo"],
)
def test_a_replacement_from_a_private_collection_is_refused(editor, item, path, media_model):
    """Readers never see a private image or document: a translation may not put one in place."""
    url = override_url(*item, path)
    private = Collection.get_first_root_node().add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    media = media_model().objects.first()
    media.collection = private.add_child(name="2024")  # private by its parent's restriction
    media.save()
    before = stored()
    response = editor.put(url, urlencode({"value": media.pk}), content_type=FORM)
    assert_refused(response)
    assert "private collection" in response.json()["value"][0]
    assert stored() == before
