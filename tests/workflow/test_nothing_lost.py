"""Nothing a translator or an editor did is lost when the English source changes or moves.

The English page changes, a moderator syncs it through the admin (which never publishes), the
language's editors translate what is new and submit, and the translation is published. What was
translated before, and each language's own report, cover or photo, must still be there; what the
English page no longer has must be gone from the translations too.
"""

import io
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from api.renditions import RENDITIONS
from pages.models import (
    AssessmentPage,
    EventIndexPage,
    EventPage,
    GalleryPage,
    HomePage,
)

pytestmark = pytest.mark.django_db


FORM = "application/x-www-form-urlencoded"


# Driving the admin -----------------------------------------------------------------------


def translation_for(page, code) -> Translation:
    return Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code=code)


def translation_of(page, code):
    return page.get_translations().get(locale__language_code=code).specific


def segment_at(translation, path) -> StringSegment:
    return StringSegment.objects.get(source=translation.source, context__path=path)


def put_segment(client, translation, path, value):
    """Type a segment's translation in wagtail-localize's editor (it saves each segment at once)."""
    url = reverse(
        "wagtail_localize:edit_string_translation", args=(translation.pk, segment_at(translation, path).pk)
    )
    response = client.put(url, urlencode({"value": value}), content_type=FORM)
    assert response.status_code in (200, 201), response.content
    return response


def put_override(client, translation, path, value):
    """Replace a synchronised image or document with the language's own, in the editor."""
    segment = OverridableSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_override", args=(translation.pk, segment.pk))
    response = client.put(url, urlencode({"value": value}), content_type=FORM)
    assert response.status_code in (200, 201), response.content


def sync(client, page):
    """A moderator's "Sync translated pages" on the English page (the project's view: no publishing)."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    response = client.post(reverse("wagtail_localize:update_translations", args=(source.pk,)))
    assert response.status_code == 302
    return source


def submit(client, page):
    response = client.post(reverse("editorial_submit_translation", args=(page.pk,)), follow=True)
    assert "is submitted for review" in response.content.decode()


def workflow_action(client, page, action):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    assert client.post(url, {"comment": ""}).status_code in (200, 302)


def review_and_publish(client, member, page, code_name):
    """The language's reviewer approves, then a moderator gives the final approval (publishes)."""
    round_ = page.latest_revision_id  # a new pair of people each round
    client.force_login(member(f"{code_name} reviewers", username=f"reviewer-{round_}"))
    workflow_action(client, page, "approve")
    client.force_login(member("Moderators", username=f"moderator-{round_}"))
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress


