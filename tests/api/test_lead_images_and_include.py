"""What a partner page needs in one request: lead images and covers as renditions for `srcset`
(made on publishing, never in a request, never of a private image) and `include=`, which embeds the
linked items in a fixed number of queries."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from api.renditions import SRCSET_WIDTHS
from pages.models import EventPage
from tests.content import english, in_locale

pytestmark = pytest.mark.django_db

RENDITION_TABLE = get_image_model().get_rendition_model()._meta.db_table


def assert_srcset(image, alt):
    assert image["alt"] == alt and alt
    assert {source["type"] for source in image["sources"]} == {"image/webp", "image/jpeg"}
    for source in image["sources"]:
        candidates = source["renditions"]
        assert len(candidates) == len(SRCSET_WIDTHS) >= 4  # the demo images are 1600 wide
        assert [candidate["width"] for candidate in candidates] == list(SRCSET_WIDTHS)
        for candidate in candidates:
            assert candidate["alt"] == alt and candidate["height"] > 0
            assert f"{candidate['url']} {candidate['width']}w" in source["srcset"]
        extension = ".webp" if source["type"] == "image/webp" else ".jpg"
        assert all(candidate["url"].endswith(extension) for candidate in candidates)
    assert image["src"]["url"].endswith(".jpg") and image["src"]["width"] == max(SRCSET_WIDTHS)


def test_an_event_shows_its_lead_image_in_lists_and_details_in_each_language(api, media_workshop):
    for code in ("en", "ur", "tr"):
        page = in_locale(media_workshop, code)
        detail = api(f"/api/v1/{code}/events/{page.slug}/").json()
        assert_srcset(detail["lead_image"], page.lead_image_alt_text)
        assert detail["lead_image"]["caption"] == page.lead_image_caption
        if code != "en":  # the alternative text is translated
            assert page.lead_image_alt_text != media_workshop.lead_image_alt_text
        [listed] = [
            item for item in api(f"/api/v1/{code}/events/").json()["results"] if item["slug"] == page.slug
        ]
        assert listed["lead_image"] == detail["lead_image"]
    focal = detail["lead_image"]["focal_point"]
    assert 0 < focal["x"] < 100 and 0 < focal["y"] < 100  # the demo sets it on the image


def test_a_gallery_cover_carries_alternative_text(api, gallery):
    cover = api(f"/api/v1/en/galleries/{gallery.slug}/").json()["cover_image"]
    assert_srcset(cover, gallery.photos.get(image=gallery.cover_photo).alt_text)  # the photo's own
    gallery.cover_alt_text = "A cover described for itself"
    gallery.save_revision().publish()
    assert api(f"/api/v1/en/galleries/{gallery.slug}/").json()["cover_image"]["alt"] == gallery.cover_alt_text


def test_photos_and_body_images_come_for_srcset_too(api, gallery):
    photos = api(f"/api/v1/en/galleries/{gallery.slug}/").json()["photos"]
    assert photos and all(photo["image"]["alt"] == photo["alt_text"] for photo in photos)
    delegation = english(EventPage, "bosnian-delegation-netherlands-2016")
    body = api(f"/api/v1/en/events/{delegation.slug}/").json()["body"]
    [image] = [block for block in body if block["type"] == "image"]
    assert_srcset(image["image"], image["alt_text"])


def files_under_media():
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


def test_renditions_are_made_on_publishing_and_never_on_a_get(api, media_workshop):
    image = media_workshop.lead_image
    image.renditions.all().delete()
    files = files_under_media()
    with CaptureQueriesContext(connection) as captured:
        for code in ("en", "ur"):
            page = in_locale(media_workshop, code)
            assert api(f"/api/v1/{code}/events/{page.slug}/").json()["lead_image"] is None
            assert all(
                item["lead_image"] is None for item in api(f"/api/v1/{code}/events/").json()["results"]
            )
    writes = [q["sql"] for q in captured if RENDITION_TABLE in q["sql"] and not q["sql"].startswith("SELECT")]
    assert writes == [] and image.renditions.count() == 0
    assert files_under_media() == files  # no file made either
    media_workshop.save_revision().publish()
    assert image.renditions.count() >= 2 * len(SRCSET_WIDTHS)
    cache.clear()
    assert api(f"/api/v1/en/events/{media_workshop.slug}/").json()["lead_image"]


def test_a_private_lead_image_is_never_shown(api, media_workshop):
    restricted = Collection.get_first_root_node().add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type="login")
    image = media_workshop.lead_image
    shown = api(f"/api/v1/en/events/{media_workshop.slug}/").json()["lead_image"]
    addresses = [item["url"] for source in shown["sources"] for item in source["renditions"]]
    image.collection = restricted
    image.save()
    media_workshop.save_revision().publish()  # and publishing makes none of it
    assert image.renditions.count() == 0
    for code in ("en", "tr"):
        page = in_locale(media_workshop, code)
        detail = api(f"/api/v1/{code}/events/{page.slug}/")
        listed = api(f"/api/v1/{code}/events/?include=gallery,assessment").content.decode()
        assert detail.json()["lead_image"] is None
        assert not any(address in detail.content.decode() + listed for address in addresses)


def test_include_embeds_the_linked_items(api, media_workshop, bosnia_assessment, gallery):
    code = "bs"
    event = api(f"/api/v1/{code}/events/{in_locale(media_workshop, code).slug}/?include=gallery").json()
    assert event["included"]["gallery"]["translation_key"] == str(gallery.translation_key)
    assert event["included"]["gallery"]["locale"] == code and event["included"]["gallery"]["cover_image"]
    assert "assessment" not in event["included"]  # only what was asked for
    assert api(f"/api/v1/{code}/events/{in_locale(media_workshop, code).slug}/").json()["included"] == {}

    tirana = english(EventPage, "training-seminar-tirana-2016")
    path = f"/api/v1/{code}/events/{in_locale(tirana, code).slug}/?include=assessment,gallery"
    included = api(path).json()["included"]
    assert included["gallery"] is None
    assessment = included["assessment"]
    assert assessment["translation_key"] == str(bosnia_assessment.translation_key)
    assert [document["locale"] for document in assessment["documents"]] == ["en", "bs"]  # its reports

    slug = in_locale(bosnia_assessment, code).slug
    events = api(f"/api/v1/{code}/assessments/{slug}/?include=events&fallback=source").json()["included"][
        "events"
    ]
    assert {item["translation_key"] for item in events} == {
        str(tirana.translation_key),
        str(english(EventPage, "bosnian-delegation-netherlands-2016").translation_key),
    }
    # the untranslated delegation comes in English, as the assessment's related_events name it
    assert {(item["locale"], item["is_fallback"]) for item in events} == {(code, False), ("en", True)}

    listed = api(f"/api/v1/{code}/galleries/?include=event").json()["results"]
    assert listed[0]["included"]["event"]["translation_key"] == str(media_workshop.translation_key)


@pytest.mark.parametrize(
    "query",
    [
        "include=photos",
        "include=gallery,nope",
        "include=event",
        "include=gallery&include=x",
        "include=Gallery",
    ],
)
def test_an_unknown_include_is_a_400(api, media_workshop, query):
    for path in (f"/api/v1/en/events/{media_workshop.slug}/?{query}", f"/api/v1/en/events/?{query}"):
        error = api(path, status=400).json()["error"]
        assert error["field"] == "include" and "gallery, assessment" in error["message"]


def queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_include_costs_a_fixed_number_of_queries(client, bosnia_assessment):
    assessment = f"/api/v1/tr/assessments/{in_locale(bosnia_assessment, 'tr').slug}/?include=events"
    lists = {
        size: queries(
            client, f"/api/v1/tr/events/?page_size={size}&include=gallery,assessment&fallback=source"
        )
        for size in (4, 20, 100)  # each has an event with a gallery and one with an assessment
    }
    counts = []
    # more related events, in more locales, cost no more
    for number in (3, 8):
        for event in EventPage.objects.filter(locale__language_code="en").order_by("pk")[:number]:
            EventPage.objects.filter(translation_key=event.translation_key).update(
                assessment=bosnia_assessment
            )
        counts.append(queries(client, assessment))
        assert len(client.get(assessment).json()["included"]["events"]) >= number
    assert counts[0] == counts[1], counts
    assert len(set(lists.values())) == 1, lists
    assert queries(client, "/api/v1/tr/galleries/?include=event") <= 16