def publish_in_editor(client, page, django_capture_on_commit_callbacks):
    """A moderator's Publish in the translation editor (wagtail-localize publishes on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), {"action": "publish"})
    assert response.status_code == 302


def latest_draft(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def body_texts(value) -> list[str]:
    return [str(block.value.source if hasattr(block.value, "source") else block.value) for block in value]


def make_image(name):
    picture = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(picture, "PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(picture, name=f"{name}.png"))


def make_pdf(name):
    return get_document_model().objects.create(
        title=name, file=ContentFile(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n", name=f"{name}.pdf")
    )


# Syncing keeps translators' work ---------------------------------------------------------


def test_a_sync_keeps_translated_segments_and_the_bosnian_report(client, member):
    english = AssessmentPage.objects.get(
        locale__language_code="en", slug="nrm-assessment-bosnia-and-herzegovina"
    )
    bosnian = translation_of(english, "bs")
    translation = translation_for(english, "bs")
    report = make_pdf("procjena-nrm-bih-bosanski")
    title = "Procjena mehanizma upućivanja u BiH (uredila bosanska redakcija)"
    last_paragraph = english.body[-1]
    paragraph_path = f"body.{last_paragraph.id}"
    paragraph = StringTranslation.objects.get(
        translation_of=segment_at(translation, paragraph_path).string,
        context__path=paragraph_path,
        locale=bosnian.locale,
    ).data

    # the Bosnian editors put in their own title and PDF, and the translation is published
    client.force_login(member("Bosnian editors"))
    put_override(client, translation, "report", report.pk)
    put_segment(client, translation, "title", title)
    submit(client, bosnian)
    review_and_publish(client, member, bosnian, "Bosnian")
    assert (bosnian.title, bosnian.report_id) == (title, report.pk)

    # the English summary changes and a moderator syncs through the admin
    english.summary = "How Bosnia and Herzegovina identifies and refers victims: the 2024 update."
    english.save_revision().publish()
    client.force_login(member("Moderators"))
    sync(client, english)

    bosnian.refresh_from_db()
    assert (bosnian.title, bosnian.report_id) == (title, report.pk)  # nothing published by the sync
    assert (
        StringTranslation.objects.get(
            translation_of=segment_at(translation, "title").string, locale=bosnian.locale
        ).data
        == title
    )
    override = SegmentOverride.objects.get(locale=bosnian.locale, context__path="report")
    assert str(override.data) == str(report.pk)

    # the editors translate only what is new and submit: the draft holds everything
    summary = "Kako Bosna i Hercegovina identifikuje i upućuje žrtve: ažuriranje iz 2024."
    client.force_login(member("Bosnian editors", username="second-bosnian-editor"))
    put_segment(client, translation, "summary", summary)
    submit(client, bosnian)
    draft = latest_draft(bosnian)
    assert (draft.title, draft.summary, draft.report_id) == (title, summary, report.pk)
    assert paragraph in " ".join(body_texts(draft.body))

    review_and_publish(client, member, bosnian, "Bosnian")
    item = client.get(f"/api/v1/bs/assessments/{bosnian.slug}/").json()
    assert (item["title"], item["summary"]) == (title, summary)
    assert paragraph in " ".join(block["html"] for block in item["body"] if "html" in block)
    assert ("bs", f"http://testserver{report.url}") in [
        (doc["locale"], doc["url"]) for doc in item["documents"]
    ]
    assert item["translation"]["status"] == "current"


def test_a_sync_keeps_the_albanian_cover_and_photo(client, member, django_capture_on_commit_callbacks):
    english = GalleryPage.objects.get(locale__language_code="en", slug="media-reporting-workshop-2017-photos")
    albanian = translation_of(english, "sq")
    translation = translation_for(english, "sq")
    first_photo, second_photo = english.photos.all()[:2]
    own_cover, own_photo = make_image("kopertina-shqip"), make_image("foto-shqip")
    caption_path = f"photos.{second_photo.translation_key}.caption"
    caption = StringTranslation.objects.get(
        translation_of=segment_at(translation, caption_path).string, locale=albanian.locale
    ).data

    moderator = member("Moderators")
    client.force_login(moderator)
    put_override(client, translation, "cover_photo", own_cover.pk)
    put_override(client, translation, f"photos.{first_photo.translation_key}.image", own_photo.pk)
    publish_in_editor(client, albanian, django_capture_on_commit_callbacks)
    albanian.refresh_from_db()
    assert albanian.cover_photo_id == own_cover.pk
    assert albanian.photos.get(translation_key=first_photo.translation_key).image_id == own_photo.pk

    english.credit = "Photos: ICMPD communication team"
    english.save_revision().publish()
    sync(client, english)
    client.force_login(member("Albanian editors"))
    put_segment(client, translation, "credit", "Foto: ekipi i komunikimit të ICMPD-së")
    client.force_login(moderator)
    publish_in_editor(client, albanian, django_capture_on_commit_callbacks)

    albanian = GalleryPage.objects.get(pk=albanian.pk)
    assert albanian.cover_photo_id == own_cover.pk
    assert albanian.photos.get(translation_key=first_photo.translation_key).image_id == own_photo.pk
    assert albanian.live_revision.as_object().cover_photo_id == own_cover.pk
    item = client.get(f"/api/v1/sq/galleries/{albanian.slug}/").json()
    assert item["credit"] == "Foto: ekipi i komunikimit të ICMPD-së"
    thumbnail = RENDITIONS["thumbnail"]
    assert item["cover"]["thumbnail"]["url"].endswith(own_cover.get_rendition(thumbnail).url)
    assert item["photos"][0]["renditions"]["thumbnail"]["url"].endswith(
        own_photo.get_rendition(thumbnail).url
    )
    assert item["photos"][1]["caption"] == caption


# Clearing in English clears in every language ----------------------------------------------


def test_a_cleared_city_and_a_removed_paragraph_are_gone_after_sync_and_publish(client, member):
    english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    albanian = translation_of(english, "sq")
    assert albanian.city and len(albanian.body) == 2
    kept = body_texts(albanian.body)[1]

    english.city = ""
    del english.body[0]
    english.save_revision().publish()
    client.force_login(member("Moderators"))
    sync(client, english)
    client.force_login(member("Albanian editors"))
    submit(client, albanian)
    draft = latest_draft(albanian)
    assert draft.city == "" and body_texts(draft.body) == [kept]

    review_and_publish(client, member, albanian, "Albanian")
    albanian = EventPage.objects.get(pk=albanian.pk)
    assert albanian.city == "" and body_texts(albanian.body) == [kept]
    item = client.get(f"/api/v1/sq/events/{albanian.slug}/").json()
    assert not item["city"]
    assert len(item["body"]) == 1 and kept in item["body"][0]["html"]


def test_an_emptied_report_is_gone_from_the_translation(client, member):
    english = AssessmentPage.objects.get(
        locale__language_code="en", slug="nrm-assessment-bosnia-and-herzegovina"
    )
    urdu = translation_of(english, "ur")
    assert urdu.report_id == english.report_id is not None

    english.report = None
    english.save_revision().publish()
    client.force_login(member("Moderators"))
    sync(client, english)
    client.force_login(member("Urdu editors"))
    submit(client, urdu)
    assert latest_draft(urdu).report_id is None
    review_and_publish(client, member, urdu, "Urdu")

    assert AssessmentPage.objects.get(pk=urdu.pk).report_id is None
    documents = client.get(f"/api/v1/ur/assessments/{urdu.slug}/").json()["documents"]
    # languages not synced yet still show the old report until they are published again
    assert not [doc for doc in documents if doc["locale"] in ("en", "ur")]


# Moving keeps the locale trees consistent --------------------------------------------------


def fixtree() -> str:
    out = io.StringIO()
    call_command("fixtree", "--noinput", stdout=out)
    return out.getvalue()


def assert_trees_consistent():
    report = fixtree()
    assert report.count("No problems found.") == 2, report  # the page tree and the collection tree
    for page in Page.objects.filter(depth__gt=2).specific():
        home = page.get_ancestors().type(HomePage).get()
        assert page.get_parent().locale_id == page.locale_id == home.locale_id, page


def test_reordering_an_event_keeps_every_locale_tree_consistent(client, member):
    english_index = EventIndexPage.objects.get(locale__language_code="en")
    adana = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    order_before = {
        index.locale.language_code: list(index.get_children().values_list("pk", flat=True))
        for index in EventIndexPage.objects.exclude(pk=english_index.pk)
    }
    moderator = member("Moderators")
    client.force_login(moderator)

    response = client.post(reverse("wagtailadmin_pages:set_page_position", args=(adana.pk,)) + "?position=0")
    assert response.status_code == 200
    assert PageLogEntry.objects.filter(page=adana, action="wagtail.reorder", user=moderator).exists()
    assert english_index.get_children().first().pk == adana.pk
    assert_trees_consistent()
    for translated in adana.get_translations():
        index = EventIndexPage.objects.get(locale=translated.locale)
        assert translated.get_parent().pk == index.pk
        assert (
            list(index.get_children().values_list("pk", flat=True))
            == order_before[index.locale.language_code]
        )


def test_moving_a_section_with_its_events_keeps_the_trees_consistent(client, member):
    english_index = EventIndexPage.objects.get(locale__language_code="en")
    events = set(english_index.get_children().values_list("pk", flat=True))
    home = english_index.get_parent()
    moderator = member("Moderators")
    client.force_login(moderator)

    # the only place a section may go is its own home page: it becomes the last section there
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=(english_index.pk, home.pk)))
    assert response.status_code == 302
    # its address does not change, so Wagtail logs it as a reordering
    assert PageLogEntry.objects.filter(page=english_index, action="wagtail.reorder", user=moderator).exists()
    english_index.refresh_from_db()
    assert home.get_children().last().pk == english_index.pk
    assert set(english_index.get_children().values_list("pk", flat=True)) == events
    assert_trees_consistent()
    for event in EventPage.objects.filter(pk__in=events):
        for translated in event.get_translations():
            assert translated.get_parent().pk == EventIndexPage.objects.get(locale=translated.locale).pk


def test_an_english_event_cannot_be_moved_into_another_languages_section(client, member):
    adana = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    albanian_index = EventIndexPage.objects.get(locale__language_code="sq")
    parent, path = adana.get_parent().pk, adana.path
    client.force_login(member("Moderators"))

    client.post(reverse("wagtailadmin_pages:move_confirm", args=(adana.pk, albanian_index.pk)))
    adana.refresh_from_db()
    assert (adana.get_parent().pk, adana.path) == (parent, path)
    assert_trees_consistent()
